"""Applying a scenario: a new workspace and allocation, the hours following the work."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from levelset.load import load_workspace
from levelset.model import Location, Workspace
from levelset.model.allocation import CALENDAR, TIME, Allocation, SeriesAttendance, WorkRow
from levelset.model.scenario import (
    AddRole,
    ChangeGoals,
    ChangeOwner,
    ChangeScope,
    CreateSeat,
    FillSeat,
    HandWork,
    MoveAccountability,
    RemoveRole,
    RetireSeat,
    Scenario,
    StopMeeting,
    VacateSeat,
)
from levelset.model.scenario_apply import apply_scenario

CLEAN = Path(__file__).resolve().parents[2] / "examples" / "clean"


@pytest.fixture(scope="module")
def clean() -> Workspace:
    loaded = load_workspace(CLEAN)
    assert loaded.ok
    return loaded.workspace


def _allocation(*rows: WorkRow, series: tuple[SeriesAttendance, ...] = ()) -> Allocation:
    return Allocation(date(2026, 7, 6), date(2026, 8, 2), 4, rows=rows, series=series)


def test_the_original_is_untouched_and_the_organization_changes(clean: Workspace) -> None:
    scenario = Scenario(
        operations=(
            CreateSeat(
                "sales-lead", "Sales Lead", "L2", "sales", "sales-manager", ("account-manager",)
            ),
            FillSeat("sales-lead", person="tomas-berg"),
            MoveAccountability("key-accounts", "sales-lead"),
            AddRole("key-accounts", "consulted", "ceo"),
            RemoveRole("key-accounts", "responsible", "account-manager"),
            ChangeScope("ledgerly", add=("monthly-close",)),
            ChangeOwner("ledgerly", "ceo"),
        )
    )
    applied = apply_scenario(clean, scenario)
    assert applied.problems == ()
    after = applied.workspace
    assert after.seats["account-manager"].reports_to == "sales-lead"
    assert [h.person for h in after.seats["sales-lead"].holders] == ["tomas-berg"]
    resp = after.responsibilities["key-accounts"]
    assert resp.accountable == ("sales-lead",)
    assert "ceo" in resp.consulted
    assert "account-manager" not in resp.responsible
    assert "monthly-close" in after.partners["ledgerly"].scope
    assert after.partners["ledgerly"].owner == "ceo"
    # the workspace given is not changed
    assert "sales-lead" not in clean.seats
    assert clean.seats["account-manager"].reports_to == "sales-manager"
    assert clean.responsibilities["key-accounts"].accountable == ("sales-manager",)


def test_an_operation_that_cannot_apply_is_a_problem_at_its_line(clean: Workspace) -> None:
    where = Location("plan.yaml", 7)
    scenario = Scenario(
        operations=(
            MoveAccountability("key-accounts", "nobody", where),
            RetireSeat("finance-manager", Location("plan.yaml", 8)),
            VacateSeat("ceo"),
        )
    )
    applied = apply_scenario(clean, scenario)
    assert [p.location for p in applied.problems] == [where, Location("plan.yaml", 8)]
    assert "there is no seat 'nobody'" in applied.problems[0].message
    assert "still accountable" in applied.problems[1].message
    assert applied.workspace.seats["ceo"].vacant  # the others still apply


def test_a_seat_that_owns_a_goal_is_not_retired(clean: Workspace) -> None:
    """Retired, the seat would leave its goal with an owner that is no seat: the files
    written would not read back. The accountability moved away, the goal still holds it."""
    owner = next(g.owner for g in clean.goals.values() if g.owner is not None)
    assert owner is not None
    moves = tuple(
        MoveAccountability(r.id, "ceo" if owner != "ceo" else "finance-manager")
        for r in clean.responsibilities.values()
        if owner in r.accountable
    )
    where = Location("plan.yaml", 12)
    applied = apply_scenario(clean, Scenario(operations=(*moves, RetireSeat(owner, where))))
    assert [p.location for p in applied.problems] == [where]
    assert "owns the goal" in applied.problems[0].message
    assert owner in applied.workspace.seats


def test_a_retired_seats_reports_go_to_its_manager(clean: Workspace) -> None:
    scenario = Scenario(
        operations=(
            MoveAccountability("fulfilment", "ops-manager"),
            RetireSeat("warehouse-lead"),
        )
    )
    applied = apply_scenario(clean, scenario)
    reports = {s.id for s in applied.workspace.seats.values() if s.reports_to == "ops-manager"}
    assert "warehouse-lead" not in applied.workspace.seats
    below = [s.id for s in clean.seats.values() if s.reports_to == "warehouse-lead"]
    assert below
    assert set(below) <= reports


def test_handed_work_moves_the_hours_to_the_takers_at_their_rate(clean: Workspace) -> None:
    ceo = clean.seats["ceo"].holders[0].person or ""
    manager = clean.seats["finance-manager"].holders[0].person or ""
    rows = (
        WorkRow(ceo, "monthly-close", None, TIME, 8.0, 4, 8.0 * 100),
        WorkRow(ceo, "strategy-review", None, CALENDAR, 4.0, 4, 400.0, True),
    )
    scenario = Scenario(operations=(HandWork("monthly-close", "ceo", "finance-manager"),))
    applied = apply_scenario(clean, scenario, _allocation(*rows))
    assert applied.allocation is not None
    moved = [r for r in applied.allocation.rows if r.responsibility == "monthly-close"]
    assert [(r.person, r.hours) for r in moved] == [(manager, 8.0)]
    rate = clean.people[manager].cost_rate
    assert moved[0].cost == (8.0 * rate if rate is not None else None)
    assert applied.allocation.total_hours(ceo) == 4.0


def test_part_of_the_work_can_move(clean: Workspace) -> None:
    ceo = clean.seats["ceo"].holders[0].person or ""
    rows = (WorkRow(ceo, "monthly-close", None, TIME, 8.0, 4, None),)
    scenario = Scenario(
        operations=(HandWork("monthly-close", ceo, "finance-manager", hours_per_week=0.5),)
    )
    applied = apply_scenario(clean, scenario, _allocation(*rows))
    assert applied.allocation is not None
    assert applied.allocation.total_hours(ceo) == pytest.approx(6.0)  # 0.5 h x 4 weeks moved


def test_work_handed_to_a_vacant_seat_waits_for_it(clean: Workspace) -> None:
    ceo = clean.seats["ceo"].holders[0].person or ""
    rows = (WorkRow(ceo, "monthly-close", None, TIME, 8.0, 4, None),)
    scenario = Scenario(
        operations=(
            CreateSeat("controller", "Controller", "L3", "finance", "ceo"),
            HandWork("monthly-close", "ceo", "controller"),
        )
    )
    applied = apply_scenario(clean, scenario, _allocation(*rows))
    assert applied.waiting == {"controller": 2.0}
    assert applied.allocation is not None
    assert applied.allocation.total_hours() == 0


def test_a_hire_fills_a_seat_with_a_placeholder_person(clean: Workspace) -> None:
    scenario = Scenario(
        operations=(
            CreateSeat("controller", "Controller", "L3", "finance", "ceo"),
            FillSeat("controller"),
        )
    )
    applied = apply_scenario(clean, scenario)
    assert applied.hires == ("controller",)
    holder = applied.workspace.seats["controller"].holders[0]
    assert holder.person == "hire-controller"
    assert applied.workspace.people["hire-controller"].name == "the new Controller"


def test_a_stopped_meeting_frees_its_hours(clean: Workspace) -> None:
    people = list(clean.people)[:2]
    rows = tuple(WorkRow(p, None, "Friday sync", CALENDAR, 4.0, 4, None, True) for p in people)
    series = (SeriesAttendance("uid-1", "Friday sync", None, 4, 1.0, {}, dict.fromkeys(people, 4)),)
    applied = apply_scenario(
        clean, Scenario(operations=(StopMeeting("Friday sync"),)), _allocation(*rows, series=series)
    )
    assert applied.freed == dict.fromkeys(people, 1.0)
    assert applied.allocation is not None
    assert applied.allocation.rows == ()
    assert applied.allocation.series == ()
    missing = apply_scenario(clean, Scenario(operations=(StopMeeting("Nope"),)), _allocation())
    assert "no recurring meeting" in missing.problems[0].message


def test_shared_goals_change(clean: Workspace) -> None:
    partner = next(iter(clean.partners.values()))
    goal = next(g for g in clean.goals if g not in partner.goals)
    applied = apply_scenario(
        clean, Scenario(operations=(ChangeGoals(partner.id, add=(goal,), remove=partner.goals),))
    )
    assert applied.workspace.partners[partner.id].goals == (goal,)
