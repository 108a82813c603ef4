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

from dataclasses import dataclass, field, replace

from levelset.model.allocation import Allocation
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
    TieGoals,
    VacateSeat,
)
from levelset.model.scenario_hours import hand_work, stop_meeting
from levelset.model.scenario_working import WorkingCopy
from levelset.model.source import Problem
from levelset.model.workspace import Workspace

HIRE_PREFIX = "hire-"


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


def apply_scenario(
    workspace: Workspace, scenario: Scenario, allocation: Allocation | None = None
) -> Applied:
    """``scenario`` applied to ``workspace`` and its measured hours (when given)."""
    change = WorkingCopy(workspace, allocation)
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


def _apply(change: WorkingCopy, op: Operation) -> None:
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
        hand_work(change, op)
    else:
        stop_meeting(change, op)


def _fill(change: WorkingCopy, op: FillSeat) -> None:
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


def _vacate(change: WorkingCopy, op: VacateSeat) -> None:
    if not change.known(op, "seat", (op.seat,)):
        return
    seat = change.seats[op.seat]
    if op.holder is not None and op.holder not in {h.ref for h in seat.holders}:
        change.refuse(op, f"{op.holder} does not hold {seat.id}")
        return
    kept = tuple(h for h in seat.holders if op.holder is not None and h.ref != op.holder)
    change.seats[seat.id] = replace(seat, holders=kept)


def _create(change: WorkingCopy, op: CreateSeat) -> None:
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


def _report_to(change: WorkingCopy, op: ReportTo) -> None:
    if not change.known(op, "seat", (op.seat, op.reports_to)):
        return
    boss = op.reports_to
    while boss is not None:  # a reporting line must not loop
        if boss == op.seat:
            change.refuse(op, f"{op.seat} would report to itself through {op.reports_to}")
            return
        boss = change.seats[boss].reports_to
    change.seats[op.seat] = replace(change.seats[op.seat], reports_to=op.reports_to)


def _retire(change: WorkingCopy, op: RetireSeat) -> None:
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
    goals = [g.id for g in change.base.goals.values() if g.owner == op.seat]
    if goals:
        # no operation changes a goal's owner: the team names the new owner by hand
        change.refuse(
            op,
            f"it owns the goal {', '.join(goals)}",
            "name another owner for that goal in the goals file first",
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


def _role(change: WorkingCopy, op: AddRole | RemoveRole) -> None:
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


__all__ = ["HIRE_PREFIX", "Applied", "apply_scenario"]
