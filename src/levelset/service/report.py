"""The report a consultant hands over, built from one session (``ReportView``).

Both faces that show it, ``levelset report`` and the web app, call ``report_view``: the
check, the seat and goal trees, the finance figures, where the leadership's hours go
week by week, the partners and what changed since the last snapshot. A part without
data is left empty and ``ReportView.missing`` says why in one line.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime
from pathlib import Path

from levelset.model import Report, Workspace
from levelset.model.allocation import Allocation
from levelset.model.holdings import SeatHoldings
from levelset.model.index import OrgIndex
from levelset.model.org import Partner
from levelset.model.trend import ABOVE, BELOW, IN_BAND, NO_HORIZON, UNMATCHED
from levelset.plan.snapshots import Snapshot, SnapshotDiff, diff_snapshots, snapshot_finding
from levelset.report.data import report_to_dict
from levelset.report.trees import goal_tree_view, holder_label, holder_names, org_view
from levelset.report.views import (
    CheckView,
    FinanceView,
    LeaderHours,
    PartnerSummary,
    PeopleFigures,
    ReportView,
)
from levelset.service.session import Session

#: How many levels from the top count as "the leadership" (L5 and L4 in the default scheme).
LEADERSHIP_LEVELS = 2


def report_view(session: Session, shown: Path | None = None) -> ReportView:
    """Everything ``levelset report`` shows for the session's workspace. ``shown`` is
    the workspace as the user named it (its root by default). Raises ``WorkspaceError``
    when the workspace cannot be read."""
    workspace = session.workspace
    shown = shown if shown is not None else workspace.root
    report = dataclasses.replace(session.check(), workspace=shown)
    missing: dict[str, str] = {}
    finance = None
    if report.finance is not None:
        finance = FinanceView(
            workspace=shown,
            finance=report.finance,
            currency=workspace.settings.currency,
        )
    else:
        missing["finance"] = (
            "No finance data: put customers, invoices and the rest in data/finance/."
        )
    people = None
    if report.allocation is not None:
        people = people_figures(session, workspace)
    else:
        missing["people"] = "No event data: put time entries or calendars in data/."
    if not workspace.partners:
        missing["partners"] = "No partners: partners.yaml names none."
    diff = _since_last_snapshot(session, report)
    if diff is None:
        missing["changes"] = "No snapshot yet: `levelset check --save` keeps one to compare with."
    return ReportView(
        name=workspace.settings.name or workspace.root.name,
        today=session.today,
        check=CheckView(
            report,
            families=dict(session.registry.families),
            applied=session.verified_plan().applied,
        ),
        org=org_view(workspace, shown),
        goals=goal_tree_view(workspace, shown),
        finance=finance,
        people=people,
        partners=tuple(
            partner_summary(workspace, p, report.allocation) for p in _partners(workspace)
        ),
        diff=diff,
        missing=missing,
    )


def leadership_seats(workspace: Workspace) -> list[str]:
    """The seats at the top ``LEADERSHIP_LEVELS`` levels of the scheme that someone holds."""
    top = set(workspace.scheme.ids()[-LEADERSHIP_LEVELS:])
    return [s.id for s in workspace.seats.values() if s.level in top and s.holders]


def people_figures(session: Session, workspace: Workspace) -> PeopleFigures:
    """The leaders' hours by band and the weekly trend of the share below band, the
    leaders' hours on others' work and the hours nobody owns.

    The same figures as the engine's ``horizon`` trend of each leadership seat and its
    ``others-work`` trend of each leader, summed; read from the cube in one query (a
    trend a seat would cost a query each: hundreds in a large organization)."""
    unowned = session.trend("unowned", on_problem=_ignore)
    weeks = unowned.weeks
    seats = [workspace.seats[s] for s in leadership_seats(workspace)]
    holdings = SeatHoldings(workspace)
    people = {seat.id: holdings.people_in(seat) for seat in seats}
    everyone = sorted({p for names in people.values() for p in names})
    rows = hours_by_week_and_work(session, everyone)
    index = OrgIndex(workspace)
    classes = HorizonClasses(workspace, index)
    own = _own_work(workspace, everyone)
    column = {week: n for n, week in enumerate(weeks)}
    below = [0.0] * len(weeks)
    banded = [0.0] * len(weeks)
    others = [0.0] * len(weeks)
    leaders: list[LeaderHours] = []
    for seat in seats:
        band = dict.fromkeys((BELOW, IN_BAND, ABOVE), 0.0)
        rank = index.rank(seat)
        for person in people[seat.id]:
            for week, work, hours in rows.get(person, ()):
                place = classes.place(work, rank)
                if place in band and week in column:
                    band[place] += hours
                    banded[column[week]] += hours
                    if place == BELOW:
                        below[column[week]] += hours
        leaders.append(
            LeaderHours(
                seat=seat.id,
                title=seat.title,
                level=seat.level,
                holders=holder_names(tuple(holder_label(workspace, h) for h in seat.holders)),
                below=round(band[BELOW], 2),
                in_band=round(band[IN_BAND], 2),
                above=round(band[ABOVE], 2),
            )
        )
    for person in everyone:
        for week, work, hours in rows.get(person, ()):
            if work is not None and work not in own[person] and week in column:
                others[column[week]] += hours
    return PeopleFigures(
        levels=tuple(workspace.scheme.ids()[-LEADERSHIP_LEVELS:]),
        leaders=tuple(leaders),
        weeks=weeks,
        below_share=tuple(
            round(b / t, 4) if t > 0 else None for b, t in zip(below, banded, strict=True)
        ),
        others_work=tuple(round(v, 2) for v in others),
        unowned=tuple(round(v, 2) for v in unowned.primary.values),
        all_hours=tuple(round(v, 2) for v in unowned.total.values) if unowned.total else (),
    )


Row = tuple[date, str | None, float]


def hours_by_week_and_work(session: Session, people: list[str]) -> dict[str, list[Row]]:
    """Each person's hours by week and responsibility over the window, from the cube."""
    if not people:
        return {}
    events = session.events()
    engine = session.engine
    # the unowned trend asked for them first
    assert events.cube is not None
    assert engine is not None
    cube = events.cube.filter(events.cube.person.isin(people))
    weekly = cube.group_by(["person", "week", "responsibility"]).aggregate(hours=cube.hours.sum())
    rows: dict[str, list[Row]] = {}
    for row in engine.rows(weekly):
        rows.setdefault(row["person"], []).append(
            (row["week"], row["responsibility"], float(row["hours"] or 0.0))
        )
    return rows


class HorizonClasses:
    """Where each responsibility falls against a seat's band, as the ``horizon`` trend
    places it (strict: one level below the band is below), each horizon placed once."""

    def __init__(self, workspace: Workspace, index: OrgIndex) -> None:
        self._responsibilities = workspace.responsibilities
        self._index = index

    def place(self, work: str | None, rank: int | None) -> str:
        resp = self._responsibilities.get(work or "")
        if resp is None:
            return UNMATCHED
        if resp.horizon is None or rank is None:
            return NO_HORIZON
        fit = self._index.fit(resp.horizon.low.days, resp.horizon.high.days)
        misfit = fit.misfit(rank, tolerance=0)
        return {"above": ABOVE, "below": BELOW}.get(misfit or "", IN_BAND)


def _own_work(workspace: Workspace, people: list[str]) -> dict[str, set[str]]:
    """For each person, the responsibilities one of their seats is accountable or
    responsible for (the rest is others' work, as in the ``others-work`` trend)."""
    by_person: dict[str, set[str]] = {}
    by_firm: dict[str, set[str]] = {}
    for seat in workspace.seats.values():
        for holder in seat.holders:
            if holder.person is not None:
                by_person.setdefault(holder.person, set()).add(seat.id)
            if holder.partner is not None:
                by_firm.setdefault(holder.partner, set()).add(seat.id)
    owners_of: dict[str, set[str]] = {}  # seat → the people among ``people`` holding it
    for person in people:
        found = workspace.people.get(person)
        firm = found.partner if found is not None else None
        for held in by_person.get(person, set()) | by_firm.get(firm or "", set()):
            owners_of.setdefault(held, set()).add(person)
    own: dict[str, set[str]] = {p: set() for p in people}
    for resp in workspace.responsibilities.values():
        for owner in (*resp.accountable, *resp.responsible):
            for person in owners_of.get(owner, ()):
                own[person].add(resp.id)
    return own


def _ignore(_problem: object) -> None:
    """Rows the figures leave out were already reported by the check."""


def _partners(workspace: Workspace) -> list[Partner]:
    return sorted(workspace.partners.values(), key=lambda p: p.name.lower())


def partner_summary(
    workspace: Workspace, partner: Partner, allocation: Allocation | None
) -> PartnerSummary:
    """What the report shows of ``partner``: its scope and owner by name, its reference
    checks, the goals it shares, and (with event data) the strategy sessions its people
    attended and their hours a week outside its scope."""
    names = {r.id: r.name for r in workspace.responsibilities.values()}
    owner = workspace.seats.get(partner.owner or "")
    people = set(partner.people) | {
        p.id for p in workspace.people.values() if p.partner == partner.id
    }
    sessions = outside = None
    if allocation is not None:
        strategic = {r.id for r in workspace.responsibilities.values() if r.strategic}
        sessions = sum(
            min(s.occurrences, sum(s.attended.get(p, 0) for p in people))
            for s in allocation.series
            if s.responsibility in strategic
        )
        hours = sum(
            row.hours
            for row in allocation.rows
            if row.person in people and row.responsibility not in partner.scope
        )
        outside = round(hours / allocation.weeks, 2) if allocation.weeks else 0.0
    return PartnerSummary(
        id=partner.id,
        name=partner.name,
        function=partner.function,
        scope=tuple(names.get(r, r) for r in partner.scope),
        owner=owner.title if owner else partner.owner,
        references=tuple(
            f"{c.date.isoformat()} {c.referee}: {c.outcome.value}" for c in partner.reference_checks
        ),
        shared_goals=tuple(
            workspace.goals[g].title if g in workspace.goals else g for g in partner.goals
        ),
        strategy_sessions=sessions,
        hours_outside_scope=outside,
    )


def _since_last_snapshot(session: Session, report: Report) -> SnapshotDiff | None:
    """The findings opened and closed since the last saved snapshot, ``None`` without one.

    The check is compared as ``levelset check --save`` would have stored it."""
    snapshots, _unreadable = session.snapshots()
    if not snapshots:
        return None
    data = report_to_dict(report)
    now = Snapshot(
        path=Path("now"),
        taken_at=datetime.now(UTC),
        findings=tuple(snapshot_finding(item) for item in data["findings"]),
        data=data,
    )
    return diff_snapshots(snapshots[-1], now)
