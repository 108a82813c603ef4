"""GitHub Actions workflow commands: one annotation per problem and finding.

``::warning file=examples/acme/org.yaml,line=7,title=LEV002 level-gap::message``. Paths are
prefixed with the workspace path so they are relative to the repository when the command
runs at its root.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from levelset.model import Location, Report, Severity
from levelset.report._common import has_file, ordered, repo_path
from levelset.report.accepted import accepted_in_order, accepted_note

if TYPE_CHECKING:
    from levelset.report.views import CheckView

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(level: str, report: Report, location: Location | None, title: str, text: str) -> str:
    props: list[str] = []
    if location is not None and has_file(location):
        props.append(f"file={_escape_property(repo_path(report.workspace, location))}")
        if location.line is not None:
            props.append(f"line={location.line}")
    props.append(f"title={_escape_property(title)}")
    return f"::{level} {','.join(props)}::{_escape_data(text)}"


def render_github(report: Report) -> str:
    """Every problem as an ``error`` and every finding at its severity (info is ``notice``)."""
    lines = [
        _command(
            "error",
            report,
            problem.location,
            "levelset: workspace problem",
            f"{problem.message} ({problem.hint})" if problem.hint else problem.message,
        )
        for problem in report.problems
    ]
    for finding in ordered(report.findings):
        message = finding.message
        if finding.recommendation:
            message = f"{message}\n{finding.recommendation}"
        title = f"{finding.code} {finding.rule}"
        lines.append(_command(_LEVEL[finding.severity], report, finding.location, title, message))
    for accepted in accepted_in_order(report):
        finding = accepted.finding
        title = f"{finding.code} {finding.rule} (accepted)"
        message = f"{finding.message}\n{accepted_note(accepted)}"
        lines.append(_command("notice", report, finding.location, title, message))
    return "".join(f"{line}\n" for line in lines)


def check_github(view: CheckView) -> str:
    """The check view as GitHub annotations, titled by each finding's code and rule."""
    return render_github(view.report)
