"""The finance tables a registration leaves on the engine, and what they depend on.

Column contracts (only valid rows reach these tables; every unusable row is a problem):

- customers: customer str (id), name str, segment str, terms_days int64 (null), file str, row int64
- invoices: invoice str, customer str (a customers.customer id), issued date, due date,
  amount float64, cogs float64, balance float64 (what an export says is still open on
  it, null when not given: see ``ledger``)
- payments: invoice str, paid date, amount float64, issued date and due date (those of
  its invoice, so that settling needs no second join of the payments to the invoices)
- credits: customer str, invoice str (null), dated date, amount float64 (>0),
  kind str ('credit' | 'write-off'), balance float64 (≥0: what an export says is still
  open on a credit note, null when not given: see ``ledger.unapplied``)
- drivers: driver str, cost_per_unit float64
- driver_counts: customer str, driver str, count float64
- vendors: vendor str, name str, spend float64, category str, file str, row int64
- pipeline: opportunity str, customer str (null), prospect str (null), amount float64,
  stage str, probability float64 (0..1), expected_close date
- forecast: period str, start date, end date, amount float64, file str, row int64

A kind whose files were all read typed and have no fault is a view of the table they
were read into (``checks.Plain``), not a table of its own: ``held`` lists those tables.

A registration depends on the finance sources alone (``Workspace.finance``: the files of
``data/finance`` and how each was recognised), never on the YAML files nor on the
``[finance]`` settings, which only the figures read. ``finance_key`` stamps the sources;
tables registered under a key equal to the sources' key now can be used again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import ibis.expr.types as ir

from levelset.engine.reading import file_stamp
from levelset.model import Problem
from levelset.model.finance import FinanceKind, FinanceSource, UnreadFile


@dataclass(frozen=True, slots=True)
class SourceStamp:
    """One finance source as a registration read it: how it was recognised, and its
    file's size and last change (``None`` when the file could not be found)."""

    path: str
    file: str
    sheet: str | None
    kind: str
    format: str
    container: str
    columns: tuple[tuple[str, str], ...]
    header_line: int
    size: int | None
    modified_ns: int | None


#: What a registration depended on: a stamp of each source, in the sources' order.
FinanceKey = tuple[SourceStamp, ...]


def finance_key(sources: Sequence[FinanceSource]) -> FinanceKey:
    """The stamps of ``sources``: equal keys, the same tables (a file changed in place
    changes its size or its modification time)."""
    return tuple(_stamp(source) for source in sources)


def _stamp(source: FinanceSource) -> SourceStamp:
    try:
        size, modified = file_stamp(source.path)
    except OSError:
        size, modified = None, None
    return SourceStamp(
        path=str(source.path),
        file=source.file,
        sheet=source.sheet,
        kind=source.kind.value,
        format=source.format.value,
        container=source.container,
        columns=tuple(source.columns.items()),
        header_line=source.header_line,
        size=size,
        modified_ns=modified,
    )


@dataclass(frozen=True)
class FinanceTables:
    """The finance data of one registration as engine tables (``None`` for a kind not
    given), the problems its rows had, the ``key`` of the sources it read and those it
    could not read at all (``unread``)."""

    customers: ir.Table | None = None
    invoices: ir.Table | None = None
    payments: ir.Table | None = None
    credits: ir.Table | None = None
    drivers: ir.Table | None = None
    driver_counts: ir.Table | None = None
    vendors: ir.Table | None = None
    pipeline: ir.Table | None = None
    forecast: ir.Table | None = None
    problems: tuple[Problem, ...] = ()
    key: FinanceKey = ()
    unread: tuple[UnreadFile, ...] = ()
    #: The tables of what was read that kinds' tables are views of (``checks.Plain``):
    #: let go with them.
    held: tuple[ir.Table, ...] = ()
    #: What the figures computed from these tables alone, kept for the next figures
    #: from them (``figures``: the settled ledger and what depends on nothing else).
    kept: list[Any] = field(default_factory=list, init=False, compare=False, repr=False)


#: The names of ``FinanceTables``' tables, one per kind.
TABLE_NAMES = (
    "customers",
    "invoices",
    "payments",
    "credits",
    "drivers",
    "driver_counts",
    "vendors",
    "pipeline",
    "forecast",
)

K = FinanceKind
# The raw text each kind carries (roles as in FinanceSource.columns).
ROLES: dict[FinanceKind, tuple[str, ...]] = {
    K.CUSTOMERS: ("customer", "name", "segment", "terms_days"),
    K.INVOICES: (
        "invoice",
        "customer",
        "issued",
        "due",
        "amount",
        "balance",
        "cogs",
        "type",
        "status",
    ),
    K.PAYMENTS: ("invoice", "paid", "amount"),
    K.CREDITS: ("customer", "invoice", "date", "amount", "kind", "balance"),
    K.DRIVERS: ("driver", "cost_per_unit"),
    K.DRIVER_COUNTS: ("customer", "driver", "count"),
    K.VENDORS: ("vendor", "name", "spend", "category"),
    K.PIPELINE: (
        "opportunity",
        "customer",
        "prospect",
        "amount",
        "stage",
        "probability",
        "expected_close",
    ),
    K.FORECAST: ("period", "amount"),
}
DATE_ROLES: dict[FinanceKind, tuple[str, ...]] = {
    K.INVOICES: ("issued", "due"),
    K.PAYMENTS: ("paid",),
    K.CREDITS: ("date",),
    K.PIPELINE: ("expected_close",),
}
# The number roles of each kind read in the engine as the raw text is copied.
NUMBER_ROLES: dict[FinanceKind, tuple[str, ...]] = {
    K.INVOICES: ("amount", "cogs", "balance"),
    K.PAYMENTS: ("amount",),
    K.CREDITS: ("amount", "balance"),
    K.DRIVERS: ("cost_per_unit",),
    K.DRIVER_COUNTS: ("count",),
    K.VENDORS: ("spend",),
    K.PIPELINE: ("amount",),
    K.FORECAST: ("amount",),
}


def raw_columns(kind: FinanceKind) -> list[str]:
    """The columns of a kind's raw table, in order (as ``Scan.raw`` makes them)."""
    return [
        "src",
        "row",
        *ROLES[kind],
        "xero",
        *(f"{role}_e" for role in DATE_ROLES.get(kind, ())),
        *(f"{role}_e" for role in NUMBER_ROLES.get(kind, ())),
    ]
