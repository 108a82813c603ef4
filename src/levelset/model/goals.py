"""The goal tree: children, kinds, the path to a top objective and rolled-up progress."""

from __future__ import annotations

import math
from collections.abc import Mapping

from levelset.model.org import Goal, Metric


class GoalTree:
    """Read-only views of the goals of a workspace as a tree through ``parent``.

    The loader guarantees parents exist and there are no cycles; a goal whose parent is
    unknown is treated as a root so the tree can still be shown.
    """

    def __init__(self, goals: Mapping[str, Goal]) -> None:
        self.goals = goals
        self.children: dict[str, list[Goal]] = {}
        self.roots: list[Goal] = []
        for goal in goals.values():
            if goal.parent is not None and goal.parent in goals:
                self.children.setdefault(goal.parent, []).append(goal)
            else:
                self.roots.append(goal)
        self._progress: dict[str, float | None] = {}

    def kind(self, goal: Goal) -> str:
        """``objective`` or ``key_result``: as written, else by place in the tree.

        A goal with children of its own is an objective; a goal with a metric is a key
        result (measured, as the connect-the-dots article has it; with no parent, a key
        result tied to no objective); otherwise a goal with no parent is an objective and
        a leaf under a parent a key result.
        """
        if goal.kind is not None:
            return goal.kind
        if goal.id in self.children:
            return "objective"
        if goal.metric is not None or goal.parent is not None:
            return "key_result"
        return "objective"

    def top(self, goal: Goal) -> Goal:
        """The top objective above ``goal`` (itself when it has no parent)."""
        seen: set[str] = set()
        current = goal
        while current.parent is not None and current.parent in self.goals:
            if current.id in seen:  # a cycle the loader reported; stop here
                break
            seen.add(current.id)
            current = self.goals[current.parent]
        return current

    def progress(self, goal: Goal) -> float | None:
        """Progress from 0 to 1, or ``None`` when nothing below it can be measured.

        A key result's progress is (current − start) / (target − start), clamped to
        0..1. An objective's is the weighted mean of its measurable children.
        """
        if goal.id not in self._progress:
            self._roll_up(goal)
        return self._progress[goal.id]

    def _roll_up(self, top: Goal) -> None:
        # Children before parents, with a stack rather than recursion: a chain of
        # parents may be thousands long in a valid workspace.
        stack: list[tuple[Goal, bool]] = [(top, False)]
        while stack:
            goal, children_done = stack.pop()
            if children_done:
                self._progress[goal.id] = self._compute(goal)
                continue
            if goal.id in self._progress:
                continue
            self._progress[goal.id] = None  # guards against cycles
            stack.append((goal, True))
            stack.extend(
                (child, False)
                for child in self.children.get(goal.id, [])
                if child.id not in self._progress
            )

    def _compute(self, goal: Goal) -> float | None:
        children = self.children.get(goal.id, [])
        if not children:
            return metric_progress(goal.metric) if goal.metric else None
        total = weight = 0.0
        for child in children:
            value = self._progress.get(child.id)
            if value is not None and child.weight > 0:
                total += value * child.weight
                weight += child.weight
        if weight == 0:
            return metric_progress(goal.metric) if goal.metric else None
        return total / weight


def metric_progress(metric: Metric) -> float | None:
    """(current − start) / (target − start), clamped to 0..1; ``None`` if not measurable.

    A target equal to the start measures nothing (the key-result rule says so too), and
    a value that is not a finite number cannot be measured either.
    """
    start, target, current = metric.start, metric.target, metric.current
    if start is None or target is None or current is None:
        return None
    if not all(math.isfinite(v) for v in (start, target, current)) or target == start:
        return None
    return min(1.0, max(0.0, (current - start) / (target - start)))
