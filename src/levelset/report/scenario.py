"""A scenario against the workspace as it is: text, JSON and Markdown, and the scenario
itself as a YAML file (``levelset plan --format scenario``)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import yaml
from rich.console import Console
from rich.text import Text

from levelset.model import Finding
from levelset.model.comparison import ScenarioComparison
from levelset.model.scenario import (
    HandWork,
    Operation,
    Scenario,
    describe,
    operation_name,
)
from levelset.model.text import per_week
from levelset.report._common import plural, problem_line, workspace_label

if TYPE_CHECKING:
    from levelset.report.formats import Printer
    from levelset.report.views import ScenarioView


def scenario_headline(comparison: ScenarioComparison) -> str:
    """``closes 16 findings, opens 1, keeps 48; 1 seat to fill``."""
    seats = len(comparison.seats_to_fill)
    return (
        f"closes {plural(len(comparison.closed), 'finding', 'findings')}, opens "
        f"{len(comparison.opened)}, keeps {len(comparison.kept)}; "
        f"{plural(seats, 'seat', 'seats')} to fill"
    )


def _title(comparison: ScenarioComparison) -> str:
    name = comparison.scenario.name or "Scenario"
    return f"{name} on {workspace_label(comparison.workspace)}"


def _finding_line(finding: Finding) -> str:
    kind, subject = finding.subject.kind, finding.subject.id
    return f"{finding.code} {finding.severity.value} {kind} {subject}: {finding.message}"


def _cost_line(comparison: ScenarioComparison) -> str:
    words = cost_words(comparison.cost_before, comparison.cost_after, comparison.cost_difference)
    return f"Cost: {words}."


def cost_words(before: float | None, after: float | None, difference: float | None) -> str:
    """What a change does to the cost a week, in the words every face uses: "2,858 a week
    less (298,247 → 295,389 of priced hours)", or why it is unknown."""
    if difference is None or before is None or after is None:
        return "unknown (no priced hours in the data)"
    word = "more" if difference > 0 else "less"
    return f"{abs(difference):,.0f} a week {word} ({before:,.0f} → {after:,.0f} of priced hours)"


def _hours_lines(comparison: ScenarioComparison) -> list[str]:
    lines = []
    for change in comparison.hours:
        verb = "frees" if change.change < 0 else "adds"
        lines.append(
            f"{change.name}: {verb} {per_week(abs(change.change))} "
            f"({change.before:g} → {change.after:g} h a week in the data)"
        )
    return lines


def _seat_lines(comparison: ScenarioComparison) -> list[str]:
    lines = []
    for seat in comparison.seats_to_fill:
        waiting = f"; {per_week(seat.hours_per_week)} waiting" if seat.hours_per_week else ""
        lines.append(f"{seat.seat}: {seat.title} ({seat.level}), {seat.reason}{waiting}")
    return lines


def _sections(comparison: ScenarioComparison) -> list[tuple[str, str, list[str]]]:
    return [
        ("Operations", "bold", [describe(op) for op in comparison.scenario.operations]),
        ("Closed", "green", [_finding_line(f) for f in comparison.closed]),
        ("Opened", "red", [_finding_line(f) for f in comparison.opened]),
        ("Hours a week", "bold", _hours_lines(comparison)),
        ("Seats to fill", "yellow", _seat_lines(comparison)),
        ("Notes (not applied)", "dim", list(comparison.scenario.notes)),
        (
            "Operations that could not apply",
            "red",
            [
                problem_line(comparison.workspace, p.location, p.message, p.hint)
                for p in comparison.problems
            ],
        ),
    ]


def render_scenario_text(comparison: ScenarioComparison, console: Console) -> None:
    """The headline, then each section that has anything in it."""
    console.print(Text(_title(comparison), style="bold"))
    console.print(Text(scenario_headline(comparison) + "."))
    console.print(Text(_cost_line(comparison)))
    for title, style, items in _sections(comparison):
        if not items:
            continue
        console.print()
        console.print(Text(title, style=f"bold {style}".strip()))
        for item in items:
            console.print(Text(f"  {item}"))


def _finding_dict(finding: Finding) -> dict[str, Any]:
    return {
        "code": finding.code,
        "severity": finding.severity.value,
        "subject": {"kind": finding.subject.kind, "id": finding.subject.id},
        "message": finding.message,
    }


def scenario_to_dict(comparison: ScenarioComparison) -> dict[str, Any]:
    """The comparison as plain data."""
    return {
        "scenario": {
            "name": comparison.scenario.name,
            "operations": [operation_dict(op) for op in comparison.scenario.operations],
            "notes": list(comparison.scenario.notes),
        },
        "closed": [_finding_dict(f) for f in comparison.closed],
        "opened": [_finding_dict(f) for f in comparison.opened],
        "kept": [_finding_dict(f) for f in comparison.kept],
        "hours_per_week": [
            {
                "person": c.person,
                "name": c.name,
                "before": c.before,
                "after": c.after,
                "change": c.change,
            }
            for c in comparison.hours
        ],
        "cost_per_week": {
            "before": comparison.cost_before,
            "after": comparison.cost_after,
            "difference": comparison.cost_difference,
        },
        "seats_to_fill": [
            {
                "seat": s.seat,
                "title": s.title,
                "level": s.level,
                "reason": s.reason,
                "hours_per_week": s.hours_per_week,
            }
            for s in comparison.seats_to_fill
        ],
        "problems": [
            {"location": str(p.location), "message": p.message, "hint": p.hint}
            for p in comparison.problems
        ],
    }


def render_scenario_json(comparison: ScenarioComparison) -> str:
    """The comparison as indented JSON, ending with a newline."""
    return json.dumps(scenario_to_dict(comparison), indent=2, ensure_ascii=False) + "\n"


def render_scenario_markdown(comparison: ScenarioComparison) -> str:
    """The comparison as Markdown lists under headings."""
    lines = [
        f"## {_title(comparison)}",
        "",
        scenario_headline(comparison).capitalize() + ".",
        "",
        _cost_line(comparison),
    ]
    for title, _style, items in _sections(comparison):
        if items:
            lines += ["", f"### {title}", ""]
            lines += [f"- {item}" for item in items]
    return "\n".join(lines) + "\n"


def operation_dict(operation: Operation) -> dict[str, Any]:
    """An operation as the mapping a scenario file writes (``op`` first, no defaults)."""
    data: dict[str, Any] = {"op": operation_name(operation)}
    for name in operation.__slots__:
        if name == "location":
            continue
        value = getattr(operation, name)
        if value is None or value == () or (name == "fte" and value == 1.0):
            continue
        key = "from" if isinstance(operation, HandWork) and name == "from_" else name
        data[key] = list(value) if isinstance(value, tuple) else value
    return data


def render_scenario_file(scenario: Scenario) -> str:
    """``scenario`` as a scenario file: one operation a line, readable by ``levelset
    scenario`` and editable before it is applied."""
    lines = ["# A scenario for `levelset scenario` and `levelset scenario apply`."]
    lines += ["# Edit, reorder or delete operations before applying them."]
    if scenario.name:
        lines.append(f"name: {_flow(scenario.name)}")
    lines.append("operations:")
    lines += [f"  - {_flow(operation_dict(op))}" for op in scenario.operations]
    if not scenario.operations:
        lines[-1] = "operations: []"
    if scenario.notes:
        lines.append("notes:")
        lines += [f"  - {_flow(note)}" for note in scenario.notes]
    return "\n".join(lines) + "\n"


def _flow(value: Any) -> str:
    text: str = yaml.safe_dump(
        value, default_flow_style=True, width=10**9, allow_unicode=True, sort_keys=False
    )
    return text.strip().removesuffix("...").strip()


# -- the plan, applied: what `levelset plan` shows under the plan -------------------------


def applied_headline(comparison: ScenarioComparison) -> str:
    """``Applying the plan closes 24 findings and opens 1 (1 warning); 40 stay open``."""
    serious = [f for f in comparison.opened if f.severity.value in ("warning", "error")]
    worst = (
        f" ({plural(len(serious), 'warning or error', 'warnings or errors')})" if serious else ""
    )
    return (
        f"Applying the plan closes {plural(len(comparison.closed), 'finding', 'findings')} "
        f"and opens {len(comparison.opened)}{worst}; {len(comparison.kept)} stay open"
    )


def _short(finding: Finding) -> str:
    return f"{finding.code} {finding.subject.kind} {finding.subject.id}"


def applied_lines(comparison: ScenarioComparison) -> list[tuple[str, list[str]]]:
    """The sections under the headline: what the plan closes and opens."""
    return [
        ("As operations", [describe(op) for op in comparison.scenario.operations]),
        ("Closes", [_short(f) for f in comparison.closed]),
        ("Opens", [f"{_short(f)}: {f.message}" for f in comparison.opened]),
    ]


def render_applied_text(comparison: ScenarioComparison, console: Console) -> None:
    """The plan applied, after the plan itself."""
    console.print()
    console.print(Text(applied_headline(comparison) + ".", style="bold"))
    for title, items in applied_lines(comparison):
        if items:
            console.print(Text(f"{title}:"))
            for item in items:
                console.print(Text(f"  • {item}"))


def applied_markdown(comparison: ScenarioComparison) -> str:
    """The plan applied, as a Markdown section."""
    lines = ["## The plan, applied", "", applied_headline(comparison) + "."]
    for title, items in applied_lines(comparison):
        if items:
            lines += ["", f"{title}:", ""] + [f"- {item}" for item in items]
    return "\n".join(lines) + "\n"


def applied_to_dict(comparison: ScenarioComparison) -> dict[str, Any]:
    """The plan applied, as plain data: the findings it closes, opens and keeps."""
    return {
        "closed": [_finding_dict(f) for f in comparison.closed],
        "opened": [_finding_dict(f) for f in comparison.opened],
        "kept": len(comparison.kept),
        "operations": [operation_dict(op) for op in comparison.scenario.operations],
    }


def scenario_text(view: ScenarioView) -> Printer:
    """The scenario view for the terminal."""
    return lambda console: render_scenario_text(view.comparison, console)


def scenario_json(view: ScenarioView) -> str:
    """The scenario view as JSON."""
    return render_scenario_json(view.comparison)


def scenario_markdown(view: ScenarioView) -> str:
    """The scenario view as Markdown."""
    return render_scenario_markdown(view.comparison)
