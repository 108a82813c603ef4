"""Applying a scenario in one pass is applying its operations one after the other.

``apply_scenario`` keeps one working copy with its rows indexed by responsibility, so a
plan of thousands of operations stays linear; these tests hold that shortcut to the
meaning: each operation sees what the ones before it did, and the rows come out in the
same order as when every operation is applied on its own to the result of the last.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from levelset.model import Workspace
from levelset.model.allocation import Allocation
from levelset.model.findings import Report
from levelset.model.holdings import seat_people
from levelset.model.scenario import HandWork, Operation, Scenario, StopMeeting
from levelset.model.scenario_apply import apply_scenario
from levelset.plan.scenario import plan_scenario
from levelset.service import Session

ACME = Path(__file__).resolve().parents[2] / "examples" / "acme"


@pytest.fixture(scope="module")
def checked() -> Iterator[tuple[Workspace, Report]]:
    with Session(ACME) as session:
        report = session.check()
        yield session.loaded.workspace, report


def _step_by_step(
    workspace: Workspace, operations: tuple[Operation, ...], allocation: Allocation
) -> tuple[Workspace, Allocation]:
    for op in operations:
        applied = apply_scenario(workspace, Scenario(operations=(op,)), allocation)
        assert applied.allocation is not None
        workspace, allocation = applied.workspace, applied.allocation
    return workspace, allocation


def _chained(workspace: Workspace, allocation: Allocation) -> tuple[Operation, ...]:
    """Work two people do handed to one seat (part of it first), then on to another,
    so that the last hand-off moves several rows; then a meeting stopped."""
    people: dict[str, list[str]] = {}
    for row in allocation.rows:
        if row.responsibility is not None and row.person not in people.get(row.responsibility, []):
            people.setdefault(row.responsibility, []).append(row.person)
    resp, (one, two, *_) = next((r, p) for r, p in people.items() if len(p) >= 2)
    held = [s.id for s in workspace.seats.values() if s.holders]
    first, second = held[0], held[-1]
    return (
        HandWork(resp, one, first, hours_per_week=0.5),
        HandWork(resp, one, first),
        HandWork(resp, two, first),
        HandWork(resp, first, second),
        StopMeeting(allocation.series[0].responsibility or allocation.series[0].title),
    )


def test_the_plan_applied_at_once_is_its_operations_one_by_one(
    checked: tuple[Workspace, Report],
) -> None:
    workspace, report = checked
    assert report.allocation is not None
    scenario = plan_scenario(workspace, report.plan, report.findings)
    operations = (*scenario.operations, *_chained(workspace, report.allocation))
    at_once = apply_scenario(workspace, Scenario(operations=operations), report.allocation)
    one_by_one = _step_by_step(workspace, operations, report.allocation)
    assert at_once.allocation is not None
    assert at_once.allocation.rows != report.allocation.rows  # hours did move
    assert at_once.allocation.series != report.allocation.series  # a meeting stopped
    assert (at_once.workspace, at_once.allocation) == one_by_one


def test_handed_rows_follow_the_others_in_their_order(
    checked: tuple[Workspace, Report],
) -> None:
    workspace, report = checked
    assert report.allocation is not None
    *before, last, _ = _chained(workspace, report.allocation)
    assert isinstance(last, HandWork)
    _, handing = _step_by_step(workspace, tuple(before), report.allocation)
    givers = set(seat_people(workspace, workspace.seats[last.from_]))
    takers = [p for p in seat_people(workspace, workspace.seats[last.to]) if p not in givers]
    moving = [r for r in handing.rows if r.responsibility == last.responsibility]
    moving = [r for r in moving if r.person in givers]
    assert len(moving) >= 2  # the order of several rows is what is held
    applied = apply_scenario(workspace, Scenario(operations=(last,)), handing)
    assert applied.allocation is not None
    kept = [r for r in handing.rows if r not in moving]
    expected = [(r.person, r.label, r.hours) for r in kept]
    expected += [(t, r.label, r.hours / len(takers)) for r in moving for t in takers]
    assert [(r.person, r.label, r.hours) for r in applied.allocation.rows] == expected
