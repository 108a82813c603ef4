"""The figures: the invoices settled, then profit, receivables, forecast and prospects.

``build_finance`` is what ``levelset finance`` and ``levelset check`` call. It never
raises on user data: unusable rows come back as problems (from ``register_finance``) and
the figures are computed from what could be read. The figures depend on the registered
tables and on what the workspace's YAML says (the ``[finance]`` settings, the
organization's name) and on the cube (people cost): given the ``tables`` of an earlier
registration, they are computed again without reading a file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import ibis
import ibis.expr.types as ir

from levelset.engine.backends import Engine
from levelset.engine.finance.forecast import forecast_periods, prospects
from levelset.engine.finance.ledger import settle, unapplied, without_cogs
from levelset.engine.finance.profit import People, customer_figures, people_cost
from levelset.engine.finance.receivables import receivables
from levelset.engine.finance.register import register_finance
from levelset.engine.finance.tables import FinanceTables
from levelset.model import Problem, Workspace
from levelset.model.finance import (
    CustomerFigures,
    Finance,
    FinanceSettings,
    ForecastPeriod,
    Prospect,
    Receivables,
)

Progress = Callable[[str], None]


@dataclass
class FinanceBuild:
    """The figures (``None`` when the workspace has no finance data) and the problems."""

    finance: Finance | None
    problems: list[Problem]


def build_finance(
    engine: Engine,
    workspace: Workspace,
    cube: ir.Table | None = None,
    progress: Progress | None = None,
    *,
    today: date,
    tables: FinanceTables | None = None,
) -> FinanceBuild:
    """The finance figures of ``workspace``; ``cube`` (the allocation cube) adds people cost.

    ``today`` is the caller's clock: the day the figures are as of when neither the
    ``[finance]`` settings nor the data date them. ``tables``: registered earlier in this
    engine (``register_finance``), used instead of reading the files again (the caller
    keeps them while their ``key`` is ``finance_key`` of the workspace's sources); their
    problems come back as if the files had been read.
    """
    say = progress or (lambda _message: None)
    if workspace.finance.is_empty():
        return FinanceBuild(None, [])
    if tables is None:
        tables = register_finance(engine, workspace, say)
    finance = compute_finance(
        engine,
        tables,
        workspace.settings.finance,
        today=today,
        cube=cube,
        organization=workspace.name,
        progress=say,
    )
    return FinanceBuild(finance, list(tables.problems))


def compute_finance(
    engine: Engine,
    tables: FinanceTables,
    settings: FinanceSettings,
    *,
    today: date,
    cube: ir.Table | None = None,
    organization: str = "",
    progress: Progress | None = None,
) -> Finance:
    """The figures from registered tables, as of ``settings.as_of``, else the last dated
    fact, else ``today``."""
    say = progress or (lambda _message: None)
    as_of = settings.as_of or last_fact(engine, tables) or today
    customers = tables.customers
    if customers is None and tables.invoices is not None:
        customers = _derived_customers(tables.invoices)
    ledger = None
    bare = 0.0
    if tables.invoices is not None:
        say(f"Settling invoices as of {as_of}")
        ledger = settle(
            engine,
            tables.invoices,
            tables.payments,
            tables.credits,
            as_of,
            gross_margin=settings.gross_margin,
        )
        bare = without_cogs(engine, tables.invoices, as_of)
    people = None
    if cube is not None and customers is not None:
        people = people_cost(engine, cube, customers, organization)
    try:
        figures = _profitability(
            engine,
            tables,
            settings,
            customers=customers,
            ledger=ledger,
            people=people,
            as_of=as_of,
            say=say,
        )
        aging = _aging(
            engine, tables, settings, customers=customers, ledger=ledger, as_of=as_of, say=say
        )
    finally:
        # Fetched by now: an engine kept open for the next question lets them go.
        for kept in (ledger, people.labels if people is not None else None):
            if kept is not None:
                engine.drop(kept)
    periods: tuple[ForecastPeriod, ...] = ()
    if tables.forecast is not None:
        periods = forecast_periods(engine, tables.forecast, tables.pipeline)
    found: tuple[Prospect, ...] = ()
    if tables.vendors is not None:
        found = prospects(engine, tables.vendors, customers)
    return Finance(
        as_of=as_of,
        cost_of_capital=settings.cost_of_capital,
        customers=figures,
        receivables=aging,
        forecast=periods,
        prospects=found,
        unmatched=people.unmatched if people is not None else (),
        engine=engine.name,
        unread=tables.unread,
        without_cogs=bare,
        gross_margin=settings.gross_margin,
    )


def _profitability(
    engine: Engine,
    tables: FinanceTables,
    settings: FinanceSettings,
    *,
    customers: ir.Table | None,
    ledger: ir.Table | None,
    people: People | None,
    as_of: date,
    say: Progress,
) -> tuple[CustomerFigures, ...]:
    """Each customer's figures (none without customers)."""
    if customers is None:
        return ()
    say("Computing customer profitability")
    return customer_figures(
        engine,
        customers,
        ledger,
        rate=settings.cost_of_capital,
        credits=tables.credits,
        drivers=tables.drivers,
        driver_counts=tables.driver_counts,
        people=people,
        as_of_day=ibis.date(as_of),
        # The credits that name no invoice lower what customers owe (see ``ledger``).
        unapplied=unapplied(tables.credits, as_of),
    )


def _aging(
    engine: Engine,
    tables: FinanceTables,
    settings: FinanceSettings,
    *,
    customers: ir.Table | None,
    ledger: ir.Table | None,
    as_of: date,
    say: Progress,
) -> Receivables | None:
    """The receivables aged at ``as_of`` (none without invoices)."""
    if ledger is None:
        return None
    say("Aging receivables")
    return receivables(
        engine,
        ledger,
        customers,
        as_of=as_of,
        edges=settings.aging_buckets,
        period_days=settings.dso_days,
        credits=tables.credits,
        unapplied=unapplied(tables.credits, as_of),
    )


def last_fact(engine: Engine, tables: FinanceTables) -> date | None:
    """The last day an invoice was issued, a payment made or a credit given."""
    dated = [
        (tables.invoices, "issued"),
        (tables.payments, "paid"),
        (tables.credits, "dated"),
    ]
    lasts = [
        engine.rows(table.aggregate(last=table[column].max()))[0]["last"]
        for table, column in dated
        if table is not None
    ]
    found = [day for day in lasts if day is not None]
    return max(found) if found else None


def _derived_customers(invoices: ir.Table) -> ir.Table:
    """Customers as the invoices name them, when no customers file is given."""
    named = invoices.select("customer").distinct()
    return named.select(
        "customer",
        name=named.customer,
        segment=ibis.null("string"),
        terms_days=ibis.null("int64"),
        file=ibis.null("string"),
        row=ibis.null("int64"),
    )
