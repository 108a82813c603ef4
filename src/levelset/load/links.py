"""Checks across objects: every id referred to exists, and no chain loops back on itself.

A bad reference is reported and removed from the object, so that the rules can trust
what the loader hands them (parents exist, reporting chains end).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import replace
from itertools import chain
from operator import attrgetter
from typing import Protocol, TypeVar

from levelset.load.problems import Problems
from levelset.model import Goal, Holder, Location, Partner, Person, Responsibility, Seat

T = TypeVar("T", Seat, Goal, Partner, Responsibility)


class _Located(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def location(self) -> Location: ...


def check_links(
    seats: dict[str, Seat],
    people: Mapping[str, Person],
    partners: dict[str, Partner],
    responsibilities: dict[str, Responsibility],
    goals: dict[str, Goal],
    *,
    levels: Collection[str],
    problems: Problems,
    swallowed: Collection[str] = frozenset(),
) -> None:
    """Report (and drop) references to ids that do not exist, then break cycles.
    ``swallowed`` are the words of YAML files that could not be parsed: a reference to
    one of them is dropped without a word (the malformed YAML is the one problem)."""
    refs = _Refs(problems, swallowed)
    # Each collection is walked one object at a time only when a set-wide check (which
    # runs in C) finds an unknown id: large valid workspaces pay almost nothing here.
    holders = list(chain.from_iterable(map(attrgetter("holders"), seats.values())))
    persons = set(map(attrgetter("person"), holders)) - {None}
    firms = set(map(attrgetter("partner"), holders)) - {None}
    if (
        not _known(seats, ("level",), levels)
        or not _known(seats, ("reports_to",), seats)
        or not all(map(people.__contains__, persons))
        or not all(map(partners.__contains__, firms))
    ):
        _check_seats(refs, seats, people, partners, levels)
    if not _known(partners, ("owner",), seats) or not (
        _known(partners, ("scope",), responsibilities) and _known(partners, ("goals",), goals)
    ):
        for partner in list(partners.values()):
            changes: dict[str, object] = {}
            if partner.owner is not None and partner.owner not in seats:
                refs.missing(partner, "partner", "owner", partner.owner, seats)
                changes["owner"] = None
            refs.keep(partner, "partner", "scope", responsibilities, changes)
            refs.keep(partner, "partner", "goals", goals, changes)
            if changes:
                partners[partner.id] = replace(partner, **changes)  # type: ignore[arg-type]
    if not _known(responsibilities, _RACI, seats) or not _known(
        responsibilities, ("goals",), goals
    ):
        for resp in list(responsibilities.values()):
            changes = {}
            for key in _RACI:
                refs.keep(resp, "responsibility", key, seats, changes)
            refs.keep(resp, "responsibility", "goals", goals, changes)
            if changes:
                responsibilities[resp.id] = replace(resp, **changes)  # type: ignore[arg-type]
    if not _known(goals, ("parent",), goals) or not _known(goals, ("owner",), seats):
        for goal in list(goals.values()):
            changes = {}
            if goal.parent is not None and goal.parent not in goals:
                refs.missing(goal, "goal", "parent", goal.parent, goals)
                changes["parent"] = None
            if goal.owner is not None and goal.owner not in seats:
                refs.missing(goal, "goal", "owner", goal.owner, seats)
                changes["owner"] = None
            if changes:
                goals[goal.id] = replace(goal, **changes)  # type: ignore[arg-type]
    break_cycles(seats, lambda s: s.reports_to, "reports_to", "seat", problems)
    break_cycles(goals, lambda g: g.parent, "parent", "goal", problems)


_RACI = ("accountable", "responsible", "consulted", "informed")


def _known(objects: Mapping[str, object], keys: tuple[str, ...], known: Collection[str]) -> bool:
    # True when every id that ``keys`` of ``objects`` name is in ``known``.
    for key in keys:
        values = map(attrgetter(key), objects.values())
        sample = next(iter(objects.values()), None)
        if sample is not None and isinstance(getattr(sample, key), tuple):
            found = set(chain.from_iterable(values))
        else:
            found = set(values)
            found.discard(None)
        if not all(map(known.__contains__, found)):
            return False
    return True


def _check_seats(
    refs: _Refs,
    seats: dict[str, Seat],
    people: Mapping[str, Person],
    partners: Mapping[str, Partner],
    levels: Collection[str],
) -> None:
    for seat in list(seats.values()):
        changes: dict[str, object] = {}
        if seat.level not in levels:
            otherwise = f"the levels are {', '.join(levels)}"
            refs.missing(seat, "seat", "level", seat.level, levels, otherwise=otherwise)
        if seat.reports_to is not None and seat.reports_to not in seats:
            refs.missing(seat, "seat", "reports_to", seat.reports_to, seats)
            changes["reports_to"] = None
        holders = tuple(_holder(refs, seat, h, people, partners) for h in seat.holders)
        if holders != seat.holders:
            changes["holders"] = tuple(h for h in holders if h is not None)
        if changes:
            seats[seat.id] = replace(seat, **changes)  # type: ignore[arg-type]


_TARGET = {
    "level": "level",
    "reports_to": "seat",
    "owner": "seat",
    "accountable": "seat",
    "responsible": "seat",
    "consulted": "seat",
    "informed": "seat",
    "scope": "responsibility",
    "goals": "goal",
    "parent": "goal",
}


class _Refs:
    def __init__(self, problems: Problems, swallowed: Collection[str] = frozenset()) -> None:
        self.problems = problems
        self.swallowed = swallowed

    def missing(
        self,
        obj: _Located,
        noun: str,
        key: str,
        ref: str,
        known: Collection[str],
        *,
        otherwise: str = "",
    ) -> None:
        if ref in self.swallowed:
            return  # defined, most likely, in a file whose YAML is broken: said there
        target = _TARGET[key]
        otherwise = otherwise or f"define {target} '{ref}', or correct the id"
        self.problems.add(
            obj.location.file,
            self.problems.key_line(noun, obj.id, key, obj.location.line),
            f"{noun} '{obj.id}': {key} '{ref}' is not a {target} of this workspace",
            self.problems.did_you_mean(ref, known, otherwise),
        )

    def keep(
        self, obj: T, noun: str, key: str, known: Collection[str], changes: dict[str, object]
    ) -> None:
        refs: tuple[str, ...] = getattr(obj, key)
        if all(map(known.__contains__, refs)):
            return
        for ref in refs:
            if ref not in known:
                self.missing(obj, noun, key, ref, known)
        changes[key] = tuple(ref for ref in refs if ref in known)


def _holder(
    refs: _Refs,
    seat: Seat,
    holder: Holder,
    people: Mapping[str, Person],
    partners: Mapping[str, Partner],
) -> Holder | None:
    if holder.person is not None and holder.person not in people:
        if holder.person in partners:  # `holders: [stride]` naming a firm: take it as one
            return replace(holder, person=None, partner=holder.person)
        if holder.person in refs.swallowed:
            return None  # in a file whose YAML is broken: said there
        where = holder.location
        refs.problems.add(
            where.file,
            where.line,
            f"seat '{seat.id}': holder '{holder.person}' is not a person of this workspace",
            refs.problems.did_you_mean(
                holder.person, people, f"add '{holder.person}' to people, or correct the id"
            ),
        )
        return None
    if holder.partner is not None and holder.partner not in partners:
        if holder.partner in refs.swallowed:
            return None
        where = holder.location
        refs.problems.add(
            where.file,
            where.line,
            f"seat '{seat.id}': holder '{holder.partner}' is not a partner of this workspace",
            refs.problems.did_you_mean(
                holder.partner, partners, f"add '{holder.partner}' to partners"
            ),
        )
        return None
    return holder


def break_cycles(
    items: dict[str, T],
    up: Callable[[T], str | None],
    key: str,
    noun: str,
    problems: Problems,
) -> None:
    """Report each cycle through ``up`` once, naming it, and cut it at its first member."""
    state: dict[str, int] = {}  # 1 while on the current path, 2 when known to end
    for start in list(items):
        path: list[str] = []
        current: str | None = start
        while current is not None and current in items and current not in state:
            state[current] = 1
            path.append(current)
            current = up(items[current])
        if current is not None and state.get(current) == 1:
            cycle = path[path.index(current) :]
            first = min(cycle, key=lambda i: _order(items[i].location))
            names = cycle[cycle.index(first) :] + cycle[: cycle.index(first)] + [first]
            where = items[first].location
            problems.add(
                where.file,
                where.line,
                f"{noun}s form a cycle through {key}: {' -> '.join(names)}",
                f"a chain of {key} must end; remove or change {key} of one of them",
            )
            items[first] = replace(items[first], **{key: None})  # type: ignore[arg-type]
        for member in path:
            state[member] = 2


def _order(location: Location) -> tuple[str, int]:
    return (location.file, location.line or 0)
