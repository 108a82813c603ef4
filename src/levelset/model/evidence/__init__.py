"""Typed evidence: one frozen type per rule (or per shape of a rule's evidence), read as
a mapping by the renderers and by type by the plan. See ``base`` for the contract."""

from __future__ import annotations

from levelset.model.evidence.base import (
    Evidence,
    FinanceConcern,
    PartnerConcern,
    SeatsToFill,
)
from levelset.model.evidence.dot import (
    FunctionHoursOutOfSightEvidence,
    GoalPeriodMisfitEvidence,
    GoalWithoutOwnerEvidence,
    HoursOutOfSightEvidence,
    MissingTargetEvidence,
    NoLineOfSightEvidence,
    OrphanGoalEvidence,
    PersonHoursOutOfSightEvidence,
    UncoveredObjectiveEvidence,
)
from levelset.model.evidence.fin import (
    CustomerProfitEvidence,
    ForecastGapEvidence,
    LosingCustomerEvidence,
    OverdueReceivablesEvidence,
    ProspectsEvidence,
    SlowCollectionsEvidence,
    SlowPayerEvidence,
    SlowPaymentEvidence,
    WhaleEvidence,
)
from levelset.model.evidence.job import (
    AccountableSeatVacantEvidence,
    NoAccountableSeatEvidence,
    OthersWorkEvidence,
    SeveralAccountableSeatsEvidence,
    TooManyAccountabilitiesEvidence,
    UnownedMeetingEvidence,
    UnownedWorkEvidence,
)
from levelset.model.evidence.lev import (
    BelowBandWorkEvidence,
    FunctionWithoutManagerEvidence,
    HorizonOutsideBandEvidence,
    LevelGapEvidence,
    VacantSeatEvidence,
    VacantSeatWorkEvidence,
)
from levelset.model.evidence.out import (
    PartnerAccountableEvidence,
    PartnerNotVettedEvidence,
    PartnerOutsideStrategyEvidence,
    PartnerWithoutOwnerEvidence,
    PartnerWithoutScopeEvidence,
    PartnerWithoutSharedGoalEvidence,
    WorkOutsideScopeEvidence,
)

__all__ = [
    "AccountableSeatVacantEvidence",
    "BelowBandWorkEvidence",
    "CustomerProfitEvidence",
    "Evidence",
    "FinanceConcern",
    "ForecastGapEvidence",
    "FunctionHoursOutOfSightEvidence",
    "FunctionWithoutManagerEvidence",
    "GoalPeriodMisfitEvidence",
    "GoalWithoutOwnerEvidence",
    "HorizonOutsideBandEvidence",
    "HoursOutOfSightEvidence",
    "LevelGapEvidence",
    "LosingCustomerEvidence",
    "MissingTargetEvidence",
    "NoAccountableSeatEvidence",
    "NoLineOfSightEvidence",
    "OrphanGoalEvidence",
    "OthersWorkEvidence",
    "OverdueReceivablesEvidence",
    "PartnerAccountableEvidence",
    "PartnerConcern",
    "PartnerNotVettedEvidence",
    "PartnerOutsideStrategyEvidence",
    "PartnerWithoutOwnerEvidence",
    "PartnerWithoutScopeEvidence",
    "PartnerWithoutSharedGoalEvidence",
    "PersonHoursOutOfSightEvidence",
    "ProspectsEvidence",
    "SeatsToFill",
    "SeveralAccountableSeatsEvidence",
    "SlowCollectionsEvidence",
    "SlowPayerEvidence",
    "SlowPaymentEvidence",
    "TooManyAccountabilitiesEvidence",
    "UncoveredObjectiveEvidence",
    "UnownedMeetingEvidence",
    "UnownedWorkEvidence",
    "VacantSeatEvidence",
    "VacantSeatWorkEvidence",
    "WhaleEvidence",
    "WorkOutsideScopeEvidence",
]
