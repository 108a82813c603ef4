"""The stop-doing list: recurring meetings tied to no responsibility and no goal
(``UnownedMeetingEvidence``)."""

from __future__ import annotations

from collections.abc import Iterable

from levelset.model import Finding, StopDoing
from levelset.model.evidence import UnownedMeetingEvidence


def stop_doing(findings: Iterable[Finding]) -> tuple[StopDoing, ...]:
    """One item per stop-doing candidate, the most hours a week first."""
    items: dict[str, StopDoing] = {}
    for finding in findings:
        evidence = finding.evidence
        if not isinstance(evidence, UnownedMeetingEvidence) or finding.subject.id in items:
            continue
        items[finding.subject.id] = StopDoing(
            work=finding.subject.id,
            who=tuple(evidence.people),
            hours_per_week=float(evidence.hours_per_week),
            reason=finding.message,
        )
    return tuple(sorted(items.values(), key=lambda item: -item.hours_per_week))
