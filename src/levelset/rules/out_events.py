"""OUT, from calendars and hours: partners in the strategy sessions, and partner hours
inside the scope they were engaged for."""

from __future__ import annotations

from collections.abc import Iterator

from levelset.model import Finding, Partner, Severity
from levelset.model.allocation import SeriesAttendance
from levelset.model.evidence import PartnerOutsideStrategyEvidence, WorkOutsideScopeEvidence
from levelset.model.text import join_names, per_week
from levelset.rules.context import RuleContext
from levelset.rules.registry import rule


@rule(
    "OUT006",
    "partner-absent-from-strategy",
    Severity.WARNING,
    options={"min_share": 0.5, "manager_level": ""},
    needs_events=True,
    evidence=PartnerOutsideStrategyEvidence,
)
def partner_absent_from_strategy(ctx: RuleContext) -> Iterator[Finding]:
    """A partner that runs a function is missing from the strategy sessions.

    What it finds:
        Strategy sessions are the recurring calendar series matched to a responsibility
        marked `strategic: true`. A partner is expected in them when it holds a seat at
        manager level or above (`manager_level`, as in LEV003), when a strategic
        responsibility is in its scope, or when it was invited to one. The finding fires
        when its people attended less than `min_share` (half by default) of the
        sessions held in the window. Attendance counts an occurrence when any of the
        partner's people accepted it (not declined).

    Why it matters:
        A fractional partner treated as a vendor works from last quarter's brief. The
        outsourcing article's distributor only caught the market in time once the
        external marketing team sat in the recurring strategy sessions with sales and
        shared their goals.

    Example:
        ```yaml
        seats:
          - {id: head-of-marketing, title: Head of Marketing, level: L3,
             holders: [{partner: brightline}]}
        responsibilities:
          - {id: strategy-session, name: Monthly strategy session, accountable: ceo,
             strategic: true, match: {calendar: "Strategy session*"}}
        # data/calendar: four "Strategy session" meetings, nobody from Brightline invited
        ```

    How to fix:
        Invite the partner's lead to the recurring strategy session and share the goals
        agreed there; if the partner should not be there, it should not hold a
        leadership seat either.
    """
    index = ctx.index
    strategic = {r.id for r in ctx.workspace.responsibilities.values() if r.strategic}
    sessions = [s for s in ctx.events.series if s.responsibility in strategic and s.occurrences > 0]
    if not sessions:
        return
    min_share = ctx.float_option("min_share")
    manager_rank = index.manager_rank(ctx.str_option("manager_level"))
    held = sum(s.occurrences for s in sessions)
    for partner in ctx.workspace.partners.values():
        people = _people(ctx, partner)
        leads = [
            s
            for s in index.partner_seats.get(partner.id, [])
            if (index.rank(s) or 0) >= manager_rank
        ]
        invited = sum(_count(s, s.invited, people) for s in sessions)
        scoped = strategic.intersection(partner.scope)
        if not (leads or invited or scoped):
            continue
        attended = sum(_count(s, s.attended, people) for s in sessions)
        share = attended / held
        if share >= min_share:
            continue
        titles = list(dict.fromkeys(s.title for s in sessions))
        why = (
            f", which holds {join_names(f'{s.title} ({s.level})' for s in leads)},"
            if leads
            else ", whose scope includes strategic work,"
            if scoped
            else ""
        )
        names = [ctx.workspace.people[p].name for p in people]
        yield ctx.finding(
            "partner",
            partner.id,
            f"{partner.name}{why} attended {attended} of the {held} strategy sessions held "
            f"in the window ({join_names(titles)}) and was invited to {invited or 'none'}.",
            evidence=PartnerOutsideStrategyEvidence(
                sessions=titles,
                held=held,
                invited=invited,
                attended=attended,
                share=round(share, 3),
                min_share=min_share,
                people=people,
                seats=[s.id for s in leads],
            ),
            recommendation=(
                f"Invite {partner.name}"
                + (f" ({join_names(names)})" if names else "")
                + f" to the {join_names(titles)} and review its goals there."
                if invited < held
                else f"Ask {partner.name} to attend the {join_names(titles)}: it is "
                "invited but stays away."
            ),
            location=partner.location,
        )


def _people(ctx: RuleContext, partner: Partner) -> list[str]:
    found = dict.fromkeys(p for p in partner.people if p in ctx.workspace.people)
    found.update(
        dict.fromkeys(p.id for p in ctx.workspace.people.values() if p.partner == partner.id)
    )
    return list(found)


def _count(series: SeriesAttendance, counts: dict[str, int], people: list[str]) -> int:
    """Occurrences of ``series`` the firm was at, at most one per occurrence."""
    return min(series.occurrences, sum(counts.get(p, 0) for p in people))


@rule(
    "OUT007",
    "partner-hours-outside-scope",
    Severity.WARNING,
    options={"min_hours_per_week": 1.0},
    needs_events=True,
    evidence=WorkOutsideScopeEvidence,
)
def partner_hours_outside_scope(ctx: RuleContext) -> Iterator[Finding]:
    """A partner's people log hours on work outside the partner's scope.

    What it finds:
        A partner with a written `scope` whose people spend at least
        `min_hours_per_week` in all on responsibilities not in it, even ones a seat it
        holds is responsible for: the scope is what the partner was engaged for.
        Hours that match no responsibility are left to JOB006; a partner with no scope
        at all is reported by OUT002.

    Why it matters:
        Scope creep is how a fractional partner ends up doing, and billing for, work
        nobody decided to outsource, while the seat accountable for it believes it is
        done in-house. A clear scope is what lets a partner avoid the appearance of not
        pulling its weight, and lets the company see what it pays for.

    Example:
        ```yaml
        partners:
          - {id: stride, name: Stride Bookkeeping, scope: [ap-processing, monthly-close],
             people: [{id: sam, name: Sam Lee, cost_rate: 60}]}
        responsibilities:
          - {id: payroll, name: Payroll approval, accountable: ceo}
        # data/time: Sam logs 3 hours a week on payroll
        ```

    How to fix:
        Decide with the partner's internal owner: add the work to the partner's scope
        (and its contract), or hand it back to the seat accountable for it.
    """
    min_hours = ctx.float_option("min_hours_per_week")
    responsibilities = ctx.workspace.responsibilities
    rows = ctx.events.by_person()
    for partner in ctx.workspace.partners.values():
        if not partner.scope:
            continue
        people = _people(ctx, partner)
        outside: dict[str, float] = {}
        who: dict[str, None] = {}
        for person_id in people:
            for row in rows.get(person_id, []):
                if (
                    row.responsibility in responsibilities
                    and row.responsibility not in partner.scope
                ):
                    outside[row.responsibility] = outside.get(row.responsibility, 0.0) + row.hours
                    who[person_id] = None
        total = ctx.events.per_week(sum(outside.values()))
        if total < min_hours or total <= 0:
            continue
        work = sorted(outside, key=lambda r: -outside[r])
        owners = [next(iter(responsibilities[r].accountable), "") for r in work]
        scope = [responsibilities[r].name if r in responsibilities else r for r in partner.scope]
        pieces = [
            f"{responsibilities[r].name} ({per_week(ctx.events.per_week(outside[r]))})"
            for r in work
        ]
        belongs, it = ("belongs", "it") if len(work) == 1 else ("belong", "them")
        yield ctx.finding(
            "partner",
            partner.id,
            f"{partner.name} spends {per_week(total)} on work outside its scope: "
            f"{join_names(pieces)}. Its scope is {join_names(scope)}.",
            evidence=WorkOutsideScopeEvidence(
                hours_per_week=round(total, 2),
                responsibilities=work,
                hours_per_week_by_responsibility=[
                    round(ctx.events.per_week(outside[r]), 2) for r in work
                ],
                accountable=owners,
                people=list(who),
                scope=list(partner.scope),
            ),
            recommendation=f"Agree with {partner.name}'s owner whether "
            f"{join_names(responsibilities[r].name for r in work)} {belongs} in its scope: "
            f"add {it} to `scope` (and the contract), or hand {it} back to "
            f"{join_names(_owner(ctx, s) for s in dict.fromkeys(owners))}.",
            location=partner.location,
        )


def _owner(ctx: RuleContext, seat_id: str) -> str:
    seat = ctx.workspace.seats.get(seat_id)
    return ctx.index.describe(seat) if seat else "the seat accountable for it"


RULES = (partner_absent_from_strategy, partner_hours_outside_scope)

__all__ = ["RULES"]
