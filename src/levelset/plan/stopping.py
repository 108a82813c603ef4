"""The stop-doing list: recurring meetings tied to no responsibility and no goal (JOB007)."""

from __future__ import annotations

from collections.abc import Iterable

from levelset.model import Finding, StopDoing


def stop_doing(findings: Iterable[Finding]) -> tuple[StopDoing, ...]:
    """One item per stop-doing candidate, the most hours a week first."""
    items: dict[str, StopDoing] = {}
    for finding in findings:
        if finding.code != "JOB007" or finding.subject.id in items:
            continue
        people = finding.evidence.get("people")
        hours = finding.evidence.get("hours_per_week")
        items[finding.subject.id] = StopDoing(
            work=finding.subject.id,
            who=tuple(str(p) for p in people) if isinstance(people, list) else (),
            hours_per_week=float(hours) if isinstance(hours, int | float) else 0.0,
            reason=finding.message,
        )
    return tuple(sorted(items.values(), key=lambda item: -item.hours_per_week))
