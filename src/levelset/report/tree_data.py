"""The seat tree and the goal tree as plain data, for ``org`` and ``tree --format json``.

Each node lists its children under ``reports`` (seats) or ``children`` (goals), so the
JSON keeps the tree's shape; a NaN progress (nothing measurable) is written ``null``.
"""

from __future__ import annotations

import json
from typing import Any

from levelset.report._common import workspace_label
from levelset.report.goals import measurable
from levelset.report.views import GoalNode, GoalTreeView, OrgView, SeatNode

JSONObject = dict[str, Any]


def seat_to_dict(seat: SeatNode) -> JSONObject:
    """A seat with its holders and the seats reporting to it."""
    return {
        "id": seat.id,
        "title": seat.title,
        "level": seat.level,
        "level_name": seat.level_name,
        "function": seat.function,
        "vacant": seat.vacant,
        "holders": [{"name": h.text, "partner": h.partner} for h in seat.holders],
        "reports": [seat_to_dict(child) for child in seat.children],
        # only on a seat where a tree deeper than a view shows was cut
        **({"hidden_below": seat.hidden} if seat.hidden else {}),
    }


def org_to_dict(view: OrgView) -> JSONObject:
    """``{"workspace", "name", "seat_count", "seats"}``; ``seats`` holds the roots."""
    return {
        "workspace": workspace_label(view.workspace),
        "name": view.name,
        "seat_count": view.seat_count,
        "seats": [seat_to_dict(root) for root in view.roots],
    }


def goal_to_dict(goal: GoalNode) -> JSONObject:
    """A goal with its owner, period, metric, progress (0..1 or null) and children."""
    metric = goal.metric
    progress = goal.progress if measurable(goal.progress) else None
    return {
        "id": goal.id,
        "title": goal.title,
        "kind": goal.kind,
        "progress": None if progress is None else round(progress, 4),
        "owner": goal.owner,
        "owner_holders": goal.owner_holders,
        "period": goal.period,
        "metric": None
        if metric is None
        else {
            "start": metric.start,
            "target": metric.target,
            "current": metric.current,
            "unit": metric.unit,
        },
        "weight": goal.weight,
        "children": [goal_to_dict(child) for child in goal.children],
        **({"hidden_below": goal.hidden} if goal.hidden else {}),
    }


def goal_tree_to_dict(view: GoalTreeView) -> JSONObject:
    """``{"workspace", "name", "goal_count", "goals"}``; ``goals`` holds the roots."""
    return {
        "workspace": workspace_label(view.workspace),
        "name": view.name,
        "goal_count": view.goal_count,
        "goals": [goal_to_dict(root) for root in view.roots],
    }


def org_json(view: OrgView) -> str:
    """The seat tree as indented JSON, ending with a newline."""
    return json.dumps(org_to_dict(view), indent=2, ensure_ascii=False) + "\n"


def goal_tree_json(view: GoalTreeView) -> str:
    """The goal tree as indented JSON, ending with a newline."""
    return json.dumps(goal_tree_to_dict(view), indent=2, ensure_ascii=False) + "\n"
