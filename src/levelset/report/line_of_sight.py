"""A person's line of sight: a tree from their hours to the top objectives, and the rest.

Each responsibility the person worked on is a branch with its hours a week, its role
(accountable, responsible or someone else's), and under it the chain of goals up to the
objective; work that leads to no objective is marked, and work that matched no
responsibility is listed at the end as tied to nothing.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.text import Text
from rich.tree import Tree

from levelset.plan.line_of_sight import OTHERS, LineOfSight, WorkLine
from levelset.report.plan_items import hours

if TYPE_CHECKING:
    from levelset.report.formats import Printer
    from levelset.report.views import LineOfSightView

NO_GOAL = "tied to no goal"
NO_OBJECTIVE = "reaches no objective"


def _share(part: float, whole: float) -> str:
    return f"{part / whole:.0%}" if whole > 0 else "0%"


def headline(view: LineOfSight) -> str:
    """``Dana Reyes (dana), seats ceo: 38.5 h/week over 12 weeks; 62% reach an objective``."""
    seats = ", ".join(view.seats) if view.seats else "no seat"
    weekly = view.total_hours / max(view.weeks, 1)
    return (
        f"{view.name} ({view.person}), {seats}: {hours(weekly)} h/week over "
        f"{view.weeks} weeks ({view.window_start}..{view.window_end}); "
        f"{_share(view.connected_hours, view.total_hours)} reach a top objective"
    )


def _gap(line: WorkLine) -> str:
    if not line.paths:
        return NO_GOAL
    return "" if line.connected else NO_OBJECTIVE


def render_line_of_sight_text(view: LineOfSight, console: Console) -> None:
    """The tree of work → goals → objective, then the objectives and loose work."""
    tree = Tree(Text(headline(view), style="bold"))
    for line in view.work:
        label = Text(f"{hours(line.hours_per_week):>5} h/week  ", style="bold")
        label.append(f"{line.name} ({line.responsibility})")
        label.append(f"  {line.role}", style="red" if line.role == OTHERS else "cyan")
        gap = _gap(line)
        if gap:
            label.append(f"  {gap}", style="bold red")
        branch = tree.add(label)
        for path in line.paths:
            chain = " → ".join(f"{i} {t}" for i, t in zip(path.ids, path.titles, strict=True))
            branch.add(Text(chain, style="green" if path.connected else "yellow"))
    if view.unmatched:
        loose = tree.add(Text("tied to nothing (matches no responsibility)", style="bold red"))
        for item in view.unmatched:
            loose.add(Text(f"{hours(item.hours_per_week):>5} h/week  {item.label} ({item.source})"))
    if not view.work and not view.unmatched:
        tree.add(Text("no hours in the window", style="dim"))
    console.print(tree)
    if view.objectives:
        console.print(Text("By top objective:", style="bold"))
        for share in view.objectives:
            console.print(
                Text(f"  {hours(share.hours_per_week):>5} h/week  {share.objective} {share.title}")
            )
    weekly = view.tied_to_nothing_hours / max(view.weeks, 1)
    console.print(
        Text(
            f"Tied to nothing: {hours(weekly)} h/week "
            f"({_share(view.tied_to_nothing_hours, view.total_hours)} of the hours)",
            style="bold red" if view.tied_to_nothing_hours else "bold green",
        )
    )


def line_of_sight_to_dict(view: LineOfSight) -> dict[str, Any]:
    """The line of sight as plain data."""
    return {
        "person": view.person,
        "name": view.name,
        "seats": list(view.seats),
        "window": {
            "start": view.window_start.isoformat(),
            "end": view.window_end.isoformat(),
            "weeks": view.weeks,
        },
        "hours": round(view.total_hours, 4),
        "connected_hours": round(view.connected_hours, 4),
        "tied_to_nothing_hours": round(view.tied_to_nothing_hours, 4),
        "work": [
            {
                "responsibility": line.responsibility,
                "name": line.name,
                "role": line.role,
                "hours": round(line.hours, 4),
                "hours_per_week": round(line.hours_per_week, 4),
                "connected": line.connected,
                "goals": [
                    {"path": list(p.ids), "titles": list(p.titles), "connected": p.connected}
                    for p in line.paths
                ],
            }
            for line in view.work
        ],
        "unmatched": [
            {
                "label": item.label,
                "source": item.source,
                "hours": round(item.hours, 4),
                "hours_per_week": round(item.hours_per_week, 4),
            }
            for item in view.unmatched
        ],
        "objectives": [
            {
                "objective": s.objective,
                "title": s.title,
                "hours_per_week": round(s.hours_per_week, 4),
            }
            for s in view.objectives
        ],
    }


def render_line_of_sight_json(view: LineOfSight) -> str:
    """The line of sight as indented JSON, ending with a newline."""
    return json.dumps(line_of_sight_to_dict(view), indent=2, ensure_ascii=False) + "\n"


def render_line_of_sight_markdown(view: LineOfSight) -> str:
    """A heading, a table of work with its goal chain, then the work tied to nothing."""
    lines = [f"## Line of sight: {view.name}", "", headline(view) + ".", ""]
    lines += ["| h/week | work | role | goals → objective |", "|---:|---|---|---|"]
    for line in view.work:
        chains = "; ".join(" → ".join(p.ids) for p in line.paths) or NO_GOAL
        if line.paths and not line.connected:
            chains += f" ({NO_OBJECTIVE})"
        name = f"{line.name} (`{line.responsibility}`)".replace("|", "\\|")
        lines.append(f"| {hours(line.hours_per_week)} | {name} | {line.role} | {chains} |")
    if view.objectives:
        lines += ["", "By top objective:", ""]
        lines += [
            f"- `{s.objective}` {s.title}: {hours(s.hours_per_week)} h/week"
            for s in view.objectives
        ]
    if view.unmatched:
        lines += ["", "Tied to nothing (matches no responsibility):", ""]
        lines += [
            f"- {u.label} ({u.source}): {hours(u.hours_per_week)} h/week" for u in view.unmatched
        ]
    weekly = view.tied_to_nothing_hours / max(view.weeks, 1)
    lines += ["", f"**Tied to nothing: {hours(weekly)} h/week.**"]
    return "\n".join(lines) + "\n"


def line_of_sight_text(view: LineOfSightView) -> Printer:
    """The line-of-sight view for the terminal."""
    return lambda console: render_line_of_sight_text(view.sight, console)


def line_of_sight_json(view: LineOfSightView) -> str:
    """The line-of-sight view as JSON."""
    return render_line_of_sight_json(view.sight)


def line_of_sight_markdown(view: LineOfSightView) -> str:
    """The line-of-sight view as Markdown."""
    return render_line_of_sight_markdown(view.sight)
