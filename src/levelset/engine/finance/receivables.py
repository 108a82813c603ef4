"""Receivables at ``as_of``: aging by days past due, and days sales outstanding.

The measures follow the Credit Research Foundation's definitions (its KPI calculator,
crfonline.org/KpiCalculator, and the quarterly *National Summary of Domestic Trade
Receivables*, whose period is the 90 days levelset defaults to):

- DSO = ending total receivables ÷ credit sales of the period × days in the period;
- best possible DSO = ending *current* (not past due) receivables ÷ credit sales of the
  period × days in the period: what DSO would be if every customer paid on time;
- average days delinquent (ADD) = DSO − best possible DSO.

The countback DSO (described by Credit Today and in use at Nestlé, among others) walks
back month by month from ``as_of``: each month's sales are taken off the receivables
and its days counted in full, until a month's sales exceed what remains; that month
adds its days times the share of its sales still needed. It follows the sales pattern,
where simple DSO assumes sales are level.

Credit sales are *net* credit sales, as DSO is defined on them: gross credit sales less
sales returns and allowances (credit-help.pro/credit/18893, "How to calculate net credit
sales": "Sales on credit - Sales returns - Sales allowances = Net credit sales", the
foundation for DSO; accountingdetails.com: "Net credit sales = credit sales – sales
returns and allowances – sales discounts"). Here: the amounts invoiced in the period less
the credit notes dated in it. A write-off is bad debt, not a sales reduction: it lowers
the receivables, not the sales. The countback's months are net the same way (invoices by
issue date less credit notes by their date).

The receivables are what the invoices leave open (``ledger``) less the credits that name
no invoice (``ledger.unapplied``): such a credit is a negative amount aged from its own
date, as QuickBooks' A/R aging shows an open credit memo, so a customer with only such
credits has a negative row. DSO, best possible DSO and the countback divide the net
totals. Aging amounts and sales come from the engine; Python only walks the daily sales
totals (a few hundred rows) for the countback.
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

import ibis
import ibis.expr.types as ir
import pyarrow as pa
import pyarrow.compute as pc

from levelset.engine.backends import Engine
from levelset.model.bulk import from_columns
from levelset.model.collector import collector_paused
from levelset.model.finance import AgingRow, Receivables


def bucket_names(edges: Sequence[int]) -> tuple[str, ...]:
    """The aging buckets' names: ``Current``, ``1–30``, ``31–60``, ``61–90``, ``over 90``."""
    names = ["Current"]
    low = 0
    for edge in edges:
        names.append(f"{low + 1}–{edge}")
        low = edge
    names.append(f"over {low}")
    return tuple(names)


def clean_edges(edges: Sequence[int]) -> tuple[int, ...]:
    """The positive edges, each once, in order (the settings reader reports the others)."""
    return tuple(sorted({int(e) for e in edges if int(e) > 0}))


def receivables(
    engine: Engine,
    ledger: ir.Table,
    customers: ir.Table | None,
    *,
    as_of: date,
    edges: Sequence[int],
    period_days: int,
    credits: ir.Table | None,
    unapplied: ir.Table | None,
) -> Receivables:
    """The aging table (per customer and in total) and the DSO figures at ``as_of``:
    the invoices' open amounts less the ``unapplied`` credits (``ledger.unapplied``),
    over the sales less the credit notes among ``credits``."""
    edges = clean_edges(edges)
    names = bucket_names(edges)
    owed = _owed(ledger, unapplied)
    index = _bucket(owed.past_due, edges)
    sums = {f"b{k}": ibis.ifelse(index == k, owed.open, 0.0).sum() for k in range(len(names))}
    fetched = engine.to_arrow(owed.group_by("customer").aggregate(**sums))
    start = as_of - timedelta(days=period_days)
    # The rows made in Python on a thread of their own while the engine sums the sales
    # (its queries hold no lock of Python's): 100,000 customers take a tenth of a second.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="levelset-aging") as pool:
        made = pool.submit(_aging_rows, fetched, len(names))
        daily = _daily_sales(engine, ledger, credits, as_of)
        terms_days = _weighted_terms(engine, ledger, customers, start, as_of)
        rows, total = made.result()
    sales = sum(v for day, v in daily.items() if start < day <= as_of)
    owed_total, current = total.total, total.amounts[0]
    # Net sales of nothing or less (credit notes beyond the invoices) give no DSO.
    dso = owed_total / sales * period_days if sales > 0 else None
    best = current / sales * period_days if sales > 0 else None
    return Receivables(
        as_of=as_of,
        buckets=names,
        rows=rows,
        total=total,
        period_days=period_days,
        sales=sales,
        dso=dso,
        dso_countback=countback(owed_total, monthly_sales(daily, as_of)),
        best_dso=best,
        add=None if dso is None or best is None else dso - best,
        terms_days=terms_days,
    )


def countback(receivable: float, months: Sequence[tuple[float, int]]) -> float | None:
    """Countback DSO: ``months`` are (net sales, days), the latest first.

    ``None`` without a month of positive sales; ``0`` when nothing is owed. A month whose
    credit notes exceed its sales leaves more for the months before it to cover.
    """
    if not any(sales > 0 for sales, _ in months):
        return None
    remaining, dso = receivable, 0.0
    for sales, days in months:
        if remaining <= 0:
            break
        if sales >= remaining:
            return dso + remaining / sales * days
        remaining -= sales
        dso += days
    return dso


def monthly_sales(daily: dict[date, float], as_of: date) -> list[tuple[float, int]]:
    """Sales per month counted back from ``as_of`` (the month ending that day first), each
    with its days, back to the first sale. A month ends on ``as_of``'s day of the month
    (clipped to the month's length), so from a month end they are calendar months."""
    if not daily:
        return []
    first = min(daily)
    months: list[tuple[float, int]] = []
    end, back = as_of, 1
    while end >= first:
        start = _months_before(as_of, back)
        sales = sum(v for day, v in daily.items() if start < day <= end)
        months.append((sales, (end - start).days))
        end, back = start, back + 1
    return months


def _months_before(day: date, months: int) -> date:
    """The same day ``months`` months earlier; at a month's end, that month's end."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    last = calendar.monthrange(year, month + 1)[1]
    at_end = day.day == calendar.monthrange(day.year, day.month)[1]
    return date(year, month + 1, last if at_end else min(day.day, last))


def _owed(ledger: ir.Table, unapplied: ir.Table | None) -> ir.Table:
    """What is owed, one row per open invoice and one per unapplied credit (negative):
    customer, past_due (an unapplied credit's age) and open."""
    owed = ledger.filter(ledger.open > 0).select("customer", "past_due", "open")
    if unapplied is None:
        return owed
    back = unapplied.select("customer", "past_due", open=-unapplied.amount)
    return owed.union(back)


def _daily_sales(
    engine: Engine, ledger: ir.Table, credits: ir.Table | None, as_of: date
) -> dict[date, float]:
    """Net credit sales per day: the invoices by issue date (all up to ``as_of``: the
    ledger's) less the credit notes (not the write-offs) by their date."""
    sold = ledger.select(dated=ledger.issued, sales=ledger.amount)
    if credits is not None:
        notes = credits.filter((credits.kind == "credit") & (credits.dated <= ibis.date(as_of)))
        sold = sold.union(notes.select("dated", sales=-notes.amount))
    daily = sold.group_by("dated").aggregate(sales=sold.sales.sum())
    return {r["dated"]: float(r["sales"]) for r in engine.rows(daily)}


def _bucket(past_due: ir.IntegerValue, edges: tuple[int, ...]) -> ir.IntegerValue:
    cases = [(past_due <= 0, 0)]
    cases += [(past_due <= edge, k) for k, edge in enumerate(edges, start=1)]
    return ibis.cases(*cases, else_=len(edges) + 1)


def _aging_rows(data: pa.Table, count: int) -> tuple[tuple[AgingRow, ...], AgingRow]:
    """One row per customer, by customer id (sorted here, with Arrow, whose order of text,
    by UTF-8 bytes, is Python's, where each backend's collation has its own), and the
    total row: each bucket summed here, exactly (``fsum``), not in a query of its own."""
    with collector_paused():
        return _rows_and_total(data, count)


def _rows_and_total(data: pa.Table, count: int) -> tuple[tuple[AgingRow, ...], AgingRow]:
    data = data.take(pc.sort_indices(data, sort_keys=[("customer", "ascending")]))
    buckets = [data.column(f"b{k}").to_pylist() for k in range(count)]
    columns = {
        "customer": data.column("customer").to_pylist(),
        "amounts": list(zip(*buckets, strict=True)),
    }
    total = AgingRow("", tuple(math.fsum(bucket) for bucket in buckets))
    return tuple(from_columns(AgingRow, columns, data.num_rows)), total


def _weighted_terms(
    engine: Engine, ledger: ir.Table, customers: ir.Table | None, start: date, as_of: date
) -> float | None:
    """The customers' terms in days, weighted by what each was invoiced in the period."""
    if customers is None:
        return None
    terms = customers.filter(customers.terms_days.notnull()).select(
        t_customer="customer", terms_days="terms_days"
    )
    sold = ledger.filter((ledger.issued > ibis.date(start)) & (ledger.issued <= ibis.date(as_of)))
    joined = sold.join(terms, sold.customer == terms.t_customer)
    result = engine.rows(
        joined.aggregate(
            weighted=(joined.amount * joined.terms_days.cast("float64")).sum(),
            sales=joined.amount.sum(),
        )
    )[0]
    if not result["sales"]:
        return None
    return float(result["weighted"]) / float(result["sales"])
