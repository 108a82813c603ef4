"""build_plan from the rules that read the hours: transfers with the hours they free and
their cost difference, seats carrying the work waiting for them, the stop-doing list and
partner actions."""

from __future__ import annotations

from datetime import date

import pytest

from levelset.load import load_files
from levelset.model import Finding, Plan, Transfer, Workspace
from levelset.model.allocation import CALENDAR, Allocation, SeriesAttendance, WorkRow
from levelset.plan import build_plan
from levelset.rules import builtin_registry, run_rules

ORG = """
seats:
  - {id: ceo, title: Chief Executive Officer, function: leadership, level: L5, holders: [dana]}
  - {id: controller, title: Controller, function: finance, level: L3, reports_to: ceo}
  - {id: bookkeeper, title: Bookkeeper, function: finance, level: L1, reports_to: ceo,
     holders: [{partner: stride}]}
  - {id: cro, title: Chief Revenue Officer, function: sales, level: L5, reports_to: ceo,
     holders: [jade]}
  - {id: rvp-east, title: "Regional VP, East", function: sales, level: L4, reports_to: cro,
     holders: [abe]}
  - {id: head-of-marketing, title: Head of Marketing, function: marketing, level: L3,
     reports_to: cro, holders: [{partner: brightline}]}
people:
  - {id: dana, name: Dana Reyes, cost_rate: 150}
  - {id: jade, name: Jade Torres, cost_rate: 140}
  - {id: abe, name: Abe Ortiz, cost_rate: 95}
partners:
  - id: stride
    name: Stride Bookkeeping
    function: finance
    owner: ceo
    scope: [ap-run, monthly-close]
    people: [{id: sam, name: Sam Lee, cost_rate: 60}]
  - id: brightline
    name: Brightline Creative
    function: marketing
    owner: cro
    people: [{id: kim, name: Kim Ward, cost_rate: 95}]
responsibilities:
  - {id: strategy, name: Monthly strategy session, function: leadership, horizon: 1y,
     accountable: ceo, strategic: true}
  - {id: ap-run, name: Weekly payables run, function: finance, horizon: 1w,
     accountable: ceo, responsible: [bookkeeper]}
  - {id: payroll, name: Payroll approval, function: finance, horizon: 2w,
     accountable: ceo}
  - {id: monthly-close, name: Monthly close, function: finance, horizon: 1mo,
     accountable: controller, responsible: [bookkeeper], informed: [ceo]}
  - {id: seller-reviews, name: Seller pipeline reviews, function: sales, horizon: 2w..1mo,
     accountable: rvp-east, responsible: [rvp-east]}
  - {id: revenue-plan, name: Revenue plan, function: sales, horizon: 6mo..1y,
     accountable: cro}
"""

WEEKS = 8


def _rows() -> tuple[WorkRow, ...]:
    def row(person: str, resp: str | None, per_week: float, label: str | None = None) -> WorkRow:
        return WorkRow(person, resp, label, "time", per_week * WEEKS, WEEKS)

    return (
        row("dana", "ap-run", 10),  # her own accountability, a bookkeeper's horizon
        row("dana", "monthly-close", 6),  # the vacant controller's
        row("dana", "strategy", 24),
        row("jade", "seller-reviews", 8),  # her RVP's
        row("jade", "revenue-plan", 32),
        row("sam", "ap-run", 12),
        row("sam", "payroll", 3),  # outside Stride's scope
        WorkRow("jade", None, "Friday sync", CALENDAR, 8, WEEKS, recurring=True),
        WorkRow("abe", None, "Friday sync", CALENDAR, 8, WEEKS, recurring=True),
    )


def _series() -> tuple[SeriesAttendance, ...]:
    return (
        SeriesAttendance(
            "s1", "Strategy session", "strategy", 2, 2.0, {"dana": 2}, {"dana": 2}, "cal.ics", 3
        ),
        SeriesAttendance("s2", "Friday sync", None, 8, 1.0, {}, {}, "cal.ics", 20),
    )


def _check(org: str = ORG) -> tuple[Workspace, list[Finding], Allocation]:
    loaded = load_files({"org.yaml": org})
    assert loaded.problems == ()
    allocation = Allocation(date(2026, 7, 6), date(2026, 8, 30), WEEKS, _rows(), _series())
    registry = builtin_registry(plugins=False)
    findings, problems = run_rules(
        loaded.workspace, list(registry), registry=registry, allocation=allocation
    )
    assert problems == []
    return loaded.workspace, findings, allocation


@pytest.fixture(scope="module")
def plan() -> Plan:
    workspace, findings, _ = _check()
    return build_plan(workspace, findings)


def _transfer(plan: Plan, work: str, giver: str) -> Transfer:
    (found,) = [t for t in plan.transfers if t.work == work and t.from_ == giver]
    return found


def test_the_cro_hands_the_seller_reviews_to_her_rvp_at_his_rate(plan: Plan) -> None:
    reviews = _transfer(plan, "Seller pipeline reviews", "jade")
    assert reviews.to == "rvp-east"
    assert reviews.hours_per_week == 8.0
    assert reviews.cost_difference == (95 - 140) * 8.0
    assert "JOB005" in reviews.reason


def test_the_ceo_hands_the_payables_run_to_the_bookkeeping_partner(plan: Plan) -> None:
    payables = _transfer(plan, "Weekly payables run", "dana")
    assert (payables.to, payables.hours_per_week) == ("bookkeeper", 10.0)
    assert payables.cost_difference == (60 - 150) * 10.0  # Stride's people's rate
    assert "LEV005" in payables.reason


def test_work_asked_for_by_several_findings_moves_once_at_unknown_cost(plan: Plan) -> None:
    # JOB005 (others' work), LEV005 (below her band) and LEV006 (the vacancy) all ask
    close = _transfer(plan, "Monthly close", "dana")
    assert (close.to, close.hours_per_week) == ("controller", 6.0)
    assert close.cost_difference is None  # nobody holds the controller seat
    assert "JOB005" in close.reason


def test_partner_work_outside_scope_goes_back_to_its_owner(plan: Plan) -> None:
    payroll = _transfer(plan, "Payroll approval", "stride")
    assert (payroll.to, payroll.hours_per_week) == ("ceo", 3.0)
    assert payroll.cost_difference == (150 - 60) * 3.0


def test_transfers_list_the_most_hours_first(plan: Plan) -> None:
    hours = [t.hours_per_week for t in plan.transfers]
    assert hours == sorted(hours, reverse=True)
    assert len(plan.transfers) == 4


def test_the_vacant_controller_carries_the_hours_waiting_for_it(plan: Plan) -> None:
    (controller,) = [s for s in plan.seats if s.seat == "controller"]
    assert controller.action == "fill"
    assert controller.hours_per_week == 6.0
    assert "LEV006" in controller.codes
    assert "6 h a week of its work is done above it today." in controller.reason


def test_the_unowned_meeting_is_on_the_stop_doing_list(plan: Plan) -> None:
    (item,) = plan.stop_doing
    assert item.work == "Friday sync"
    assert set(item.who) == {"jade", "abe"}
    assert item.hours_per_week == 2.0
    assert "tied to no responsibility" in item.reason


def test_partner_actions_from_the_hours(plan: Plan) -> None:
    actions = {(a.partner, a.action): a for a in plan.partners}
    invite = actions["brightline", "invite-to-strategy"]
    assert invite.codes == ("OUT006",)
    assert "Invite Brightline Creative (Kim Ward)" in invite.reason
    assert ("stride", "settle-scope") in actions
    assert ("stride", "invite-to-strategy") not in actions  # an L1 seat, never invited


def test_below_band_work_no_seat_can_take_proposes_a_seat_with_its_hours() -> None:
    # Nobody at the payables run's level in finance can take it from the CEO.
    org = """
seats:
  - {id: ceo, title: Chief Executive Officer, function: leadership, level: L5, holders: [dana]}
  - {id: controller, title: Controller, function: finance, level: L3, reports_to: ceo,
     holders: [lee]}
people:
  - {id: dana, name: Dana Reyes, cost_rate: 150}
  - {id: lee, name: Lee Park, cost_rate: 90}
responsibilities:
  - {id: ap-run, name: Weekly payables run, function: finance, horizon: 1w,
     accountable: ceo}
  - {id: monthly-close, name: Monthly close, function: finance, horizon: 1mo,
     accountable: controller}
  - {id: strategy, name: Strategy, function: leadership, horizon: 1y, accountable: ceo}
"""
    workspace, findings, _ = _check(org)
    plan = build_plan(workspace, findings)
    payables = _transfer(plan, "Weekly payables run", "dana")
    assert payables.to == "finance-l1"
    assert payables.cost_difference is None  # a seat nobody holds yet
    (created,) = [s for s in plan.seats if s.seat == "finance-l1"]
    assert (created.action, created.level, created.reports_to) == ("create", "L1", "ceo")
    assert created.hours_per_week == 10.0
    assert "LEV005" in created.codes
    close = _transfer(plan, "Monthly close", "dana")
    assert (close.to, close.cost_difference) == ("controller", (90 - 150) * 6.0)


def test_without_event_data_there_are_no_transfers_or_stop_doing() -> None:
    loaded = load_files({"org.yaml": ORG})
    registry = builtin_registry(plugins=False)
    findings, _ = run_rules(loaded.workspace, list(registry), registry=registry)
    assert not any(f.code in {"LEV005", "LEV006", "JOB005", "JOB007"} for f in findings)
    plan = build_plan(loaded.workspace, findings)
    assert plan.transfers == ()
    assert plan.stop_doing == ()


def test_work_a_partner_seat_is_named_on_widens_its_scope_instead_of_moving() -> None:
    # The bookkeeper seat Stride holds is responsible for payroll: the fix is the scope.
    org = ORG.replace(
        "function: finance, horizon: 2w,\n     accountable: ceo}",
        "function: finance, horizon: 2w,\n     accountable: ceo, responsible: [bookkeeper]}",
    )
    workspace, findings, _ = _check(org)
    assert any(f.code == "OUT007" and f.subject.id == "stride" for f in findings)
    plan = build_plan(workspace, findings)
    assert not [t for t in plan.transfers if t.from_ == "stride"]
    assert any((a.partner, a.action) == ("stride", "settle-scope") for a in plan.partners)
