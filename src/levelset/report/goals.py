"""The goal tree for the terminal: objectives and key results with owners, periods,
metrics and rolled-up progress."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from rich.text import Text
from rich.tree import Tree

from levelset.report.trees import goal_tree_view, hidden_text
from levelset.report.views import GoalNode, GoalTreeView

if TYPE_CHECKING:
    from levelset.model import Metric, Workspace
    from levelset.report.formats import Printer

BAR_WIDTH = 10


def measurable(progress: float | None) -> bool:
    """True for a real progress figure; not for ``None`` nor a NaN from odd weights."""
    return progress is not None and math.isfinite(progress)


def progress_bar(progress: float | None) -> str:
    """``███████░░░  70%``, or ``no measure`` when nothing below can be measured."""
    if progress is None or not measurable(progress):
        return "no measure"
    progress = min(max(progress, 0.0), 1.0)
    filled = round(progress * BAR_WIDTH)
    return f"{'█' * filled}{'░' * (BAR_WIDTH - filled)} {percent(progress)}"


def percent(progress: float) -> str:
    """``42%`` (rounded to a whole percent)."""
    return f"{progress * 100:.0f}%"


def _number(value: float | None) -> str:
    return "?" if value is None else f"{value:g}"


def metric_text(metric: Metric) -> str:
    """``62 → 40 days, now 55``."""
    unit = f" {metric.unit}" if metric.unit and metric.unit != "%" else metric.unit
    target = f"{_number(metric.target)}{unit}"
    return f"{_number(metric.start)} → {target}, now {_number(metric.current)}"


def owner_text(goal: GoalNode) -> str:
    """``owner ceo (Dana Reyes)`` or ``no owner``."""
    if goal.owner is None:
        return "no owner"
    if goal.owner_holders is None:
        return f"owner {goal.owner}"
    return f"owner {goal.owner} ({goal.owner_holders})"


def _goal_label(goal: GoalNode) -> Text:
    label = Text(goal.id, style="bold" if goal.kind == "objective" else "")
    # progress first: it is what a reader scans the tree for
    style = "green" if measurable(goal.progress) else "dim"
    label.append(f"  {progress_bar(goal.progress)}", style=style)
    label.append(f"  {goal.title}")
    label.append(f"  {goal.kind.replace('_', ' ')}", style="magenta")
    label.append(f" · {owner_text(goal)}", style="cyan")
    if goal.period is not None:
        label.append(f" · {goal.period}", style="dim")
    if goal.metric is not None:
        label.append(f" · {metric_text(goal.metric)}", style="dim")
    if goal.weight != 1:
        label.append(f" · weight {goal.weight:g}", style="dim")
    return label


def goal_view_tree(view: GoalTreeView) -> Tree:
    """The goal tree as a rich tree under a ``name — N goals`` heading."""
    tree = Tree(Text(f"{view.name} — {view.goal_count} goals", style="bold"))

    def add(branch: Tree, goal: GoalNode) -> None:
        node = branch.add(_goal_label(goal))
        for child in goal.children:
            add(node, child)
        if goal.hidden:
            node.add(Text(hidden_text(goal.hidden, "goal", "goals"), style="dim"))

    for root in view.roots:
        add(tree, root)
    return tree


def goal_tree(workspace: Workspace) -> Tree:
    """A rich tree of the goals of ``workspace`` (``goal_tree_view`` drawn)."""
    return goal_view_tree(goal_tree_view(workspace))


def goal_tree_text(view: GoalTreeView) -> Printer:
    """The goal tree for the terminal."""
    return lambda console: console.print(goal_view_tree(view))
