"""JOB, from the hours: time spent on other seats' work, time that matches no
responsibility, and recurring meetings tied to nothing."""

from __future__ import annotations

from collections.abc import Iterator

from levelset.model import Finding, Location, Severity
from levelset.model.allocation import CALENDAR, TIME, SeriesAttendance
from levelset.model.evidence import OthersWorkEvidence, UnownedMeetingEvidence, UnownedWorkEvidence
from levelset.model.text import join_names, per_week
from levelset.rules.context import RuleContext
from levelset.rules.holdings import Holdings
from levelset.rules.registry import rule

#: The label of time entries logged with no description at all.
NO_DESCRIPTION = "(no description)"


@rule(
    "JOB005",
    "others-work",
    Severity.WARNING,
    options={"min_hours_per_week": 4.0},
    needs_events=True,
    evidence=OthersWorkEvidence,
)
def others_work(ctx: RuleContext) -> Iterator[Finding]:
    """A person spends hours a week on work other seats are accountable for.

    What it finds:
        A person who holds a seat and spends at least `min_hours_per_week` in all on
        responsibilities where none of their seats is accountable or responsible (and
        some other seat is accountable). Work accountable to a seat under one of theirs
        (a manager doing the work of their own reports) is listed first and totalled
        apart in the evidence. Hours that match no responsibility are left to JOB006.
        Meeting hours of a responsibility marked `strategic: true` are taking part in
        the strategy session, not doing someone else's work: they are not counted.

    Why it matters:
        "It isn't my job, but it isn't getting done, so I have to do it myself." The CRO
        who blocks a day a week for 15-minute reviews with every seller does work her
        RVPs are accountable for: she has no time for her own, and they never learn to
        do theirs.

    Example:
        ```yaml
        seats:
          - {id: cro, title: CRO, level: L5, holders: [jade]}
          - {id: rvp-east, title: RVP East, level: L4, reports_to: cro, holders: [abe]}
        responsibilities:
          - {id: seller-reviews, name: Seller pipeline reviews, accountable: rvp-east,
             match: {calendar: "Pipeline review*"}}
        # data/calendar: Jade in 15-minute reviews with each seller, a day a week
        ```

    How to fix:
        Sit down with the people accountable, agree what the work must achieve and how
        they will report on it, transfer it, and coach instead of doing. Track the
        hours week by week until they are near zero.
    """
    holdings = Holdings(ctx.index)
    min_hours = ctx.float_option("min_hours_per_week")
    responsibilities = ctx.workspace.responsibilities
    for person_id, rows in ctx.events.by_person().items():
        mine = holdings.seat_ids(person_id)
        if not mine:
            continue
        others: dict[str, float] = {}
        for row in rows:
            resp = responsibilities.get(row.responsibility or "")
            if resp is None or not resp.accountable:
                continue
            if mine.intersection(resp.accountable) or mine.intersection(resp.responsible):
                continue
            if resp.strategic and row.source == CALENDAR:
                continue  # attending the strategy session is taking part in it
            others[resp.id] = others.get(resp.id, 0.0) + row.hours
        total = ctx.events.per_week(sum(others.values()))
        if total < min_hours or total <= 0:
            continue
        owners = {r: responsibilities[r].accountable[0] for r in others}
        below = {r for r in others if holdings.manages(person_id, owners[r])}
        work = sorted(others, key=lambda r: (r not in below, -others[r]))
        name = holdings.name(person_id)
        below_hours = ctx.events.per_week(sum(others[r] for r in below))
        pieces = [
            f"{responsibilities[r].name} ({per_week(ctx.events.per_week(others[r]))}, "
            f"owned by {_seat_title(ctx, owners[r])})"
            for r in work
        ]
        yield ctx.finding(
            "person",
            person_id,
            f"{name} spends {per_week(total)} on work other seats are accountable for: "
            f"{join_names(pieces)}"
            + (f"; {per_week(below_hours)} of it belongs to seats under {name}." if below else "."),
            evidence=OthersWorkEvidence(
                seats=sorted(mine),
                hours_per_week=round(total, 2),
                hours_below_per_week=round(below_hours, 2),
                responsibilities=work,
                hours_per_week_by_responsibility=[
                    round(ctx.events.per_week(others[r]), 2) for r in work
                ],
                accountable=[owners[r] for r in work],
                below=[r for r in work if r in below],
            ),
            recommendation=f"Transfer {_transfers(ctx, work, owners)}: agree with each what "
            f"the work must achieve, then coach rather than do it, and free {per_week(total)} "
            f"for {name}'s own accountabilities.",
            location=_person_location(ctx, holdings, person_id),
        )


def _seat_title(ctx: RuleContext, seat_id: str) -> str:
    seat = ctx.workspace.seats.get(seat_id)
    return seat.title if seat else seat_id


def _transfers(ctx: RuleContext, work: list[str], owners: dict[str, str]) -> str:
    by_owner: dict[str, list[str]] = {}
    for resp_id in work:
        by_owner.setdefault(owners[resp_id], []).append(
            ctx.workspace.responsibilities[resp_id].name
        )
    return join_names(
        f"{join_names(names)} to {_seat_title(ctx, s)}" for s, names in by_owner.items()
    )


def _person_location(ctx: RuleContext, holdings: Holdings, person_id: str) -> Location | None:
    person = ctx.workspace.people.get(person_id)
    if person is not None:
        return person.location
    seats = holdings.seats(person_id)
    return seats[0].location if seats else None


@rule(
    "JOB006",
    "unowned-hours",
    Severity.WARNING,
    options={"min_hours_per_week": 2.0},
    needs_events=True,
    evidence=UnownedWorkEvidence,
)
def unowned_hours(ctx: RuleContext) -> Iterator[Finding]:
    """Logged hours match no responsibility: work falling through the cracks.

    What it finds:
        Time entries that match no responsibility, grouped by what they were called
        (the activity, or project and task), when a label adds up to at least
        `min_hours_per_week` across everyone. The finding points at the person who
        logged the most of it: the first one to ask what the work is. Meetings that
        match nothing are left to JOB007.

    Why it matters:
        Work nobody owns falls through the cracks: it gets done by whoever notices, at
        whatever level they are, and nobody is held to its result. The hours show how
        big the crack is.

    Example:
        ```yaml
        responsibilities:   # nothing matches "Tariff research"
          - {id: deal-reviews, name: Deal reviews, accountable: cro,
             match: {calendar: "Deal review*"}}
        # data/time: sellers log 6 hours a week on "Tariff research"
        ```

    How to fix:
        Decide who is accountable for the work and write it as a responsibility whose
        `match` recognises these entries, or extend the `match` of the responsibility it
        belongs to; if it is work nobody needs, stop it.
    """
    holdings = Holdings(ctx.index)
    min_hours = ctx.float_option("min_hours_per_week")
    labels: dict[str, dict[str, float]] = {}
    weeks: dict[str, int] = {}
    for row in ctx.events.rows:
        if row.responsibility is not None or row.source != TIME:
            continue
        label = (row.label or "").strip() or NO_DESCRIPTION
        people = labels.setdefault(label, {})
        people[row.person] = people.get(row.person, 0.0) + row.hours
        weeks[label] = max(weeks.get(label, 0), row.weeks)
    for label, people in labels.items():
        total = ctx.events.per_week(sum(people.values()))
        if total < min_hours or total <= 0:
            continue
        who = sorted(people, key=lambda p: -people[p])
        named = [f"{holdings.name(p)} {per_week(ctx.events.per_week(people[p]))}" for p in who]
        yield ctx.finding(
            "activity",
            label,
            f'"{label}" is {per_week(total)} of logged time that matches no '
            f"responsibility ({join_names(named)}, in {weeks[label]} of "
            f"{ctx.events.weeks} weeks).",
            evidence=UnownedWorkEvidence(
                label=label,
                hours_per_week=round(total, 2),
                people=who,
                hours_per_week_by_person=[round(ctx.events.per_week(people[p]), 2) for p in who],
                weeks=weeks[label],
            ),
            recommendation=_unowned_advice(label),
            location=_person_location(ctx, holdings, who[0]),
        )


def _unowned_advice(label: str) -> str:
    if label == NO_DESCRIPTION:
        return (
            "Ask the people who logged these entries to describe them, so the work can be "
            "matched to the responsibility it belongs to or given an owner."
        )
    return (
        f'Decide who is accountable for "{label}" and write it as a responsibility with '
        f'`match: {{activity: "{label}"}}` (or add it to the match of the one it belongs '
        "to); if nobody needs it, stop it."
    )


@rule(
    "JOB007",
    "stop-doing-candidate",
    Severity.INFO,
    options={"min_hours_per_week": 1.0},
    needs_events=True,
    evidence=UnownedMeetingEvidence,
)
def stop_doing_candidate(ctx: RuleContext) -> Iterator[Finding]:
    """A recurring meeting is tied to no responsibility and no goal: a stop-doing candidate.

    What it finds:
        A recurring calendar series that matches no responsibility (so it serves no
        goal either) and takes at least `min_hours_per_week` of its attendees' time in
        all. Series with the same title count together. The time is the meeting's
        length times the occurrences each attendee accepted, or what the allocation
        counted for the series when that is more (the allocation leaves out meetings in
        weeks a person logged time entries, so it can be less). Time entries that match
        nothing are JOB006's: a timesheet label cannot tell a habit from real work
        nobody owns, while a recurring meeting nobody can tie to anything usually is one.

        It is information, not a warning: whether a meeting is a habit to stop or real
        work that needs an owner is the leadership team's call, and the finding puts it
        on their list.

    Why it matters:
        Meetings outlive their purpose. The not-your-job article's team called it
        "things we have to stop": recurring work done because it has always been done,
        tied to nothing the company is trying to achieve, costing hours every week.

    Example:
        ```yaml
        responsibilities:   # nothing matches "Friday ops sync"
          - {id: ops-plan, name: Operations plan, accountable: coo, goals: [kr-otif]}
        # data/calendar: "Friday ops sync", weekly, 8 people for an hour
        ```

    How to fix:
        Put the meeting on the stop-doing list and cancel it for a month; if something
        breaks, tie it to the responsibility it serves with `match: {calendar: ...}`.
    """
    holdings = Holdings(ctx.index)
    min_hours = ctx.float_option("min_hours_per_week")
    series: dict[str, list[SeriesAttendance]] = {}
    for item in ctx.events.series:
        if item.responsibility is None and item.occurrences > 0:
            series.setdefault(item.title, []).append(item)
    counted: dict[str, dict[str, float]] = {}
    for row in ctx.events.rows:
        if row.responsibility is None and row.source == CALENDAR and row.label in series:
            people = counted.setdefault(row.label, {})
            people[row.person] = people.get(row.person, 0.0) + row.hours
    for title, items in series.items():
        people = counted.get(title, {})
        estimate = sum(_attendee_hours(s) for s in items)
        hours = max(sum(people.values()), estimate)
        total = ctx.events.per_week(hours)
        if total < min_hours or total <= 0:
            continue
        attended: dict[str, int] = {}
        for item in items:
            for person_id, count in item.attended.items():
                attended[person_id] = attended.get(person_id, 0) + count
        who = list(dict.fromkeys([*sorted(attended, key=lambda p: -attended[p]), *people]))
        held = sum(s.occurrences for s in items)
        first = items[0]
        yield ctx.finding(
            "activity",
            title,
            f'"{title}" met {held} times in {ctx.events.weeks} weeks with '
            f"{len(who)} {'person' if len(who) == 1 else 'people'}, {per_week(total)} of "
            "their time, and is tied to no responsibility and no goal.",
            evidence=UnownedMeetingEvidence(
                series=[s.uid for s in items],
                occurrences=held,
                hours_per_week=round(total, 2),
                people=who,
            ),
            recommendation=f'Put "{title}" on the stop-doing list: cancel it for a month; '
            "if something breaks, tie it to the responsibility it serves with "
            f'`match: {{calendar: "{title}"}}`.',
            location=Location(first.file, first.line)
            if first.file
            else _person_location(ctx, holdings, who[0])
            if who
            else None,
        )


def _attendee_hours(series: SeriesAttendance) -> float:
    """The attendees' hours: each attended occurrence at the series' meeting length."""
    return series.hours * sum(series.attended.values())


RULES = (others_work, unowned_hours, stop_doing_candidate)

__all__ = ["NO_DESCRIPTION", "RULES"]
