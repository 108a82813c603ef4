"""DOT, from the hours: how much of each function's and person's time has a line of
sight to the company's objectives."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from levelset.model import Finding, Severity
from levelset.model.allocation import WorkRow
from levelset.model.evidence import (
    FunctionHoursOutOfSightEvidence,
    HoursOutOfSightEvidence,
    PersonHoursOutOfSightEvidence,
)
from levelset.model.text import join_names, partial_note, per_week, share_of_time
from levelset.rules.context import RuleContext
from levelset.rules.holdings import Holdings
from levelset.rules.registry import rule

#: How many of the worst offenders and of the biggest pieces of work a finding names.
WORST = 5


@dataclass
class _Tally:
    """Hours of one person or function: all of them, and those tied to no goal."""

    total: float = 0.0
    dark: float = 0.0
    work: dict[str, float] = field(default_factory=dict)
    people: dict[str, float] = field(default_factory=dict)

    @property
    def share(self) -> float:
        return self.dark / self.total if self.total > 0 else 0.0

    def add(self, row: WorkRow, sighted: bool, what: str) -> None:
        self.total += row.hours
        if not sighted:
            self.dark += row.hours
            self.work[what] = self.work.get(what, 0.0) + row.hours
            self.people[row.person] = self.people.get(row.person, 0.0) + row.hours


@rule(
    "DOT007",
    "hours-without-line-of-sight",
    Severity.WARNING,
    options={"max_share": 0.5, "min_hours_per_week": 4.0},
    needs_events=True,
    evidence=HoursOutOfSightEvidence,
)
def hours_without_line_of_sight(ctx: RuleContext) -> Iterator[Finding]:
    """Much of a function's or a person's time goes to work tied to no goal.

    What it finds:
        A function, or a person, whose hours on work with no line of sight are more than
        `max_share` of all their hours (half by default) and at least
        `min_hours_per_week`. Work has a line of sight when it matched a responsibility
        whose `goals` include one with a path to a top objective; hours that match no
        responsibility have none. A person's function is that of the highest-ranked seat
        they hold (or their firm's). A function over the threshold is one finding, its
        worst offenders and biggest pieces of work in the evidence; people are reported
        on their own only when their function as a whole is not.

    Why it matters:
        Connecting the dots means every person can see how their hours serve the
        company's objectives. A warehouse floor whose work is tied to no goal does not
        know what good looks like; time nobody can connect to a goal is either missing
        from the goal tree or a candidate to stop.

    Example:
        ```yaml
        responsibilities:
          - {id: fulfilment-dallas, name: "Pick, pack and ship, Dallas",
             accountable: wh-supervisor-dallas, match: {project: Warehouse, task: "Dallas*"}}
             # no goals: the Dallas floor's 300 hours a week serve no key result
        ```

    How to fix:
        Tie the responsibilities behind the hours to the key results they serve
        (`goals:`), give the unmatched work a responsibility, or stop doing it.
    """
    holdings = Holdings(ctx.index)
    max_share = ctx.float_option("max_share")
    min_hours = ctx.float_option("min_hours_per_week")
    sighted = _sighted_responsibilities(ctx)
    people: dict[str, _Tally] = {}
    functions: dict[str, _Tally] = {}
    for row in ctx.events.rows:
        resp = ctx.workspace.responsibilities.get(row.responsibility or "")
        what = resp.name if resp else f'"{row.label}"' if row.label else "unlabelled work"
        seen = row.responsibility in sighted
        people.setdefault(row.person, _Tally()).add(row, seen, what)
        function = holdings.function(row.person)
        if function:
            functions.setdefault(function, _Tally()).add(row, seen, what)

    def over(tally: _Tally) -> bool:
        return tally.share > max_share and ctx.events.per_week(tally.dark) >= min_hours

    places = ctx.index.functions()
    for function, tally in functions.items():
        if not over(tally):
            continue
        seats, resps = places.get(function, ([], []))
        worst = sorted(tally.people, key=lambda p: -tally.people[p])[:WORST]
        where = seats[0].location if seats else resps[0].location if resps else None
        whose = f"the {function} function's"
        yield ctx.finding(
            "function",
            function,
            f"{_share(ctx, tally, whose)} goes to work tied to no goal: "
            f"{_work(ctx, tally)}. "
            f"Most of it is {join_names(_named(ctx, holdings, tally, worst))}.",
            evidence=FunctionHoursOutOfSightEvidence(
                **_figures(ctx, tally, max_share),
                worst_people=worst,
                worst_hours_per_week=[
                    round(ctx.events.per_week(tally.people[p]), 2) for p in worst
                ],
            ),
            recommendation=f"Tie the {function} work above to the key results it serves, "
            "or give unmatched work a responsibility with goals, or stop it.",
            location=where,
        )
    dark = {
        person_id: tally
        for person_id, tally in people.items()
        if holdings.person(person_id) is not None
        and over(tally)
        and not over(functions.get(holdings.function(person_id), _Tally()))
    }
    yield from _people_findings(ctx, holdings, dark, max_share)


def _people_findings(
    ctx: RuleContext, holdings: Holdings, dark: dict[str, _Tally], max_share: float
) -> Iterator[Finding]:
    for person_id, tally in dark.items():
        name = holdings.name(person_id)
        whose = f"{name}'s"
        yield ctx.finding(
            "person",
            person_id,
            f"{_share(ctx, tally, whose)} goes to work tied to no goal: {_work(ctx, tally)}."
            + partial_note(ctx.events.per_week(tally.total), whose),
            evidence=PersonHoursOutOfSightEvidence(
                **_figures(ctx, tally, max_share), function=holdings.function(person_id)
            ),
            recommendation=f"Show {name} which key result this work serves (tie it to one), "
            "or move it to where it does, or stop it.",
            location=ctx.workspace.people[person_id].location,
        )


def _sighted_responsibilities(ctx: RuleContext) -> set[str]:
    """Responsibilities tied to at least one goal with a path to a top objective."""
    goals = ctx.workspace.goals
    return {
        resp.id
        for resp in ctx.workspace.responsibilities.values()
        if any(g in goals and ctx.index.connected(goals[g]) for g in resp.goals)
    }


def _share(ctx: RuleContext, tally: _Tally, whose: str) -> str:
    dark, total = ctx.events.per_week(tally.dark), ctx.events.per_week(tally.total)
    return share_of_time(tally.share, dark, total, whose)


def _work(ctx: RuleContext, tally: _Tally) -> str:
    biggest = sorted(tally.work, key=lambda w: -tally.work[w])
    return join_names(f"{w} ({per_week(ctx.events.per_week(tally.work[w]))})" for w in biggest)


def _named(ctx: RuleContext, holdings: Holdings, tally: _Tally, worst: list[str]) -> list[str]:
    return [f"{holdings.name(p)} ({per_week(ctx.events.per_week(tally.people[p]))})" for p in worst]


def _figures(ctx: RuleContext, tally: _Tally, max_share: float) -> dict[str, Any]:
    """The fields of ``HoursOutOfSightEvidence``, for a function's or a person's."""
    biggest = sorted(tally.work, key=lambda w: -tally.work[w])[:WORST]
    return {
        "share": round(tally.share, 3),
        "hours_per_week": round(ctx.events.per_week(tally.dark), 2),
        "total_hours_per_week": round(ctx.events.per_week(tally.total), 2),
        "work": biggest,
        "work_hours_per_week": [round(ctx.events.per_week(tally.work[w]), 2) for w in biggest],
        "max_share": max_share,
    }


RULES = (hours_without_line_of_sight,)

__all__ = ["RULES"]
