"""Who an answer is for: the whole organization, or one partner firm and its slice.

An outside partner (the bookkeeper, the marketing agency) may see its own part of the
organization and nothing else: the seats it holds, its scope, the responsibilities it
holds, the goals it shares and their path to the top objective, the findings about it,
its seats and its people, the strategy sessions and whether its people attend, and its
own people's hours. It never sees a cost rate, a customer, another partner or another
person's hours. The cut is made here, in the service layer, so that the web pages, the
JSON API and the exports (``levelset partner``, the page's downloads) obey one rule: a
slice is built only from what a partner may see, never by hiding parts of a larger
answer. Its types are in ``model.partner_slice``, so the report layer can render them.
"""

from __future__ import annotations

from dataclasses import dataclass

from levelset.model import Problem, Workspace
from levelset.model.allocation import Allocation
from levelset.model.findings import Finding, Subject
from levelset.model.goals import GoalTree
from levelset.model.holdings import SeatHoldings
from levelset.model.org import Partner
from levelset.model.partner_slice import (
    PartnerSlice,
    PersonHours,
    SharedGoal,
    SliceFinding,
    SliceSeat,
    SliceWork,
    StrategySession,
)
from levelset.model.suggest import did_you_mean
from levelset.plan.line_of_sight import goal_path
from levelset.service.errors import UsageError
from levelset.service.session import Session


class UnknownPartner(UsageError):  # noqa: N818 - named like NoEventData
    """No partner of that id in the workspace (answered 404 on the web)."""

    http_status = 404


@dataclass(frozen=True)
class Audience:
    """Whom an answer is for: ``partner`` is None for the whole organization."""

    partner: str | None = None

    @property
    def whole_organization(self) -> bool:
        """True when nothing is cut away."""
        return self.partner is None


def partner_slice(session: Session, partner_id: str) -> PartnerSlice:
    """The slice of the session's workspace that ``partner_id`` may see; raises
    ``UnknownPartner`` for an id the workspace does not have."""
    workspace = session.workspace
    partner = workspace.partners.get(partner_id)
    if partner is None:
        hint = did_you_mean(partner_id, list(workspace.partners))
        raise UnknownPartner(f"no partner {partner_id!r}{hint}")
    seats = SeatHoldings(workspace).firm_seats().get(partner.id, [])
    people = partner_people(workspace, partner)
    events = session.events()
    allocation = events.allocation
    owner = workspace.seats.get(partner.owner or "")
    return PartnerSlice(
        organization=workspace.settings.name,
        partner=partner.id,
        name=partner.name,
        function=partner.function,
        owner=owner.title if owner is not None else partner.owner,
        seats=tuple(
            SliceSeat(s.id, s.title, s.level, s.function, _title(workspace, s.reports_to))
            for s in seats
        ),
        work=_work(workspace, partner, {s.id for s in seats}),
        goals=_goals(workspace, partner),
        findings=_findings(session.check().findings, partner, {s.id for s in seats}, people),
        sessions=None if allocation is None else _sessions(workspace, allocation, people),
        hours=None if allocation is None else _hours(workspace, allocation, partner, people),
        missing="" if allocation is not None else _why_no_hours(events.problems),
    )


def _why_no_hours(problems: list[Problem]) -> str:
    """Why the slice has no sessions and no hours: the problems met reading the time and
    calendar files, or that there are none."""
    told = "; ".join(str(p) for p in problems)
    return told or "the workspace has no time entries or calendars under data/"


def partner_people(workspace: Workspace, partner: Partner) -> tuple[str, ...]:
    """The ids of the people a partner firm sends, in file order."""
    listed = [p for p in partner.people if p in workspace.people]
    listed += [p.id for p in workspace.people.values() if p.partner == partner.id]
    return tuple(dict.fromkeys(listed))


def _title(workspace: Workspace, seat_id: str | None) -> str | None:
    seat = workspace.seats.get(seat_id or "")
    return seat.title if seat is not None else None


def _work(workspace: Workspace, partner: Partner, seats: set[str]) -> tuple[SliceWork, ...]:
    found: list[SliceWork] = []
    for resp in workspace.responsibilities.values():
        in_scope = resp.id in partner.scope
        if seats.intersection(resp.accountable):
            role = "accountable"
        elif seats.intersection(resp.responsible):
            role = "responsible"
        elif in_scope:
            role = "scope"
        else:
            continue
        found.append(SliceWork(resp.id, resp.name, role, in_scope))
    return tuple(found)


def _goals(workspace: Workspace, partner: Partner) -> tuple[SharedGoal, ...]:
    tree = GoalTree(workspace.goals)
    shared: list[SharedGoal] = []
    for goal_id in partner.goals:
        if goal_id not in workspace.goals:
            continue  # the check reports the unknown goal
        path = goal_path(tree, goal_id)
        shared.append(SharedGoal(goal_id, path.titles[0], path.titles, path.connected))
    return tuple(shared)


def _findings(
    findings: tuple[Finding, ...], partner: Partner, seats: set[str], people: tuple[str, ...]
) -> tuple[SliceFinding, ...]:
    mine = {("partner", partner.id)}
    mine |= {("seat", s) for s in seats}
    mine |= {("person", p) for p in people}
    return tuple(
        SliceFinding(
            f.code,
            f.severity.value,
            f.subject.kind,
            f.subject.id,
            f.message,
            f.recommendation,
        )
        for f in findings
        if _key(f.subject) in mine
    )


def _key(subject: Subject) -> tuple[str, str]:
    return subject.kind, subject.id


def _sessions(
    workspace: Workspace, allocation: Allocation, people: tuple[str, ...]
) -> tuple[StrategySession, ...]:
    strategic = {r.id for r in workspace.responsibilities.values() if r.strategic}
    return tuple(
        StrategySession(
            title=series.title,
            responsibility=workspace.responsibilities[series.responsibility].name,
            held=series.occurrences,
            # counted as OUT006 counts: at most once per occurrence, however many came
            invited=min(series.occurrences, sum(series.invited.get(p, 0) for p in people)),
            attended=min(series.occurrences, sum(series.attended.get(p, 0) for p in people)),
        )
        for series in allocation.series
        if series.responsibility in strategic
    )


def _hours(
    workspace: Workspace, allocation: Allocation, partner: Partner, people: tuple[str, ...]
) -> tuple[PersonHours, ...]:
    names = {r.id: r.name for r in workspace.responsibilities.values()}
    found: list[PersonHours] = []
    for person in people:
        by_work: dict[str, float] = {}
        outside = 0.0
        for row in allocation.rows:
            if row.person != person:
                continue
            label = names.get(row.responsibility or "", row.label or "(unmatched)")
            by_work[label] = by_work.get(label, 0.0) + row.hours
            if row.responsibility not in partner.scope:
                outside += row.hours
        known = workspace.people.get(person)
        found.append(
            PersonHours(
                person=person,
                name=known.name if known is not None else person,
                hours_per_week=_per_week(allocation, sum(by_work.values())),
                outside_scope_per_week=_per_week(allocation, outside),
                by_work=tuple(
                    (label, _per_week(allocation, hours))
                    for label, hours in sorted(by_work.items(), key=lambda item: -item[1])
                ),
            )
        )
    return tuple(found)


def _per_week(allocation: Allocation, hours: float) -> float:
    # one place, as the rules word hours: rounded once, so a file and a finding agree
    return round(allocation.per_week(hours), 1)


__all__ = [
    "Audience",
    "PartnerSlice",
    "PersonHours",
    "SharedGoal",
    "SliceFinding",
    "SliceSeat",
    "SliceWork",
    "StrategySession",
    "UnknownPartner",
    "partner_people",
    "partner_slice",
]
