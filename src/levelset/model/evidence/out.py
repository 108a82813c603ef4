"""Evidence of the OUT rules: each calls for an action with the partner."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from levelset.model.evidence.base import PartnerConcern


@dataclass(frozen=True, eq=False)
class PartnerAccountableEvidence(PartnerConcern):
    """OUT001: a partner accountable for work or leading: move accountability inside."""

    partner_action: ClassVar[str] = "move-accountability-inside"
    seats: Sequence[str]
    responsibilities: Sequence[str]
    leadership_seats: Sequence[str]


@dataclass(frozen=True, eq=False)
class PartnerWithoutScopeEvidence(PartnerConcern):
    """OUT002: a partner with no written scope."""

    partner_action: ClassVar[str] = "write-scope"
    function: str | None


@dataclass(frozen=True, eq=False)
class PartnerWithoutOwnerEvidence(PartnerConcern):
    """OUT003: a partner nobody inside answers for."""

    partner_action: ClassVar[str] = "name-internal-owner"
    owner: str | None
    owner_vacant: bool


@dataclass(frozen=True, eq=False)
class PartnerNotVettedEvidence(PartnerConcern):
    """OUT004: a partner whose references were never checked, or came out negative."""

    partner_action: ClassVar[str] = "check-references"
    reference_checks: int
    outcomes: Sequence[str]


@dataclass(frozen=True, eq=False)
class PartnerWithoutSharedGoalEvidence(PartnerConcern):
    """OUT005: a partner that shares no goal with the company."""

    partner_action: ClassVar[str] = "share-goals"
    scope: Sequence[str]


@dataclass(frozen=True, eq=False)
class PartnerOutsideStrategyEvidence(PartnerConcern):
    """OUT006: a partner that should be in the strategy sessions and is not."""

    partner_action: ClassVar[str] = "invite-to-strategy"
    sessions: Sequence[str]
    held: int
    invited: int
    attended: int
    share: float
    min_share: float
    people: Sequence[str]
    seats: Sequence[str]


@dataclass(frozen=True, eq=False)
class WorkOutsideScopeEvidence(PartnerConcern):
    """OUT007: a partner's hours on work outside its scope, by responsibility, with the
    seat accountable for each: settle the scope, or hand the work back (a transfer)."""

    partner_action: ClassVar[str] = "settle-scope"
    hours_per_week: float
    responsibilities: Sequence[str]
    hours_per_week_by_responsibility: Sequence[float]
    accountable: Sequence[str]
    people: Sequence[str]
    scope: Sequence[str]
