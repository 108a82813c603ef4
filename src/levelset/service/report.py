"""The report a consultant hands over, built from one session (``ReportView``).

Both faces that show it, ``levelset report`` and the web app, call ``report_view``: the
check, the seat and goal trees, the finance figures, where the leadership's hours go
week by week, the partners and what changed since the last snapshot. A part without
data is left empty and ``ReportView.missing`` says why in one line.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from levelset.model import Report, Workspace
from levelset.model.allocation import Allocation
from levelset.model.org import Partner
from levelset.model.trend import Series, Trend
from levelset.plan.snapshots import Snapshot, SnapshotDiff, SnapshotFinding, diff_snapshots
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
        check=CheckView(report, families=dict(session.registry.families)),
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
    leaders' hours on others' work and the hours nobody owns (from the engine's trends)."""
    leaders: list[LeaderHours] = []
    horizons: list[Trend] = []
    for seat_id in leadership_seats(workspace):
        trend = session.trend("horizon", seat_id, on_problem=_ignore)
        horizons.append(trend)
        below, in_band, above = (sum(s.values) for s in trend.series[:3])
        seat = workspace.seats[seat_id]
        leaders.append(
            LeaderHours(
                seat=seat_id,
                title=seat.title,
                level=seat.level,
                holders=holder_names(tuple(holder_label(workspace, h) for h in seat.holders)),
                below=round(below, 2),
                in_band=round(in_band, 2),
                above=round(above, 2),
            )
        )
    unowned = session.trend("unowned", on_problem=_ignore)
    weeks = unowned.weeks
    people = {
        h.person for seat in leadership_seats(workspace) for h in workspace.seats[seat].holders
    }
    others = [
        session.trend("others-work", person, on_problem=_ignore)
        for person in sorted(p for p in people if p is not None)
    ]
    return PeopleFigures(
        levels=tuple(workspace.scheme.ids()[-LEADERSHIP_LEVELS:]),
        leaders=tuple(leaders),
        weeks=weeks,
        below_share=_below_share(horizons, len(weeks)),
        others_work=_week_sums([t.primary for t in others], len(weeks)),
        unowned=tuple(round(v, 2) for v in unowned.primary.values),
        all_hours=tuple(round(v, 2) for v in unowned.total.values) if unowned.total else (),
    )


def _below_share(horizons: Sequence[Trend], weeks: int) -> tuple[float | None, ...]:
    shares: list[float | None] = []
    for week in range(weeks):
        below = sum(t.series[0].values[week] for t in horizons if week < len(t.weeks))
        total = sum(
            sum(s.values[week] for s in t.series[:3]) for t in horizons if week < len(t.weeks)
        )
        shares.append(round(below / total, 4) if total > 0 else None)
    return tuple(shares)


def _week_sums(series: Sequence[Series], weeks: int) -> tuple[float, ...]:
    values = [s.values for s in series]
    return tuple(round(sum(v[w] for v in values if w < len(v)), 2) for w in range(weeks))


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
        findings=tuple(_snapshot_finding(item) for item in data["findings"]),
        data=data,
    )
    return diff_snapshots(snapshots[-1], now)


def _snapshot_finding(item: dict[str, Any]) -> SnapshotFinding:
    subject = item.get("subject") or {}
    return SnapshotFinding(
        code=str(item["code"]),
        severity=str(item.get("severity", "")),
        kind=str(subject.get("kind", "")),
        id=str(subject.get("id", "")),
        message=str(item.get("message", "")),
        evidence=dict(item.get("evidence") or {}),
    )
