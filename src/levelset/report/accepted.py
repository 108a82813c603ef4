"""Accepted findings as every format shows them: the finding, who accepted it, why and
until when. They are listed apart from the open findings, never silently dropped."""

from __future__ import annotations

from levelset.model import Report
from levelset.model.acceptance import AcceptedFinding
from levelset.report._common import ordered, plural, where


def accepted_in_order(report: Report) -> list[AcceptedFinding]:
    """The report's accepted findings in the order its open findings are shown."""
    position = {id(f): i for i, f in enumerate(ordered(a.finding for a in report.accepted))}
    return sorted(report.accepted, key=lambda a: position[id(a.finding)])


def accepted_to_dict(accepted: AcceptedFinding) -> dict[str, object]:
    """One accepted finding for JSON: the finding's own keys and ``accepted``."""
    finding = accepted.finding
    acceptance = accepted.acceptance
    place = acceptance.location
    return {
        "code": finding.code,
        "rule": finding.rule,
        "severity": finding.severity.value,
        "subject": {"kind": finding.subject.kind, "id": finding.subject.id},
        "message": finding.message,
        "location": (
            {"file": finding.location.file, "line": finding.location.line}
            if finding.location
            else None
        ),
        "accepted": {
            "by": acceptance.by,
            "why": acceptance.why,
            "until": acceptance.until.isoformat(),
            "location": {"file": place.file, "line": place.line} if place else None,
        },
    }


def accepted_note(accepted: AcceptedFinding) -> str:
    """``accepted by Ana until 2026-12-31: why``: the words every format shows."""
    acceptance = accepted.acceptance
    return f"accepted by {acceptance.by} until {acceptance.until.isoformat()}: {acceptance.why}"


def accepted_lines(report: Report) -> list[str]:
    """One line per accepted finding: code, subject, message, where, and the note."""
    lines = []
    for accepted in accepted_in_order(report):
        finding = accepted.finding
        place = where(report.workspace, finding.location)
        at = f" ({place})" if place else ""
        lines.append(
            f"{finding.code} {finding.subject.kind} {finding.subject.id}{at}: "
            f"{finding.message} [{accepted_note(accepted)}]"
        )
    return lines


def accepted_heading(report: Report) -> str:
    """``2 accepted findings (they do not fail the check)``."""
    count = plural(len(report.accepted), "accepted finding", "accepted findings")
    return f"{count} (they do not fail the check)"
