"""JOB: not your job. Every responsibility has exactly one accountable, held seat, and
no seat is accountable for more than it can own."""

from __future__ import annotations

from collections.abc import Iterator

from levelset.model import Finding, Severity
from levelset.model.evidence import (
    AccountableSeatVacantEvidence,
    NoAccountableSeatEvidence,
    SeveralAccountableSeatsEvidence,
    TooManyAccountabilitiesEvidence,
)
from levelset.model.text import join_names
from levelset.rules.context import RuleContext
from levelset.rules.registry import Family, rule

FAMILY = Family(
    "JOB", "Not your job: one accountable seat per responsibility, work where it belongs"
)


@rule("JOB001", "no-accountable-seat", Severity.ERROR, evidence=NoAccountableSeatEvidence)
def no_accountable_seat(ctx: RuleContext) -> Iterator[Finding]:
    """A responsibility has no accountable seat.

    What it finds:
        A responsibility whose `accountable` names no seat.

    Why it matters:
        Work nobody owns falls through the cracks, until a leader notices it is not
        getting done and starts doing it personally: "it isn't my job, but it isn't
        getting done, so I have to do it myself".

    Example:
        ```yaml
        responsibilities:
          - {id: deal-reviews, name: Late-stage deal reviews, responsible: [rvp-east]}
        ```

    How to fix:
        Name exactly one seat in `accountable`: the seat at the level whose horizon
        matches the work.
    """
    for resp in ctx.workspace.responsibilities.values():
        if resp.accountable:
            continue
        yield ctx.finding(
            "responsibility",
            resp.id,
            f"Nobody is accountable for {resp.name}.",
            evidence=NoAccountableSeatEvidence(responsible=list(resp.responsible)),
            recommendation=f"Name the one seat accountable for {resp.name}.",
            location=resp.location,
        )


@rule(
    "JOB002", "several-accountable-seats", Severity.ERROR, evidence=SeveralAccountableSeatsEvidence
)
def several_accountable_seats(ctx: RuleContext) -> Iterator[Finding]:
    """A responsibility has more than one accountable seat.

    What it finds:
        A responsibility whose `accountable` names two or more seats.

    Why it matters:
        Shared accountability is no accountability: each seat assumes the other has it.
        One person owns each outcome; others can be responsible, consulted or informed.

    Example:
        ```yaml
        responsibilities:
          - {id: pricing, name: Pricing exceptions, accountable: [cro, cfo]}
        ```

    How to fix:
        Keep one seat in `accountable` and move the others to `responsible`,
        `consulted` or `informed`.
    """
    for resp in ctx.workspace.responsibilities.values():
        seats = list(dict.fromkeys(resp.accountable))
        if len(seats) < 2:
            continue
        yield ctx.finding(
            "responsibility",
            resp.id,
            f"{resp.name} has {len(seats)} accountable seats ({join_names(seats)}); "
            "it needs exactly one.",
            evidence=SeveralAccountableSeatsEvidence(accountable=seats),
            recommendation=f"Keep one of {join_names(seats)} accountable and make the "
            "others responsible, consulted or informed.",
            location=resp.location,
        )


@rule("JOB003", "accountable-seat-vacant", Severity.WARNING, evidence=AccountableSeatVacantEvidence)
def accountable_seat_vacant(ctx: RuleContext) -> Iterator[Finding]:
    """A responsibility's accountable seat is vacant.

    What it finds:
        A responsibility whose accountable seat has no holder.

    Why it matters:
        On paper the work is owned; in practice nobody answers for it, and it lands on
        whoever is above the empty seat.

    Example:
        ```yaml
        seats:
          - {id: controller, title: Controller, level: L3}
        responsibilities:
          - {id: monthly-close, name: Monthly close, accountable: controller}
        ```

    How to fix:
        Fill the seat, or make a held seat accountable until it is filled.
    """
    for resp in ctx.workspace.responsibilities.values():
        vacant = [
            s
            for s in dict.fromkeys(resp.accountable)
            if (seat := ctx.workspace.seats.get(s)) and seat.vacant
        ]
        if not vacant:
            continue
        titles = [ctx.workspace.seats[s].title for s in vacant]
        yield ctx.finding(
            "responsibility",
            resp.id,
            f"{resp.name} is owned by {join_names(titles)}, which nobody holds.",
            evidence=AccountableSeatVacantEvidence(vacant_seats=vacant),
            recommendation=f"Fill {join_names(titles)} or make a held seat accountable "
            f"for {resp.name} meanwhile.",
            location=resp.location,
        )


@rule(
    "JOB004",
    "too-many-accountabilities",
    Severity.WARNING,
    options={"max_accountabilities": 7},
    evidence=TooManyAccountabilitiesEvidence,
)
def too_many_accountabilities(ctx: RuleContext) -> Iterator[Finding]:
    """A seat is accountable for more responsibilities than one role can own.

    What it finds:
        A seat accountable for more than `max_accountabilities` responsibilities
        (7 by default).

    Why it matters:
        A leader with a long list of accountabilities is busy all day and still feels
        behind; the things only they can do wait. Most of the list belongs to the seats
        under them.

    Example:
        ```yaml
        responsibilities:   # eight or more with the same accountable seat
          - {id: pricing, name: Pricing exceptions, accountable: cro}
          - {id: contracts, name: Contract terms, accountable: cro}
        ```

    How to fix:
        Move accountabilities to the seats that report to it, at the level of each
        piece of work; write a "stop doing" list for the rest.
    """
    limit = ctx.int_option("max_accountabilities")
    for seat in ctx.workspace.seats.values():
        work = ctx.index.accountable_for.get(seat.id, [])
        if len(work) <= limit:
            continue
        reports = ctx.index.reports.get(seat.id, [])
        yield ctx.finding(
            "seat",
            seat.id,
            f"{seat.title} is accountable for {len(work)} responsibilities (more than {limit}).",
            evidence=TooManyAccountabilitiesEvidence(
                count=len(work),
                max_accountabilities=limit,
                responsibilities=[r.id for r in work],
                direct_reports=[s.id for s in reports],
            ),
            recommendation=f"Move some of {seat.title}'s accountabilities to "
            + (join_names(s.title for s in reports) if reports else "seats below it")
            + ", at the level of each piece of work.",
            location=seat.location,
        )


RULES = (
    no_accountable_seat,
    several_accountable_seats,
    accountable_seat_vacant,
    too_many_accountabilities,
)
