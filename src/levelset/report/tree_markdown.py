"""The seat tree and the goal tree in Markdown: nested lists a consultant can paste."""

from __future__ import annotations

from levelset.report._common import workspace_label
from levelset.report.goals import metric_text, owner_text, progress_bar
from levelset.report.org import level_text
from levelset.report.trees import hidden_text, holder_names
from levelset.report.views import GoalNode, GoalTreeView, OrgView, SeatNode

_INDENT = "  "


def _seat_lines(seat: SeatNode, depth: int) -> list[str]:
    parts = [f"**`{seat.id}`** {seat.title}", level_text(seat)]
    if seat.function:
        parts[-1] += f" · {seat.function}"
    parts.append(holder_names(seat.holders))
    lines = [f"{_INDENT * depth}- " + " — ".join(parts)]
    for child in seat.children:
        lines += _seat_lines(child, depth + 1)
    if seat.hidden:
        lines.append(f"{_INDENT * (depth + 1)}- {hidden_text(seat.hidden, 'seat', 'seats')}")
    return lines


def org_markdown(view: OrgView) -> str:
    """A heading, then one list item per seat, nested under the seat it reports to."""
    lines = [
        f"# Seats of `{workspace_label(view.workspace)}`",
        "",
        f"{view.name} — {view.seat_count} seats.",
        "",
    ]
    for root in view.roots:
        lines += _seat_lines(root, 0)
    return "\n".join(lines) + "\n"


def _goal_lines(goal: GoalNode, depth: int) -> list[str]:
    parts = [
        f"**`{goal.id}`** {goal.title}",
        progress_bar(goal.progress),
        goal.kind.replace("_", " "),
        owner_text(goal),
    ]
    if goal.period is not None:
        parts.append(goal.period)
    if goal.metric is not None:
        parts.append(metric_text(goal.metric))
    if goal.weight != 1:
        parts.append(f"weight {goal.weight:g}")
    lines = [f"{_INDENT * depth}- " + " · ".join(parts)]
    for child in goal.children:
        lines += _goal_lines(child, depth + 1)
    if goal.hidden:
        lines.append(f"{_INDENT * (depth + 1)}- {hidden_text(goal.hidden, 'goal', 'goals')}")
    return lines


def goal_tree_markdown(view: GoalTreeView) -> str:
    """A heading, then one list item per goal, nested under its parent."""
    lines = [
        f"# Goals of `{workspace_label(view.workspace)}`",
        "",
        f"{view.name} — {view.goal_count} goals.",
        "",
    ]
    for root in view.roots:
        lines += _goal_lines(root, 0)
    return "\n".join(lines) + "\n"
