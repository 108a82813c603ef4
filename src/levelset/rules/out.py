"""OUT: outsourced functions. Partners can run execution, but they need a scope, an
internal owner, vetting and shared goals; leadership and accountability stay inside."""

from __future__ import annotations

from collections.abc import Iterator

from levelset.model import Finding, Outcome, Partner, Severity
from levelset.model.evidence import (
    PartnerAccountableEvidence,
    PartnerNotVettedEvidence,
    PartnerWithoutOwnerEvidence,
    PartnerWithoutScopeEvidence,
    PartnerWithoutSharedGoalEvidence,
)
from levelset.model.text import join_names
from levelset.rules.context import RuleContext
from levelset.rules.registry import Family, rule

FAMILY = Family("OUT", "Outsourced functions: partners scoped, vetted, owned and inside strategy")


@rule(
    "OUT001",
    "partner-accountable",
    Severity.ERROR,
    options={"manager_level": ""},
    evidence=PartnerAccountableEvidence,
)
def partner_accountable(ctx: RuleContext) -> Iterator[Finding]:
    """A partner holds an accountable or leadership seat.

    What it finds:
        A partner (the firm itself, or one of its people) holding a seat that is
        accountable for a responsibility, or a seat at manager level or above (L3 in the
        default scheme; `manager_level` sets it for a custom scheme).

    Why it matters:
        Outsourcing is not absolution. A fractional firm can do the work, but it has its
        own bottom line; when the accountability for an outcome or the leadership of a
        function sits outside, nobody inside owns the result and the company's
        strategy is left to a vendor.

    Example:
        ```yaml
        seats:
          - {id: bookkeeper, title: Bookkeeper, level: L1, holders: [{partner: stride}]}
        responsibilities:
          - {id: monthly-close, name: Monthly close, accountable: bookkeeper}
        ```

    How to fix:
        Make an internal seat accountable (the partner stays `responsible` and does the
        work), and keep seats at manager level and above with employees; an internal
        owner manages the partner.
    """
    index = ctx.index
    threshold = index.manager_rank(ctx.str_option("manager_level"))
    for partner in ctx.workspace.partners.values():
        seats = index.partner_seats.get(partner.id, [])
        accountable = [s for s in seats if index.accountable_for.get(s.id)]
        leading = [s for s in seats if (index.rank(s) or 0) >= threshold]
        if not accountable and not leading:
            continue
        work = [r.id for s in accountable for r in index.accountable_for[s.id]]
        parts = []
        if work:
            parts.append(f"is accountable for {join_names(work)}")
        if leading:
            parts.append(f"holds {join_names(s.title for s in leading)} at manager level or above")
        yield ctx.finding(
            "partner",
            partner.id,
            f"{partner.name} is an outside firm but {' and '.join(parts)}.",
            evidence=PartnerAccountableEvidence(
                seats=[s.id for s in dict.fromkeys([*accountable, *leading])],
                responsibilities=work,
                leadership_seats=[s.id for s in leading],
            ),
            recommendation="Move the accountability to an internal seat and keep "
            f"{partner.name} responsible for the work, managed by an internal owner.",
            location=partner.location,
        )


@rule("OUT002", "partner-without-scope", Severity.WARNING, evidence=PartnerWithoutScopeEvidence)
def partner_without_scope(ctx: RuleContext) -> Iterator[Finding]:
    """A partner has no written scope.

    What it finds:
        A partner whose `scope` lists no responsibility.

    Why it matters:
        Both sides can be working "within the scope of the agreement" and still not be
        in sync when the scope was never made explicit. A clear scope is the start of
        trust and accountability across company boundaries.

    Example:
        ```yaml
        partners:
          - {id: brightline, name: Brightline Agency, function: marketing, owner: cmo}
        ```

    How to fix:
        List in `scope` the responsibilities the partner is engaged for.
    """
    for partner in ctx.workspace.partners.values():
        if partner.scope:
            continue
        yield ctx.finding(
            "partner",
            partner.id,
            f"{partner.name} has no scope: nothing says which work it is engaged for.",
            evidence=PartnerWithoutScopeEvidence(function=partner.function or None),
            recommendation=f"Write down {partner.name}'s scope as responsibility ids.",
            location=partner.location,
        )


@rule("OUT003", "partner-without-owner", Severity.WARNING, evidence=PartnerWithoutOwnerEvidence)
def partner_without_owner(ctx: RuleContext) -> Iterator[Finding]:
    """A partner has no internal owner.

    What it finds:
        A partner with no `owner`, or whose owner seat is vacant or held only by
        partners (no employee answers for the relationship).

    Why it matters:
        Someone inside has to manage the relationship, bring the partner into the
        company's plans and answer for its results. Without an internal owner a partner
        drifts, or reports to whoever shouts loudest.

    Example:
        ```yaml
        partners:
          - {id: stride, name: Stride Bookkeeping, scope: [ap-processing]}
        ```

    How to fix:
        Set `owner` to the held internal seat accountable for the relationship, usually
        the manager of the function the partner serves.
    """
    index = ctx.index
    for partner in ctx.workspace.partners.values():
        seat = ctx.workspace.seats.get(partner.owner or "")
        if seat is not None and index.internal_holders(seat):
            continue
        if partner.owner is None or seat is None:
            why = "has no internal owner"
        elif seat.vacant:
            why = f"is owned by {seat.title}, a vacant seat"
        else:
            why = f"is owned by {seat.title}, which only partners hold"
        yield ctx.finding(
            "partner",
            partner.id,
            f"{partner.name} {why}.",
            evidence=PartnerWithoutOwnerEvidence(
                owner=partner.owner, owner_vacant=bool(seat and seat.vacant)
            ),
            recommendation=f"Name an internal, held seat as {partner.name}'s owner.",
            location=partner.location,
        )


@rule("OUT004", "partner-not-vetted", Severity.WARNING, evidence=PartnerNotVettedEvidence)
def partner_not_vetted(ctx: RuleContext) -> Iterator[Finding]:
    """A partner was never vetted, or every reference was negative.

    What it finds:
        A partner with no `reference_checks`, or whose checks all came out negative.

    Why it matters:
        Handing a critical function to another business is a matter of trust; checking
        references is how that trust is earned before the work, not after a bad close.

    Example:
        ```yaml
        partners:
          - {id: brightline, name: Brightline Agency, owner: cmo, scope: [campaigns]}
        ```

    How to fix:
        Take references from the partner's other clients and record them:
        `reference_checks: [{date: 2026-01-10, referee: Jo Park, outcome: positive}]`.
    """
    for partner in ctx.workspace.partners.values():
        outcomes = [c.outcome for c in partner.reference_checks]
        if outcomes and any(o is not Outcome.NEGATIVE for o in outcomes):
            continue
        why = "no reference check" if not outcomes else "only negative references"
        yield ctx.finding(
            "partner",
            partner.id,
            f"{partner.name} has {why} on record.",
            evidence=PartnerNotVettedEvidence(
                reference_checks=len(outcomes), outcomes=[o.value for o in outcomes]
            ),
            recommendation=f"Check {partner.name}'s references with its other clients "
            "and record the outcome; reconsider the engagement if they are negative.",
            location=partner.location,
        )


@rule(
    "OUT005",
    "partner-without-shared-goal",
    Severity.WARNING,
    evidence=PartnerWithoutSharedGoalEvidence,
)
def partner_without_shared_goal(ctx: RuleContext) -> Iterator[Finding]:
    """A partner shares no goal with the company.

    What it finds:
        A partner with no `goals`, which owns no goal through a seat it holds, and
        whose scope has no responsibility tied to a goal.

    Why it matters:
        A fractional partner works toward its own targets unless it is given the
        company's. Shared goals, and a seat in the strategy sessions where they are set,
        keep a partner rowing in the same direction as the team.

    Example:
        ```yaml
        partners:
          - {id: brightline, name: Brightline Agency, owner: cmo, scope: [campaigns]}
        responsibilities:
          - {id: campaigns, name: Campaigns, accountable: cmo}   # no goals
        ```

    How to fix:
        List in the partner's `goals` the key results it contributes to, or tie the
        responsibilities in its scope to them.
    """
    for partner in ctx.workspace.partners.values():
        if _shares_goal(ctx, partner):
            continue
        yield ctx.finding(
            "partner",
            partner.id,
            f"{partner.name} shares no goal with the company: nothing ties its work "
            "to an objective.",
            evidence=PartnerWithoutSharedGoalEvidence(scope=list(partner.scope)),
            recommendation=f"Share the key results {partner.name} contributes to "
            "(list them in its `goals`) and review them together.",
            location=partner.location,
        )


def _shares_goal(ctx: RuleContext, partner: Partner) -> bool:
    if partner.goals:
        return True
    seats = ctx.index.partner_seats.get(partner.id, [])
    if any(ctx.index.goals_owned.get(s.id) for s in seats):
        return True
    scope = (ctx.workspace.responsibilities.get(r) for r in partner.scope)
    return any(r is not None and r.goals for r in scope)


RULES = (
    partner_accountable,
    partner_without_scope,
    partner_without_owner,
    partner_not_vetted,
    partner_without_shared_goal,
)
