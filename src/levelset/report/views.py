"""The typed views: what each command shows, as frozen data a format renders.

A view holds data only; the formats (``report.formats``) render it. Each command builds
one view, so the terminal, JSON, Markdown and any plug-in format read the same thing.
Where a lower layer already computes frozen typed data (the engine's ``Trend``, the
plan's ``LineOfSight`` and ``SnapshotDiff``) the view wraps it rather than copying it.

This module imports only the standard library at run time: the CLI reads the view types
to offer each command its formats, and ``levelset --help`` must not pay for the model,
the engine or rich.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from levelset.model import Problem, Report
    from levelset.model.comparison import ScenarioComparison
    from levelset.model.finance import Finance
    from levelset.model.org import Metric
    from levelset.model.partner_slice import PartnerSlice
    from levelset.model.scenario import Scenario
    from levelset.model.trend import Trend
    from levelset.plan.line_of_sight import LineOfSight
    from levelset.plan.snapshots import Snapshot, SnapshotDiff
    from levelset.rules.registry import Registry, Rule


@dataclass(frozen=True)
class CheckView:
    """``levelset check``: findings, problems and the plan of a report.

    ``families`` titles the findings' families and orders their sections (a family the
    mapping does not name comes last, under its code); the caller fills it from the rule
    registry, so a plug-in rule of a new family shows in every format.
    """

    report: Report
    families: Mapping[str, str] = field(default_factory=dict)
    #: What applying the report's plan closes and opens (``None``: not applied).
    applied: ScenarioComparison | None = None


@dataclass(frozen=True)
class PlanView:
    """``levelset plan``: the plan of a report, with the event and finance data it rests on.

    ``scenario`` is the plan as operations and ``applied`` what applying it closes, opens
    and frees (``None`` when the plan was not applied)."""

    report: Report
    scenario: Scenario | None = None
    applied: ScenarioComparison | None = None


@dataclass(frozen=True)
class ScenarioView:
    """``levelset scenario``: a scenario against the workspace as it is."""

    comparison: ScenarioComparison


@dataclass(frozen=True)
class FinanceView:
    """What the finance view shows: the workspace as the user named it, the figures
    (``None`` when there are none), problems met on the way, and the currency."""

    workspace: Path
    finance: Finance | None
    problems: tuple[Problem, ...] = ()
    currency: str = "USD"


@dataclass(frozen=True)
class TrendView:
    """``levelset trend``: a weekly series computed by the engine."""

    trend: Trend


@dataclass(frozen=True)
class LineOfSightView:
    """``levelset line-of-sight``: a person's hours traced to the top objectives."""

    sight: LineOfSight


@dataclass(frozen=True)
class PartnerSliceView:
    """``levelset partner``: what one partner firm may see of the organization (the
    partner's own view of the web app, to share with it)."""

    slice: PartnerSlice


@dataclass(frozen=True)
class DiffView:
    """``levelset diff``: findings opened and closed between two snapshots."""

    diff: SnapshotDiff


@dataclass(frozen=True)
class SnapshotsView:
    """``levelset diff --list``: the saved snapshots, oldest first."""

    snapshots: tuple[Snapshot, ...]


@dataclass(frozen=True)
class RulesView:
    """``levelset rules``: the rule catalogue, with the families' titles."""

    registry: Registry
    families: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class RuleView:
    """``levelset explain``: one rule in full, with its family's title."""

    rule: Rule
    family_title: str


@dataclass(frozen=True)
class HolderLabel:
    """Who holds a seat, as people read it (``Dana Reyes``, ``Stride Bookkeeping (stride)
    0.5 fte``), and whether it is a partner or a partner's person."""

    text: str
    partner: bool


@dataclass(frozen=True)
class SeatNode:
    """A seat in the seat tree with the seats that report to it."""

    id: str
    title: str
    level: str
    level_name: str
    function: str
    holders: tuple[HolderLabel, ...]
    children: tuple[SeatNode, ...] = ()
    #: Seats below this one left out because the tree is deeper than a view shows.
    hidden: int = 0

    @property
    def vacant(self) -> bool:
        """True when nobody holds the seat."""
        return not self.holders


@dataclass(frozen=True)
class OrgView:
    """``levelset org``: the seat tree through ``reports_to``; seats reporting to nobody
    (or to an unknown seat) are roots."""

    workspace: Path
    name: str
    seat_count: int
    roots: tuple[SeatNode, ...]


@dataclass(frozen=True)
class GoalNode:
    """A goal in the goal tree with its rolled-up progress and its children.

    ``owner_holders`` names who holds the owning seat (``None`` when the owner is not a
    known seat); ``progress`` is ``None`` or NaN when nothing below can be measured.
    """

    id: str
    title: str
    kind: str
    progress: float | None
    owner: str | None
    owner_holders: str | None
    period: str | None
    metric: Metric | None
    weight: float
    children: tuple[GoalNode, ...] = ()
    #: Goals below this one left out because the tree is deeper than a view shows.
    hidden: int = 0


@dataclass(frozen=True)
class GoalTreeView:
    """``levelset tree``: objectives and key results through ``parent``."""

    workspace: Path
    name: str
    goal_count: int
    roots: tuple[GoalNode, ...]


@dataclass(frozen=True)
class LeaderHours:
    """A leadership seat's hours over the analysis window, by where they fall against the
    seat's band (from the engine's ``horizon`` trend, summed over the weeks)."""

    seat: str
    title: str
    level: str
    holders: str
    below: float
    in_band: float
    above: float


@dataclass(frozen=True)
class PeopleFigures:
    """Where the leadership's hours go, and the organization's weekly trend.

    ``leaders`` are the seats at the top two levels of the scheme (``levels`` names them).
    Week by week: ``below_share`` is the leadership's hours below their band as a share of
    all their hours (``None`` in a week with none), ``others_work`` the leaders' hours on
    work other seats own, ``unowned`` everyone's hours matching no responsibility and
    ``all_hours`` everyone's hours.
    """

    levels: tuple[str, ...]
    leaders: tuple[LeaderHours, ...]
    weeks: tuple[date, ...]
    below_share: tuple[float | None, ...]
    others_work: tuple[float, ...]
    unowned: tuple[float, ...]
    all_hours: tuple[float, ...]


@dataclass(frozen=True)
class PartnerSummary:
    """A partner as the report shows it: scope, owner, reference checks, shared goals,
    strategy sessions its people attended and its people's hours outside its scope
    (``None`` without event data)."""

    id: str
    name: str
    function: str
    scope: tuple[str, ...]
    owner: str | None
    references: tuple[str, ...]
    shared_goals: tuple[str, ...]
    strategy_sessions: int | None
    hours_outside_scope: float | None


@dataclass(frozen=True)
class ReportView:
    """``levelset report``: everything a consultant hands over, in one view.

    Each part is the view its own command shows (``check``, ``org``, ``tree``,
    ``finance``), plus the people figures, the partners and what changed since the last
    snapshot. A part is ``None`` (or empty) when the workspace has no data for it;
    ``missing`` then says why, by section.
    """

    name: str
    today: date
    check: CheckView
    org: OrgView
    goals: GoalTreeView
    finance: FinanceView | None = None
    people: PeopleFigures | None = None
    partners: tuple[PartnerSummary, ...] = ()
    diff: SnapshotDiff | None = None
    missing: Mapping[str, str] = field(default_factory=dict)
