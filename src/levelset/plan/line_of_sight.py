"""A person's line of sight: their hours by responsibility, goal and top objective.

The "connect the dots" chain: every hour a person spends should lead, through a
responsibility and the goals it serves, to a top objective of the company. This module
follows that chain for one person from the allocation (hours over the window) and shows
what is tied to nothing: work that matched no responsibility, and responsibilities that
serve no goal or whose goals never reach an objective.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from levelset.model import GoalTree, Workspace
from levelset.model.allocation import Allocation
from levelset.model.holdings import seats_held_by

ACCOUNTABLE, RESPONSIBLE, OTHERS = "accountable", "responsible", "others'"


@dataclass(frozen=True, slots=True)
class GoalPath:
    """One goal a responsibility serves and the chain above it, the goal first.

    ``ids`` and ``titles`` run from the goal to the top of its tree; ``connected`` is
    true when the top is an objective (a key result at the top leads nowhere).
    """

    ids: tuple[str, ...]
    titles: tuple[str, ...]
    connected: bool

    @property
    def objective(self) -> str:
        """The id at the top of the chain."""
        return self.ids[-1]


@dataclass(frozen=True, slots=True)
class WorkLine:
    """The hours a person spent on one responsibility, and where it leads.

    ``role`` is ``accountable`` or ``responsible`` when one of the person's seats is,
    else ``others'`` (the work belongs to someone else's seat).
    """

    responsibility: str
    name: str
    role: str
    hours: float
    hours_per_week: float
    paths: tuple[GoalPath, ...] = ()

    @property
    def connected(self) -> bool:
        """True when at least one goal of this work reaches a top objective."""
        return any(path.connected for path in self.paths)


@dataclass(frozen=True, slots=True)
class LooseWork:
    """Hours that matched no responsibility, by what the work was called."""

    label: str
    source: str
    hours: float
    hours_per_week: float


@dataclass(frozen=True, slots=True)
class ObjectiveShare:
    """Hours a week that lead to one top objective."""

    objective: str
    title: str
    hours_per_week: float


@dataclass(frozen=True, slots=True)
class LineOfSight:
    """One person's hours over the window, from work to the top objectives."""

    person: str
    name: str
    seats: tuple[str, ...]
    window_start: date
    window_end: date
    weeks: int
    work: tuple[WorkLine, ...]
    unmatched: tuple[LooseWork, ...]
    objectives: tuple[ObjectiveShare, ...]

    @property
    def total_hours(self) -> float:
        """All the person's hours over the window."""
        return sum(w.hours for w in self.work) + sum(u.hours for u in self.unmatched)

    @property
    def connected_hours(self) -> float:
        """Hours on work that reaches a top objective."""
        return sum(w.hours for w in self.work if w.connected)

    @property
    def tied_to_nothing_hours(self) -> float:
        """Hours that reach no objective: no responsibility, no goal, or a broken chain."""
        return self.total_hours - self.connected_hours


def line_of_sight(workspace: Workspace, allocation: Allocation, person: str) -> LineOfSight:
    """Follow ``person``'s hours in ``allocation`` through responsibilities and goals."""
    found = workspace.people.get(person)
    seats = seats_held_by(workspace, person)
    seat_ids = {seat.id for seat in seats}
    tree = GoalTree(workspace.goals)
    by_work: dict[str, float] = {}
    loose: dict[tuple[str, str], float] = {}
    for row in allocation.rows:
        if row.person != person:
            continue
        if row.responsibility is None:
            key = (row.label or "(unnamed)", row.source)
            loose[key] = loose.get(key, 0.0) + row.hours
        else:
            by_work[row.responsibility] = by_work.get(row.responsibility, 0.0) + row.hours
    work = [
        _work_line(workspace, tree, allocation, seats=seat_ids, resp_id=resp_id, hours=hours)
        for resp_id, hours in by_work.items()
    ]
    work.sort(key=lambda w: (-w.hours, w.responsibility))
    unmatched = sorted(
        (
            LooseWork(label, source, hours, allocation.per_week(hours))
            for (label, source), hours in loose.items()
        ),
        key=lambda u: (-u.hours, u.label),
    )
    return LineOfSight(
        person=person,
        name=found.name if found is not None else person,
        seats=tuple(seat.id for seat in seats),
        window_start=allocation.window_start,
        window_end=allocation.window_end,
        weeks=allocation.weeks,
        work=tuple(work),
        unmatched=tuple(unmatched),
        objectives=_objectives(tree, work),
    )


def _work_line(
    workspace: Workspace,
    tree: GoalTree,
    allocation: Allocation,
    *,
    seats: set[str],
    resp_id: str,
    hours: float,
) -> WorkLine:
    resp = workspace.responsibilities.get(resp_id)
    if resp is None:  # the cube only names known responsibilities; keep the hours anyway
        return WorkLine(resp_id, resp_id, OTHERS, hours, allocation.per_week(hours))
    if seats.intersection(resp.accountable):
        role = ACCOUNTABLE
    elif seats.intersection(resp.responsible):
        role = RESPONSIBLE
    else:
        role = OTHERS
    paths = tuple(goal_path(tree, goal) for goal in resp.goals if goal in workspace.goals)
    return WorkLine(resp.id, resp.name, role, hours, allocation.per_week(hours), paths)


def goal_path(tree: GoalTree, goal_id: str) -> GoalPath:
    """The chain of goals from ``goal_id`` up to the top (stopping at a cycle, which the
    loader reports); connected when the top is an objective."""
    chain = [tree.goals[goal_id]]
    seen = {goal_id}
    while (parent := chain[-1].parent) is not None and parent in tree.goals:
        if parent in seen:  # a cycle the loader reports; stop here
            break
        seen.add(parent)
        chain.append(tree.goals[parent])
    top = chain[-1]
    return GoalPath(
        ids=tuple(g.id for g in chain),
        titles=tuple(g.title for g in chain),
        connected=tree.kind(top) == "objective",
    )


def _objectives(tree: GoalTree, work: list[WorkLine]) -> tuple[ObjectiveShare, ...]:
    """Hours a week per top objective; work serving several objectives is split evenly."""
    shares: dict[str, float] = {}
    for line in work:
        tops = list(dict.fromkeys(p.objective for p in line.paths if p.connected))
        for top in tops:
            shares[top] = shares.get(top, 0.0) + line.hours_per_week / len(tops)
    ordered = sorted(shares.items(), key=lambda item: (-item[1], item[0]))
    return tuple(ObjectiveShare(top, tree.goals[top].title, hours) for top, hours in ordered)
