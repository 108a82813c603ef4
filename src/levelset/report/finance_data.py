"""The finance figures as plain data: the ``"finance"`` object of ``check --format json``
and of ``levelset finance --format json`` (it may grow, not break).

Amounts are rounded to cents and days to one decimal; every item keeps the finance row
it comes from as ``location`` (``null`` when the figure has no row of its own).
"""

from __future__ import annotations

from typing import Any

from levelset.model import Location
from levelset.model.finance import (
    AgingRow,
    CustomerFigures,
    Finance,
    ForecastPeriod,
    Prospect,
    Receivables,
)

JSONObject = dict[str, Any]


def finance_line(finance: Finance, currency: str = "") -> str:
    """``Finance: as of 2026-10-31, 40 customers, revenue USD 12,345,678, profit USD
    1,234,567, on duckdb``."""
    unit = f"{currency} " if currency else ""
    count = len(finance.customers)
    return (
        f"Finance: as of {finance.as_of}, {count} customer{'' if count == 1 else 's'}, "
        f"revenue {unit}{finance.revenue:,.0f}, profit {unit}{finance.profit:,.0f}, "
        f"on {finance.engine}" + _cogs_words(finance, unit)
    )


def _cogs_words(finance: Finance, unit: str) -> str:
    """What the line says when invoices give no cost of goods (see ``Finance.cogs_note``)."""
    if round(finance.without_cogs) <= 0:
        return ""
    if finance.gross_margin is not None:
        return (
            f"; cost of goods on {unit}{finance.without_cogs:,.0f} invoiced estimated at a "
            f"{finance.gross_margin:.0%} margin"
        )
    return f"; profit leaves out cost of goods on {unit}{finance.without_cogs:,.0f} invoiced"


def finance_to_dict(finance: Finance) -> JSONObject:
    """Everything ``Finance`` holds, plus the whale curve and its peak."""
    peak = finance.whale_peak()
    return {
        "as_of": finance.as_of.isoformat(),
        "cost_of_capital": finance.cost_of_capital,
        "engine": finance.engine,
        "revenue": _money(finance.revenue),
        "profit": _money(finance.profit),
        "whale_peak": None if peak is None else round(peak, 4),
        # Invoiced without cost of goods, and the margin that stood for it (if any).
        "without_cogs": _money(finance.without_cogs),
        "gross_margin": finance.gross_margin,
        "customers": [_customer(c) for c in finance.customers],
        "whale_curve": [
            {"customer": c.customer, "profit": _money(c.profit), "cumulative": _money(running)}
            for c, running in finance.whale_curve()
        ],
        "receivables": _receivables(finance.receivables) if finance.receivables else None,
        "forecast": [_period(p) for p in finance.forecast],
        "prospects": [_prospect(p) for p in finance.prospects],
        "unmatched": [
            {"label": u.label, "hours": _money(u.hours), "cost": _money(u.cost)}
            for u in finance.unmatched
        ],
    }


def _money(value: float) -> float:
    # float() first: a figure an engine hands back as a Decimal must still be JSON
    return round(float(value), 2)


def _days(value: float | None) -> float | None:
    return None if value is None else round(float(value), 1)


def _location(location: Location) -> JSONObject | None:
    if not location.file:
        return None
    return {"file": location.file, "line": location.line}


def _customer(c: CustomerFigures) -> JSONObject:
    return {
        "customer": c.customer,
        "name": c.name,
        "segment": c.segment,
        "terms_days": c.terms_days,
        "invoices": c.invoices,
        "revenue": _money(c.revenue),
        "cogs": _money(c.cogs),
        "activity_cost": _money(c.activity_cost),
        "people_hours": _money(c.people_hours),
        "people_cost": _money(c.people_cost),
        "cost_to_serve": _money(c.cost_to_serve),
        "carrying_cost": _money(c.carrying_cost),
        "write_offs": _money(c.write_offs),
        "profit": _money(c.profit),
        "revenue_rank": c.revenue_rank,
        "profit_rank": c.profit_rank,
        "open": _money(c.open),
        "over_90": _money(c.over_90),
        "days_to_pay": _days(c.days_to_pay),
        "days_late": _days(c.days_late),
        "location": _location(c.location),
    }


def _aging(row: AgingRow) -> JSONObject:
    return {
        "customer": row.customer,
        "amounts": [_money(a) for a in row.amounts],
        "total": _money(row.total),
    }


def _receivables(r: Receivables) -> JSONObject:
    return {
        "as_of": r.as_of.isoformat(),
        "buckets": list(r.buckets),
        "rows": [_aging(row) for row in r.rows],
        "total": _aging(r.total),
        "period_days": r.period_days,
        "sales": _money(r.sales),
        "dso": _days(r.dso),
        "dso_countback": _days(r.dso_countback),
        "best_dso": _days(r.best_dso),
        "add": _days(r.add),
        "terms_days": _days(r.terms_days),
    }


def _period(p: ForecastPeriod) -> JSONObject:
    coverage = p.coverage
    return {
        "period": p.period,
        "start": p.start.isoformat(),
        "end": p.end.isoformat(),
        "forecast": _money(p.forecast),
        "weighted_pipeline": _money(p.weighted_pipeline),
        "pipeline": _money(p.pipeline),
        "opportunities": p.opportunities,
        "coverage": None if coverage is None else round(coverage, 4),
        "location": _location(p.location),
    }


def _prospect(p: Prospect) -> JSONObject:
    return {
        "rank": p.rank,
        "vendor": p.vendor,
        "name": p.name,
        "category": p.category,
        "spend": _money(p.spend),
        "location": _location(p.location),
    }
