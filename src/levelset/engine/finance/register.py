"""Registration: every finance file of a workspace read into typed tables, one per kind.

The steps, in order: customers (the file, or those the invoices name), the customer text
of every file resolved to ids, invoices, credits (with an invoice export's credit
notes), payments, cost drivers and counts, vendors, pipeline, forecast; then the rows
found at fault become problems. Each kind's text is let go once its table is made.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import ibis

from levelset.engine.backends import Engine
from levelset.engine.finance import billing, costs, sales
from levelset.engine.finance.context import Registration
from levelset.engine.finance.customers import customer_names, customers
from levelset.engine.finance.problems import left_out_for_invoices, problems_from_flaws
from levelset.engine.finance.tables import FinanceTables, finance_key
from levelset.model import Problem, Workspace
from levelset.model.collector import collector_paused
from levelset.model.finance import FinanceKind, UnreadFile

K = FinanceKind
Progress = Callable[[str], None]


def register_finance(
    engine: Engine, workspace: Workspace, progress: Progress | None = None
) -> FinanceTables:
    """Read every finance source of ``workspace`` into typed tables, one per kind.

    Only usable rows reach the tables; every other row is a problem at its file and
    line, grouped by what is wrong and the value (``(and N more rows like it)``).
    Customer references are resolved to customer ids (by id or name, case-insensitive);
    without a customers file, the customers are those the invoices name.

    What is read depends on ``workspace.finance`` alone (never on the YAML files or the
    ``[finance]`` settings): the tables' ``key`` (``finance_key``) stamps it, so a
    caller that keeps the engine open can compute the figures again from them
    (``build_finance(..., tables=...)``) while ``finance_key`` of the sources is unchanged.
    """
    # Building and compiling each query makes many objects (Ibis' expressions, SQLGlot's
    # syntax trees, cycles: a node knows its parent). With the cyclic collector running,
    # its passes walked every live object of the run again and again: about an eighth
    # of the phase on a small workspace. Paused, the cycles are found when it next runs.
    with collector_paused():
        return _registered(engine, workspace, progress)


def _registered(engine: Engine, workspace: Workspace, progress: Progress | None) -> FinanceTables:
    """``register_finance``, step by step."""
    sources = list(workspace.finance.sources)
    key = finance_key(sources)  # before reading: a file changed meanwhile changes the key
    if progress is not None and sources:
        count = len(sources)
        progress(f"Reading {count} finance file{'s' if count != 1 else ''} on {engine.name}")
    reg = Registration(engine, sources)
    scan = reg.scan
    found_customers = reg.settle(lambda: customers(reg, scan.raw(K.CUSTOMERS)))
    names = customer_names(
        engine,
        found_customers,
        [
            scan.documents().invoices,
            scan.documents().credits,
            scan.raw(K.DRIVER_COUNTS),
            scan.raw(K.PIPELINE),
        ],
    )
    invoices = reg.settle(lambda: billing.invoices(reg, scan.documents().invoices, names))
    # Each invoice number is listed once: the repeats were left out as duplicates.
    ids = None if invoices is None else invoices.select("invoice", "issued", "due")
    # Each kind's text is let go once its table is made (the credit notes of an invoice
    # export are among the credits).
    # Payments and credits settle invoices: with an invoices file unread, every one of
    # them would be an "unknown invoice" of its own. One problem a file says they were
    # left out, and why.
    lost = [s.file for s in scan.unread if s.kind is K.INVOICES]
    credits = payments = None
    if lost:
        left_out = left_out_for_invoices(sources, lost, (K.CREDITS, K.PAYMENTS))
    else:
        left_out = []
        credits = reg.settle(lambda: billing.credits(reg, scan.documents().credits, names, ids))
    scan.release(K.INVOICES, K.CREDITS)
    if not lost:
        payments = reg.settle(lambda: billing.payments(reg, scan.raw(K.PAYMENTS), ids))
    scan.release(K.PAYMENTS)
    drivers = reg.settle(lambda: costs.drivers(reg, scan.raw(K.DRIVERS)))
    # The kinds no other kind reads, their rows counted in one query (``settle_together``).
    driver_counts, vendors, pipeline, forecast = reg.settle_together(
        lambda: costs.driver_counts(reg, scan.raw(K.DRIVER_COUNTS), names, drivers),
        lambda: costs.vendors(reg, scan.raw(K.VENDORS)),
        lambda: sales.pipeline(reg, scan.raw(K.PIPELINE), names),
        lambda: sales.forecast(reg, scan.raw(K.FORECAST)),
    )
    scan.release(K.DRIVERS, K.DRIVER_COUNTS)
    problems = [*scan.problems, *left_out]
    if reg.judge.flaws:
        flaws = ibis.union(*reg.judge.flaws)
        problems.extend(problems_from_flaws(engine, flaws, sources))
    return FinanceTables(
        customers=found_customers,
        invoices=invoices,
        payments=payments,
        credits=credits,
        drivers=drivers,
        driver_counts=driver_counts,
        vendors=vendors,
        pipeline=pipeline,
        forecast=forecast,
        problems=tuple(problems),
        key=key,
        unread=tuple(
            UnreadFile(s.kind, s.file, _failed_at(scan.problems, s.file)) for s in scan.unread
        ),
        held=tuple(scan.held),
    )


def _failed_at(problems: Sequence[Problem], file: str) -> int | None:
    """The line the problem of an unreadable ``file`` points at, if it has one."""
    return next((p.location.line for p in problems if p.location.file == file), None)
