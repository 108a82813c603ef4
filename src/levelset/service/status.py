"""How a check ends: the exit status a report calls for."""

from __future__ import annotations

from levelset.model import Report, Severity, Workspace


def exit_status(report: Report, fail_on: Severity | str = Severity.ERROR) -> int:
    """2 when the report has problems, 1 when a finding reaches ``fail_on``, else 0."""
    threshold = fail_on if isinstance(fail_on, Severity) else Severity.parse(fail_on)
    if report.problems:
        return 2
    if any(finding.severity.rank >= threshold.rank for finding in report.findings):
        return 1
    return 0


def fail_on_setting(workspace: Workspace) -> Severity:
    """The ``fail_on`` severity ``levelset.toml`` sets (``error`` when it sets none)."""
    try:
        return Severity.parse(workspace.settings.fail_on or "error")
    except ValueError:  # the loader reports a bad value; fall back to the documented default
        return Severity.ERROR
