"""A Markdown report a consultant can paste into a document or an issue."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from levelset.model import Finding, Plan, Report
from levelset.report._common import (
    by_family,
    markdown_cell,
    markdown_row,
    plural,
    problem_line,
    summary_line,
    where,
    workspace_label,
)
from levelset.report.accepted import accepted_heading, accepted_lines
from levelset.report.events import events_line
from levelset.report.finance_data import finance_line
from levelset.report.plan_items import plan_sections

if TYPE_CHECKING:
    from levelset.report.views import CheckView


def _finding_row(report: Report, finding: Finding) -> str:
    place = where(report.workspace, finding.location)
    cells = [
        f"`{finding.code}`",
        finding.severity.value,
        f"{finding.subject.kind} `{finding.subject.id}`",
        finding.message,
        finding.recommendation,
        f"`{place}`" if place else "",
    ]
    return markdown_row(cells)


def _plan_lines(plan: Plan) -> list[str]:
    lines: list[str] = []
    for title, items in plan_sections(plan):
        lines += ["", f"### {title}", ""]
        lines += [f"- {item}" for item in items]
    return lines


def render_markdown(report: Report, families: Mapping[str, str] | None = None) -> str:
    """Summary, one findings table per family, then the plan. ``families`` names them."""
    families = families or {}
    lines = [f"# levelset report: `{workspace_label(report.workspace)}`", ""]
    if report.problems:
        lines += [
            f"**{plural(len(report.problems), 'problem', 'problems')}** reading the workspace:",
            "",
        ]
        lines += [
            f"- `{problem_line(report.workspace, p.location, p.message, p.hint)}`"
            for p in report.problems
        ]
        lines.append("")
        if not report.findings and not report.accepted:
            # the rules did not run: "no findings" and "nothing to change" would mislead
            lines.append("The workspace was not checked; fix these problems and run it again.")
            return "\n".join(lines) + "\n"
    lines += [f"**{summary_line(report)}.**", ""]
    if report.allocation is not None:
        lines += [f"{events_line(report.allocation)}.", ""]
    if report.finance is not None:
        lines += [f"{finance_line(report.finance)}.", ""]
    groups = by_family(report.findings, families)
    if groups:
        lines += ["| family | findings |", "|---|---|"]
        for family, findings in groups.items():
            name = markdown_cell(families.get(family, family))
            lines.append(f"| {name} (`{family}`) | {len(findings)} |")
    for family, findings in groups.items():
        lines += ["", f"## {family}: {families.get(family, family)}", ""]
        lines += [
            "| code | severity | subject | finding | recommendation | where |",
            "|---|---|---|---|---|---|",
        ]
        lines += [_finding_row(report, finding) for finding in findings]
    if report.accepted:
        lines += ["", f"## {accepted_heading(report).capitalize()}", ""]
        lines += [f"- {markdown_cell(line)}" for line in accepted_lines(report)]
    lines += ["", "## Plan"]
    if report.plan.is_empty():
        lines += ["", "Nothing to change."]
    else:
        lines += _plan_lines(report.plan)
    return "\n".join(lines) + "\n"


def check_markdown(view: CheckView) -> str:
    """The check view as Markdown: one section per family, titled as ``view`` says."""
    text = render_markdown(view.report, view.families)
    if view.applied is not None:
        from levelset.report.scenario import applied_markdown  # noqa: PLC0415

        text += "\n" + applied_markdown(view.applied)
    return text
