"""The organization at a glance, its verified plan and its history, as plain typed data.

Built from what the session already answers (``report_view``, ``verified_plan``,
``snapshots``), so the web app's pages and its JSON API show the same figures as
``levelset report``, ``levelset plan`` and ``levelset diff``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime

from levelset.model import Problem, Workspace
from levelset.model.comparison import HoursChange, SeatToFill
from levelset.plan.snapshots import SnapshotFinding
from levelset.report.plan_items import plan_sections
from levelset.report.report_data import (
    dso_against_terms,
    leadership_below,
    seats_by_level,
    unowned_hours,
)
from levelset.report.views import ReportView
from levelset.service.errors import UsageError
from levelset.service.findings import FamilyCount, FindingRow, family_counts, finding_rows
from levelset.service.scenarios import VerifiedPlan
from levelset.service.session import Session
from levelset.service.window import Window


@dataclass(frozen=True)
class Overview:
    """What the first page shows: the counts, the findings by family and the three
    headline figures (``None`` when the data behind one is missing; ``missing`` says why,
    by section)."""

    name: str
    today: date
    seats: int
    vacant_seats: int
    people: int
    partners: int
    goals: int
    findings: int
    plan_items: int
    families: tuple[FamilyCount, ...]
    problems: tuple[Problem, ...]
    leadership_below_share: float | None
    unowned_hours_a_week: float | None
    unowned_share: float | None
    dso: float | None
    terms_days: float | None
    missing: dict[str, str]


def overview(view: ReportView, workspace: Workspace) -> Overview:
    """The overview of a report view of ``workspace``."""
    report = view.check.report
    plan = report.plan
    workspace_people = view.people
    below = leadership_below(workspace_people) if workspace_people is not None else None
    unowned = unowned_hours(workspace_people) if workspace_people is not None else None
    finance = view.finance.finance if view.finance is not None else None
    dso = dso_against_terms(finance) if finance is not None else None
    return Overview(
        name=view.name,
        today=view.today,
        seats=view.org.seat_count,
        vacant_seats=sum(row["vacant"] for row in seats_by_level(view.org)),
        people=len(workspace.people),
        partners=len(view.partners),
        goals=view.goals.goal_count,
        findings=len(report.findings),
        plan_items=sum(
            len(part)
            for part in (plan.seats, plan.partners, plan.transfers, plan.stop_doing, plan.finance)
        ),
        families=family_counts(report, view.check.families),
        problems=tuple(report.problems),
        leadership_below_share=below["share"] if below else None,
        unowned_hours_a_week=unowned["hours_a_week"] if unowned else None,
        unowned_share=unowned["share"] if unowned else None,
        dso=dso["dso"] if dso else None,
        terms_days=dso["terms_days"] if dso else None,
        missing=dict(view.missing),
    )


@dataclass(frozen=True)
class PlanSection:
    """A heading of the plan and its items, one sentence each (``total`` of them; a
    window of a plan holds some)."""

    title: str
    items: tuple[str, ...]
    total: int


@dataclass(frozen=True)
class PlanPage:
    """The plan, verified by applying it: its sections, the findings it closes and opens,
    whose hours it frees or adds, what it costs and the seats it leaves to fill.
    ``applied`` is False when the workspace could not be read (nothing was applied).

    A window of the plan (``plan_window``) holds at most ``limit`` items from ``offset``
    of each list (each section's items, the notes, closed, opened, hours, seats to fill);
    each list's ``..._total`` (a section's ``total``) counts them all."""

    sections: tuple[PlanSection, ...]
    notes: tuple[str, ...]
    applied: bool
    closed: tuple[FindingRow, ...]
    opened: tuple[FindingRow, ...]
    kept: int
    hours: tuple[HoursChange, ...]
    cost_before: float | None
    cost_after: float | None
    cost_difference: float | None
    seats_to_fill: tuple[SeatToFill, ...]
    problems: tuple[Problem, ...]
    notes_total: int
    closed_total: int
    opened_total: int
    hours_total: int
    seats_to_fill_total: int
    offset: int
    limit: int


def plan_page(verified: VerifiedPlan, families: Mapping[str, str]) -> PlanPage:
    """The whole verified plan as a page shows it (one window holding everything)."""
    sections = tuple(
        PlanSection(title, tuple(items), len(items))
        for title, items in plan_sections(verified.report.plan)
    )
    applied = verified.applied
    if applied is None:
        return _counted(
            PlanPage(
                sections, (), False, (), (), 0, (), None, None, None, (),
                verified.report.problems, 0, 0, 0, 0, 0, 0, 0,
            )
        )  # fmt: skip
    return _counted(
        PlanPage(
            sections=sections,
            notes=verified.scenario.notes,
            applied=True,
            closed=finding_rows(applied.closed, families),
            opened=finding_rows(applied.opened, families),
            kept=len(applied.kept),
            hours=tuple(sorted(applied.hours, key=lambda h: (h.change, h.name))),
            cost_before=applied.cost_before,
            cost_after=applied.cost_after,
            cost_difference=applied.cost_difference,
            seats_to_fill=applied.seats_to_fill,
            problems=applied.problems,
            notes_total=0,
            closed_total=0,
            opened_total=0,
            hours_total=0,
            seats_to_fill_total=0,
            offset=0,
            limit=0,
        )
    )


def _counted(page: PlanPage) -> PlanPage:
    """``page`` with its totals counted and a window that holds everything."""
    lists = (page.notes, page.closed, page.opened, page.hours, page.seats_to_fill)
    longest = max((len(part) for part in (*lists, *(s.items for s in page.sections))), default=0)
    return replace(
        page,
        notes_total=len(page.notes),
        closed_total=len(page.closed),
        opened_total=len(page.opened),
        hours_total=len(page.hours),
        seats_to_fill_total=len(page.seats_to_fill),
        offset=0,
        limit=longest,
    )


def plan_window(page: PlanPage, window: Window) -> PlanPage:
    """``page`` (from ``plan_page``) holding the ``window`` of each of its lists."""
    return replace(
        page,
        sections=tuple(replace(s, items=window.cut(s.items)) for s in page.sections),
        notes=window.cut(page.notes),
        closed=window.cut(page.closed),
        opened=window.cut(page.opened),
        hours=window.cut(page.hours),
        seats_to_fill=window.cut(page.seats_to_fill),
        offset=window.offset,
        limit=window.limit,
    )


@dataclass(frozen=True)
class SnapshotRow:
    """A saved check: its name (what ``levelset diff`` takes), when, how many findings."""

    name: str
    taken_at: datetime
    findings: int


@dataclass(frozen=True)
class HistoryPage:
    """The saved snapshots, oldest first, the unreadable ones, and the difference between
    the last two (``older``/``newer`` are ``None`` with fewer than two).
    ``not_compared`` names the rules only one of the two ran."""

    snapshots: tuple[SnapshotRow, ...]
    unreadable: tuple[Problem, ...]
    older: str | None
    newer: str | None
    opened: tuple[SnapshotFinding, ...]
    closed: tuple[SnapshotFinding, ...]
    still_open: int
    not_compared: tuple[str, ...]


def history_page(session: Session) -> HistoryPage:
    """The session's snapshots and the diff of the last two."""
    snapshots, unreadable = session.snapshots()
    rows = tuple(SnapshotRow(s.name, s.taken_at, len(s.findings)) for s in snapshots)
    if len(snapshots) < 2:
        return HistoryPage(rows, tuple(unreadable), None, None, (), (), 0, ())
    try:
        diff = session.diff()
    except UsageError:  # two snapshots of the same name: nothing to compare
        return HistoryPage(rows, tuple(unreadable), None, None, (), (), 0, ())
    return HistoryPage(
        snapshots=rows,
        unreadable=tuple(unreadable),
        older=diff.old.name,
        newer=diff.new.name,
        opened=diff.opened,
        closed=diff.closed,
        still_open=len(diff.still_open),
        not_compared=(*diff.old_only, *diff.new_only),
    )
