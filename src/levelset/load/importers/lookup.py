"""Finding the seat a spreadsheet means: by seat id or title, or by its holder's name or
e-mail, the way people write owners in a goals sheet or columns in a RACI matrix."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from levelset.load.importers.workspace import WorkspaceFiles

__all__ = ["SeatFinder"]


class SeatFinder:
    """Answers "which seat is this?" for a name, an e-mail, a seat id or a seat title."""

    def __init__(self, files: WorkspaceFiles) -> None:
        self._seats: dict[str, list[str]] = {}
        people: dict[str, list[str]] = {}
        for person in _dicts(files.items("people")):
            person_id = str(person["id"])
            for key in (person_id, person.get("name"), person.get("email")):
                if key:
                    people.setdefault(str(key).casefold(), []).append(person_id)
        for partner in _dicts(files.items("partners")):
            for person in partner.get("people") or []:
                if isinstance(person, dict) and person.get("id"):
                    for key in (person["id"], person.get("name"), person.get("email")):
                        if key:
                            people.setdefault(str(key).casefold(), []).append(str(person["id"]))
        held: dict[str, list[str]] = {}
        for seat in _dicts(files.items("seats")):
            seat_id = str(seat["id"])
            self._add(seat_id, seat_id)
            self._add(str(seat.get("title", "")), seat_id)
            for holder in seat.get("holders") or []:
                holder_id = holder.get("person") if isinstance(holder, dict) else holder
                if holder_id is not None:
                    held.setdefault(str(holder_id), []).append(seat_id)
        for key, persons in people.items():
            for person_id in persons:
                for seat_id in held.get(person_id, []):
                    self._add(key, seat_id)

    def find(self, text: str) -> tuple[str | None, str]:
        """The seat ``text`` names, or ``None`` and why not (unknown, or several)."""
        found = self._seats.get(" ".join(text.split()).casefold(), [])
        if len(found) == 1:
            return found[0], ""
        if found:
            return None, f"{text!r} could be any of the seats {', '.join(found)}"
        return None, f"{text!r} is neither a seat nor a person holding one"

    def _add(self, key: str, seat_id: str) -> None:
        if not key:
            return
        seats = self._seats.setdefault(" ".join(key.split()).casefold(), [])
        if seat_id not in seats:
            seats.append(seat_id)


def _dicts(placed: Iterable[Any]) -> list[dict[str, Any]]:
    return [p.data for p in placed if isinstance(p.data, dict) and p.data.get("id")]
