"""The goal tree: objectives and key results with owners, periods, metrics and progress."""

from __future__ import annotations

import math

from rich.text import Text
from rich.tree import Tree

from levelset.model import Goal, GoalTree, Metric, Workspace
from levelset.report.org import holder_names

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


def owner_text(workspace: Workspace, goal: Goal) -> str:
    """``owner ceo (Dana Reyes)`` or ``no owner``."""
    if goal.owner is None:
        return "no owner"
    seat = workspace.seats.get(goal.owner)
    if seat is None:
        return f"owner {goal.owner}"
    return f"owner {goal.owner} ({holder_names(workspace, seat)})"


def _goal_label(workspace: Workspace, goals: GoalTree, goal: Goal) -> Text:
    kind = goals.kind(goal)
    progress = goals.progress(goal)
    label = Text(goal.id, style="bold" if kind == "objective" else "")
    # progress first: it is what a reader scans the tree for
    label.append(f"  {progress_bar(progress)}", style="green" if measurable(progress) else "dim")
    label.append(f"  {goal.title}")
    label.append(f"  {kind.replace('_', ' ')}", style="magenta")
    label.append(f" · {owner_text(workspace, goal)}", style="cyan")
    if goal.period is not None:
        label.append(f" · {goal.period}", style="dim")
    if goal.metric is not None:
        label.append(f" · {metric_text(goal.metric)}", style="dim")
    if goal.weight != 1:
        label.append(f" · weight {goal.weight:g}", style="dim")
    return label


def goal_tree(workspace: Workspace) -> Tree:
    """A rich tree of goals through ``parent``, each with its rolled-up progress."""
    goals = GoalTree(workspace.goals)
    tree = Tree(Text(f"{workspace.name} — {len(workspace.goals)} goals", style="bold"))
    seen: set[str] = set()

    def add(branch: Tree, goal: Goal) -> None:
        if goal.id in seen:  # a cycle the loader reports; never loop
            return
        seen.add(goal.id)
        node = branch.add(_goal_label(workspace, goals, goal))
        for child in goals.children.get(goal.id, []):
            add(node, child)

    for root in goals.roots:
        add(tree, root)
    return tree
