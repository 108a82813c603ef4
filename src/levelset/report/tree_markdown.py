"""The seat tree and the goal tree in Markdown: nested lists a consultant can paste."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar

from levelset.report._common import workspace_label
from levelset.report.goals import metric_text, owner_text, progress_bar
from levelset.report.org import level_text
from levelset.report.trees import hidden_text, holder_names
from levelset.report.views import GoalNode, GoalTreeView, OrgView, SeatNode

_INDENT = "  "


class _Node(Protocol):
    @property
    def children(self) -> Sequence[_Node]: ...

    @property
    def hidden(self) -> int: ...


N = TypeVar("N", bound=_Node)


def _nested(node: N, depth: int, text: Callable[[N], str], nouns: tuple[str, str]) -> list[str]:
    """``node`` as a list item, its children nested under it, and a last item saying how
    many lie below where the tree was cut."""
    lines = [f"{_INDENT * depth}- {text(node)}"]
    for child in node.children:
        lines += _nested(child, depth + 1, text, nouns)  # type: ignore[arg-type]
    if node.hidden:
        lines.append(f"{_INDENT * (depth + 1)}- {hidden_text(node.hidden, *nouns)}")
    return lines


def _seat_text(seat: SeatNode) -> str:
    parts = [f"**`{seat.id}`** {seat.title}", level_text(seat)]
    if seat.function:
        parts[-1] += f" · {seat.function}"
    parts.append(holder_names(seat.holders))
    return " — ".join(parts)


def _goal_text(goal: GoalNode) -> str:
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
    return " · ".join(parts)


def _document(heading: str, summary: str, roots: list[list[str]]) -> str:
    lines = [heading, "", summary, ""]
    for root in roots:
        lines += root
    return "\n".join(lines) + "\n"


def org_markdown(view: OrgView) -> str:
    """A heading, then one list item per seat, nested under the seat it reports to."""
    return _document(
        f"# Seats of `{workspace_label(view.workspace)}`",
        f"{view.name} — {view.seat_count} seats.",
        [_nested(root, 0, _seat_text, ("seat", "seats")) for root in view.roots],
    )


def goal_tree_markdown(view: GoalTreeView) -> str:
    """A heading, then one list item per goal, nested under its parent."""
    return _document(
        f"# Goals of `{workspace_label(view.workspace)}`",
        f"{view.name} — {view.goal_count} goals.",
        [_nested(root, 0, _goal_text, ("goal", "goals")) for root in view.roots],
    )
