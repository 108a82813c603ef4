"""The sales forecast against the pipeline, and the payables list mined for prospects.

A forecast names periods (``2026-11``, ``2026-Q4``, ``2026``); each is covered by the
open opportunities expected to close in it, weighted by their probability. An
opportunity is open unless its stage says it is closed, won or lost (won deals are
already in the invoices, lost ones will not be).

Prospects are the vendors the company pays that are not its customers: neither the
vendor's id nor its name matches a customer's id or name, ignoring case and spaces at
either end. They are ranked by what the company spends with them.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import Any

import ibis.expr.types as ir
import pyarrow as pa
import pyarrow.compute as pc

from levelset.engine.backends import Engine
from levelset.model.bulk import from_columns, locations
from levelset.model.collector import collector_paused
from levelset.model.finance import ForecastPeriod, Prospect

_PERIOD = re.compile(r"^\s*(\d{4})(?:-(?:(\d{1,2})|[Qq]([1-4])))?\s*$")
CLOSED = "closed|won|lost"


def period_span(text: str) -> tuple[date, date] | None:
    """The first and last day of ``2026-11``, ``2026-Q4`` or ``2026``; ``None`` otherwise."""
    match = _PERIOD.match(text)
    if match is None:
        return None
    year = int(match.group(1))
    if match.group(2) is not None:
        month = int(match.group(2))
        if not 1 <= month <= 12:
            return None
        first, last = month, month
    elif match.group(3) is not None:
        quarter = int(match.group(3))
        first, last = 3 * quarter - 2, 3 * quarter
    else:
        first, last = 1, 12
    return date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1])


def forecast_periods(
    engine: Engine, forecast: ir.Table, pipeline: ir.Table | None
) -> tuple[ForecastPeriod, ...]:
    """Each forecast period with the open pipeline expected to close in it."""
    periods = forecast.group_by(["period", "start", "end"]).aggregate(
        forecast=forecast.amount.sum(),
        first_file=forecast.file.min(),
        first_row=forecast.row.min(),
    )
    if pipeline is None:
        rows = engine.rows(periods)
        return _periods(rows, weighted=False)
    open_deals = pipeline.filter(~pipeline.stage.fill_null("").lower().re_search(CLOSED))
    joined = periods.left_join(
        open_deals,
        [
            open_deals.expected_close >= periods.start,
            open_deals.expected_close <= periods.end,
        ],
    )
    counted = joined.group_by(["period", "start", "end", "forecast", "first_file", "first_row"])
    rows = engine.rows(
        counted.aggregate(
            weighted=(joined.amount * joined.probability).sum(),
            pipeline=joined.amount.sum(),
            opportunities=joined.opportunity.count(),
        )
    )
    return _periods(rows, weighted=True)


def _periods(rows: list[dict[str, Any]], *, weighted: bool) -> tuple[ForecastPeriod, ...]:
    places = locations([r["first_file"] for r in rows], [r["first_row"] for r in rows])
    periods = [
        ForecastPeriod(
            period=r["period"],
            start=r["start"],
            end=r["end"],
            forecast=float(r["forecast"] or 0.0),
            weighted_pipeline=float(r["weighted"] or 0.0) if weighted else 0.0,
            pipeline=float(r["pipeline"] or 0.0) if weighted else 0.0,
            opportunities=int(r["opportunities"] or 0) if weighted else 0,
            location=place,
        )
        for r, place in zip(rows, places, strict=True)
    ]
    return tuple(sorted(periods, key=lambda p: (p.start, p.end, p.period)))


def prospects(
    engine: Engine, vendors: ir.Table, customers: ir.Table | None
) -> tuple[Prospect, ...]:
    """The vendors that are not customers, most spend first (ties by vendor id)."""
    key_v, key_n = vendors.vendor.strip().lower(), vendors.name.fill_null("").strip().lower()
    paid = vendors.group_by(v_key=key_v).aggregate(
        vendor=vendors.vendor.min(),
        name=vendors.name.max(),
        category=vendors.category.max(),
        spend=vendors.spend.sum().fill_null(0.0),
        n_key=key_n.max(),
        first_file=vendors.file.min(),
        first_row=vendors.row.min(),
    )
    if customers is not None:
        keys = (
            customers.select(key=customers.customer.strip().lower())
            .union(customers.select(key=customers.name.fill_null("").strip().lower()))
            .filter(lambda t: t.key != "")
        )
        names = keys.view()
        paid = paid.anti_join(keys, paid.v_key == keys.key).anti_join(
            names, paid.n_key == names.key
        )
    fetched = engine.to_arrow(paid)
    with collector_paused():
        return _ranked(fetched)


def _ranked(data: pa.Table) -> tuple[Prospect, ...]:
    """The prospects by spend, ties by vendor id (sorted with Arrow, whose order of text,
    by UTF-8 bytes, is Python's, where each backend's collation has its own)."""
    order = pc.sort_indices(data, sort_keys=[("spend", "descending"), ("vendor", "ascending")])
    data = data.take(order)
    vendors = data.column("vendor").to_pylist()
    names = data.column("name").to_pylist()
    columns = {
        "vendor": vendors,
        "name": [name or vendor for name, vendor in zip(names, vendors, strict=True)],
        "spend": data.column("spend").cast(pa.float64()).to_pylist(),
        "rank": range(1, data.num_rows + 1),
        "category": [category or "" for category in data.column("category").to_pylist()],
        "location": locations(
            data.column("first_file").to_pylist(), data.column("first_row").to_pylist()
        ),
    }
    return tuple(from_columns(Prospect, columns, data.num_rows))
