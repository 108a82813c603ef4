"""What every renderer shares: ordering, counting and paths shown to the reader."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePosixPath

from levelset.model import Finding, Location, Report, Severity

_SEVERITY_WORDS = {
    Severity.ERROR: ("error", "errors"),
    Severity.WARNING: ("warning", "warnings"),
    Severity.INFO: ("info", "info"),
}


def workspace_label(workspace: Path) -> str:
    """The workspace as the user wrote it, POSIX style (``examples/acme``); bytes of a
    name that are not UTF-8 shown as ``\\xNN``, so that every report is valid text."""
    text = workspace.as_posix()
    return text if text.isascii() else os.fsencode(text).decode("utf-8", "backslashreplace")


def repo_path(workspace: Path, location: Location) -> str:
    """A location's file relative to where the command ran: the workspace path prefixed.

    Editors and CI annotations want a path they can open; the model keeps files relative
    to the workspace.
    """
    file = location.file
    if PurePosixPath(file).is_absolute() or Path(file).is_absolute():
        return file
    if file in ("", "."):
        return workspace_label(workspace)
    base = workspace_label(workspace)
    if base in ("", "."):
        return file
    return f"{base.rstrip('/')}/{file}"


def has_file(location: Location | None) -> bool:
    """True when the location names a real file (not the model's ``<none>``)."""
    return location is not None and location.file not in ("", "<none>")


def where(workspace: Path, location: Location | None) -> str:
    """``path:line`` for the reader, or an empty string when there is no location."""
    if location is None or not has_file(location):
        return ""
    path = repo_path(workspace, location)
    return path if location.line is None else f"{path}:{location.line}"


def ordered(findings: Iterable[Finding], families: Iterable[str] = ()) -> list[Finding]:
    """Findings by family (in the catalogue's order, when given), then code, then place."""
    order = {family: index for index, family in enumerate(families)}

    def key(finding: Finding) -> tuple[int, str, str, int, str, str]:
        family = finding.code[:3]
        loc = finding.location
        return (
            order.get(family, len(order)),
            finding.code,
            loc.file if loc else "\uffff",
            (loc.line or 0) if loc else 0,
            finding.subject.kind,
            finding.subject.id,
        )

    return sorted(findings, key=key)


def by_family(
    findings: Iterable[Finding], families: Mapping[str, str] | None = None
) -> dict[str, list[Finding]]:
    """Findings grouped by their three-letter family, groups in catalogue order."""
    groups: dict[str, list[Finding]] = {}
    for finding in ordered(findings, (families or {}).keys()):
        groups.setdefault(finding.code[:3], []).append(finding)
    return groups


def plural(count: int, one: str, many: str) -> str:
    """``1 finding`` / ``3 findings``."""
    return f"{count} {one if count == 1 else many}"


def summary_line(report: Report) -> str:
    """``12 findings: 3 errors, 8 warnings, 1 info`` (or ``No findings``)."""
    if not report.findings:
        return "No findings"
    counts = Counter(finding.severity for finding in report.findings)
    parts = [
        plural(counts[severity], *_SEVERITY_WORDS[severity])
        for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO)
        if counts[severity]
    ]
    return f"{plural(len(report.findings), 'finding', 'findings')}: {', '.join(parts)}"


def problem_line(workspace: Path, problem_location: Location, message: str, hint: str) -> str:
    """``file:line: message (hint)``, the line editors jump to."""
    place = where(workspace, problem_location) or workspace_label(workspace)
    text = f"{place}: {message}"
    return f"{text} ({hint})" if hint else text


def markdown_cell(text: str) -> str:
    """``text`` as a Markdown table cell: cells cannot hold pipes or line breaks."""
    return text.replace("|", "\\|").replace("\n", " ").strip()


def markdown_row(cells: Iterable[str]) -> str:
    """A row of a Markdown table."""
    return "| " + " | ".join(markdown_cell(c) for c in cells) + " |"
