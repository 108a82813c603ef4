"""Evidence of the JOB rules: accountability, others' work and work nobody owns."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from levelset.model.evidence.base import Evidence, SeatsToFill


@dataclass(frozen=True, eq=False)
class NoAccountableSeatEvidence(Evidence):
    """JOB001: work nobody is accountable for, and who is responsible for it."""

    responsible: Sequence[str]


@dataclass(frozen=True, eq=False)
class SeveralAccountableSeatsEvidence(Evidence):
    """JOB002: the seats that share the accountability."""

    accountable: Sequence[str]


@dataclass(frozen=True, eq=False)
class AccountableSeatVacantEvidence(SeatsToFill):
    """JOB003: work whose accountable seats are vacant: the plan fills them."""

    vacant_seats: Sequence[str]

    def seats_to_fill(self, subject_id: str) -> tuple[str, ...]:
        """The vacant accountable seats (the subject is the work, not a seat)."""
        return tuple(self.vacant_seats)


@dataclass(frozen=True, eq=False)
class TooManyAccountabilitiesEvidence(Evidence):
    """JOB004: a seat's accountabilities against the limit, and its direct reports."""

    count: int
    max_accountabilities: int
    responsibilities: Sequence[str]
    direct_reports: Sequence[str]


@dataclass(frozen=True, eq=False)
class OthersWorkEvidence(Evidence):
    """JOB005: a person's hours on work other seats are accountable for, by
    responsibility, with the seat accountable for each: the work to transfer."""

    seats: Sequence[str]
    hours_per_week: float
    hours_below_per_week: float
    responsibilities: Sequence[str]
    hours_per_week_by_responsibility: Sequence[float]
    accountable: Sequence[str]
    below: Sequence[str]


@dataclass(frozen=True, eq=False)
class UnownedWorkEvidence(Evidence):
    """JOB006: logged time that matches no responsibility, by person."""

    label: str
    hours_per_week: float
    people: Sequence[str]
    hours_per_week_by_person: Sequence[float]
    weeks: int


@dataclass(frozen=True, eq=False)
class UnownedMeetingEvidence(Evidence):
    """JOB007: a recurring meeting tied to nothing: a candidate to stop doing."""

    series: Sequence[str]
    occurrences: int
    hours_per_week: float
    people: Sequence[str]
