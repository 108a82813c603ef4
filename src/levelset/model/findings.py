"""What a check produces: findings with evidence, and a plan to fix them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from levelset.model.allocation import Allocation
from levelset.model.finance import Finance
from levelset.model.source import Location, Problem

if TYPE_CHECKING:
    from levelset.model.acceptance import AcceptedFinding

#: Evidence values are plain data so that every renderer (JSON included) can show them.
EvidenceValue: TypeAlias = str | int | float | bool | list[str] | list[int] | list[float] | None


class Severity(Enum):
    """How much a finding matters. Ordered: info < warning < error."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """0 for info, 1 for warning, 2 for error."""
        return _SEVERITY_RANK[self]

    @classmethod
    def parse(cls, text: str) -> Severity:
        """Read ``info``, ``warning`` or ``error``; raise ``ValueError`` otherwise."""
        try:
            return cls(text.strip().lower())
        except ValueError:
            choices = ", ".join(s.value for s in cls)
            raise ValueError(f"{text!r} is not a severity; use one of {choices}") from None


_SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}

SUBJECT_KINDS = (
    "seat",
    "person",
    "partner",
    "responsibility",
    "goal",
    "function",
    "customer",
    "vendor",
    "activity",
    "organization",
    "period",
)


@dataclass(frozen=True, slots=True, order=True)
class Subject:
    """What a finding is about: a kind from ``SUBJECT_KINDS`` and an id."""

    kind: str
    id: str


@dataclass(frozen=True, slots=True)
class Finding:
    """One diagnosis: a rule fired on a subject, with the figures that prove it."""

    code: str
    rule: str
    severity: Severity
    subject: Subject
    message: str
    #: Of the type the rule declares (see ``levelset.model.evidence``); read back from a
    #: snapshot's JSON, a plain mapping.
    evidence: Mapping[str, EvidenceValue] = field(default_factory=dict)
    recommendation: str = ""
    location: Location | None = None


@dataclass(frozen=True, slots=True)
class Transfer:
    """Move work from whoever does it to the seat accountable for it."""

    work: str
    from_: str
    to: str
    hours_per_week: float = 0.0
    cost_difference: float | None = None
    reason: str = ""


@dataclass(frozen=True, slots=True)
class SeatAction:
    """Create a seat that the structure lacks, or fill a vacant one.

    ``action`` is ``"create"`` or ``"fill"``. For a new seat, ``seat`` is a proposed id
    and ``reports_to`` / ``manages`` say where it goes in the structure.
    """

    action: str
    seat: str
    title: str
    level: str
    function: str = ""
    reports_to: str | None = None
    manages: tuple[str, ...] = ()
    reason: str = ""
    codes: tuple[str, ...] = ()
    hours_per_week: float = 0.0


@dataclass(frozen=True, slots=True)
class StopDoing:
    """Work tied to no responsibility and no goal: a candidate to stop."""

    work: str
    who: tuple[str, ...] = ()
    hours_per_week: float = 0.0
    reason: str = ""


@dataclass(frozen=True, slots=True)
class PartnerAction:
    """Something to do with a partner: scope it, vet it, share goals, invite it."""

    partner: str
    action: str
    reason: str = ""
    codes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class FinanceAction:
    """Something to do about a customer, a forecast period or the payables list.

    ``kind`` and ``subject`` name what it is about (``customer``/``northwind``,
    ``period``/``2026-Q4``, ``vendor``/``globex``). ``action`` is a stable key a report
    groups by: ``reprice`` (reprice or change the service model of a losing customer),
    ``collect`` (a call on the collections list), ``build-pipeline`` (a forecast the
    pipeline does not cover) and ``prospect`` (a vendor to sell to). ``amount`` is the
    money at stake, in the organization's currency: the loss, what is owed, the pipeline
    missing, what the company spends with the vendor.
    """

    kind: str
    subject: str
    action: str
    amount: float = 0.0
    name: str = ""
    reason: str = ""
    codes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Plan:
    """The fixes the findings call for."""

    transfers: tuple[Transfer, ...] = ()
    seats: tuple[SeatAction, ...] = ()
    stop_doing: tuple[StopDoing, ...] = ()
    partners: tuple[PartnerAction, ...] = ()
    finance: tuple[FinanceAction, ...] = ()

    def is_empty(self) -> bool:
        """True when there is nothing to do."""
        return not (
            self.transfers or self.seats or self.stop_doing or self.partners or self.finance
        )


@dataclass(frozen=True, slots=True)
class Report:
    """The result of checking a workspace: problems reading it, findings, the plan, and
    (when the workspace has time or calendar data) the allocation the event rules read,
    (when it has finance data) the finance figures the FIN rules read. ``rules`` are
    the codes of the rules that ran (``None`` when not known): what a later check is
    compared on."""

    workspace: Path
    problems: tuple[Problem, ...] = ()
    findings: tuple[Finding, ...] = ()
    plan: Plan = field(default_factory=Plan)
    allocation: Allocation | None = None
    finance: Finance | None = None
    rules: tuple[str, ...] | None = None
    #: Findings an entry of the workspace's ``accepted:`` section covers: shown as
    #: accepted, left out of ``findings`` (so of the exit status) and of the plan.
    accepted: tuple[AcceptedFinding, ...] = ()
