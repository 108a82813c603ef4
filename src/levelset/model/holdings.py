"""Who holds which seat: the one place that answers it.

A seat names its holders: people, or partner firms. A person holds a seat when the seat
names them, or when it names the firm they work for: everyone a firm sends holds the
firm's seats. A firm holds a seat when the seat names it, or names one of its people.
The index, the rules, the trend and the line of sight all ask these questions; they all
read the answers from here so that the meaning of "holds" cannot drift between them.
"""

from __future__ import annotations

from levelset.model.org import Seat
from levelset.model.workspace import Workspace


class SeatHoldings:
    """The seats each person and each partner firm holds, built once from a workspace."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        firm_people = people_of_firms(workspace)
        firm_of = {person: firm for firm, people in firm_people.items() for person in people}
        self._by_person: dict[str, list[Seat]] = {}
        self._people: dict[str, list[str]] = {}
        self._by_firm: dict[str, list[Seat]] = {}
        for seat in workspace.seats.values():
            firms: list[str] = []
            for holder in seat.holders:
                firm = firm_of.get(holder.person) if holder.person is not None else holder.partner
                if firm is not None:
                    firms.append(firm)
            people = holders_people(seat, firm_people)
            self._people[seat.id] = people
            for person_id in people:
                self._by_person.setdefault(person_id, []).append(seat)
            for firm in dict.fromkeys(firms):
                self._by_firm.setdefault(firm, []).append(seat)

    def seats_of(self, person_id: str) -> list[Seat]:
        """The seats ``person_id`` holds, by name or through their firm, in file order."""
        return self._by_person.get(person_id, [])

    def people_in(self, seat: Seat) -> list[str]:
        """The people whose hours are ``seat``'s: its person holders and the people of
        the firms holding it, each once, in the order the seat names them."""
        return self._people.get(seat.id, [])

    def firm_seats(self) -> dict[str, list[Seat]]:
        """The seats each partner firm holds, by name or through one of its people."""
        return self._by_firm


def people_of_firms(workspace: Workspace) -> dict[str, list[str]]:
    """The people each partner firm sends, in file order."""
    firm_people: dict[str, list[str]] = {}
    for person in workspace.people.values():
        if person.partner is not None:
            firm_people.setdefault(person.partner, []).append(person.id)
    return firm_people


def holders_people(seat: Seat, firm_people: dict[str, list[str]]) -> list[str]:
    """The people whose hours are ``seat``'s, given each firm's people
    (``people_of_firms``): its person holders and the people of the firms holding it,
    each once, in the order the seat names them. Alone, it answers for one seat without
    reading every seat, for a workspace that changes seat by seat."""
    people: list[str] = []
    for holder in seat.holders:
        if holder.person is not None:
            people.append(holder.person)
        else:
            people += firm_people.get(holder.partner or "", [])
    return list(dict.fromkeys(people))


def seats_held_by(workspace: Workspace, person: str) -> list[Seat]:
    """The seats ``person`` holds: by name, or through the partner firm they belong to."""
    return SeatHoldings(workspace).seats_of(person)


def seat_people(workspace: Workspace, seat: Seat) -> list[str]:
    """The people whose hours are a seat's: its person holders and a firm's people."""
    return SeatHoldings(workspace).people_in(seat)
