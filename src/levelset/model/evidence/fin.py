"""Evidence of the FIN rules: profit, receivables, forecast and prospects, each with
the finance action it calls for."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from levelset.model.evidence.base import Evidence, FinanceConcern
from levelset.model.findings import FinanceAction, Subject


@dataclass(frozen=True, eq=False)
class CustomerProfitEvidence(FinanceConcern):
    """A customer's profit after cost to serve and carrying cost: reprice it."""

    finance_action: ClassVar[str] = "reprice"
    name: str
    revenue: float
    cogs: float
    activity_cost: float
    people_cost: float
    people_hours: float
    carrying_cost: float
    write_offs: float
    profit: float
    revenue_rank: int
    profit_rank: int

    def at_stake(self) -> float:
        """The loss."""
        return -self.profit

    def display_name(self) -> str | None:
        """The customer's name."""
        return self.name


@dataclass(frozen=True, eq=False)
class LosingCustomerEvidence(CustomerProfitEvidence):
    """FIN001: a customer that loses more than ``min_loss``."""

    advice_rank: ClassVar[int] = 1  # a whale's advice wins over a plain loss's
    min_loss: float


@dataclass(frozen=True, eq=False)
class WhaleEvidence(CustomerProfitEvidence):
    """FIN002: a top-revenue customer in the losing tail, its ranks ``gap`` apart."""

    gap: int
    customers: int
    top: int
    total_profit: float


@dataclass(frozen=True, eq=False)
class OverdueReceivablesEvidence(FinanceConcern):
    """FIN003: a customer with too much owed over 90 days: call it."""

    finance_action: ClassVar[str] = "collect"
    name: str
    open: float
    over_90: float
    share: float
    min_share: float
    min_amount: float
    buckets: Sequence[str]
    aging: Sequence[float]
    terms_days: int | None
    days_late: float | None
    as_of: str

    def at_stake(self) -> float:
        """What the customer owes."""
        return self.open

    def display_name(self) -> str | None:
        """The customer's name."""
        return self.name


@dataclass(frozen=True, eq=False)
class SlowPaymentEvidence(Evidence):
    """FIN004: payments slower than terms, by a customer or across the company."""


@dataclass(frozen=True, eq=False)
class SlowPayerEvidence(SlowPaymentEvidence, FinanceConcern):
    """FIN004 about a customer: it pays ``over_by`` days slower than ``days`` allow."""

    finance_action: ClassVar[str] = "collect"
    advice_rank: ClassVar[int] = 1  # the over-90 call's advice wins over a slow payer's
    name: str
    days_to_pay: float
    terms_days: int | None
    over_by: float
    days: int
    days_late: float | None
    open: float
    overdue: float = 0.0  # open past due, counted in days_to_pay at its age so far

    def at_stake(self) -> float:
        """What the customer owes."""
        return self.open

    def display_name(self) -> str | None:
        """The customer's name."""
        return self.name


@dataclass(frozen=True, eq=False)
class SlowCollectionsEvidence(SlowPaymentEvidence):
    """FIN004 about the company: its DSO beyond terms. The call list is made of the
    customers' findings, so this one calls for no action of its own."""

    dso_countback: float
    dso: float | None
    best_dso: float | None
    add: float | None
    terms_days: float
    over_by: float
    days: int
    as_of: str


@dataclass(frozen=True, eq=False)
class ForecastGapEvidence(FinanceConcern):
    """FIN005: a forecast period the weighted pipeline does not cover: build pipeline."""

    finance_action: ClassVar[str] = "build-pipeline"
    forecast: float
    weighted_pipeline: float
    pipeline: float
    opportunities: int
    coverage: float
    min_coverage: float
    gap: float
    start: str
    end: str

    def at_stake(self) -> float:
        """The weighted pipeline missing."""
        return self.gap


@dataclass(frozen=True, eq=False)
class ProspectsEvidence(FinanceConcern):
    """FIN006: vendors that are not customers, by spend: each one a prospect."""

    finance_action: ClassVar[str] = "prospect"
    vendors: Sequence[str]
    names: Sequence[str]
    spend: Sequence[float]
    categories: Sequence[str]
    prospects: int
    top: int

    def finance_actions(
        self, subject: Subject, reason: str, codes: tuple[str, ...]
    ) -> tuple[FinanceAction, ...]:
        """One action per vendor listed, in the finding's order (by spend)."""
        return tuple(
            FinanceAction(
                kind="vendor",
                subject=vendor,
                action=self.finance_action,
                amount=float(self.spend[n]) if n < len(self.spend) else 0.0,
                name=self.names[n] if n < len(self.names) else vendor,
                reason=self.categories[n] if n < len(self.categories) else "",
                codes=codes,
            )
            for n, vendor in enumerate(self.vendors)
        )
