"""The operations of a scenario that move measured hours: work handed to another seat
(its logged hours and meeting seats follow it) and a meeting stopped (its hours freed)."""

from __future__ import annotations

from dataclasses import replace

from levelset.model.allocation import CALENDAR, SeriesAttendance, WorkRow
from levelset.model.holdings import holders_people
from levelset.model.scenario import HandWork, StopMeeting
from levelset.model.scenario_working import WorkingCopy


def _people_of(change: WorkingCopy, ref: str) -> list[str]:
    """The people whose hours ``ref`` (a person, a firm or a seat) stands for."""
    if ref in change.people:
        return [ref]
    if ref in change.seats:
        return holders_people(change.seats[ref], change.firm_people)
    return list(change.firm_people.get(ref, []))


def hand_work(change: WorkingCopy, op: HandWork) -> None:
    """``op`` applied: the givers' hours on the work (all, or ``hours_per_week``) and
    their seats in its meetings go to the seat's holders (to ``waiting`` when nobody
    holds it)."""
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


def _with_hours(change: WorkingCopy, row: WorkRow, person: str, hours: float) -> WorkRow:
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


def stop_meeting(change: WorkingCopy, op: StopMeeting) -> None:
    """``op`` applied: the meeting's calendar hours freed (``freed``, by person) and its
    series gone."""
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
