"""A partner's slice of the organization, to share with it: text, Markdown and JSON.

The slice is cut in the service layer (``service.audience``): these renderers show what
it holds and nothing else, so a file written for a partner says no more than the web
app's partner page. The JSON has the shape of the web API's ``/api/t/{tenant}/partner``.
"""

from __future__ import annotations

import dataclasses
import json
from typing import TYPE_CHECKING, Any

from rich.table import Table
from rich.text import Text

from levelset.model.partner_slice import PartnerSlice
from levelset.report._common import markdown_row, plural

if TYPE_CHECKING:
    from rich.console import Console

    from levelset.report.formats import Printer
    from levelset.report.views import PartnerSliceView


def partner_to_dict(found: PartnerSlice) -> dict[str, Any]:
    """The slice as JSON-ready data (lists for tuples)."""
    return json.loads(json.dumps(dataclasses.asdict(found)))  # type: ignore[no-any-return]


def partner_json(view: PartnerSliceView) -> str:
    """The slice as indented JSON, ending with a newline."""
    return json.dumps(partner_to_dict(view.slice), indent=2, ensure_ascii=False) + "\n"


def _intro(found: PartnerSlice) -> str:
    line = f"{found.name}'s part of {found.organization or 'the organization'}"
    line += f" ({found.function})." if found.function else "."
    if found.owner:
        line += f" The relationship is owned by {found.owner}."
    return line


def _goal(path: tuple[str, ...], reaches: bool) -> str:
    return " → ".join(path) + ("" if reaches else " (reaches no top objective)")


def _tables(found: PartnerSlice) -> list[tuple[str, list[str], list[list[str]], str]]:
    """Each section: its heading, columns, rows and what to say when it has none."""
    no_data = f"No time or calendar data: {found.missing}."
    sessions = [
        [f"{s.title} ({s.responsibility})", str(s.held), str(s.invited), str(s.attended)]
        for s in found.sessions or ()
    ]
    hours = [
        [
            p.name,
            f"{p.hours_per_week:.1f}",
            f"{p.outside_scope_per_week:.1f}",
            "; ".join(f"{work} {h:.1f}" for work, h in p.by_work),
        ]
        for p in found.hours or ()
    ]
    return [
        (
            "Seats held",
            ["seat", "level", "function", "reports to"],
            [[s.title, s.level, s.function, s.reports_to or ""] for s in found.seats],
            "No seat is held by the firm.",
        ),
        (
            "Scope and responsibilities",
            ["responsibility", "part", "in scope"],
            [[w.name, w.role, "yes" if w.in_scope else "no"] for w in found.work],
            "No scope is written down.",
        ),
        (
            "Strategy sessions",
            ["meeting", "held", "invited", "attended"],
            sessions,
            no_data if found.sessions is None else "No strategy session in the window.",
        ),
        (
            "Hours a week of the firm's people",
            ["person", "hours a week", "outside the scope", "by work"],
            hours,
            no_data if found.hours is None else "None of the firm's people logged hours.",
        ),
    ]


def partner_markdown(view: PartnerSliceView) -> str:
    """The slice as a Markdown document (headings, tables, lists)."""
    found = view.slice
    lines = [f"# {found.name}", "", _intro(found), ""]
    for heading, columns, rows, none in _tables(found)[:2]:
        lines += _markdown_table(heading, columns, rows, none)
    lines += ["## Goals shared", ""]
    lines += [f"- {_goal(g.path, g.reaches_objective)}" for g in found.goals] or ["No goal."]
    lines += ["", "## Findings about the firm, its seats and its people", ""]
    lines += [
        f"- **{f.code}** ({f.severity}, {f.subject_kind} `{f.subject_id}`): {f.message}"
        + (f" *{f.recommendation}*" if f.recommendation else "")
        for f in found.findings
    ] or ["No findings."]
    lines.append("")
    for heading, columns, rows, none in _tables(found)[2:]:
        lines += _markdown_table(heading, columns, rows, none)
    return "\n".join(lines).rstrip() + "\n"


def _markdown_table(
    heading: str, columns: list[str], rows: list[list[str]], none: str
) -> list[str]:
    if not rows:
        return [f"## {heading}", "", none, ""]
    lines = [f"## {heading}", "", markdown_row(columns), markdown_row("---" for _ in columns)]
    return [*lines, *(markdown_row(row) for row in rows), ""]


def partner_text(view: PartnerSliceView) -> Printer:
    """The slice for the terminal: its sections as tables."""
    return lambda console: _print(view.slice, console)


def _print(found: PartnerSlice, console: Console) -> None:
    console.print(f"[bold]{found.name}[/bold]", highlight=False)
    console.print(_intro(found), highlight=False, markup=False)
    for heading, columns, rows, none in _tables(found)[:2]:
        _print_table(console, heading, columns, rows, none)
    console.print("\n[bold]Goals shared[/bold]")
    for goal in found.goals:
        console.print(f"  {_goal(goal.path, goal.reaches_objective)}", markup=False)
    if not found.goals:
        console.print("  No goal.")
    console.print(f"\n[bold]Findings[/bold]: {plural(len(found.findings), 'finding', 'findings')}")
    for f in found.findings:
        console.print(f"  {f.code} {f.severity}: {f.message}", markup=False, highlight=False)
    for heading, columns, rows, none in _tables(found)[2:]:
        _print_table(console, heading, columns, rows, none)


def _print_table(
    console: Console, heading: str, columns: list[str], rows: list[list[str]], none: str
) -> None:
    console.print(f"\n[bold]{heading}[/bold]")
    if not rows:
        console.print(f"  {none}", markup=False)
        return
    table = Table(*columns, show_edge=False)
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))  # workspace text, never markup
    console.print(table)
