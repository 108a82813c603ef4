"""A person's line of sight from a hand-made allocation: hours by responsibility, the goal
chain to the top objective, and the hours tied to nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from levelset.model import Goal, Holder, Person, Responsibility, Seat, Workspace
from levelset.model.allocation import Allocation, WorkRow
from levelset.plan.line_of_sight import ACCOUNTABLE, OTHERS, RESPONSIBLE, line_of_sight

WORKSPACE = Workspace(
    root=Path("."),
    seats={
        "ceo": Seat("ceo", "CEO", "L5", holders=(Holder("dana"),)),
        "controller": Seat("controller", "Controller", "L3", reports_to="ceo"),
        "bookkeeper": Seat("bookkeeper", "Bookkeeper", "L1", reports_to="ceo"),
    },
    people={"dana": Person("dana", "Dana Reyes"), "sam": Person("sam", "Sam Lee")},
    responsibilities={
        "plan": Responsibility("plan", "Annual plan", accountable=("ceo",), goals=("obj-profit",)),
        "close": Responsibility(
            "close", "Monthly close", accountable=("controller",), goals=("kr-close",)
        ),
        "both": Responsibility(
            "both",
            "Strategy session",
            accountable=("ceo",),
            goals=("obj-profit", "obj-customer"),
        ),
        "payables": Responsibility(
            "payables", "Payables run", accountable=("bookkeeper",), responsible=("ceo",)
        ),
        "stray": Responsibility("stray", "Stray", accountable=("ceo",), goals=("kr-stray",)),
    },
    goals={
        "obj-profit": Goal("obj-profit", "Grow profit"),
        "obj-customer": Goal("obj-customer", "Easiest to buy from"),
        "kr-close": Goal("kr-close", "Close in 10 days", parent="obj-profit"),
        # a key result at the top: its chain reaches no objective
        "kr-stray": Goal("kr-stray", "Stray key result", kind="key_result"),
    },
)

ALLOCATION = Allocation(
    window_start=date(2026, 7, 6),
    window_end=date(2026, 7, 19),
    weeks=2,
    rows=(
        WorkRow("dana", "plan", "plan", "time", 20.0, 2),
        WorkRow("dana", "close", "close", "time", 6.0, 2),
        WorkRow("dana", "close", "Close meeting", "calendar", 2.0, 1, recurring=True),
        WorkRow("dana", "both", "Strategy session", "calendar", 4.0, 2, recurring=True),
        WorkRow("dana", "payables", "payables", "time", 3.0, 1),
        WorkRow("dana", "stray", "stray", "time", 1.0, 1),
        WorkRow("dana", None, "Vendor calls", "time", 5.0, 2),
        WorkRow("dana", None, "Vendor calls", "time", 1.0, 1),
        WorkRow("dana", None, "Ops sync", "calendar", 2.0, 1, recurring=True),
        WorkRow("sam", "close", "close", "time", 40.0, 2),
    ),
)


def test_hours_by_responsibility_with_role_and_goal_chain() -> None:
    view = line_of_sight(WORKSPACE, ALLOCATION, "dana")
    assert view.name == "Dana Reyes"
    assert view.seats == ("ceo",)
    lines = {w.responsibility: w for w in view.work}
    assert [w.responsibility for w in view.work] == ["plan", "close", "both", "payables", "stray"]
    close = lines["close"]
    assert (close.hours, close.hours_per_week, close.role) == (8.0, 4.0, OTHERS)
    assert close.paths[0].ids == ("kr-close", "obj-profit")
    assert close.paths[0].titles == ("Close in 10 days", "Grow profit")
    assert close.connected
    assert lines["plan"].role == ACCOUNTABLE
    assert lines["payables"].role == RESPONSIBLE


def test_what_is_tied_to_nothing() -> None:
    view = line_of_sight(WORKSPACE, ALLOCATION, "dana")
    lines = {w.responsibility: w for w in view.work}
    assert lines["payables"].paths == ()  # no goal
    assert not lines["stray"].connected  # a chain that reaches no objective
    assert [(u.label, u.source, u.hours) for u in view.unmatched] == [
        ("Vendor calls", "time", 6.0),
        ("Ops sync", "calendar", 2.0),
    ]
    assert view.total_hours == 44.0
    assert view.connected_hours == 20.0 + 8.0 + 4.0
    assert view.tied_to_nothing_hours == 3.0 + 1.0 + 8.0


def test_hours_a_week_per_top_objective_split_between_objectives() -> None:
    view = line_of_sight(WORKSPACE, ALLOCATION, "dana")
    shares = {s.objective: s.hours_per_week for s in view.objectives}
    # plan 10 + close 4 + half of the strategy session's 2 a week
    assert shares == pytest.approx({"obj-profit": 15.0, "obj-customer": 1.0})
    assert view.objectives[0].title == "Grow profit"


def test_a_person_with_no_hours_has_an_empty_line_of_sight() -> None:
    view = line_of_sight(WORKSPACE, ALLOCATION, "nobody")
    assert (view.work, view.unmatched, view.objectives, view.total_hours) == ((), (), (), 0)
    assert view.name == "nobody"
