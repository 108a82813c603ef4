"""One finance run: register the finance files, settle the invoices, compute the figures.

``build_finance`` is what ``levelset finance`` and ``levelset check`` call. It never
raises on user data: unusable rows come back as problems (from ``register_finance``) and
the figures are computed from what could be read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import ibis
import ibis.expr.types as ir

from levelset.engine.connection import Engine
from levelset.engine.fintables import FinanceTables, register_finance
from levelset.engine.forecast import forecast_periods, prospects
from levelset.engine.ledger import settle, unapplied
from levelset.engine.profit import customer_figures, people_cost
from levelset.engine.receivables import receivables
from levelset.model import Problem, Workspace
from levelset.model.finance import (
    CustomerFigures,
    Finance,
    FinanceSettings,
    ForecastPeriod,
    Prospect,
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
) -> FinanceBuild:
    """The finance figures of ``workspace``; ``cube`` (the allocation cube) adds people cost."""
    say = progress or (lambda _message: None)
    files = workspace.finance
    if files.is_empty():
        return FinanceBuild(None, [])
    count = len(files.sources)
    say(f"Reading {count} finance file{'s' if count != 1 else ''} on {engine.name}")
    tables, problems = register_finance(engine, workspace)
    finance = compute_finance(
        engine,
        tables,
        workspace.settings.finance,
        cube=cube,
        organization=workspace.name,
        progress=say,
    )
    return FinanceBuild(finance, list(problems))


def compute_finance(
    engine: Engine,
    tables: FinanceTables,
    settings: FinanceSettings,
    *,
    cube: ir.Table | None = None,
    organization: str = "",
    progress: Progress | None = None,
) -> Finance:
    """The figures from registered tables, as of ``settings.as_of`` or the last dated fact."""
    say = progress or (lambda _message: None)
    as_of = settings.as_of or last_fact(engine, tables) or date.today()
    rate = settings.cost_of_capital
    customers = tables.customers
    if customers is None and tables.invoices is not None:
        customers = _derived_customers(tables.invoices)
    # The credits that name no invoice lower what customers owe (see ``ledger``).
    loose = unapplied(tables.credits, as_of)
    ledger = None
    if tables.invoices is not None:
        say(f"Settling invoices as of {as_of}")
        ledger = settle(engine, tables.invoices, tables.payments, tables.credits, as_of)
    people = None
    if cube is not None and customers is not None:
        people = people_cost(engine, cube, customers, organization)
    figures: tuple[CustomerFigures, ...] = ()
    if customers is not None:
        say("Computing customer profitability")
        figures = customer_figures(
            engine,
            customers,
            ledger,
            rate=rate,
            credits=tables.credits,
            drivers=tables.drivers,
            driver_counts=tables.driver_counts,
            people=people,
            as_of_day=ibis.date(as_of),
            unapplied=loose,
        )
    aging = None
    if ledger is not None:
        say("Aging receivables")
        aging = receivables(
            engine,
            ledger,
            customers,
            as_of=as_of,
            edges=settings.aging_buckets,
            period_days=settings.dso_days,
            credits=tables.credits,
            unapplied=loose,
        )
    periods: tuple[ForecastPeriod, ...] = ()
    if tables.forecast is not None:
        periods = forecast_periods(engine, tables.forecast, tables.pipeline)
    found: tuple[Prospect, ...] = ()
    if tables.vendors is not None:
        found = prospects(engine, tables.vendors, customers)
    return Finance(
        as_of=as_of,
        cost_of_capital=rate,
        customers=figures,
        receivables=aging,
        forecast=periods,
        prospects=found,
        unmatched=people.unmatched if people is not None else (),
        engine=engine.name,
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
