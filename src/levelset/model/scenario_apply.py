"""Applying a scenario: a new workspace and a new allocation, the old ones untouched.

The organization changes as the operations say. The hours already measured follow the
work on the allocation (the summary of the cube the rules read), not by reading the
events again: what people logged or met on handed work moves to the holders of the
seat that takes it (split evenly between them, at their cost rate), and the hours of a
stopped meeting are freed. Hours handed to a seat nobody holds wait for whoever fills
it (``Applied.waiting``); a seat filled by a hire not yet named gets a placeholder
person, ``hire-<seat>``, so the rules see it held. An operation that cannot apply (an
unknown id, a seat still accountable for work when it is retired) is a problem at its
own line and is skipped; the others still apply.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Generic, TypeVar

from levelset.model.allocation import CALENDAR, Allocation, SeriesAttendance, WorkRow
from levelset.model.holdings import holders_people, people_of_firms
from levelset.model.org import Holder, Person, Responsibility, Seat
from levelset.model.scenario import (
    ROLES,
    AddRole,
    ChangeGoals,
    ChangeOwner,
    ChangeScope,
    CreateSeat,
    FillSeat,
    HandWork,
    MoveAccountability,
    Operation,
    RemoveRole,
    ReportTo,
    RetireSeat,
    Scenario,
    StopMeeting,
    TieGoals,
    VacateSeat,
    describe,
)
from levelset.model.source import Problem
from levelset.model.workspace import Workspace

HIRE_PREFIX = "hire-"

_Item = TypeVar("_Item", WorkRow, SeriesAttendance)


@dataclass(frozen=True)
class Applied:
    """A scenario applied: the new workspace and allocation, what could not apply.

    ``hires`` are the seats filled by a hire not yet named; ``waiting`` the hours a week
    handed to each seat that nobody holds; ``freed`` the hours a week of stopped
    meetings, by person.
    """

    workspace: Workspace
    allocation: Allocation | None
    problems: tuple[Problem, ...] = ()
    hires: tuple[str, ...] = ()
    waiting: dict[str, float] = field(default_factory=dict)
    freed: dict[str, float] = field(default_factory=dict)


class _Indexed(Generic[_Item]):
    """Rows (or series) in order, found by their responsibility, or by their name when
    they match none: an operation reads only the rows of its work, not every row, so a
    plan of many operations stays linear in its operations and rows. Keys grow in the
    order items are added; an item changed in place keeps its key and its place."""

    def __init__(self, items: Iterable[_Item], name: Callable[[_Item], str | None]) -> None:
        self.items: dict[int, _Item] = {}
        self._next = 0
        self.name: Callable[[_Item], str | None] = name
        self.by_resp: dict[str, dict[int, None]] = {}
        self.by_name: dict[str, dict[int, None]] = {}
        for item in items:
            self.add(item)

    def _bucket(self, item: _Item) -> dict[int, None] | None:
        if item.responsibility is not None:
            return self.by_resp.setdefault(item.responsibility, {})
        name = self.name(item)
        return None if name is None else self.by_name.setdefault(name, {})

    def add(self, item: _Item) -> None:
        key = self._next
        self._next += 1
        self.items[key] = item
        bucket = self._bucket(item)
        if bucket is not None:
            bucket[key] = None

    def remove(self, key: int) -> None:
        bucket = self._bucket(self.items.pop(key))
        if bucket is not None:
            del bucket[key]

    def of(self, resp_id: str) -> list[int]:
        """The keys of the items of ``resp_id``, in order."""
        return list(self.by_resp.get(resp_id, ()))

    def meeting(self, meeting: str) -> list[int]:
        """The keys of the items of the responsibility ``meeting`` or, matching none,
        named ``meeting``, in order."""
        return sorted((*self.by_resp.get(meeting, ()), *self.by_name.get(meeting, ())))

    def values(self) -> tuple[_Item, ...]:
        return tuple(self.items.values())


class _Change:
    """The workspace and allocation being changed, one operation at a time."""

    def __init__(self, workspace: Workspace, allocation: Allocation | None) -> None:
        self.base = workspace
        self.seats = dict(workspace.seats)
        self.people = dict(workspace.people)
        self.partners = dict(workspace.partners)
        self.resps = dict(workspace.responsibilities)
        self.allocation = allocation
        self.rows = _Indexed(allocation.rows if allocation else (), lambda r: r.label)
        self.series = _Indexed(allocation.series if allocation else (), lambda s: s.title)
        # built once: a hire added by the scenario has no firm
        self.firm_people = people_of_firms(workspace)
        self.problems: list[Problem] = []
        self.hires: list[str] = []
        self.waiting: dict[str, float] = {}
        self.freed: dict[str, float] = {}

    def workspace(self) -> Workspace:
        return replace(
            self.base,
            seats=self.seats,
            people=self.people,
            partners=self.partners,
            responsibilities=self.resps,
        )

    def refuse(self, op: Operation, why: str, hint: str = "") -> None:
        self.problems.append(Problem(op.location, f"cannot {describe(op)}: {why}", hint))

    def known(self, op: Operation, kind: str, ids: tuple[str | None, ...]) -> bool:
        """True when every id is a known ``kind``; a problem for the first that is not."""
        tables: tuple[dict[str, object], ...] = {
            "seat": (self.seats,),
            "responsibility": (self.resps,),
            "partner": (self.partners,),
            "goal": (self.base.goals,),
            "person or partner": (self.people, self.partners),
        }[kind]  # type: ignore[assignment]
        for item in ids:
            if item is not None and not any(item in table for table in tables):
                self.refuse(op, f"there is no {kind} {item!r}")
                return False
        return True


def apply_scenario(
    workspace: Workspace, scenario: Scenario, allocation: Allocation | None = None
) -> Applied:
    """``scenario`` applied to ``workspace`` and its measured hours (when given)."""
    change = _Change(workspace, allocation)
    for op in scenario.operations:
        _apply(change, op)
    new_allocation = None
    if allocation is not None:
        new_allocation = replace(
            allocation, rows=change.rows.values(), series=change.series.values()
        )
    return Applied(
        workspace=change.workspace(),
        allocation=new_allocation,
        problems=tuple(change.problems),
        hires=tuple(change.hires),
        waiting={k: round(v, 2) for k, v in change.waiting.items()},
        freed={k: round(v, 2) for k, v in change.freed.items()},
    )


def _apply(change: _Change, op: Operation) -> None:
    if isinstance(op, FillSeat):
        _fill(change, op)
    elif isinstance(op, VacateSeat):
        _vacate(change, op)
    elif isinstance(op, CreateSeat):
        _create(change, op)
    elif isinstance(op, RetireSeat):
        _retire(change, op)
    elif isinstance(op, ReportTo):
        _report_to(change, op)
    elif isinstance(op, MoveAccountability):
        if change.known(op, "responsibility", (op.responsibility,)) and change.known(
            op, "seat", (op.to,)
        ):
            resp = change.resps[op.responsibility]
            change.resps[resp.id] = replace(resp, accountable=(op.to,))
    elif isinstance(op, AddRole | RemoveRole):
        _role(change, op)
    elif isinstance(op, ChangeScope | ChangeGoals):
        kind = "responsibility" if isinstance(op, ChangeScope) else "goal"
        if change.known(op, "partner", (op.partner,)) and change.known(
            op, kind, (*op.add, *op.remove)
        ):
            partner = change.partners[op.partner]
            scope = isinstance(op, ChangeScope)
            kept = [i for i in (partner.scope if scope else partner.goals) if i not in op.remove]
            kept += [i for i in op.add if i not in kept]
            if scope:
                change.partners[partner.id] = replace(partner, scope=tuple(kept))
            else:
                change.partners[partner.id] = replace(partner, goals=tuple(kept))
    elif isinstance(op, TieGoals):
        if change.known(op, "responsibility", (op.responsibility,)) and change.known(
            op, "goal", (*op.add, *op.remove)
        ):
            resp = change.resps[op.responsibility]
            goals = [g for g in resp.goals if g not in op.remove]
            goals += [g for g in op.add if g not in goals]
            change.resps[resp.id] = replace(resp, goals=tuple(goals))
    elif isinstance(op, ChangeOwner):
        if change.known(op, "partner", (op.partner,)) and change.known(op, "seat", (op.owner,)):
            change.partners[op.partner] = replace(change.partners[op.partner], owner=op.owner)
    elif isinstance(op, HandWork):
        _hand_work(change, op)
    else:
        _stop(change, op)


def _fill(change: _Change, op: FillSeat) -> None:
    if not change.known(op, "seat", (op.seat,)) or not change.known(
        op, "person or partner", (op.person or op.partner,)
    ):
        return
    seat = change.seats[op.seat]
    if op.person is None and op.partner is None:
        hire = f"{HIRE_PREFIX}{seat.id}"
        if hire not in change.people:
            change.people[hire] = Person(hire, f"the new {seat.title}", location=op.location)
        change.hires.append(seat.id)
        holder = Holder(person=hire, fte=op.fte, location=op.location)
    elif op.person is not None and op.person in change.partners:
        holder = Holder(partner=op.person, fte=op.fte, location=op.location)
    else:
        holder = Holder(person=op.person, partner=op.partner, fte=op.fte, location=op.location)
    if holder.ref in {h.ref for h in seat.holders}:
        return  # already there: filling it again changes nothing
    change.seats[seat.id] = replace(seat, holders=(*seat.holders, holder))


def _vacate(change: _Change, op: VacateSeat) -> None:
    if not change.known(op, "seat", (op.seat,)):
        return
    seat = change.seats[op.seat]
    if op.holder is not None and op.holder not in {h.ref for h in seat.holders}:
        change.refuse(op, f"{op.holder} does not hold {seat.id}")
        return
    kept = tuple(h for h in seat.holders if op.holder is not None and h.ref != op.holder)
    change.seats[seat.id] = replace(seat, holders=kept)


def _create(change: _Change, op: CreateSeat) -> None:
    if op.seat in change.seats:
        change.refuse(op, f"a seat {op.seat!r} exists already", "give the new seat another id")
        return
    if change.base.scheme.get(op.level) is None:
        levels = ", ".join(lv.id for lv in change.base.scheme.levels)
        change.refuse(op, f"there is no level {op.level!r}", f"levels are {levels}")
        return
    if not change.known(op, "seat", (op.reports_to, *op.manages)):
        return
    boss = op.reports_to
    while boss is not None:  # a reporting line must not loop
        if boss in op.manages:
            change.refuse(op, f"it would manage {boss}, which it reports to")
            return
        boss = change.seats[boss].reports_to
    change.seats[op.seat] = Seat(
        op.seat, op.title, op.level, op.function, op.reports_to, (), op.location
    )
    for managed in op.manages:
        change.seats[managed] = replace(change.seats[managed], reports_to=op.seat)


def _report_to(change: _Change, op: ReportTo) -> None:
    if not change.known(op, "seat", (op.seat, op.reports_to)):
        return
    boss = op.reports_to
    while boss is not None:  # a reporting line must not loop
        if boss == op.seat:
            change.refuse(op, f"{op.seat} would report to itself through {op.reports_to}")
            return
        boss = change.seats[boss].reports_to
    change.seats[op.seat] = replace(change.seats[op.seat], reports_to=op.reports_to)


def _retire(change: _Change, op: RetireSeat) -> None:
    if not change.known(op, "seat", (op.seat,)):
        return
    owned = [r.id for r in change.resps.values() if op.seat in r.accountable]
    owned += [p.id for p in change.partners.values() if p.owner == op.seat]
    if owned:
        change.refuse(
            op,
            f"it is still accountable for {', '.join(owned)}",
            "move that accountability (move-accountability, change-owner) first",
        )
        return
    manager = change.seats.pop(op.seat).reports_to
    for seat in list(change.seats.values()):
        if seat.reports_to == op.seat:
            change.seats[seat.id] = replace(seat, reports_to=manager)
    for resp in list(change.resps.values()):
        if op.seat in (*resp.responsible, *resp.consulted, *resp.informed):
            change.resps[resp.id] = replace(
                resp,
                responsible=_without(resp.responsible, op.seat),
                consulted=_without(resp.consulted, op.seat),
                informed=_without(resp.informed, op.seat),
            )


def _without(ids: tuple[str, ...], item: str) -> tuple[str, ...]:
    return tuple(i for i in ids if i != item)


def _role(change: _Change, op: AddRole | RemoveRole) -> None:
    if op.role not in ROLES:
        change.refuse(op, f"the role is {op.role!r}", f"roles are {', '.join(ROLES)}")
        return
    if not change.known(op, "responsibility", (op.responsibility,)) or not change.known(
        op, "seat", (op.seat,)
    ):
        return
    resp: Responsibility = change.resps[op.responsibility]
    now = resp.responsible if op.role == "responsible" else resp.consulted
    if isinstance(op, AddRole):
        new = now if op.seat in now else (*now, op.seat)
    else:
        new = _without(now, op.seat)
    if op.role == "responsible":
        change.resps[resp.id] = replace(resp, responsible=new)
    else:
        change.resps[resp.id] = replace(resp, consulted=new)


def _people_of(change: _Change, ref: str) -> list[str]:
    """The people whose hours ``ref`` (a person, a firm or a seat) stands for."""
    if ref in change.people:
        return [ref]
    if ref in change.seats:
        return holders_people(change.seats[ref], change.firm_people)
    return list(change.firm_people.get(ref, []))


def _hand_work(change: _Change, op: HandWork) -> None:
    if not change.known(op, "responsibility", (op.responsibility,)) or not change.known(
        op, "seat", (op.to,)
    ):
        return
    givers = set(_people_of(change, op.from_))
    if not givers and op.from_ not in change.seats and op.from_ not in change.partners:
        change.refuse(op, f"there is no seat, person or partner {op.from_!r}")
        return
    takers = [p for p in _people_of(change, op.to) if p not in givers]
    rows = change.rows
    picked = [n for n in rows.of(op.responsibility) if rows.items[n].person in givers]
    moving = [rows.items[n] for n in picked]
    total = sum(r.hours for r in moving)
    if not moving or total <= 0:
        return
    share = 1.0
    if op.hours_per_week is not None and change.allocation is not None:
        share = min(1.0, op.hours_per_week * max(change.allocation.weeks, 1) / total)
    for n in picked:
        rows.remove(n)
    for row in moving:
        moved = row.hours * share
        if share < 1.0:
            rows.add(_with_hours(change, row, row.person, row.hours - moved))
        if not takers:
            weeks = max(change.allocation.weeks if change.allocation else 1, 1)
            change.waiting[op.to] = change.waiting.get(op.to, 0.0) + moved / weeks
            continue
        for taker in takers:
            rows.add(_with_hours(change, row, taker, moved / len(takers)))
    series = change.series.items
    for n in change.series.of(op.responsibility):
        series[n] = _move_attendance(series[n], op.responsibility, givers, takers)


def _with_hours(change: _Change, row: WorkRow, person: str, hours: float) -> WorkRow:
    """``row`` as ``person``'s, with ``hours``, priced at that person's rate."""
    who = change.people.get(person)
    rate = who.cost_rate if who is not None else None
    cost = hours * rate if rate is not None else None
    return replace(row, person=person, hours=hours, cost=cost)


def _move_attendance(
    series: SeriesAttendance, resp_id: str, givers: set[str], takers: list[str]
) -> SeriesAttendance:
    """The givers' seats in a meeting of the handed work go to the takers."""
    if series.responsibility != resp_id or not givers.intersection(series.attended):
        return series
    invited, attended = dict(series.invited), dict(series.attended)
    for giver in givers:
        count, asked = attended.pop(giver, 0), invited.pop(giver, 0)
        for taker in takers:
            attended[taker] = max(attended.get(taker, 0), count)
            invited[taker] = max(invited.get(taker, 0), asked)
    return replace(series, invited=invited, attended=attended)


def _stop(change: _Change, op: StopMeeting) -> None:
    stopped = change.series.meeting(op.meeting)
    picked = [n for n in change.rows.meeting(op.meeting) if change.rows.items[n].source == CALENDAR]
    rows = [change.rows.items[n] for n in picked]
    if not stopped and not rows and change.allocation is not None:
        # Without measured hours there is nothing to check the meeting against.
        change.refuse(op, "no recurring meeting in the data has that name or responsibility")
        return
    weeks = max(change.allocation.weeks if change.allocation else 1, 1)
    for row in rows:
        change.freed[row.person] = change.freed.get(row.person, 0.0) + row.hours / weeks
    for n in picked:
        change.rows.remove(n)
    for n in stopped:
        change.series.remove(n)


__all__ = ["HIRE_PREFIX", "Applied", "apply_scenario"]
