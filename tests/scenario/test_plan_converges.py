"""The plan is a scenario verified by applying it: on examples and on generated
organizations, applying the plan opens no warning or error, and planning again on the
result proposes nothing already done."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from levelset.load import LoadResult, load_files
from levelset.model import Severity
from levelset.model.comparison import ScenarioComparison
from levelset.service import Session
from levelset.service.scenarios import replan

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SERIOUS = (Severity.WARNING, Severity.ERROR)


def _check(comparison: ScenarioComparison) -> None:
    opened = [f"{f.code} {f.subject.id}: {f.message}" for f in comparison.opened]
    serious = [f for f in comparison.opened if f.severity in SERIOUS]
    assert not serious, opened
    assert comparison.problems == ()
    done = set(comparison.scenario.operations)
    again = [op for op in replan(comparison).operations if op in done]
    assert not again, again


def test_the_clean_example_needs_no_plan() -> None:
    with Session(EXAMPLES / "clean") as session:
        comparison = session.scenario("plan")
    assert comparison.scenario.operations == ()
    assert comparison.closed == comparison.opened == ()


def test_the_plan_of_a_structure_without_data_holds_together() -> None:
    with Session(EXAMPLES / "acme" / "..", today=None) as _:
        pass
    files = {p.name: p.read_text(encoding="utf-8") for p in (EXAMPLES / "acme").glob("*.yaml")}
    files["levelset.toml"] = (EXAMPLES / "acme" / "levelset.toml").read_text(encoding="utf-8")
    loaded = load_files(files)
    with Session(loaded) as session:
        _check(session.scenario("plan"))


def test_a_new_seat_sits_under_the_one_manager_whose_people_it_takes() -> None:
    loaded = load_files(
        {
            "org.yaml": """
seats:
  - {id: cro, title: CRO, function: sales, level: L5, holders: [maria]}
  - {id: rvp-north, title: RVP North, function: sales, level: L4, reports_to: cro, holders: [ana]}
  - {id: rvp-south, title: RVP South, function: sales, level: L4, reports_to: cro, holders: [bo]}
  - {id: ae-north, title: Seller North, function: sales, level: L1, reports_to: rvp-north,
     holders: [cy]}
  - {id: ae-south, title: Seller South, function: sales, level: L1, reports_to: rvp-south,
     holders: [di]}
people:
  - {id: maria, name: Maria}
  - {id: ana, name: Ana}
  - {id: bo, name: Bo}
  - {id: cy, name: Cy}
  - {id: di, name: Di}
"""
        }
    )
    with Session(loaded) as session:
        report = session.plan()
    created = {s.seat: (s.reports_to, s.manages) for s in report.plan.seats}
    assert sorted(created.values()) == [
        ("rvp-north", ("ae-north",)),
        ("rvp-south", ("ae-south",)),
    ]


LEVELS = ("L1", "L2", "L3", "L4")
HORIZONS = ("1w", "2w..1mo", "1mo..3mo", "3mo", "6mo", "1y", "1y..3y")


@st.composite
def organizations(draw: st.DrawFn) -> LoadResult:
    """A CEO, a few functions with seats at random levels (some vacant, one perhaps held
    by a partner), reporting lines that may skip levels, and responsibilities with
    random horizons, accountable and responsible seats."""
    seats = ["  - {id: ceo, title: CEO, function: leadership, level: L5, holders: [p0]}"]
    people = ["  - {id: p0, name: Person 0}"]
    ids = ["ceo"]
    functions = {"ceo": "leadership"}
    partner = draw(st.booleans())
    for n in range(draw(st.integers(2, 7))):
        level = draw(st.sampled_from(LEVELS))
        function = draw(st.sampled_from(("finance", "sales", "operations")))
        boss = draw(st.sampled_from(ids))
        held = draw(st.sampled_from(("person", "vacant", "partner" if partner else "person")))
        holders = {
            "person": f", holders: [p{n + 1}]",
            "vacant": "",
            "partner": ", holders: [{partner: firm, fte: 0.5}]",
        }[held]
        seats.append(
            f"  - {{id: s{n}, title: Seat {n}, function: {function}, level: {level}, "
            f"reports_to: {boss}{holders}}}"
        )
        people.append(f"  - {{id: p{n + 1}, name: Person {n + 1}}}")
        ids.append(f"s{n}")
        functions[f"s{n}"] = function
    resps = [  # the CEO's own work, and the company's goals
        "  - {id: strategy, name: Strategy, horizon: 1y..3y, accountable: ceo, goals: [obj]}"
    ]
    for n, seat in enumerate(ids[1:]):  # every seat does some work toward the goals
        horizon = draw(st.sampled_from(HORIZONS))
        owner = draw(st.sampled_from(ids))
        resps.append(
            f"  - {{id: own{n}, name: Own work {n}, horizon: {horizon}, accountable: {owner}, "
            f"responsible: [{seat}], goals: [kr]}}"
        )
    for n in range(draw(st.integers(1, 6))):
        horizon = draw(st.sampled_from(HORIZONS))
        owner = draw(st.sampled_from(ids))
        function = functions[owner]  # work belongs to the function of its owner
        doers = draw(st.lists(st.sampled_from(ids), max_size=2, unique=True))
        resps.append(
            f"  - {{id: r{n}, name: Work {n}, function: {function}, horizon: {horizon}, "
            f"accountable: {owner}, responsible: [{', '.join(doers)}], goals: [kr]}}"
        )
    text = "seats:\n" + "\n".join(seats) + "\npeople:\n" + "\n".join(people)
    text += "\nresponsibilities:\n" + "\n".join(resps) + "\n"
    text += (
        "goals:\n  - {id: obj, title: Grow, owner: ceo, period: 2026}\n"
        "  - {id: kr, title: Revenue 5M, parent: obj, owner: ceo, period: 2026,\n"
        "     metric: {start: 3, target: 5}}\n"
    )
    if partner:
        text += "partners:\n  - {id: firm, name: Firm, owner: ceo}\n"
    loaded = load_files({"org.yaml": text})
    assert loaded.ok, [str(p) for p in loaded.problems]
    return loaded


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(organizations())
def test_applying_the_plan_of_a_generated_organization_opens_nothing_serious(
    loaded: LoadResult,
) -> None:
    with Session(loaded) as session:
        _check(session.scenario("plan"))


@pytest.mark.parametrize("example", ["acme"])
def test_the_plan_of_an_example_with_its_data(example: str) -> None:
    with Session(EXAMPLES / example) as session:
        comparison = session.scenario("plan")
    _check(comparison)
