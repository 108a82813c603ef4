"""LEV, from the hours: where people's time really sits against the band of their level,
and whose work a vacant seat leaves to the levels above it."""

from __future__ import annotations

from collections.abc import Iterator

from levelset.model import Finding, Location, Responsibility, Severity
from levelset.model.evidence import BelowBandWorkEvidence, VacantSeatWorkEvidence
from levelset.model.index import Fit
from levelset.model.org import Seat
from levelset.model.text import join_names, partial_note, per_week, share_of_time
from levelset.rules.context import RuleContext
from levelset.rules.holdings import Holdings
from levelset.rules.registry import rule


@rule(
    "LEV005",
    "hours-below-band",
    Severity.WARNING,
    options={"max_share": 0.25, "tolerance_levels": 1, "min_hours_per_week": 1.0},
    needs_events=True,
    evidence=BelowBandWorkEvidence,
)
def hours_below_band(ctx: RuleContext) -> Iterator[Finding]:
    """A person spends a large share of their hours on work far below their level.

    What it finds:
        A person whose hours on work with a horizon shorter than their seat's band, by
        more than `tolerance_levels` levels (as in LEV001: one level below is fine by
        default), are more than `max_share` of all their hours (a quarter by default)
        and at least `min_hours_per_week`. The person's seat is the highest-ranked seat
        they hold; work counts by the horizon of the responsibility it matched, so hours
        that match no responsibility only count in the total. The evidence lists the
        work, its hours a week and the seat each piece could go to: the seat accountable
        for it when that is someone else's, else a seat the responsibility names as
        responsible, consulted or informed at the work's level, else a seat of its
        function at that level (held before vacant, the highest such level first).

    Why it matters:
        The leveling article's CEO spends her days on 1-day-to-1-month bookkeeping
        because nobody in between owns it. Every hour at the wrong horizon is an hour
        the 12-to-36-month work does not get, and the organization pays executive rates
        for clerical work.

    Example:
        ```yaml
        seats:
          - {id: ceo, title: CEO, level: L5, holders: [dana]}
          - {id: bookkeeper, title: Bookkeeper, level: L1, reports_to: ceo}
        responsibilities:
          - {id: ap-run, name: Weekly payables run, horizon: 1w, accountable: bookkeeper}
        # data/time: Dana logs 14 of her 40 hours a week on the payables run
        ```

    How to fix:
        Hand each piece of work to the seat the evidence names (fill it if it is
        vacant), and follow the share week by week until it is under the threshold.
    """
    index = ctx.index
    holdings = Holdings(index)
    tolerance = ctx.int_option("tolerance_levels")
    max_share = ctx.float_option("max_share")
    min_hours = ctx.float_option("min_hours_per_week")
    responsibilities = ctx.workspace.responsibilities
    for person_id, rows in ctx.events.by_person().items():
        seat = holdings.top_seat(person_id)
        level = index.level(seat) if seat else None
        total = sum(r.hours for r in rows)
        if seat is None or level is None or total <= 0:
            continue
        below: dict[str, float] = {}
        fits: dict[str, Fit] = {}
        for row in rows:
            resp = responsibilities.get(row.responsibility or "")
            if resp is None or resp.horizon is None:
                continue
            fit = index.fit(resp.horizon.low.days, resp.horizon.high.days)
            if fit.misfit(level.rank, tolerance) == "below":
                below[resp.id] = below.get(resp.id, 0.0) + row.hours
                fits[resp.id] = fit
        hours = sum(below.values())
        share = hours / total
        if share <= max_share or ctx.events.per_week(hours) < min_hours:
            continue
        work = sorted(below, key=lambda r: -below[r])
        targets = [
            _receiver(
                ctx, holdings, person_id, responsibilities[r], fit=fits[r], tolerance=tolerance
            )
            for r in work
        ]
        name = holdings.name(person_id)
        whose = f"{name}'s"
        pieces = [
            f"{responsibilities[r].name} ({per_week(ctx.events.per_week(below[r]))})" for r in work
        ]
        seen = share_of_time(share, ctx.events.per_week(hours), ctx.events.per_week(total), whose)
        yield ctx.finding(
            "person",
            person_id,
            f"{seen} goes to work below the {level.horizon} band of {seat.title} ({level.id}): "
            f"{join_names(pieces)}." + partial_note(ctx.events.per_week(total), whose),
            evidence=BelowBandWorkEvidence(
                seat=seat.id,
                seat_level=level.id,
                band=str(level.horizon),
                share=round(share, 3),
                hours_per_week=round(ctx.events.per_week(hours), 2),
                total_hours_per_week=round(ctx.events.per_week(total), 2),
                responsibilities=work,
                hours_per_week_by_responsibility=[
                    round(ctx.events.per_week(below[r]), 2) for r in work
                ],
                transfer_to=[t.id if t else "" for t in targets],
                max_share=max_share,
                tolerance_levels=tolerance,
            ),
            recommendation=_handover(ctx, work, targets, fits)
            + f" That frees {per_week(ctx.events.per_week(hours))} for {level.horizon} work.",
            location=_person_location(ctx, person_id, seat),
        )


def _receiver(
    ctx: RuleContext,
    holdings: Holdings,
    person_id: str,
    resp: Responsibility,
    *,
    fit: Fit,
    tolerance: int,
) -> Seat | None:
    """The seat a piece of below-band work should go to, or ``None`` when none fits."""
    seats, index = ctx.workspace.seats, ctx.index
    mine = holdings.seat_ids(person_id)
    for seat_id in resp.accountable:
        if seat_id not in mine and seat_id in seats:
            return seats[seat_id]

    def fits(seat: Seat) -> bool:
        return seat.id not in mine and fit.low <= (index.rank(seat) or 0) <= fit.high + tolerance

    # Those the RACI already names, then the function's seats: held before vacant,
    # the highest level the work fits first (closest to whoever hands it over).
    named = [*resp.responsible, *resp.consulted, *resp.informed]
    for seat_id in named:
        if seat_id in seats and fits(seats[seat_id]):
            return seats[seat_id]
    top = holdings.top_seat(person_id)
    function = resp.function or (top.function if top else "")
    fitting = [s for s in seats.values() if s.function == function and fits(s)]
    fitting.sort(key=lambda s: (s.vacant, -(index.rank(s) or 0)))
    return fitting[0] if fitting else None


def _handover(
    ctx: RuleContext, work: list[str], targets: list[Seat | None], fits: dict[str, Fit]
) -> str:
    names = ctx.workspace.responsibilities
    moves: dict[str, list[str]] = {}
    orphans: list[str] = []
    levels: dict[str, None] = {}
    for resp_id, seat in zip(work, targets, strict=True):
        if seat is None:
            orphans.append(names[resp_id].name)
            levels.update(dict.fromkeys(ctx.index.level_ids(fits[resp_id])))
        else:
            label = ctx.index.describe(seat)
            moves.setdefault(label, []).append(names[resp_id].name)
    parts = [f"{join_names(w)} to {seat}" for seat, w in moves.items()]
    text = f"Hand {join_names(parts)}." if parts else ""
    if orphans:
        text += (" " if text else "") + (
            f"Make a seat at {join_names(levels, word='or')} accountable for {join_names(orphans)}."
        )
    return text


def _person_location(ctx: RuleContext, person_id: str, seat: Seat) -> Location:
    person = ctx.workspace.people.get(person_id)
    return person.location if person is not None else seat.location


@rule(
    "LEV006",
    "vacancy-absorbed",
    Severity.WARNING,
    options={"min_hours_per_week": 1.0},
    needs_events=True,
    evidence=VacantSeatWorkEvidence,
)
def vacancy_absorbed(ctx: RuleContext) -> Iterator[Finding]:
    """A vacant seat's work is being done by people at a higher level.

    What it finds:
        A vacant seat accountable for responsibilities on which people whose own seat
        (the highest-ranked they hold) is at a higher level spend at least
        `min_hours_per_week` in all. The finding names who absorbs the work and how many
        hours a week; those are the hours waiting for whoever fills the seat.

    Why it matters:
        LEV004 says a vacant seat's work falls to someone above it; the hours say who
        and how much. When the controller's seat is empty and the CEO does the monthly
        close, the company pays executive hours for manager work and the CEO's own
        horizon goes unattended.

    Example:
        ```yaml
        seats:
          - {id: ceo, title: CEO, level: L5, holders: [dana]}
          - {id: controller, title: Controller, level: L3, reports_to: ceo}
        responsibilities:
          - {id: monthly-close, name: Monthly close, horizon: 1mo, accountable: controller,
             match: {project: Finance, task: "Close*"}}
        # data/time: Dana logs 6 hours a week on "Finance / Close September"
        ```

    How to fix:
        Fill the seat; the hours a week in the evidence are the size of the job waiting
        for it. Until then, make a held seat at its level accountable for the work.
    """
    index = ctx.index
    holdings = Holdings(index)
    min_hours = ctx.float_option("min_hours_per_week")
    by_work: dict[str, list[tuple[str, float]]] = {}
    for row in ctx.events.rows:
        if row.responsibility is not None:
            by_work.setdefault(row.responsibility, []).append((row.person, row.hours))
    for seat in ctx.workspace.seats.values():
        rank = index.rank(seat)
        work = index.accountable_for.get(seat.id, [])
        if not seat.vacant or rank is None or not work:
            continue
        by_person: dict[str, float] = {}
        by_resp: dict[str, float] = {}
        pairs: dict[tuple[str, str], float] = {}
        for resp in work:
            for person_id, hours in by_work.get(resp.id, []):
                top = holdings.top_seat(person_id)
                if top is None or (index.rank(top) or 0) <= rank:
                    continue
                by_person[person_id] = by_person.get(person_id, 0.0) + hours
                by_resp[resp.id] = by_resp.get(resp.id, 0.0) + hours
                pairs[person_id, resp.id] = pairs.get((person_id, resp.id), 0.0) + hours
        total = ctx.events.per_week(sum(by_person.values()))
        if total < min_hours or total <= 0:
            continue
        people = sorted(by_person, key=lambda p: -by_person[p])
        who = [_who(ctx, holdings, p) for p in people]
        resps = [r.id for r in work if r.id in by_resp]
        yield ctx.finding(
            "seat",
            seat.id,
            f"{seat.title} ({seat.level}) is vacant and its work is done above it: "
            f"{join_names(who)} "
            f"{'spends' if len(people) == 1 else 'spend'} {per_week(total)} on "
            f"{join_names(ctx.workspace.responsibilities[r].name for r in resps)}.",
            evidence=VacantSeatWorkEvidence(
                level=seat.level,
                hours_per_week=round(total, 2),
                absorbed_by=people,
                hours_per_week_by_person=[
                    round(ctx.events.per_week(by_person[p]), 2) for p in people
                ],
                responsibilities=resps,
                hours_per_week_by_responsibility=[
                    round(ctx.events.per_week(by_resp[r]), 2) for r in resps
                ],
                transfer_people=[p for p, _ in pairs],
                transfer_responsibilities=[r for _, r in pairs],
                transfer_hours_per_week=[round(ctx.events.per_week(pairs[k]), 2) for k in pairs],
            ),
            recommendation=f"Fill {seat.title} at {seat.level}: {per_week(total)} of its "
            "work is waiting for it, done today at a higher level. Until then make a held "
            f"seat at {seat.level} accountable for it.",
            location=seat.location,
        )


def _who(ctx: RuleContext, holdings: Holdings, person_id: str) -> str:
    seat = holdings.top_seat(person_id)
    name = holdings.name(person_id)
    return f"{name} ({seat.title}, {seat.level})" if seat else name


RULES = (hours_below_band, vacancy_absorbed)

__all__ = ["RULES"]
