"""Evidence of the DOT rules: goals tied to nothing, and hours with no line of sight."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from levelset.model.evidence.base import Evidence


@dataclass(frozen=True, eq=False)
class OrphanGoalEvidence(Evidence):
    """DOT001: a goal at the top of its tree that is no objective, and those below it."""

    kind: str
    parent: str | None
    goals_below: Sequence[str]


@dataclass(frozen=True, eq=False)
class UncoveredObjectiveEvidence(Evidence):
    """DOT002: an objective with nothing under it."""

    owner: str | None
    period: str | None


@dataclass(frozen=True, eq=False)
class MissingTargetEvidence(Evidence):
    """DOT003: what a key result's metric lacks."""

    missing: Sequence[str]


@dataclass(frozen=True, eq=False)
class GoalWithoutOwnerEvidence(Evidence):
    """DOT004: a goal with no owner."""

    kind: str
    parent: str | None


@dataclass(frozen=True, eq=False)
class GoalPeriodMisfitEvidence(Evidence):
    """DOT005: a goal's period against its owner seat's band."""

    period: str
    days: float
    owner: str
    owner_level: str
    band: str
    fitting_levels: Sequence[str]


@dataclass(frozen=True, eq=False)
class NoLineOfSightEvidence(Evidence):
    """DOT006: a held seat's work, none of it tied to a goal."""

    responsibilities: Sequence[str]


@dataclass(frozen=True, eq=False)
class HoursOutOfSightEvidence(Evidence):
    """DOT007: the share of hours that reach no objective, with the biggest pieces."""

    share: float
    hours_per_week: float
    total_hours_per_week: float
    work: Sequence[str]
    work_hours_per_week: Sequence[float]
    max_share: float


@dataclass(frozen=True, eq=False)
class FunctionHoursOutOfSightEvidence(HoursOutOfSightEvidence):
    """DOT007 about a function: its worst offenders too."""

    worst_people: Sequence[str]
    worst_hours_per_week: Sequence[float]


@dataclass(frozen=True, eq=False)
class PersonHoursOutOfSightEvidence(HoursOutOfSightEvidence):
    """DOT007 about one person: the function they work in too."""

    function: str
