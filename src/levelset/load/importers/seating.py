"""From a roster to the workspace's people and seats, merged with what is already there.

One seat per distinct title under one manager (twelve sellers under one manager are one
seat with twelve holders); ``reports_to`` from the manager's seat; ``function`` from the
department; levels proposed for new seats only. Run on a newer export, people who left
are taken out of their seats (which stay, vacant), newcomers added, people whose title
or manager changed moved, and every key a person wrote by hand kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from levelset.load.importers.levels import Proposal, propose_level
from levelset.load.importers.roster import Employee, Roster
from levelset.model.text import slug

__all__ = ["NewSeat", "RosterPlan", "plan_roster", "slug"]


@dataclass(frozen=True)
class NewSeat:
    """A seat the export calls for that the workspace does not have, and its level's why."""

    data: dict[str, Any]
    proposal: Proposal


@dataclass
class RosterPlan:
    """What the workspace's ``people`` and ``seats`` should become."""

    people: list[dict[str, Any]] = field(default_factory=list)  # existing order, updated
    new_people: list[dict[str, Any]] = field(default_factory=list)
    leavers: list[str] = field(default_factory=list)  # person ids
    seats: list[dict[str, Any]] = field(default_factory=list)  # existing order, updated
    new_seats: list[NewSeat] = field(default_factory=list)
    moved: list[str] = field(default_factory=list)  # person ids now in another seat


def plan_roster(
    roster: Roster,
    people: Sequence[Mapping[str, Any]],
    seats: Sequence[Mapping[str, Any]],
    levels: Sequence[str],
    taken_ids: Iterable[str] = (),
) -> RosterPlan:
    """Merge ``roster`` into the workspace's ``people`` and ``seats`` (plain data);
    ``levels`` are the scheme's level ids, lowest first; ``taken_ids`` are other people
    ids (partners' people) a new person must not take."""
    plan = RosterPlan()
    person_of = _match_people(roster, people, plan, set(taken_ids))
    employees = {person_of[e.line] for e in roster.employees}
    plan.leavers = [str(p["id"]) for p in people if str(p.get("id")) not in employees]
    seat_of = _seat_people(roster, seats, person_of, levels, plan)
    _set_holders(seats, seat_of, set(plan.leavers), employees, plan)
    return plan


def _match_people(
    roster: Roster, people: Sequence[Mapping[str, Any]], plan: RosterPlan, taken: set[str]
) -> dict[int, str]:
    by_email = {str(p.get("email", "")).casefold(): p for p in people if p.get("email")}
    by_name: dict[str, list[Mapping[str, Any]]] = {}
    for person in people:
        by_name.setdefault(str(person.get("name", "")).casefold(), []).append(person)
    taken |= {str(p.get("id")) for p in people}
    person_of: dict[int, str] = {}
    updated: dict[str, dict[str, Any]] = {}
    for employee in roster.employees:
        found = by_email.get(employee.email) if employee.email else None
        named = by_name.get(employee.name.casefold(), [])
        if found is None and len(named) == 1 and str(named[0]["id"]) not in updated:
            found = named[0]
        if found is not None and str(found["id"]) not in updated:
            data = dict(found)
            data["name"] = employee.name
            if employee.email:
                data["email"] = employee.email
            updated[str(found["id"])] = data
            person_of[employee.line] = str(found["id"])
            continue
        new_id = _free(slug(employee.name), taken)
        taken.add(new_id)
        data = {"id": new_id, "name": employee.name}
        if employee.email:
            data["email"] = employee.email
        plan.new_people.append(data)
        person_of[employee.line] = new_id
    plan.people = [updated[str(p["id"])] for p in people if str(p.get("id")) in updated]
    return person_of


def _seat_people(
    roster: Roster,
    seats: Sequence[Mapping[str, Any]],
    person_of: dict[int, str],
    levels: Sequence[str],
    plan: RosterPlan,
) -> dict[str, str]:
    """The seat of every person, top down; new seats made and their levels proposed."""
    by_line = {e.line: e for e in roster.employees}
    children: dict[int | None, list[Employee]] = {}
    for employee in roster.employees:
        children.setdefault(employee.manager, []).append(employee)
    existing: dict[tuple[str | None, str], list[Mapping[str, Any]]] = {}
    for seat in seats:
        key = (_text(seat.get("reports_to")), str(seat.get("title", "")).casefold())
        existing.setdefault(key, []).append(seat)
    held = {holder: str(seat["id"]) for seat in seats for holder in _people_held(seat)}
    rank = {level: number for number, level in enumerate(levels, 1)}
    seat_rank = {str(s["id"]): rank.get(str(s.get("level")), 0) for s in seats}
    taken = {str(s.get("id")) for s in seats}
    team_seat: dict[tuple[int | None, str], str] = {}
    claimed: set[str] = set()
    seat_of: dict[str, str] = {}
    order = _top_down(children)
    for employee, depth in order:
        person = person_of[employee.line]
        team = (employee.manager, employee.title.casefold())
        if team not in team_seat:
            manager = None if employee.manager is None else person_of[employee.manager]
            above = None if manager is None else seat_of[manager]
            mates = [person_of[e.line] for e in _peers(employee, children)]
            free = [s for s in existing.get((above, team[1]), []) if str(s["id"]) not in claimed]
            # The seat most of this team already holds; a vacant one of the same title
            # under the same seat is filled again rather than doubled.
            free.sort(key=lambda s: -sum(held.get(m) == str(s["id"]) for m in mates))
            if free:
                team_seat[team] = str(free[0]["id"])
            else:
                reports = sum(len(children.get(e.line, [])) for e in _peers(employee, children))
                proposal = propose_level(
                    employee.title, depth, reports, levels, seat_rank.get(above or "") or None
                )
                seat_id = _seat_id(employee.title, manager, taken)
                data: dict[str, Any] = {"id": seat_id, "title": employee.title}
                function = _function(employee, by_line)
                if function:
                    data["function"] = function
                data["level"] = proposal.level
                if above is not None:
                    data["reports_to"] = above
                data["holders"] = []
                plan.new_seats.append(NewSeat(data, proposal))
                seat_rank[seat_id] = proposal.rank
                team_seat[team] = seat_id
            claimed.add(team_seat[team])
        seat_of[person] = team_seat[team]
        if person in held and held[person] != seat_of[person]:
            plan.moved.append(person)
    fresh = {str(new.data["id"]): new for new in plan.new_seats}
    for employee, _ in order:
        person = person_of[employee.line]
        if seat_of[person] in fresh:
            fresh[seat_of[person]].data["holders"].append(person)
    return seat_of


def _set_holders(
    seats: Sequence[Mapping[str, Any]],
    seat_of: dict[str, str],
    leavers: set[str],
    employees: set[str],
    plan: RosterPlan,
) -> None:
    ours = employees | leavers  # the people the export speaks for
    seated: dict[str, list[str]] = {}
    for someone, seat_id in seat_of.items():
        seated.setdefault(seat_id, []).append(someone)
    for seat in seats:
        seat_id = str(seat["id"])
        kept: list[Any] = []
        present: set[str] = set()
        for holder in seat.get("holders") or []:
            person = _person(holder)
            if person is None or person not in ours:
                kept.append(holder)  # a partner, or a partner's person: not the HRIS's
            elif seat_of.get(person) == seat_id:
                kept.append(holder)
                present.add(person)
        kept += [p for p in seated.get(seat_id, []) if p not in present]
        data = dict(seat)
        if "holders" in seat or kept:
            data["holders"] = kept
        plan.seats.append(data)


def _top_down(children: dict[int | None, list[Employee]]) -> list[tuple[Employee, int]]:
    order: list[tuple[Employee, int]] = []
    stack = [(e, 0) for e in reversed(children.get(None, []))]
    while stack:
        employee, depth = stack.pop()
        order.append((employee, depth))
        stack.extend((e, depth + 1) for e in reversed(children.get(employee.line, [])))
    return order


def _peers(employee: Employee, children: dict[int | None, list[Employee]]) -> list[Employee]:
    title = employee.title.casefold()
    return [e for e in children.get(employee.manager, []) if e.title.casefold() == title]


def _function(employee: Employee, by_line: dict[int, Employee]) -> str:
    current: Employee | None = employee
    while current is not None:
        # Workday's supervisory organisations read "Sales (Maria Okafor)".
        department = re.sub(r"\s*\(.*\)\s*$", "", current.department).strip()
        if department:
            return department.casefold()
        current = by_line.get(current.manager) if current.manager is not None else None
    return ""


def _people_held(seat: Mapping[str, Any]) -> list[str]:
    return [p for h in seat.get("holders") or [] if (p := _person(h)) is not None]


def _person(holder: Any) -> str | None:
    if isinstance(holder, str):
        return holder
    if isinstance(holder, Mapping) and "person" in holder:
        return str(holder["person"])
    return None


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _seat_id(title: str, manager: str | None, taken: set[str]) -> str:
    """``account-executive``; a second team of that title ``account-executive-tom-alvarez``."""
    base = slug(title)
    if base in taken and manager is not None:
        base = f"{base}-{manager}"
    seat_id = _free(base, taken)
    taken.add(seat_id)
    return seat_id


def _free(base: str, taken: set[str]) -> str:
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate
