"""The terminal report: findings tables by family, a summary line, the plan.

Colour comes from rich, which turns it off when the output is not a terminal.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table
from rich.text import Text

from levelset.model import Finding, Problem, Report, Severity
from levelset.report._common import (
    by_family,
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
    from levelset.report.formats import Printer
    from levelset.report.views import CheckView

#: The subject column wraps beyond this, leaving the rest of the line to the finding.
SUBJECT_WIDTH = 14

SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def print_problems(console: Console, report: Report, problems: tuple[Problem, ...]) -> None:
    """``file:line: message (hint)``, one a line, then how many there were."""
    for problem in problems:
        line = problem_line(report.workspace, problem.location, problem.message, problem.hint)
        console.print(Text(line, style="red"), soft_wrap=True)
    console.print(
        Text(
            f"{plural(len(problems), 'problem', 'problems')} in "
            f"{workspace_label(report.workspace)}",
            style="bold red",
        ),
        soft_wrap=True,
    )


def _table(report: Report, findings: list[Finding]) -> Table:
    """Three columns so the finding keeps most of the width, even at 80 columns."""
    table = Table(show_header=True, header_style="bold", expand=False, show_lines=False)
    table.add_column("code", no_wrap=True)
    table.add_column("subject", overflow="fold", max_width=SUBJECT_WIDTH)
    table.add_column("finding", overflow="fold")
    for finding in findings:
        code = Text(finding.code, style="bold")
        code.append("\n" + finding.severity.value, style=SEVERITY_STYLE[finding.severity])
        table.add_row(
            code,
            f"{finding.subject.kind} {finding.subject.id}",
            _finding_cell(report, finding),
        )
    return table


def _finding_cell(report: Report, finding: Finding) -> Text:
    """Where (the line an editor jumps to), the message, then the recommendation."""
    cell = Text()
    place = where(report.workspace, finding.location)
    if place:
        cell.append(place + "\n", style="dim")
    cell.append(finding.message)
    if finding.recommendation:
        cell.append("\n→ " + finding.recommendation, style="green")
    return cell


def _print_plan(console: Console, report: Report) -> None:
    sections = plan_sections(report.plan)
    if not sections:
        return
    console.print()
    console.print(Text("Plan", style="bold underline"))
    for title, items in sections:
        console.print(Text(title, style="bold"))
        # a grid keeps wrapped lines hanging under their bullet
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column()
        for item in items:
            grid.add_row("  •", Text(item))
        console.print(grid)


def render_text(
    report: Report,
    console: Console,
    families: Mapping[str, str] | None = None,
    after_plan: Printer | None = None,
) -> None:
    """Print the report to ``console``. ``families`` gives each family a heading;
    ``after_plan`` prints what follows the plan (the plan applied), before the summary
    line, which stays last."""
    families = families or {}
    if report.problems:
        print_problems(console, report, report.problems)
        if not report.findings and not report.accepted:
            return
        console.print()
    for family, findings in by_family(report.findings, families).items():
        heading = Text(family, style="bold magenta")
        if family in families:
            heading.append(f"  {families[family]}", style="magenta")
        console.print(heading)
        console.print(_table(report, findings))
        console.print()
    if report.accepted:
        console.print(Text(accepted_heading(report).capitalize(), style="bold dim"))
        for line in accepted_lines(report):
            console.print(Text(f"  {line}", style="dim"), soft_wrap=True)
        console.print()
    _print_plan(console, report)
    if after_plan is not None:
        after_plan(console)
    summary = summary_line(report)
    style = "bold green" if not report.findings else "bold"
    console.print()
    if report.allocation is not None:
        console.print(Text(events_line(report.allocation), style="dim"))
    if report.finance is not None:
        console.print(Text(finance_line(report.finance), style="dim"))
    console.print(Text(f"{workspace_label(report.workspace)}: {summary}", style=style))


def check_text(view: CheckView) -> Printer:
    """The check view for the terminal: families titled and ordered as ``view`` says."""

    applied = view.applied
    if applied is None:
        return lambda console: render_text(view.report, console, view.families)
    from levelset.report.scenario import render_applied_text  # noqa: PLC0415

    def after_plan(console: Console) -> None:
        render_applied_text(applied, console)

    return lambda console: render_text(view.report, console, view.families, after_plan)
