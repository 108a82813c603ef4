"""``levelset plan``: the plan alone, for the follow-up meeting — text, JSON, Markdown.

The transfers are a table (work, from, to, hours a week freed, cost difference) since
they are compared side by side; seats, the stop-doing list, partner actions and finance
actions (customers to reprice, the collections call list, pipeline to build, the
prospect list) read as sentences, as in the check report.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from levelset.model import Report
from levelset.report._common import workspace_label
from levelset.report.data import plan_to_dict, problem_to_dict
from levelset.report.events import events_line, events_to_dict
from levelset.report.finance_data import finance_line
from levelset.report.plan_items import (
    finance_sections,
    hours,
    money,
    partner_sentence,
    seat_sentence,
    stop_sentence,
)
from levelset.report.scenario import (
    applied_markdown,
    applied_to_dict,
    render_applied_text,
    render_scenario_file,
)

if TYPE_CHECKING:
    from levelset.report.formats import Printer
    from levelset.report.views import PlanView

NOTHING = "Nothing to change."
NO_EVENTS = (
    "Transfers and the stop-doing list need time entries or calendars "
    "(data/time, data/calendar); without them the plan comes from the structure alone."
)


def render_plan_text(report: Report, console: Console) -> None:
    """Transfers as a table, then seats, stop-doing items and partner actions."""
    plan = report.plan
    console.print(Text(f"Plan for {workspace_label(report.workspace)}", style="bold underline"))
    if report.allocation is not None:
        console.print(Text(events_line(report.allocation), style="dim"))
    if report.finance is not None:
        console.print(Text(finance_line(report.finance), style="dim"))
    if plan.transfers:
        console.print()
        console.print(Text("Transfers", style="bold"))
        table = Table(show_header=True, header_style="bold")
        table.add_column("work", overflow="fold")
        table.add_column("from", overflow="fold")
        table.add_column("to", overflow="fold")
        table.add_column("h/week freed", justify="right", no_wrap=True)
        table.add_column("cost diff./week", justify="right", no_wrap=True)
        for transfer in plan.transfers:
            cost = "" if transfer.cost_difference is None else money(transfer.cost_difference)
            table.add_row(
                transfer.work, transfer.from_, transfer.to, hours(transfer.hours_per_week), cost
            )
        console.print(table)
    sections = [
        ("Seats to create or fill", [seat_sentence(s) for s in plan.seats]),
        ("Stop doing", [stop_sentence(s) for s in plan.stop_doing]),
        ("Partner actions", [partner_sentence(p) for p in plan.partners]),
        *finance_sections(plan),
    ]
    for title, items in sections:
        if not items:
            continue
        console.print()
        console.print(Text(title, style="bold"))
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column()
        for item in items:
            grid.add_row("  •", Text(item))
        console.print(grid)
    if plan.is_empty():
        console.print(Text(NOTHING, style="bold green"))
    if report.allocation is None:
        console.print()
        console.print(Text(NO_EVENTS, style="dim"))


def plan_view_to_dict(report: Report) -> dict[str, Any]:
    """``{"workspace", "problems", "plan", "events"?}``: the plan part of the report."""
    data: dict[str, Any] = {
        "workspace": workspace_label(report.workspace),
        "problems": [problem_to_dict(p) for p in report.problems],
        "plan": plan_to_dict(report.plan),
    }
    if report.allocation is not None:
        data["events"] = events_to_dict(report.allocation)
    return data


def render_plan_json(report: Report) -> str:
    """The plan as indented JSON, ending with a newline."""
    return json.dumps(plan_view_to_dict(report), indent=2, ensure_ascii=False) + "\n"


def render_plan_markdown(report: Report) -> str:
    """The plan as Markdown: a transfers table and lists."""
    plan = report.plan
    lines = [f"# Plan for `{workspace_label(report.workspace)}`", ""]
    if report.allocation is not None:
        lines += [events_line(report.allocation) + ".", ""]
    if report.finance is not None:
        lines += [finance_line(report.finance) + ".", ""]
    if plan.transfers:
        lines += [
            "## Transfers",
            "",
            "| work | from | to | h/week freed | cost difference a week |",
            "|---|---|---|---:|---:|",
        ]
        for t in plan.transfers:
            cost = "" if t.cost_difference is None else money(t.cost_difference)
            cells = [t.work, t.from_, t.to, hours(t.hours_per_week), cost]
            lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
        lines.append("")
    for title, items in (
        ("Seats to create or fill", [seat_sentence(s) for s in plan.seats]),
        ("Stop doing", [stop_sentence(s) for s in plan.stop_doing]),
        ("Partner actions", [partner_sentence(p) for p in plan.partners]),
        *finance_sections(plan),
    ):
        if items:
            lines += [f"## {title}", ""] + [f"- {item}" for item in items] + [""]
    if plan.is_empty():
        lines += [NOTHING, ""]
    if report.allocation is None:
        lines += [f"_{NO_EVENTS}_", ""]
    return "\n".join(lines)


def plan_text(view: PlanView) -> Printer:
    """The plan view for the terminal, then what applying the plan closes and opens."""

    def show(console: Console) -> None:
        render_plan_text(view.report, console)
        if view.applied is not None:
            render_applied_text(view.applied, console)

    return show


def plan_json(view: PlanView) -> str:
    """The plan view as JSON, with ``applied`` when the plan was applied."""
    data = plan_view_to_dict(view.report)
    if view.applied is not None:
        data["applied"] = applied_to_dict(view.applied)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def plan_markdown(view: PlanView) -> str:
    """The plan view as Markdown, with what applying it closes and opens."""
    text = render_plan_markdown(view.report)
    if view.applied is not None:
        text += "\n" + applied_markdown(view.applied)
    return text


def plan_scenario_file(view: PlanView) -> str:
    """The plan as a scenario file (``levelset scenario`` and ``scenario apply`` take it)."""
    if view.scenario is None:
        raise ValueError("the plan view has no scenario to write")
    return render_scenario_file(view.scenario)
