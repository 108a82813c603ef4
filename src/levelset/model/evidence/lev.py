"""Evidence of the LEV rules: horizons, level gaps, vacant seats and below-band hours."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from levelset.model.evidence.base import Evidence, SeatsToFill


@dataclass(frozen=True, eq=False)
class HorizonOutsideBandEvidence(Evidence):
    """LEV001: the work's horizon, its accountable seat's level and band, and the levels
    the horizon fits."""

    horizon: str
    seat: str
    seat_level: str
    band: str
    fitting_levels: Sequence[str]
    tolerance_levels: int


@dataclass(frozen=True, eq=False)
class LevelGapEvidence(Evidence):
    """LEV002: a reporting line from ``from_level`` up to ``manager`` at ``to_level``,
    skipping ``missing_levels``: the plan proposes a seat between them."""

    from_level: str
    to_level: str
    manager: str
    gap: int
    missing_levels: Sequence[str]
    max_gap: int


@dataclass(frozen=True, eq=False)
class FunctionWithoutManagerEvidence(Evidence):
    """LEV003: a function nobody at ``manager_level`` holds: the plan proposes a seat
    there (or fills a vacant one)."""

    function: str
    manager_level: str
    seats: Sequence[str]
    highest_held_level: str | None
    vacant_manager_seats: Sequence[str]
    responsibilities: Sequence[str]


@dataclass(frozen=True, eq=False)
class VacantSeatEvidence(SeatsToFill):
    """LEV004: the finding's seat is vacant but accountable for work, absorbed above it
    meanwhile: the plan fills it."""

    level: str
    responsibilities: Sequence[str]
    absorbed_by: str | None
    absorbed_by_level: str | None


@dataclass(frozen=True, eq=False)
class BelowBandWorkEvidence(Evidence):
    """LEV005: the hours a person in ``seat`` spends below its band, by responsibility,
    and the seat each piece could go to (``""`` when none can: the plan proposes one)."""

    seat: str
    seat_level: str
    band: str
    share: float
    hours_per_week: float
    total_hours_per_week: float
    responsibilities: Sequence[str]
    hours_per_week_by_responsibility: Sequence[float]
    transfer_to: Sequence[str]
    max_share: float
    tolerance_levels: int


@dataclass(frozen=True, eq=False)
class VacantSeatWorkEvidence(SeatsToFill):
    """LEV006: a vacant seat's work done above it, by person and by responsibility; the
    ``transfer_*`` figures are the work each person hands to whoever fills it."""

    level: str
    hours_per_week: float
    absorbed_by: Sequence[str]
    hours_per_week_by_person: Sequence[float]
    responsibilities: Sequence[str]
    hours_per_week_by_responsibility: Sequence[float]
    transfer_people: Sequence[str]
    transfer_responsibilities: Sequence[str]
    transfer_hours_per_week: Sequence[float]

    def hours_waiting(self) -> float:
        """The hours a week of the seat's work done above it."""
        return self.hours_per_week
