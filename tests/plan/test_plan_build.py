"""build_plan: seats to fill or create and partner actions, from the rules' findings."""

from __future__ import annotations

from pathlib import Path

from levelset.model import (
    Holder,
    Partner,
    Person,
    Plan,
    Responsibility,
    Seat,
    Workspace,
    parse_horizon,
)
from levelset.plan import build_plan
from levelset.rules import builtin_registry, run_rules


def _plan(workspace: Workspace) -> Plan:
    registry = builtin_registry(plugins=False)
    findings, problems = run_rules(workspace, list(registry), registry=registry)
    assert problems == []
    return build_plan(workspace, findings)


def _finance(*, controller: bool) -> Workspace:
    """The leveling article: a CEO, an outsourced bookkeeper reporting to the CEO."""
    seats = {
        "ceo": Seat("ceo", "CEO", "L5", "leadership", holders=(Holder(person="dana"),)),
        "bookkeeper": Seat(
            "bookkeeper", "Bookkeeper", "L1", "finance", "ceo", (Holder(partner="stride"),)
        ),
        "ap-clerk": Seat("ap-clerk", "AP clerk", "L1", "finance", "ceo"),
    }
    if controller:
        seats["controller"] = Seat("controller", "Controller", "L3", "finance", "ceo")
    return Workspace(
        root=Path("acme"),
        seats=seats,
        people={"dana": Person("dana", "Dana Reyes")},
        partners={"stride": Partner("stride", "Stride Bookkeeping", "finance")},
        responsibilities={
            "close": Responsibility(
                "close",
                "Monthly close",
                "finance",
                parse_horizon("1mo"),
                accountable=("controller",) if controller else ("bookkeeper",),
                responsible=("bookkeeper",),
            )
        },
    )


def test_a_vacant_controller_is_filled_and_manages_the_bookkeeping_seats() -> None:
    plan = _plan(_finance(controller=True))
    (seat,) = plan.seats
    assert (seat.action, seat.seat, seat.level, seat.reports_to) == (
        "fill",
        "controller",
        "L3",
        "ceo",
    )
    assert seat.manages == ("bookkeeper", "ap-clerk")
    assert set(seat.codes) == {"LEV002", "LEV003", "LEV004", "JOB003"}
    assert "Monthly close" in seat.reason
    assert plan.transfers == ()
    assert plan.stop_doing == ()


def test_without_a_controller_seat_one_finance_manager_is_created() -> None:
    plan = _plan(_finance(controller=False))
    (seat,) = plan.seats  # LEV002 twice and LEV003 agree on one seat
    assert (seat.action, seat.seat, seat.level) == ("create", "finance-l3", "L3")
    assert seat.title == "Finance manager"
    assert (seat.function, seat.reports_to) == ("finance", "ceo")
    assert seat.manages == ("bookkeeper", "ap-clerk")
    assert set(seat.codes) == {"LEV002", "LEV003"}


def test_partner_actions_follow_the_outsourcing_findings() -> None:
    plan = _plan(_finance(controller=False))
    actions = {(a.partner, a.action) for a in plan.partners}
    assert actions == {
        ("stride", "move-accountability-inside"),  # accountable for the close
        ("stride", "write-scope"),
        ("stride", "name-internal-owner"),
        ("stride", "check-references"),
        ("stride", "share-goals"),
    }
    assert all(a.reason for a in plan.partners)


def test_a_healthy_structure_needs_no_plan() -> None:
    workspace = Workspace(
        root=Path("clean"),
        seats={"ceo": Seat("ceo", "CEO", "L5", "leadership", holders=(Holder(person="d"),))},
        people={"d": Person("d", "Dana")},
    )
    assert build_plan(workspace, []).is_empty()
