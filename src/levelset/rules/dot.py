"""DOT: connect the dots. Company objectives cascade through key results to every seat,
so each person can see how their work contributes."""

from __future__ import annotations

from collections.abc import Iterator

from levelset.model import Finding, Goal, Seat, Severity
from levelset.model.evidence import (
    GoalPeriodMisfitEvidence,
    GoalWithoutOwnerEvidence,
    MissingTargetEvidence,
    NoLineOfSightEvidence,
    OrphanGoalEvidence,
    UncoveredObjectiveEvidence,
)
from levelset.model.index import OrgIndex
from levelset.model.text import join_names
from levelset.rules.context import RuleContext
from levelset.rules.registry import Family, rule

FAMILY = Family(
    "DOT", "Connect the dots: every goal and every person tied to the company's objectives"
)


@rule("DOT001", "orphan-goal", Severity.WARNING, evidence=OrphanGoalEvidence)
def orphan_goal(ctx: RuleContext) -> Iterator[Finding]:
    """A goal has no path to a top objective.

    What it finds:
        A goal at the root of the goal tree that is not an objective: a key result
        written with `kind: key_result` but no `parent`, or whose parent is missing. A
        top objective is a goal with no parent that is an objective (written as such,
        or by default). The finding is on the root of the stranded branch; the goals
        beneath it are listed in the evidence.

    Why it matters:
        Goals cascade: company objectives, then the functions' key results, then each
        person's work. A key result that hangs from nothing cannot say which company
        objective it serves, so its owner cannot tell whether it still matters.

    Example:
        ```yaml
        goals:
          - {id: kr-leads, title: 400 qualified leads a quarter, kind: key_result,
             owner: marketing, metric: {start: 250, target: 400}}
        ```

    How to fix:
        Give the goal a `parent`: the objective it contributes to. If it serves no
        objective, drop it or write the objective it really serves.
    """
    tree = ctx.index.goal_tree
    for root in tree.roots:
        if tree.kind(root) == "objective":
            continue
        below = _descendants(ctx, root)
        yield ctx.finding(
            "goal",
            root.id,
            f"{root.title} is a key result with no path to a top objective"
            + (f"; {len(below)} goals hang from it." if below else "."),
            evidence=OrphanGoalEvidence(
                kind=tree.kind(root), parent=root.parent, goals_below=below
            ),
            recommendation=f"Set `parent` of {root.id} to the objective it serves, or retire it.",
            location=root.location,
        )


def _descendants(ctx: RuleContext, goal: Goal) -> list[str]:
    children = ctx.index.goal_tree.children
    found: dict[str, None] = {}
    stack = [c.id for c in reversed(children.get(goal.id, []))]
    while stack:
        goal_id = stack.pop()
        if goal_id not in found:  # the loader reports cycles; do not loop on one
            found[goal_id] = None
            stack.extend(c.id for c in reversed(children.get(goal_id, [])))
    return list(found)


@rule("DOT002", "uncovered-objective", Severity.WARNING, evidence=UncoveredObjectiveEvidence)
def uncovered_objective(ctx: RuleContext) -> Iterator[Finding]:
    """A top objective has no contributing goal and no responsibility tied to it.

    What it finds:
        A top objective (a goal with no parent, an objective) with no key result or
        sub-objective under it, and no responsibility listing it in `goals`.

    Why it matters:
        An objective nobody has broken down into key results, and no work is tied to,
        is a wish. Connecting the dots means every company goal has someone's measurable
        work beneath it.

    Example:
        ```yaml
        goals:
          - {id: obj-retention, title: Keep 95% of customers, owner: ceo, period: 2026}
        ```

    How to fix:
        Write the key results that would show progress on it, with owners and
        targets, or tie the responsibilities that serve it to it, or drop it.
    """
    tree = ctx.index.goal_tree
    tied = {g for r in ctx.workspace.responsibilities.values() for g in r.goals}
    for root in tree.roots:
        if tree.kind(root) != "objective" or root.id in tree.children or root.id in tied:
            continue
        yield ctx.finding(
            "goal",
            root.id,
            f"The objective {root.title} has no key result under it and no "
            "responsibility serving it.",
            evidence=UncoveredObjectiveEvidence(
                owner=root.owner, period=str(root.period) if root.period else None
            ),
            recommendation=f"Break {root.title} down into key results with owners and "
            "targets, or tie the responsibilities that serve it to it.",
            location=root.location,
        )


@rule("DOT003", "key-result-without-target", Severity.WARNING, evidence=MissingTargetEvidence)
def key_result_without_target(ctx: RuleContext) -> Iterator[Finding]:
    """A key result has no measurable target.

    What it finds:
        A key result with no `metric`, a metric without `start` or `target`, or one
        whose target equals its start (nothing to move).

    Why it matters:
        A key result is how an objective's progress is measured. Without a start and a
        target nobody can tell whether it is on track, and the objective's progress
        cannot roll up.

    Example:
        ```yaml
        goals:
          - {id: kr-margin, title: Better margins, parent: obj-profit, owner: cfo}
        ```

    How to fix:
        Add a metric with where it starts and where it should end:
        `metric: {start: 18, target: 24, current: 19, unit: "%"}`.
    """
    tree = ctx.index.goal_tree
    for goal in ctx.workspace.goals.values():
        if tree.kind(goal) != "key_result":
            continue
        metric = goal.metric
        missing = []
        if metric is None:
            missing = ["metric"]
        else:
            missing = [
                n for n, v in (("start", metric.start), ("target", metric.target)) if v is None
            ]
        if metric is not None and not missing and metric.start == metric.target:
            missing = ["a target different from the start"]
        if not missing:
            continue
        yield ctx.finding(
            "goal",
            goal.id,
            f"The key result {goal.title} cannot be measured: it lacks {join_names(missing)}.",
            evidence=MissingTargetEvidence(missing=missing),
            recommendation="Give it a metric with a start and a target "
            "(and the current value), so its progress can be tracked and rolled up.",
            location=goal.location,
        )


@rule("DOT004", "goal-without-owner", Severity.WARNING, evidence=GoalWithoutOwnerEvidence)
def goal_without_owner(ctx: RuleContext) -> Iterator[Finding]:
    """A goal has no owner seat.

    What it finds:
        An objective or key result with no `owner`.

    Why it matters:
        A goal everyone shares is a goal nobody owns. One seat must be accountable for
        each outcome so there is one person to ask how it is going.

    Example:
        ```yaml
        goals:
          - {id: kr-dso, title: Cut DSO to 40 days, parent: obj-profit,
             metric: {start: 62, target: 40}}
        ```

    How to fix:
        Set `owner` to the seat accountable for the goal, at the level whose horizon
        matches the goal's period.
    """
    tree = ctx.index.goal_tree
    for goal in ctx.workspace.goals.values():
        if goal.owner is not None:
            continue
        kind = "key result" if tree.kind(goal) == "key_result" else "objective"
        yield ctx.finding(
            "goal",
            goal.id,
            f"The {kind} {goal.title} has no owner.",
            evidence=GoalWithoutOwnerEvidence(kind=tree.kind(goal), parent=goal.parent),
            recommendation="Name the one seat accountable for it in `owner`.",
            location=goal.location,
        )


@rule(
    "DOT005",
    "goal-period-misfit",
    Severity.WARNING,
    options={"tolerance_levels": 1},
    evidence=GoalPeriodMisfitEvidence,
)
def goal_period_misfit(ctx: RuleContext) -> Iterator[Finding]:
    """A goal's period does not fit the level of the seat that owns it.

    What it finds:
        A goal whose period is longer than its owner seat's band (a 3-year objective
        owned by an L1 seat), or shorter by more than `tolerance_levels` levels (a
        one-month key result owned by the CEO). Calendar periods are ragged, so their
        length is allowed 5% either way before it is placed among the bands.

    Why it matters:
        A goal's period is its horizon. The CEO owning this month's numbers is the CEO
        pulled down into a manager's job; a junior seat owning a multi-year objective
        has neither the reach nor the view to deliver it.

    Example:
        ```yaml
        goals:
          - {id: kr-invoices, title: Send every invoice within 2 days, owner: ceo,
             period: 2026-07, metric: {start: 6, target: 2}}
        ```

    How to fix:
        Give the goal to a seat at the level its period fits, or split a long goal
        into shorter key results owned further down.
    """
    index = ctx.index
    tolerance = ctx.int_option("tolerance_levels")
    for goal in ctx.workspace.goals.values():
        seat = ctx.workspace.seats.get(goal.owner or "")
        level = index.level(seat) if seat else None
        if goal.period is None or seat is None or level is None:
            continue
        fit = index.period_fit(goal.period.days)
        side = fit.misfit(level.rank, tolerance)
        if side is None:
            continue
        fitting = index.level_ids(fit)
        relation = "longer than" if side == "above" else "far shorter than"
        yield ctx.finding(
            "goal",
            goal.id,
            f"{goal.title} runs over {goal.period} ({goal.period.days:.0f} days), {relation} "
            f"the {level.horizon} band of its owner {seat.title} ({level.id}).",
            evidence=GoalPeriodMisfitEvidence(
                period=str(goal.period),
                days=goal.period.days,
                owner=seat.id,
                owner_level=level.id,
                band=str(level.horizon),
                fitting_levels=fitting,
            ),
            recommendation=f"Give {goal.title} to a seat at {join_names(fitting, word='or')}, "
            "or change its period to the horizon of its owner.",
            location=goal.location,
        )


@rule("DOT006", "seat-without-line-of-sight", Severity.WARNING, evidence=NoLineOfSightEvidence)
def seat_without_line_of_sight(ctx: RuleContext) -> Iterator[Finding]:
    """A held seat has no line of sight to any goal.

    What it finds:
        A held seat that owns no goal and is neither accountable nor responsible for a
        responsibility tied to a goal (through the responsibility's `goals`), and
        manages no seat that is. A manager's line of sight runs through the seats it
        manages: a supervisor put between a manager and a team (as the plan proposes
        for a level gap) sees the goals the team's work serves. Vacant seats are left
        to LEV004.

    Why it matters:
        People do their best work when they can see how it contributes to the company's
        objectives. A seat tied to no goal is work the goals do not explain: either the
        goals are missing something or the work is a candidate to stop.

    Example:
        ```yaml
        seats:
          - {id: office-manager, title: Office manager, level: L2, holders: [lee]}
        responsibilities:
          - {id: facilities, name: Facilities, accountable: office-manager}   # no goals
        ```

    How to fix:
        Tie the seat's responsibilities to the goals they serve, give the seat a key
        result of its own, or question the work.
    """
    index = ctx.index
    for seat in ctx.workspace.seats.values():
        if seat.vacant or index.goals_owned.get(seat.id):
            continue
        work = index.accountable_for.get(seat.id, []) + index.responsible_for.get(seat.id, [])
        if any(r.goals for r in work) or any(
            _sighted(index, s) for s in index.reports.get(seat.id, [])
        ):
            continue
        yield ctx.finding(
            "seat",
            seat.id,
            f"{index.describe(seat)} owns no goal and none of its work is tied to one.",
            evidence=NoLineOfSightEvidence(responsibilities=[r.id for r in work]),
            recommendation=f"Tie {seat.title}'s responsibilities to the goals they serve, "
            "or give the seat a key result it owns.",
            location=seat.location,
        )


def _sighted(index: OrgIndex, seat: Seat) -> bool:
    """True when ``seat`` owns a goal or does work tied to one."""
    work = index.accountable_for.get(seat.id, []) + index.responsible_for.get(seat.id, [])
    return bool(index.goals_owned.get(seat.id)) or any(r.goals for r in work)


RULES = (
    orphan_goal,
    uncovered_objective,
    key_result_without_target,
    goal_without_owner,
    goal_period_misfit,
    seat_without_line_of_sight,
)
