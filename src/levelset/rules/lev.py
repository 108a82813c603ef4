"""LEV: leveling. Each level owns a time horizon; work belongs at the level whose horizon
it has, and every reporting chain needs its levels filled so nobody is pulled down."""

from __future__ import annotations

from collections.abc import Iterator

from levelset.model import Finding, Seat, Severity
from levelset.model.evidence import (
    FunctionWithoutManagerEvidence,
    HorizonOutsideBandEvidence,
    LevelGapEvidence,
    VacantSeatEvidence,
)
from levelset.model.text import join_names
from levelset.rules.context import RuleContext
from levelset.rules.registry import Family, rule

FAMILY = Family("LEV", "Leveling: work at the horizon of the level that owns it")


@rule(
    "LEV001",
    "horizon-outside-band",
    Severity.WARNING,
    options={"tolerance_levels": 1},
    evidence=HorizonOutsideBandEvidence,
)
def horizon_outside_band(ctx: RuleContext) -> Iterator[Finding]:
    """A responsibility's horizon is outside the band of the seat accountable for it.

    What it finds:
        A responsibility whose `horizon` is longer than the band of its accountable
        seat's level (a 1-year plan owned by a supervisor), or shorter than it by more
        than `tolerance_levels` levels (monthly bookkeeping owned by the CEO). A horizon
        on the edge between two bands (`1mo`, `3mo`, `1y`) fits both levels. One level
        below the band is fine by default: every role also owns some shorter work.

        The horizon is how far ahead the work looks, not how often it recurs (that is
        `cadence`): a regional VP's 15-minute biweekly reviews of her own sellers look
        as far ahead as the region's plan, so they are written `horizon: 6mo..12mo,
        cadence: 2w` and are the VP's work, as JOB005 says when someone above does them.

        Work that a partner's seat at the right level does is not a finding when the
        seat accountable for it is an internal seat that partner seat reports to
        (directly or through seats between) at most two levels up, the reach LEV002
        allows: accountability stays inside and the partner is responsible, as the
        outsourcing article has it.

    Why it matters:
        Leveling is making sure the right role focuses on the right time horizon. When
        the CEO is accountable for 1-day-to-1-month work, the CEO is no longer acting as
        the CEO but as a poorly equipped, frustrated supervisor; when a junior seat owns
        a multi-year outcome, nobody with the reach to deliver it is accountable.

    Example:
        ```yaml
        seats:
          - {id: ceo, title: CEO, level: L5}
        responsibilities:
          - {id: ap-run, name: Weekly payables run, horizon: 1w, accountable: ceo}
        ```

    How to fix:
        Make a seat at the level that matches the horizon accountable for the work (a
        bookkeeper or AP clerk for the weekly run, a manager for the quarter); when the
        seat at that level is a partner's, keep the work accountable in the internal
        seat it reports to, with the partner responsible. Or correct the horizon if it
        was written wrongly: how far ahead the work looks, not how often it recurs.
    """
    index = ctx.index
    tolerance = ctx.int_option("tolerance_levels")
    for resp in ctx.workspace.responsibilities.values():
        if resp.horizon is None:
            continue
        fit = index.fit(resp.horizon.low.days, resp.horizon.high.days)
        fitting = index.level_ids(fit)
        partner_seats = [
            s
            for s in map(ctx.workspace.seats.get, resp.responsible)
            if s is not None and s.holders and not index.internal_holders(s) and s.level in fitting
        ]
        for seat_id in dict.fromkeys(resp.accountable):
            seat = ctx.workspace.seats.get(seat_id)
            level = index.level(seat) if seat else None
            if seat is None or level is None:
                continue
            side = fit.misfit(level.rank, tolerance)
            if side is None:
                continue
            if side == "below" and any(_manages(ctx, seat, p) for p in partner_seats):
                continue  # inside and accountable, the partner's seat responsible
            internal = _internal_seats_at(ctx, resp.function, fitting)
            longer = "longer than" if side == "above" else "far shorter than"
            yield ctx.finding(
                "responsibility",
                resp.id,
                f"{resp.name} has a {resp.horizon} horizon, {longer} the {level.horizon} "
                f"band of {seat.title} ({level.id}, {level.name}) who is accountable for it.",
                evidence=HorizonOutsideBandEvidence(
                    horizon=str(resp.horizon),
                    seat=seat.id,
                    seat_level=level.id,
                    band=str(level.horizon),
                    fitting_levels=fitting,
                    tolerance_levels=tolerance,
                ),
                recommendation=_advice(resp.name, seat.title, str(level.horizon), side, fitting)
                if internal or side == "above" or not partner_seats
                else _inside_advice(ctx, resp.name, partner_seats[0], seat, str(level.horizon)),
                location=resp.location,
            )


def _advice(name: str, title: str, band: str, side: str, fitting: list[str]) -> str:
    return f"Make a seat at {join_names(fitting, word='or')} accountable for {name}" + (
        f" so {title} can stay on {band} work."
        if side == "below"
        else f", or give it to a seat that looks out {band}."
    )


#: How far above a partner's seat its internal manager may sit and still own its work
#: (LEV002's default gap): a controller over a bookkeeper, not the CEO.
_MANAGER_REACH = 2


def _manages(ctx: RuleContext, manager: Seat, seat: Seat) -> bool:
    """True when ``seat`` reports to ``manager`` (directly or through seats between)
    and ``manager`` is at most ``_MANAGER_REACH`` levels above it."""
    low, high = ctx.index.rank(seat), ctx.index.rank(manager)
    if low is None or high is None or high - low > _MANAGER_REACH:
        return False
    return any(above.id == manager.id for above in ctx.index.managers(seat))


def _inside_advice(ctx: RuleContext, name: str, partner_seat: Seat, seat: Seat, band: str) -> str:
    """Advice for work whose only seats at its level are a partner's: accountable
    inside, in the seat the partner's seat reports to, the partner responsible."""
    rank = ctx.index.rank(partner_seat) or 0
    levels = [
        lv.id for lv in ctx.workspace.scheme.levels if rank < lv.rank <= rank + _MANAGER_REACH
    ]
    return (
        f"Keep {name} accountable inside, in an internal seat at "
        f"{join_names(levels, word='or')} that {partner_seat.title} reports to, with "
        f"{partner_seat.title} (a partner's seat) responsible, so {seat.title} can stay on "
        f"{band} work."
    )


def _internal_seats_at(ctx: RuleContext, function: str, levels: list[str]) -> list[str]:
    """Seats of ``function`` at one of ``levels`` that no partner holds."""
    return [
        s.id
        for s in ctx.workspace.seats.values()
        if s.level in levels
        and (not function or s.function == function)
        and (not s.holders or ctx.index.internal_holders(s))
    ]


@rule("LEV002", "level-gap", Severity.WARNING, options={"max_gap": 2}, evidence=LevelGapEvidence)
def level_gap(ctx: RuleContext) -> Iterator[Finding]:
    """A reporting line skips levels: nobody in between owns the horizons it jumps.

    What it finds:
        A seat whose manager (`reports_to`) is more than `max_gap` levels above it, such
        as a bookkeeper at L1 reporting straight to the CEO at L5. By default a seat may
        report two levels up (a manager at L3 to an executive at L5); a larger gap is a
        finding, naming the levels that are missing.

    Why it matters:
        Each missing level is a time horizon nobody owns. When finance is an outsourced
        bookkeeper reporting to the CEO, the CEO manages the day-to-day and becomes the
        finance manager by default, and the work never gets the supervision it needs.

    Example:
        ```yaml
        seats:
          - {id: ceo, title: CEO, level: L5}
          - {id: bookkeeper, title: Bookkeeper, level: L1, reports_to: ceo}
        ```

    How to fix:
        Do an org design exercise for the function: insert a seat at a missing level
        (a finance manager or fractional controller at L3) between the two, and have
        it own the outcome so the executive has a single person to turn to.
    """
    index = ctx.index
    max_gap = ctx.int_option("max_gap")
    for seat in ctx.workspace.seats.values():
        manager = ctx.workspace.seats.get(seat.reports_to or "")
        low = index.level(seat)
        high = index.level(manager) if manager else None
        if manager is None or low is None or high is None:
            continue
        gap = high.rank - low.rank
        if gap <= max_gap:
            continue
        missing = [lv.id for lv in ctx.workspace.scheme.levels if low.rank < lv.rank < high.rank]
        yield ctx.finding(
            "seat",
            seat.id,
            f"{seat.title} ({low.id}) reports straight to {manager.title} ({high.id}), "
            f"{gap} levels up"
            + (f", with nobody at {join_names(missing)} between them" if missing else "")
            + f": {manager.title} is pulled down to manage {seat.title.lower()} work.",
            evidence=LevelGapEvidence(
                from_level=low.id,
                to_level=high.id,
                manager=manager.id,
                gap=gap,
                missing_levels=missing,
                max_gap=max_gap,
            ),
            recommendation=(
                f"Insert a seat at {missing[len(missing) // 2]} between {seat.title} and "
                f"{manager.title} that owns the {_function(seat.function)} outcomes."
                if missing
                else f"Have {seat.title} report to a seat at most {max_gap} levels above it."
            ),
            location=seat.location,
        )


@rule(
    "LEV003",
    "function-without-manager",
    Severity.WARNING,
    options={"manager_level": ""},
    evidence=FunctionWithoutManagerEvidence,
)
def function_without_manager(ctx: RuleContext) -> Iterator[Finding]:
    """A function has no held seat at manager level or above to own its outcomes.

    What it finds:
        A function (the `function` of seats and responsibilities) in which no seat at
        manager level or above is held: every seat is below it or vacant. Manager level
        is L3 in the default scheme and stratum II in the requisite one; set
        `manager_level` to a level id for a custom scheme (by default the middle level).
        Seats held by a partner count as held here; OUT001 judges those.

    Why it matters:
        A function run only by an outsourced bookkeeper and a vacant controller seat has
        nobody looking out 3 to 6 months. Its problems go to the CEO, who has to manage
        work at a horizon far below their own; outsourcing is not absolution.

    Example:
        ```yaml
        seats:
          - {id: ceo, title: CEO, function: leadership, level: L5, holders: [dana]}
          - {id: controller, title: Controller, function: finance, level: L3, reports_to: ceo}
          - {id: bookkeeper, title: Bookkeeper, function: finance, level: L1,
             reports_to: ceo, holders: [{partner: stride}]}
        ```

    How to fix:
        Fill the function's manager seat (or create one): a finance manager, a head of
        finance or a fractional controller who owns the function's results and reports
        to the leadership team.
    """
    index = ctx.index
    threshold = index.manager_rank(ctx.str_option("manager_level"))
    manager_level = ctx.workspace.scheme.by_rank(threshold)
    for function, (seats, resps) in index.functions().items():
        ranks = [(seat, index.rank(seat)) for seat in seats]
        if any(r is not None and r >= threshold and not s.vacant for s, r in ranks):
            continue
        vacant = [s.id for s, r in ranks if r is not None and r >= threshold and s.vacant]
        held = [r for s, r in ranks if r is not None and not s.vacant]
        highest = ctx.workspace.scheme.by_rank(max(held)) if held else None
        level_id = manager_level.id if manager_level else str(threshold)
        yield ctx.finding(
            "function",
            function,
            f"No one at {level_id} or above owns {function}: "
            + (
                f"its highest held seat is at {highest.id}"
                if highest
                else "none of its seats is held"
            )
            + (f", and {_vacant_titles(ctx, vacant)} vacant." if vacant else "."),
            evidence=FunctionWithoutManagerEvidence(
                function=function,
                manager_level=level_id,
                seats=[s.id for s in seats],
                highest_held_level=highest.id if highest else None,
                vacant_manager_seats=vacant,
                responsibilities=[r.id for r in resps],
            ),
            recommendation=(
                f"Fill {ctx.workspace.seats[vacant[0]].title}"
                if vacant
                else f"Create a {function} manager seat"
            )
            + f" at {level_id} or above so one person owns the {function} outcomes.",
            location=seats[0].location if seats else resps[0].location,
        )


@rule("LEV004", "vacant-seat-with-accountabilities", Severity.WARNING, evidence=VacantSeatEvidence)
def vacant_seat_with_accountabilities(ctx: RuleContext) -> Iterator[Finding]:
    """A vacant seat is accountable for work: someone above is absorbing it.

    What it finds:
        A seat with no holder that is accountable for one or more responsibilities. The
        finding names the nearest held seat up the reporting chain: the one the work
        falls to while the seat is empty.

    Why it matters:
        Work does not wait for a hire. When the controller seat is empty, the monthly
        close is managed by whoever is above it, usually the CEO, at a horizon far
        below their level, and the accountability on paper is nobody's in practice.

    Example:
        ```yaml
        seats:
          - {id: controller, title: Controller, level: L3, reports_to: ceo}
        responsibilities:
          - {id: monthly-close, name: Monthly close, horizon: 1mo, accountable: controller}
        ```

    How to fix:
        Fill the seat (an employee or a fractional controller), or move its
        accountabilities to a held seat at the right level until it is filled, and say
        so explicitly rather than letting them drift upwards.
    """
    index = ctx.index
    for seat in ctx.workspace.seats.values():
        work = index.accountable_for.get(seat.id, [])
        if not seat.vacant or not work:
            continue
        absorber = next((m for m in index.managers(seat) if not m.vacant), None)
        who = index.describe(absorber) if absorber else "nobody (no held seat above it)"
        yield ctx.finding(
            "seat",
            seat.id,
            f"{seat.title} is vacant but accountable for {join_names(r.name for r in work)}; "
            f"until it is filled the work falls to {who}.",
            evidence=VacantSeatEvidence(
                level=seat.level,
                responsibilities=[r.id for r in work],
                absorbed_by=absorber.id if absorber else None,
                absorbed_by_level=absorber.level if absorber else None,
            ),
            recommendation=f"Fill {seat.title} at {seat.level}, or make a held seat at "
            "that level accountable for its work in the meantime.",
            location=seat.location,
        )


def _vacant_titles(ctx: RuleContext, seat_ids: list[str]) -> str:
    titles = join_names(ctx.workspace.seats[s].title for s in seat_ids)
    return f"{titles} {'is' if len(seat_ids) == 1 else 'are'}"


def _function(name: str) -> str:
    return f"{name} function's" if name else "function's"


RULES = (
    horizon_outside_band,
    level_gap,
    function_without_manager,
    vacant_seat_with_accountabilities,
)

__all__ = ["FAMILY", "RULES"]
