"""The finance pipeline: the files of ``data/finance`` read, checked and settled into the
figures of finance in the front office (customer profitability, receivables, forecast
against pipeline, prospects among the vendors).

Two stages, so that a caller keeping its engine open reads the files once:

**Registration** (``register_finance`` → ``FinanceTables``) depends on the finance
sources alone; its ``key`` (``finance_key``) stamps them. Its steps, in order:

1. ``scan``: each source's text, read when first needed (``files``: in place by the
   engine or in Python; ``typed``: the typed fast path of a large CSV file on DuckDB),
   read again with row numbers when its rows turn out to have faults;
2. ``documents``: the invoice files' rows told apart, invoices and credit notes;
3. ``decode``: the dates and numbers of the rows (``values`` reads the odd spellings);
4. ``customers``: the customers checked (or derived from the invoices) and every
   customer text resolved to an id;
5. each kind's rows checked and kept (``checks``: the shared checks and the judge):
   ``billing`` (invoices, credits, payments), ``costs`` (drivers, driver counts,
   vendors), ``sales`` (pipeline, forecast). The invoices, when their files were read
   typed, are judged in one query first and, with no fault, used as read (a view:
   ``checks.Plain``), the careful way kept for files with faults; the kinds no other
   kind reads (driver counts, vendors, pipeline, forecast) are kept, then their rows
   counted together in one query (``Registration.settle_together``);
6. ``problems``: the faulty rows as problems at their file and line.

**Figures** (``build_finance`` / ``compute_finance`` → ``Finance``) also depend on the
``[finance]`` settings, the organization's name, the cube and the caller's clock:
``ledger`` settles the invoices as of a day, then ``profit``, ``receivables`` and
``forecast`` (with the prospects) compute from it. The customers' figures and the aging
rows are made into objects on a thread of their own while the engine computes what comes
next, and the cyclic collector waits while the queries are built and compiled.

What the steps ask of the engine beyond Ibis is a capability of its backend
(``Engine.reads_in_place``, ``casts_safely``, ``typed_csv``, ``recover``, ``drop``):
nothing here tests which engine it runs on.
"""

from __future__ import annotations

from levelset.engine.finance.figures import (
    FinanceBuild,
    build_finance,
    compute_finance,
    last_fact,
    release,
)
from levelset.engine.finance.register import register_finance
from levelset.engine.finance.tables import FinanceKey, FinanceTables, SourceStamp, finance_key

__all__ = [
    "FinanceBuild",
    "FinanceKey",
    "FinanceTables",
    "SourceStamp",
    "build_finance",
    "compute_finance",
    "finance_key",
    "last_fact",
    "register_finance",
    "release",
]
