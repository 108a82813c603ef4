"""The figures: the invoices settled, then profit, receivables, forecast and prospects.

``build_finance`` is what ``levelset finance`` and ``levelset check`` call. It never
raises on user data: unusable rows come back as problems (from ``register_finance``) and
the figures are computed from what could be read. The figures depend on the registered
tables and on what the workspace's YAML says (the ``[finance]`` settings, the
organization's name) and on the cube (people cost): given the ``tables`` of an earlier
registration, they are computed again without reading a file.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date

import ibis
import ibis.expr.types as ir
import pyarrow as pa

from levelset.engine.backends import Engine
from levelset.engine.finance.forecast import forecast_periods, prospects
from levelset.engine.finance.ledger import settle, unapplied, without_cogs
from levelset.engine.finance.profit import People, figures_table, people_cost, rank
from levelset.engine.finance.receivables import receivables
from levelset.engine.finance.register import register_finance
from levelset.engine.finance.tables import TABLE_NAMES, FinanceTables
from levelset.model import Problem, Workspace
from levelset.model.collector import collector_paused
from levelset.model.finance import (
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
    keep: bool = False,
) -> FinanceBuild:
    """The finance figures of ``workspace``; ``cube`` (the allocation cube) adds people cost.

    ``today`` is the caller's clock: the day the figures are as of when neither the
    ``[finance]`` settings nor the data date them. ``tables``: registered earlier in this
    engine (``register_finance``), used instead of reading the files again (the caller
    keeps them while their ``key`` is ``finance_key`` of the workspace's sources); their
    problems come back as if the files had been read. ``keep``: see ``compute_finance``.
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
        keep=keep,
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
    keep: bool = False,
) -> Finance:
    """The figures from registered tables, as of ``settings.as_of``, else the last dated
    fact, else ``today``.

    ``keep``: keep with ``tables`` what depends on them, the settings and the day alone
    (the settled ledger, its aging, the forecast and the prospects), so that figures
    computed again from the same tables after a YAML change (another cube, another
    organization name) compute only the customers' figures; the ledger then stays in
    the engine while ``tables`` are kept.
    """
    with collector_paused():  # as ``register_finance``: the queries' cycles found later
        return _computed(
            engine,
            tables,
            settings,
            today=today,
            cube=cube,
            organization=organization,
            say=progress or (lambda _message: None),
            keep=keep,
        )


def _computed(
    engine: Engine,
    tables: FinanceTables,
    settings: FinanceSettings,
    *,
    today: date,
    cube: ir.Table | None,
    organization: str,
    say: Progress,
    keep: bool,
) -> Finance:
    """``compute_finance``, step by step."""
    as_of = settings.as_of or last_fact(engine, tables) or today
    customers = tables.customers
    if customers is None and tables.invoices is not None:
        customers = _derived_customers(tables.invoices)
    books = _kept(tables, settings, as_of)
    if books is None:
        books = _settled(engine, tables, settings, as_of, say)
    people = None
    if cube is not None and customers is not None:
        people = people_cost(engine, cube, customers, organization)
    # The customers' figures are made into objects in Python (a few tenths of a second
    # for 100,000 customers) on a thread of their own, while the engine ages the
    # receivables and counts the forecast: the engine's work waits on no lock of
    # Python's, and the objects need nothing more of the engine.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="levelset-figures") as pool:
        try:
            fetched = _profitability(
                engine,
                tables,
                settings,
                customers=customers,
                ledger=books.ledger,
                people=people,
                as_of=as_of,
                say=say,
            )
            ranked = pool.submit(rank, fetched) if fetched is not None else None
            if books.aging is None and books.ledger is not None:
                ledger = books.ledger
                aging = _aging(engine, tables, settings, customers, ledger, as_of=as_of, say=say)
                books = dataclasses.replace(books, aging=aging)
        finally:
            # Fetched by now: an engine kept open for the next question lets them go.
            if people is not None:
                engine.drop(people.labels)
            _keep(engine, tables, books if keep else None)
            if not keep:
                engine.drop(books.ledger)
        if books.periods is None or books.prospects is None:
            periods, found = _forecast(engine, tables, customers)
            books = dataclasses.replace(books, periods=periods, prospects=found)
            _keep(engine, tables, books if keep else None)
        figures = ranked.result() if ranked is not None else ()
    return Finance(
        as_of=as_of,
        cost_of_capital=settings.cost_of_capital,
        customers=figures,
        receivables=books.aging,
        forecast=books.periods or (),
        prospects=books.prospects or (),
        unmatched=people.unmatched if people is not None else (),
        engine=engine.name,
        unread=tables.unread,
        without_cogs=books.bare,
        gross_margin=settings.gross_margin,
    )


@dataclass(frozen=True)
class _Books:
    """What the figures take from the tables, the settings and the day alone: the
    invoices settled (``ledger``, ``None`` without invoices), what was invoiced without
    cost of goods, and once computed the aging, the forecast and the prospects."""

    settings: FinanceSettings
    as_of: date
    ledger: ir.Table | None
    bare: float
    aging: Receivables | None = None
    periods: tuple[ForecastPeriod, ...] | None = None
    prospects: tuple[Prospect, ...] | None = None


def release(engine: Engine, tables: FinanceTables) -> None:
    """Let ``tables`` go from ``engine``, with what the figures kept with them: a caller
    keeping its engine open drops the tables of finance files that changed."""
    _keep(engine, tables, None)
    for name in TABLE_NAMES:
        engine.drop(getattr(tables, name))
    for table in tables.held:
        engine.drop(table)


def _kept(tables: FinanceTables, settings: FinanceSettings, as_of: date) -> _Books | None:
    """The books kept with ``tables`` when they are of these settings and this day."""
    for books in tables.kept:
        if isinstance(books, _Books) and (books.settings, books.as_of) == (settings, as_of):
            return books
    return None


def _keep(engine: Engine, tables: FinanceTables, books: _Books | None) -> None:
    """Keep ``books`` with ``tables`` (``None``: keep nothing), letting go the ledger of
    the books kept before when it is another table."""
    for old in tables.kept:
        if isinstance(old, _Books) and (books is None or old.ledger is not books.ledger):
            engine.drop(old.ledger)
    tables.kept[:] = [books] if books is not None else []


def _settled(
    engine: Engine, tables: FinanceTables, settings: FinanceSettings, as_of: date, say: Progress
) -> _Books:
    """The invoices settled as of ``as_of`` (no ledger without invoices)."""
    if tables.invoices is None:
        return _Books(settings, as_of, None, 0.0)
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
    return _Books(settings, as_of, ledger, bare)


def _forecast(
    engine: Engine, tables: FinanceTables, customers: ir.Table | None
) -> tuple[tuple[ForecastPeriod, ...], tuple[Prospect, ...]]:
    """The forecast against the pipeline, and the prospects among the vendors."""
    periods: tuple[ForecastPeriod, ...] = ()
    if tables.forecast is not None:
        periods = forecast_periods(engine, tables.forecast, tables.pipeline)
    found: tuple[Prospect, ...] = ()
    if tables.vendors is not None:
        found = prospects(engine, tables.vendors, customers)
    return periods, found


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
) -> pa.Table | None:
    """Each customer's figures as the engine gives them, to be ranked (``profit.rank``);
    ``None`` without customers."""
    if customers is None:
        return None
    say("Computing customer profitability")
    return figures_table(
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
    customers: ir.Table | None,
    ledger: ir.Table | None,
    *,
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
    lasts = [table[column].max() for table, column in dated if table is not None]
    if not lasts:
        return None
    # One query: the first table's last day, and the others' as scalar subqueries.
    first = next(table for table, _ in dated if table is not None)
    days = {f"last{n}": last if n == 0 else last.as_scalar() for n, last in enumerate(lasts)}
    (row,) = engine.rows(first.aggregate(**days))
    found = [day for day in row.values() if day is not None]
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
