"""The levelset model: frozen, typed objects that import nothing else of levelset."""

from levelset.model.duration import Duration, HorizonRange, parse_duration, parse_horizon
from levelset.model.findings import (
    SUBJECT_KINDS,
    EvidenceValue,
    FinanceAction,
    Finding,
    PartnerAction,
    Plan,
    Report,
    SeatAction,
    Severity,
    StopDoing,
    Subject,
    Transfer,
)
from levelset.model.goals import GoalTree, metric_progress
from levelset.model.levels import BUILTIN_SCHEMES, DEFAULT, REQUISITE, Level, LevelScheme
from levelset.model.org import (
    Goal,
    Holder,
    Match,
    Metric,
    Outcome,
    Partner,
    Person,
    ReferenceCheck,
    Responsibility,
    Seat,
    Settings,
)
from levelset.model.period import Period, parse_period, period_between
from levelset.model.source import Location, Problem
from levelset.model.workspace import Workspace

__all__ = [
    "BUILTIN_SCHEMES",
    "DEFAULT",
    "REQUISITE",
    "SUBJECT_KINDS",
    "Duration",
    "EvidenceValue",
    "FinanceAction",
    "Finding",
    "Goal",
    "GoalTree",
    "Holder",
    "HorizonRange",
    "Level",
    "LevelScheme",
    "Location",
    "Match",
    "Metric",
    "Outcome",
    "Partner",
    "PartnerAction",
    "Period",
    "Person",
    "Plan",
    "Problem",
    "ReferenceCheck",
    "Report",
    "Responsibility",
    "Seat",
    "SeatAction",
    "Settings",
    "Severity",
    "StopDoing",
    "Subject",
    "Transfer",
    "Workspace",
    "metric_progress",
    "parse_duration",
    "parse_horizon",
    "parse_period",
    "period_between",
]
