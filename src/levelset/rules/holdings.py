"""What the rules that read where people's hours go ask about a person: their seats
(read from the model's ``SeatHoldings``, the one place that says who holds which seat),
their own seat for questions of level (the highest-ranked seat they hold), their
function and whom they manage.
"""

from __future__ import annotations

from levelset.model import Person, Seat
from levelset.model.index import OrgIndex


class Holdings:
    """The seats each person holds, built once per rule run from the organization."""

    def __init__(self, index: OrgIndex) -> None:
        self.index = index
        self.people = index.workspace.people
        self._top: dict[str, Seat | None] = {}
        self._above: dict[str, set[str]] = {}

    def seats(self, person_id: str) -> list[Seat]:
        """The seats ``person_id`` holds, in file order."""
        return self.index.holdings.seats_of(person_id)

    def seat_ids(self, person_id: str) -> set[str]:
        """The ids of the seats ``person_id`` holds."""
        return {s.id for s in self.seats(person_id)}

    def top_seat(self, person_id: str) -> Seat | None:
        """The highest-ranked seat ``person_id`` holds (the first of equals), or ``None``
        when they hold none with a known level."""
        if person_id not in self._top:  # asked once per row of hours: remember it
            ranked = [s for s in self.seats(person_id) if self.index.rank(s) is not None]
            top = max(ranked, key=lambda s: self.index.rank(s) or 0) if ranked else None
            self._top[person_id] = top
        return self._top[person_id]

    def person(self, person_id: str) -> Person | None:
        """The person with this id, if the workspace knows them."""
        return self.people.get(person_id)

    def name(self, person_id: str) -> str:
        """The person's name (their id when unknown)."""
        person = self.people.get(person_id)
        return person.name if person else person_id

    def function(self, person_id: str) -> str:
        """The function a person works in: their own seat's, else their firm's."""
        seat = self.top_seat(person_id) or next(iter(self.seats(person_id)), None)
        if seat is not None and seat.function:
            return seat.function
        person = self.people.get(person_id)
        firm = self.index.workspace.partners.get(person.partner or "") if person else None
        return firm.function if firm else ""

    def manages(self, person_id: str, seat_id: str) -> bool:
        """True when ``seat_id`` sits under a seat ``person_id`` holds."""
        above = self._above.get(seat_id)
        if above is None:
            seat = self.index.workspace.seats.get(seat_id)
            managers = self.index.managers(seat) if seat is not None else []
            above = self._above[seat_id] = {m.id for m in managers}
        return not above.isdisjoint(self.seat_ids(person_id))
