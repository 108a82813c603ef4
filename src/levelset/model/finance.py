"""Finance data as the loader finds it, and the finance figures rules and reports read.

Invoices and payments can run to millions of rows, so, as with time entries, the loader
does not read them: it recognises each file under ``data/finance/`` by its header and
hands a ``FinanceSource`` to the engine, which reads CSV and Parquet in place (XLSX
sheets are read in Python and loaded in bulk). The engine computes the figures once per
run into ``Finance``: plain data, so rules never touch the engine and a test can build
the figures by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum

from levelset.model.source import Location

_NOWHERE = Location("")


class FinanceKind(Enum):
    """What a finance file holds (each kind has its own columns, see docs/format.md)."""

    CUSTOMERS = "customers"
    INVOICES = "invoices"
    PAYMENTS = "payments"
    CREDITS = "credits"  # credit notes and write-offs
    DRIVERS = "drivers"  # cost drivers: activity, cost per unit
    DRIVER_COUNTS = "driver_counts"  # per customer: driver, count
    VENDORS = "vendors"  # the payables list: vendor, spend
    PIPELINE = "pipeline"
    FORECAST = "forecast"


class FinanceFormat(Enum):
    """The layouts finance files are recognised in, by their header."""

    LEVELSET = "levelset"
    QUICKBOOKS = "quickbooks"
    XERO = "xero"


@dataclass(frozen=True, slots=True)
class FinanceSource:
    """One finance file (or one sheet of a workbook): where, what, which column is which.

    ``columns`` maps a role (``customer``, ``issued``, ``amount``… see docs/format.md) to
    the column's name in the file. ``container`` is ``csv``, ``parquet`` or ``xlsx``;
    ``sheet`` names the worksheet of an ``xlsx`` file. ``file`` is the path shown in
    problems (relative to the workspace, or the file's URL). ``path`` is where it is
    read from: a local path or a storage URL as written (see ``TimeSource``).
    """

    path: str
    file: str
    kind: FinanceKind
    format: FinanceFormat
    container: str
    columns: dict[str, str] = field(default_factory=dict)
    sheet: str | None = None
    header_line: int = 1  # a report exported with title lines above its header has more
    # ``;`` in the CSV of a spreadsheet whose decimal separator is the comma: its numbers
    # are then read with a decimal comma (``1.234,56``), recognised for the whole file.
    delimiter: str = ","


@dataclass(frozen=True, slots=True)
class FinanceSettings:
    """``[finance]`` in ``levelset.toml``.

    ``as_of`` is the day receivables are aged and DSO is measured at (by default the
    last dated fact in the finance data). ``cost_of_capital`` is the annual rate at which
    money owed costs the company (the carrying cost of receivables). ``aging_buckets``
    are the upper edges, in days past due, of the aging buckets after *Current* (the
    default gives Current, 1–30, 31–60, 61–90, over 90). ``dso_days`` is the period
    simple DSO and best possible DSO look back over. ``gross_margin`` (0..1), when set,
    gives the cost of goods of the invoices that give none (an accounting export has
    no cost of goods): ``amount × (1 − gross_margin)``.
    """

    as_of: date | None = None
    cost_of_capital: float = 0.10
    aging_buckets: tuple[int, ...] = (30, 60, 90)
    dso_days: int = 90
    location: Location = _NOWHERE
    gross_margin: float | None = None


@dataclass(frozen=True, slots=True)
class FinanceFiles:
    """What ``data/finance/`` holds."""

    sources: tuple[FinanceSource, ...] = ()

    def is_empty(self) -> bool:
        """True when the workspace has no finance data."""
        return not self.sources

    def of(self, kind: FinanceKind) -> tuple[FinanceSource, ...]:
        """The sources of one kind."""
        return tuple(s for s in self.sources if s.kind is kind)


def cell_text(value: object) -> str:
    """A worksheet cell as the text a CSV export would hold (dates as ``2026-01-05``)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        if (value.hour, value.minute, value.second) == (0, 0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# -- the figures ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CustomerFigures:
    """One customer's profit and loss and how they pay, up to ``Finance.as_of``.

    ``revenue`` is invoiced less credit notes; ``cost_to_serve`` is ``activity_cost``
    (driver counts × cost per unit) plus ``people_cost`` (hours people logged against the
    customer in the allocation cube, at their cost rates); ``carrying_cost`` is what
    their receivables cost while outstanding (amount × cost of capital × days ÷ 365);
    ``profit`` = revenue − cost of goods − cost to serve − carrying cost − write-offs.
    Ranks start at 1 (highest revenue, highest profit). ``open`` is what they owe at
    ``as_of``; ``over_90`` the part of it more than 90 days past due. Both are net of the
    credits that name no invoice (those over 90 days old, for ``over_90``): negative for
    a customer owed more than they owe. ``days_to_pay`` and ``days_late`` are averages
    weighted by the amounts paid and by what is still open past due (``overdue``), whose
    days are those it has waited so far (days delinquent): a customer that stopped
    paying is judged by what it owes, not by the few invoices it paid long ago
    (``None`` with neither payments nor anything past due).
    """

    customer: str
    name: str
    segment: str = ""
    terms_days: int | None = None
    invoices: int = 0
    revenue: float = 0.0
    cogs: float = 0.0
    activity_cost: float = 0.0
    people_hours: float = 0.0
    people_cost: float = 0.0
    carrying_cost: float = 0.0
    write_offs: float = 0.0
    profit: float = 0.0
    revenue_rank: int = 0
    profit_rank: int = 0
    open: float = 0.0
    over_90: float = 0.0
    days_to_pay: float | None = None
    days_late: float | None = None
    location: Location = _NOWHERE
    overdue: float = 0.0

    @property
    def cost_to_serve(self) -> float:
        """Activity cost plus people cost."""
        return self.activity_cost + self.people_cost


@dataclass(frozen=True, slots=True)
class AgingRow:
    """What one customer (or everyone, ``customer == ""``) owes at ``as_of``, by bucket.

    ``amounts`` follow ``Receivables.buckets``; the first is *Current* (not yet due).
    """

    customer: str
    amounts: tuple[float, ...]

    @property
    def total(self) -> float:
        """Everything owed."""
        return sum(self.amounts)


@dataclass(frozen=True, slots=True)
class Receivables:
    """Receivables at ``as_of``: aging and days sales outstanding.

    ``dso`` is simple DSO: receivables ÷ credit sales of the last ``period_days`` ×
    ``period_days``, the receivables net of the credits that name no invoice and the
    sales net of credit notes (``sales``: invoiced less credit notes in the period).
    ``dso_countback`` counts back month by month through sales until the receivables are
    used up. ``best_dso`` is the same as simple DSO with only the
    current (not past due) receivables; ``add`` (average days delinquent) is
    ``dso - best_dso``. Each is ``None`` when there were no (net) sales to divide by.
    """

    as_of: date
    buckets: tuple[str, ...]
    rows: tuple[AgingRow, ...]
    total: AgingRow
    period_days: int
    sales: float
    dso: float | None
    dso_countback: float | None
    best_dso: float | None
    add: float | None
    terms_days: float | None = None  # the customers' terms, weighted by sales


@dataclass(frozen=True, slots=True)
class ForecastPeriod:
    """A period's sales forecast against its stage-weighted pipeline.

    ``period`` is as the forecast names it (``2026-11``, ``2026-Q4``); ``start``/``end``
    are its days. ``coverage`` is weighted pipeline ÷ forecast (``None`` for a zero
    forecast).
    """

    period: str
    start: date
    end: date
    forecast: float
    weighted_pipeline: float
    pipeline: float = 0.0
    opportunities: int = 0
    location: Location = _NOWHERE

    @property
    def coverage(self) -> float | None:
        """Weighted pipeline ÷ forecast."""
        return self.weighted_pipeline / self.forecast if self.forecast else None


@dataclass(frozen=True, slots=True)
class Prospect:
    """A vendor the company pays who is not a customer: someone to sell to."""

    vendor: str
    name: str
    spend: float
    rank: int
    category: str = ""
    location: Location = _NOWHERE


@dataclass(frozen=True, slots=True)
class UnmatchedCustomer:
    """Hours logged against a customer the finance data does not know."""

    label: str
    hours: float
    cost: float


@dataclass(frozen=True, slots=True)
class UnreadFile:
    """A finance file that could not be read at all: the figures of its kind (and of
    the kinds that rest on it) would be computed on what is left, so the rules that
    read them are not run."""

    kind: FinanceKind
    file: str
    #: The line the file's own problem points at (where reading it failed), if known.
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Finance:
    """The finance figures of one run: customers, receivables, forecast, prospects.

    ``customers`` are ordered by revenue rank. ``engine`` names the backend that
    computed them. ``unread`` are the files that could not be read (see ``UnreadFile``).
    ``without_cogs`` is what was invoiced (up to ``as_of``) on invoices that give no cost
    of goods; ``gross_margin`` the margin their cost of goods was estimated at, ``None``
    when none was set and profit leaves their cost of goods out (``cogs_note``).
    """

    as_of: date
    cost_of_capital: float
    customers: tuple[CustomerFigures, ...] = ()
    receivables: Receivables | None = None
    forecast: tuple[ForecastPeriod, ...] = ()
    prospects: tuple[Prospect, ...] = ()
    unmatched: tuple[UnmatchedCustomer, ...] = ()
    engine: str = "duckdb"
    unread: tuple[UnreadFile, ...] = ()
    without_cogs: float = 0.0
    gross_margin: float | None = None

    def cogs_note(self, currency: str) -> str:
        """A sentence saying that profit leaves out (or estimates) the cost of goods of
        invoices that give none, ``""`` when every invoice gives it."""
        if round(self.without_cogs) <= 0:
            return ""
        amount = f"{currency} {self.without_cogs:,.0f}".strip()
        if self.gross_margin is not None:
            return (
                f"Cost of goods on {amount} invoiced without one is estimated at a gross "
                f"margin of {self.gross_margin:.0%} ([finance] gross_margin)."
            )
        return (
            f"Profit leaves out cost of goods on {amount} invoiced: those invoices give "
            "none (an accounting export has no cost of goods), so their margins are too "
            "high; add a cogs column or set [finance] gross_margin."
        )

    @property
    def revenue(self) -> float:
        """All customers' revenue."""
        return sum(c.revenue for c in self.customers)

    @property
    def profit(self) -> float:
        """All customers' profit."""
        return sum(c.profit for c in self.customers)

    def whale_curve(self) -> list[tuple[CustomerFigures, float]]:
        """Customers from most to least profitable, each with the cumulative profit so far."""
        ranked = sorted(self.customers, key=lambda c: (c.profit_rank, c.customer))
        curve: list[tuple[CustomerFigures, float]] = []
        running = 0.0
        for customer in ranked:
            running += customer.profit
            curve.append((customer, running))
        return curve

    def whale_peak(self) -> float | None:
        """The curve's peak as a share of total profit (``1.6`` = 160%); ``None`` when
        total profit is not positive."""
        total = self.profit
        if not self.customers or total <= 0:
            return None
        return max(running for _, running in self.whale_curve()) / total
