"""Who holds which seat: people by name or through their firm, firms by name or through
their people; the one answer the index, the rules and the line of sight share."""

from __future__ import annotations

from pathlib import Path

from levelset.model import Holder, Partner, Person, Seat, Workspace
from levelset.model.holdings import SeatHoldings, seat_people, seats_held_by
from levelset.model.index import OrgIndex


def _workspace() -> Workspace:
    return Workspace(
        root=Path("x"),
        seats={
            "ceo": Seat("ceo", "CEO", "L5", holders=(Holder(person="dana"),)),
            "bk": Seat("bk", "Bookkeeper", "L1", reports_to="ceo", holders=(Holder(partner="s"),)),
            "ap": Seat(
                "ap",
                "AP clerk",
                "L1",
                reports_to="ceo",
                holders=(Holder(person="lee"), Holder(partner="s")),
            ),
            "cfo": Seat("cfo", "CFO", "L4", reports_to="ceo", holders=(Holder(person="pat"),)),
            "ctl": Seat("ctl", "Controller", "L3", reports_to="cfo"),
        },
        people={
            "dana": Person("dana", "Dana Reyes"),
            "lee": Person("lee", "Lee", partner="s"),
            "kim": Person("kim", "Kim", partner="s"),
            "pat": Person("pat", "Pat", partner="c"),
        },
        partners={"s": Partner("s", "Stride"), "c": Partner("c", "Summit")},
    )


def test_a_person_holds_seats_by_name_and_through_their_firm_once_each() -> None:
    workspace = _workspace()
    holdings = SeatHoldings(workspace)
    assert [s.id for s in holdings.seats_of("lee")] == ["bk", "ap"]  # ap names lee and firm
    assert [s.id for s in holdings.seats_of("kim")] == ["bk", "ap"]
    assert [s.id for s in holdings.seats_of("dana")] == ["ceo"]
    assert holdings.seats_of("nobody") == []
    assert [s.id for s in seats_held_by(workspace, "pat")] == ["cfo"]


def test_a_seats_people_are_its_holders_and_its_firms_people() -> None:
    workspace = _workspace()
    assert seat_people(workspace, workspace.seats["ap"]) == ["lee", "kim"]
    assert seat_people(workspace, workspace.seats["bk"]) == ["lee", "kim"]
    assert seat_people(workspace, workspace.seats["ctl"]) == []


def test_a_firm_holds_seats_by_name_or_through_its_people_and_the_index_agrees() -> None:
    workspace = _workspace()
    firms = SeatHoldings(workspace).firm_seats()
    assert {firm: [s.id for s in seats] for firm, seats in firms.items()} == {
        "s": ["bk", "ap"],
        "c": ["cfo"],
    }
    index = OrgIndex(workspace)
    assert index.partner_seats == firms
    assert index.holdings.seats_of("kim") == SeatHoldings(workspace).seats_of("kim")
