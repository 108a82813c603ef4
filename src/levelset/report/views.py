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
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from levelset.model import Problem, Report
    from levelset.model.finance import Finance
    from levelset.model.org import Metric
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


@dataclass(frozen=True)
class PlanView:
    """``levelset plan``: the plan of a report, with the event and finance data it rests on."""

    report: Report


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
