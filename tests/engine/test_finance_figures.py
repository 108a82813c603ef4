"""The finance figures worked by hand: profitability, carrying cost, aging, DSO, forecast
coverage and prospects, on a handful of invoices; on every registered backend
(``backend_url``), each also compared with in-process DuckDB, the reference.

Sources of the methods:

- DSO, best possible DSO and average days delinquent are the Credit Research
  Foundation's: DSO = ending receivables ÷ credit sales of the period × its days; best
  possible DSO = ending *current* receivables ÷ credit sales × days; ADD = DSO − best
  possible DSO (CRF KPI calculator, crfonline.org/KpiCalculator/KpiCalculator.asp, and
  its quarterly National Summary of Domestic Trade Receivables). Credit sales are net:
  invoiced less returns and allowances (credit notes), not less write-offs.
- A credit that names no invoice lowers the receivables as a negative amount aged from
  its own date, as QuickBooks' A/R aging shows an open credit memo.
- The countback DSO is the one Credit Today describes ("Why you should switch to the
  countback method to calculate DSO", as used at Nestlé): take each month's sales off
  the month-end receivables, latest month first, counting its days, until a month's
  sales exceed what remains, which adds that share of the month's days.
- Carrying cost is the receivable times the cost of capital times the days outstanding
  ÷ 365; the whale curve is Kaplan's (cumulative profit by customer, most profitable
  first).

The cost of capital here is 36.5% a year, so money owed costs exactly 0.001 a day and
every carrying cost below is amount × days ÷ 1000.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any
from urllib.parse import urlsplit

import pyarrow as pa
import pytest

from levelset.engine import Engine, open_engine
from levelset.engine.backends import backend_for
from levelset.engine.events.cube import CUBE_COLUMNS, WEEKLY_SCHEMA
from levelset.engine.finance import FinanceBuild, FinanceTables, compute_finance, last_fact
from levelset.engine.finance.forecast import period_span
from levelset.engine.finance.profit import rank
from levelset.engine.finance.receivables import bucket_names, countback, monthly_sales
from levelset.model.finance import AgingRow, Finance, FinanceFiles, FinanceSettings
from levelset.model.source import Location

D = date
AS_OF = D(2026, 6, 30)
# The caller's clock: far from every date of the data, so a figure dated by it would show.
TODAY = D(2031, 1, 1)
SETTINGS = FinanceSettings(as_of=AS_OF, cost_of_capital=0.365, aging_buckets=(30, 60, 90))

CUSTOMERS = [  # customer, name, segment, terms_days, file, row (the line in the file)
    ("alpha", "Alpha Co", "retail", 30, "data/finance/customers.csv", 2),
    ("beta", "Beta Ltd", "", 60, "data/finance/customers.csv", 3),
    ("gamma", "Gamma", "", 45, "data/finance/customers.csv", 4),
    ("zeta", "Zeta", "", None, "data/finance/customers.csv", 5),
    ("eta", "Eta", "", None, "data/finance/customers.csv", 6),
]
INVOICES = [  # invoice, customer, issued, due, amount, cogs
    ("I1", "alpha", D(2026, 1, 10), D(2026, 2, 9), 1000.0, 400.0),
    ("I2", "alpha", D(2026, 5, 31), D(2026, 6, 30), 2000.0, 800.0),
    ("I3", "beta", D(2026, 3, 1), D(2026, 4, 30), 3000.0, 1000.0),
    ("I4", "beta", D(2026, 2, 15), D(2026, 3, 17), 800.0, 0.0),
    ("I5", "gamma", D(2026, 1, 31), D(2026, 3, 2), 500.0, None),
    ("I6", "gamma", D(2026, 6, 15), D(2026, 7, 15), 1500.0, 300.0),
    ("I7", "alpha", D(2026, 7, 2), D(2026, 8, 1), 9999.0, 0.0),  # after as_of: left out
    ("I8", "alpha", D(2026, 5, 1), D(2026, 5, 31), 1200.0, 500.0),
]
PAYMENTS = [  # invoice, paid, amount
    ("I1", D(2026, 2, 19), 1000.0),  # 40 days after issue, 10 late
    ("I3", D(2026, 5, 10), 1000.0),  # 70 days after issue, 10 late
    ("I6", D(2026, 6, 20), 1500.0),  # 5 days, on time
    ("I8", D(2026, 5, 21), 200.0),  # 20 days, on time
    ("I2", D(2026, 7, 5), 2000.0),  # after as_of: still owed at as_of
]
CREDITS = [  # customer, invoice, dated, amount, kind
    ("beta", "I3", D(2026, 6, 10), 500.0, "credit"),  # 101 days after I3 was issued
    ("beta", "I4", D(2026, 6, 20), 800.0, "write-off"),  # 125 days after I4
    ("gamma", None, D(2026, 6, 1), 100.0, "credit"),  # against no invoice
]
DRIVERS = [("order", 10.0), ("rush order", 50.0)]
COUNTS = [("alpha", "order", 20.0), ("alpha", "rush order", 10.0), ("beta", "order", 5.0),
          ("gamma", "rush order", 2.0)]  # fmt: skip
VENDORS = [  # vendor, name, spend, category, file, row
    ("alpha co", "Alpha Co", 5000.0, "freight", "data/finance/vendors.csv", 2),  # a customer
    ("BETA", "Beta Ltd", 1000.0, "", "data/finance/vendors.csv", 3),  # a customer, by id
    ("v-omega", "Omega", 3000.0, "", "data/finance/vendors.csv", 4),
    ("v-delta", "Delta Inc", 3000.0, "software", "data/finance/vendors.csv", 5),
    ("v-kappa", "Kappa", 7000.0, "", "data/finance/vendors.csv", 6),
]
PIPELINE = [  # opportunity, customer, prospect, amount, stage, probability, expected_close
    ("O1", "alpha", None, 4000.0, "Proposal", 0.5, D(2026, 7, 15)),
    ("O2", None, "Delta Inc", 10000.0, "Negotiation", 0.8, D(2026, 8, 20)),
    ("O3", "beta", None, 6000.0, "Closed Won", 1.0, D(2026, 7, 10)),  # won: not pipeline
    ("O4", "gamma", None, 3000.0, "Qualification", 0.1, D(2026, 11, 3)),
    ("O5", None, "Omega", 2000.0, "closed lost", 0.0, D(2026, 7, 20)),  # lost
]
FORECAST = [  # period, start, end, amount, file, row
    ("2026-07", D(2026, 7, 1), D(2026, 7, 31), 5000.0, "data/finance/forecast.csv", 2),
    ("2026-Q3", D(2026, 7, 1), D(2026, 9, 30), 20000.0, "data/finance/forecast.csv", 3),
    ("2026", D(2026, 1, 1), D(2026, 12, 31), 50000.0, "data/finance/forecast.csv", 4),
    ("2027-Q1", D(2027, 1, 1), D(2027, 3, 31), 1000.0, "data/finance/forecast.csv", 5),
]
CUBE = [  # the allocation cube's customer column is the raw text of the time files
    ("dana", "Alpha Co", 20.0, 2000.0),  # by name, another case
    ("sam", "beta", 4.0, 400.0),  # by id
    ("lee", "BETA ", 1.0, None),  # by id, spaces around; no cost rate
    ("dana", "Delta Inc", 3.0, 300.0),  # no such customer
    ("sam", "Acme Distribution", 2.0, 200.0),  # the organization itself: left out
    ("dana", None, 8.0, 800.0),  # no customer at all
]

SCHEMAS = {
    "customers": {"customer": pa.string(), "name": pa.string(), "segment": pa.string(),
                  "terms_days": pa.int64(), "file": pa.string(), "row": pa.int64()},
    "invoices": {"invoice": pa.string(), "customer": pa.string(), "issued": pa.date32(),
                 "due": pa.date32(), "amount": pa.float64(), "cogs": pa.float64()},
    "payments": {"invoice": pa.string(), "paid": pa.date32(), "amount": pa.float64(),
                 "issued": pa.date32(), "due": pa.date32()},
    "credits": {"customer": pa.string(), "invoice": pa.string(), "dated": pa.date32(),
                "amount": pa.float64(), "kind": pa.string()},
    "drivers": {"driver": pa.string(), "cost_per_unit": pa.float64()},
    "driver_counts": {"customer": pa.string(), "driver": pa.string(), "count": pa.float64()},
    "vendors": {"vendor": pa.string(), "name": pa.string(), "spend": pa.float64(),
                "category": pa.string(), "file": pa.string(), "row": pa.int64()},
    "pipeline": {"opportunity": pa.string(), "customer": pa.string(), "prospect": pa.string(),
                 "amount": pa.float64(), "stage": pa.string(), "probability": pa.float64(),
                 "expected_close": pa.date32()},
    "forecast": {"period": pa.string(), "start": pa.date32(), "end": pa.date32(),
                 "amount": pa.float64(), "file": pa.string(), "row": pa.int64()},
}  # fmt: skip
DATA: dict[str, list[tuple[Any, ...]]] = {
    "customers": CUSTOMERS,
    "invoices": INVOICES,
    "payments": PAYMENTS,
    "credits": CREDITS,
    "drivers": DRIVERS,
    "driver_counts": COUNTS,
    "vendors": VENDORS,
    "pipeline": PIPELINE,
    "forecast": FORECAST,
}


def _table(engine: Engine, kind: str, rows: list[tuple[Any, ...]]) -> Any:
    if kind == "payments":  # a payment carries its invoice's issue and due dates
        dates = {invoice: (issued, due) for invoice, _, issued, due, *_ in INVOICES}
        rows = [(*row, *dates[row[0]]) for row in rows]
    schema = pa.schema(list(SCHEMAS[kind].items()))
    columns = {name: [row[i] for row in rows] for i, name in enumerate(schema.names)}
    return engine.arrow_table(kind, pa.table(columns, schema=schema))


def _tables(engine: Engine, **only: list[tuple[Any, ...]]) -> FinanceTables:
    data = only or DATA
    return FinanceTables(**{kind: _table(engine, kind, rows) for kind, rows in data.items()})


def _cube(engine: Engine) -> Any:
    schema = WEEKLY_SCHEMA.append(pa.field("cost", pa.float64()))
    assert tuple(schema.names) == CUBE_COLUMNS
    rows = [
        (person, D(2026, 6, 1), None, "work", customer, "time", False, hours, 1, cost)
        for person, customer, hours, cost in CUBE
    ]
    columns = {name: [row[i] for row in rows] for i, name in enumerate(CUBE_COLUMNS)}
    return engine.arrow_table("cube", pa.table(columns, schema=schema))


def _finance(url: str | None = None, settings: FinanceSettings = SETTINGS) -> Finance:
    engine = open_engine(url)
    try:
        return compute_finance(
            engine,
            _tables(engine),
            settings,
            today=TODAY,
            cube=_cube(engine),
            organization="Acme Distribution",
        )
    finally:
        engine.close()


@pytest.fixture(scope="module")
def finance(backend_url: str) -> Finance:
    """The figures of the handful of invoices, computed once on each backend."""
    return _finance(backend_url)


def _by_id(finance: Finance) -> dict[str, Any]:
    return {c.customer: c for c in finance.customers}


def test_revenue_cogs_and_cost_to_serve(finance: Finance) -> None:
    c = _by_id(finance)
    # alpha: I1 + I2 + I8 = 1000 + 2000 + 1200 (I7 is issued after as_of).
    assert (c["alpha"].invoices, c["alpha"].revenue, c["alpha"].cogs) == (3, 4200.0, 1700.0)
    # beta: 3000 + 800 invoiced, less the 500 credit note; the 800 write-off is a cost.
    assert (c["beta"].revenue, c["beta"].write_offs, c["beta"].cogs) == (3300.0, 800.0, 1000.0)
    # gamma: 500 + 1500, less a 100 credit note against no invoice; I5 has no cogs.
    assert (c["gamma"].revenue, c["gamma"].cogs) == (1900.0, 300.0)
    # activity: alpha 20 orders × 10 + 10 rush orders × 50; beta 5 × 10; gamma 2 × 50.
    assert [c[k].activity_cost for k in ("alpha", "beta", "gamma")] == [700.0, 50.0, 100.0]
    # people: "Alpha Co" matches alpha's name; "beta" and "BETA " its id (1 h without cost).
    assert (c["alpha"].people_hours, c["alpha"].people_cost) == (20.0, 2000.0)
    assert (c["beta"].people_hours, c["beta"].people_cost) == (5.0, 400.0)
    assert c["alpha"].cost_to_serve == 2700.0
    assert (c["zeta"].invoices, c["zeta"].revenue, c["zeta"].profit) == (0, 0.0, 0.0)


def test_unmatched_hours_leave_out_the_organization_itself(finance: Finance) -> None:
    assert [(u.label, u.hours, u.cost) for u in finance.unmatched] == [("Delta Inc", 3.0, 300.0)]


def test_carrying_cost_counts_each_amount_until_it_was_settled(finance: Finance) -> None:
    c = _by_id(finance)
    # alpha: I1 paid after 40 days: 1000 × 40 = 40; I2 open 30 days: 2000 × 30 = 60;
    # I8 200 paid after 20 days and 1000 open 60 days: (4,000 + 60,000) / 1000 = 64.
    assert c["alpha"].carrying_cost == pytest.approx(40 + 60 + 64)
    # beta: I3 1000 paid after 70 days, 500 credited after 101, 1500 open 121 days:
    # (70,000 + 50,500 + 181,500) / 1000 = 302; I4 written off after 125 days: 100.
    assert c["beta"].carrying_cost == pytest.approx(302 + 100)
    # gamma: I5 500 open 150 days = 75; I6 1500 paid after 5 days = 7.5.
    assert c["gamma"].carrying_cost == pytest.approx(82.5)


def test_profit_and_ranks(finance: Finance) -> None:
    c = _by_id(finance)
    # alpha: 4200 − 1700 − 700 − 2000 − 164 = −364
    # beta: 3300 − 1000 − 50 − 400 − 402 − 800 = 648
    # gamma: 1900 − 300 − 100 − 0 − 82.5 = 1417.5
    assert c["alpha"].profit == pytest.approx(-364.0)
    assert c["beta"].profit == pytest.approx(648.0)
    assert c["gamma"].profit == pytest.approx(1417.5)
    # revenue 4200 > 3300 > 1900 > 0 = 0 (eta before zeta: ties go by id)
    assert [x.customer for x in finance.customers] == ["alpha", "beta", "gamma", "eta", "zeta"]
    assert [x.revenue_rank for x in finance.customers] == [1, 2, 3, 4, 5]
    assert {k: v.profit_rank for k, v in c.items()} == {
        "gamma": 1, "beta": 2, "eta": 3, "zeta": 4, "alpha": 5,
    }  # fmt: skip
    assert c["alpha"].location == Location("data/finance/customers.csv", 2)


def test_whale_curve_peaks_above_total_profit(finance: Finance) -> None:
    # cumulative profit, most profitable first: 1417.5, 2065.5, 2065.5, 2065.5, 1701.5
    curve = [round(running, 6) for _, running in finance.whale_curve()]
    assert curve == [1417.5, 2065.5, 2065.5, 2065.5, 1701.5]
    assert finance.whale_peak() == pytest.approx(2065.5 / 1701.5)  # 121% of total profit


def test_open_receivables_and_how_customers_pay(finance: Finance) -> None:
    c = _by_id(finance)
    # open: alpha I2 2000 + I8 1000; beta I3 3000 − 1000 − 500; gamma I5 500 (120 days
    # late) less its 100 credit note against no invoice (29 days old: not over 90)
    assert [(c[k].open, c[k].over_90) for k in ("alpha", "beta", "gamma")] == [
        (3000.0, 0.0), (1500.0, 0.0), (400.0, 500.0),
    ]  # fmt: skip
    # What is open past due counts at the days it has waited so far (days delinquent).
    # alpha paid 1000 after 40 days (10 late) and 200 after 20 (on time), and owes 1000
    # of I8, 60 days old and 30 past due (I2 is due on as_of: not late yet):
    # (1000 × 40 + 200 × 20 + 1000 × 60) / 2200 days to pay; (1000 × 10 + 1000 × 30) / 2200 late
    assert c["alpha"].days_to_pay == pytest.approx(104000 / 2200)
    assert c["alpha"].days_late == pytest.approx(40000 / 2200)
    assert c["alpha"].overdue == 1000.0
    # beta paid 1000 after 70 days (10 late); 1500 of I3 open, 121 days old, 61 past due
    assert c["beta"].days_to_pay == pytest.approx((70000 + 1500 * 121) / 2500)
    assert c["beta"].days_late == pytest.approx((10000 + 1500 * 61) / 2500)
    # gamma paid 1500 after 5 days; 500 of I5 open, 150 days old, 120 past due
    assert c["gamma"].days_to_pay == pytest.approx((7500 + 500 * 150) / 2000)
    assert c["gamma"].days_late == pytest.approx(500 * 120 / 2000)
    assert (c["eta"].days_to_pay, c["eta"].days_late) == (None, None)


def test_aging_buckets(finance: Finance) -> None:
    r = finance.receivables
    assert r is not None
    assert r.buckets == ("Current", "1–30", "31–60", "61–90", "over 90")
    # I2 due on as_of: current; I8 30 days past due; I3 61; I5 120; gamma's credit note
    # against no invoice, dated 1 June, is 29 days old: −100 in 1–30.
    assert r.rows == (
        AgingRow("alpha", (2000.0, 1000.0, 0.0, 0.0, 0.0)),
        AgingRow("beta", (0.0, 0.0, 0.0, 1500.0, 0.0)),
        AgingRow("gamma", (0.0, -100.0, 0.0, 0.0, 500.0)),
    )
    assert r.total == AgingRow("", (2000.0, 900.0, 0.0, 1500.0, 500.0))
    assert bucket_names((15, 45)) == ("Current", "1–15", "16–45", "over 45")


def test_dso_best_possible_dso_and_average_days_delinquent(finance: Finance) -> None:
    r = finance.receivables
    assert r is not None
    # net credit sales of the 90 days to as_of (Apr 2 .. Jun 30): I8 1200 + I2 2000 +
    # I6 1500, less the credit notes of 10 June (beta, 500) and 1 June (gamma, 100); the
    # write-off of 20 June is bad debt, not a sales reduction: 4700 − 600 = 4100
    assert (r.period_days, r.sales) == (90, 4100.0)
    # receivables: the aging total, 5000 open on invoices less gamma's 100 credit: 4900
    assert r.dso == pytest.approx(4900 / 4100 * 90)  # 107.56 days
    assert r.best_dso == pytest.approx(2000 / 4100 * 90)  # 43.90: only the current 2000
    assert r.add == pytest.approx(2900 / 4100 * 90)  # 63.66 days delinquent on average
    # countback from 4900: June's 1500 less its 600 of credit notes (30 days) → 4000
    # left; May's 3200 (31) → 800; April sold nothing (30 days) → 800; March's 3000
    # covers it: 800 / 3000 × 31 = 8.27
    assert r.dso_countback == pytest.approx(30 + 31 + 30 + 800 / 3000 * 31)
    # terms weighted by the period's sales: alpha 3200 at 30 days, gamma 1500 at 45
    assert r.terms_days == pytest.approx((3200 * 30 + 1500 * 45) / 4700)


def test_countback_reproduces_the_published_example() -> None:
    # Receivables 212,000 against monthly sales of 100,000, 80,000 and 70,000 (30-day
    # months, latest first): 30 + 30 + 32,000 / 70,000 × 30 = 73.71 days.
    months = [(100_000.0, 30), (80_000.0, 30), (70_000.0, 30)]
    assert countback(212_000.0, months) == pytest.approx(73.714, abs=1e-3)
    assert countback(0.0, months) == 0.0
    assert countback(10.0, [(0.0, 31)]) is None


def test_countback_months_are_calendar_months_from_a_month_end() -> None:
    daily = {D(2026, 3, 31): 1.0, D(2026, 3, 1): 2.0, D(2026, 2, 28): 4.0, D(2026, 1, 31): 8.0}
    assert monthly_sales(daily, D(2026, 3, 31)) == [(3.0, 31), (4.0, 28), (8.0, 31)]
    # from the 15th: months end on the 15th
    assert monthly_sales({D(2026, 3, 1): 5.0}, D(2026, 3, 15)) == [(5.0, 28)]


def test_forecast_coverage_by_period(finance: Finance) -> None:
    got = [(p.period, p.forecast, p.weighted_pipeline, p.pipeline, p.opportunities)
           for p in finance.forecast]  # fmt: skip
    # O1 4000 × 0.5 closes in July; O2 10000 × 0.8 in August; O4 3000 × 0.1 in November;
    # O3 (won) and O5 (lost) are not open.
    assert got == [
        ("2026", 50000.0, 2000.0 + 8000.0 + 300.0, 17000.0, 3),
        ("2026-07", 5000.0, 2000.0, 4000.0, 1),
        ("2026-Q3", 20000.0, 10000.0, 14000.0, 2),
        ("2027-Q1", 1000.0, 0.0, 0.0, 0),
    ]
    assert [p.coverage for p in finance.forecast] == pytest.approx([0.206, 0.4, 0.5, 0.0])
    assert finance.forecast[1].location == Location("data/finance/forecast.csv", 2)


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("2026-11", (D(2026, 11, 1), D(2026, 11, 30))),
        ("2026-Q4", (D(2026, 10, 1), D(2026, 12, 31))),
        ("2024-02", (D(2024, 2, 1), D(2024, 2, 29))),
        ("2026", (D(2026, 1, 1), D(2026, 12, 31))),
        (" 2026-q1 ", (D(2026, 1, 1), D(2026, 3, 31))),
        ("2026-13", None),
        ("Q4 2026", None),
    ],
)
def test_period_span(text: str, span: tuple[date, date] | None) -> None:
    assert period_span(text) == span


def test_prospects_are_vendors_that_are_not_customers(finance: Finance) -> None:
    got = [(p.rank, p.vendor, p.name, p.spend) for p in finance.prospects]
    # "alpha co" is alpha's name, "BETA" beta's id; Omega and Delta tie on spend: by id.
    assert got == [
        (1, "v-kappa", "Kappa", 7000.0),
        (2, "v-delta", "Delta Inc", 3000.0),
        (3, "v-omega", "Omega", 3000.0),
    ]
    assert finance.prospects[1].category == "software"
    assert finance.prospects[1].location == Location("data/finance/vendors.csv", 5)


def test_as_of_defaults_to_the_last_dated_fact(engine: Engine) -> None:
    # the last fact is the payment of I2 on 5 July (after the invoice I7 of 2 July)
    assert last_fact(engine, _tables(engine)) == D(2026, 7, 5)
    finance = compute_finance(
        engine, _tables(engine), FinanceSettings(cost_of_capital=0.365), today=TODAY
    )
    assert finance.as_of == D(2026, 7, 5)
    # alpha has paid I2 by then and I7 is invoiced
    assert _by_id(finance)["alpha"].open == 1000.0 + 9999.0


def test_invoices_alone_give_customers_and_aging(engine: Engine) -> None:
    tables = _tables(engine, invoices=INVOICES[:2])  # alpha's I1 and I2, nothing paid
    finance = compute_finance(engine, tables, SETTINGS, today=TODAY)
    (alpha,) = finance.customers
    # I1 open 171 days (Jan 10 .. Jun 30): 1000 × 171; I2 2000 × 30
    assert alpha.carrying_cost == pytest.approx((171_000 + 60_000) / 1000)
    # Nothing paid: days to pay are those I1 has waited past due (days delinquent), not
    # none at all; I2 is due on as_of and not late yet.
    assert (alpha.open, alpha.over_90, alpha.days_to_pay) == (3000.0, 1000.0, 171.0)
    # without drivers, credits or people these are a constant zero, still a float
    zeros = (alpha.activity_cost, alpha.write_offs, alpha.people_hours, alpha.people_cost)
    assert [(value, type(value)) for value in zeros] == [(0.0, float)] * 4
    assert finance.receivables is not None
    assert finance.receivables.total.amounts == (2000.0, 0.0, 0.0, 0.0, 1000.0)


LOOSE_CREDITS = [  # credits against no invoice, beside alpha's I1 and I2 (nothing paid)
    ("alpha", None, D(2026, 3, 1), 300.0, "write-off"),  # 121 days before as_of
    ("eta", None, D(2026, 3, 15), 40.0, "credit"),  # 107 days: before the DSO period
    ("zeta", None, D(2026, 6, 20), 50.0, "credit"),  # 10 days: in the DSO period
    ("alpha", None, D(2026, 7, 10), 999.0, "credit"),  # after as_of: left out
]


def _loose_credits(url: str | None) -> Finance:
    engine = open_engine(url)
    try:
        tables = _tables(engine, customers=CUSTOMERS, invoices=INVOICES[:2], credits=LOOSE_CREDITS)
        return compute_finance(engine, tables, SETTINGS, today=TODAY)
    finally:
        engine.close()


@pytest.fixture(scope="module")
def loose(backend_url: str) -> Finance:
    """The figures with credits against no invoice, computed once on each backend."""
    return _loose_credits(backend_url)


def test_credits_against_no_invoice_lower_what_customers_owe(loose: Finance) -> None:
    c = _by_id(loose)
    # alpha: I1 1000 open 141 days past due + I2 2000 due on as_of, less the 300 written
    # off against no invoice on 1 March (121 days old: over 90 as well)
    assert (c["alpha"].open, c["alpha"].over_90) == (2700.0, 700.0)
    # the write-off is a cost, not less revenue, and costs nothing to carry:
    # I1 1000 × 171 days + I2 2000 × 30 = 231 (as with the invoices alone)
    assert (c["alpha"].revenue, c["alpha"].write_offs) == (3000.0, 300.0)
    assert c["alpha"].carrying_cost == pytest.approx((171_000 + 60_000) / 1000)
    # eta and zeta have nothing but a credit note: what they owe is negative
    assert (c["eta"].open, c["eta"].over_90) == (-40.0, -40.0)  # 107 days old
    assert (c["zeta"].open, c["zeta"].over_90, c["zeta"].carrying_cost) == (-50.0, 0.0, 0.0)
    assert (c["beta"].open, c["beta"].over_90) == (0.0, 0.0)


def test_credits_against_no_invoice_are_aged_from_their_date(loose: Finance) -> None:
    r = loose.receivables
    assert r is not None
    # alpha: I2 current, I1 and the write-off (121 days) over 90: 1000 − 300
    # eta: −40 over 90 (107 days); zeta: −50 in 1–30 (10 days); beta owes nothing: no row
    assert r.rows == (
        AgingRow("alpha", (2000.0, 0.0, 0.0, 0.0, 700.0)),
        AgingRow("eta", (0.0, 0.0, 0.0, 0.0, -40.0)),
        AgingRow("zeta", (0.0, -50.0, 0.0, 0.0, 0.0)),
    )
    assert r.total == AgingRow("", (2000.0, -50.0, 0.0, 0.0, 660.0))


def test_dso_divides_by_sales_net_of_the_credit_notes_of_the_period(loose: Finance) -> None:
    r = loose.receivables
    assert r is not None
    # Apr 2 .. Jun 30: I2 2000 less zeta's credit note of 20 June (50); eta's of 15 March
    # is before the period, alpha's write-off no sales reduction, its note after as_of
    assert r.sales == 1950.0
    assert r.dso == pytest.approx(2610 / 1950 * 90)  # the net receivables: 2000 − 50 + 660
    assert r.best_dso == pytest.approx(2000 / 1950 * 90)
    # countback from 2610: June's net sales are −50 (30 days) → 2660 left; May's 2000 (31)
    # → 660; April none (30); March −40 (31) → 700; February none (28); January's 1000
    # covers it: 700 / 1000 × 31 = 21.7
    assert r.dso_countback == pytest.approx(30 + 31 + 30 + 31 + 28 + 21.7)


def _rounded(value: Any) -> Any:
    """Floats to 6 decimals: sums in another order may differ in the last bit."""
    if isinstance(value, float):
        return round(value, 6)
    if isinstance(value, (list, tuple)):
        return type(value)(_rounded(v) for v in value)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    return value


def test_the_same_figures_as_on_in_process_duckdb(finance: Finance, backend_url: str) -> None:
    # Every figure, not only those worked by hand above; the engine's name aside.
    backend = backend_for(urlsplit(backend_url).scheme)
    assert backend is not None
    assert finance.engine == backend.name
    reference = dataclasses.replace(_finance(), engine=backend.name)
    assert _rounded(dataclasses.asdict(finance)) == _rounded(dataclasses.asdict(reference))


def _csv(path: Any, header: str, rows: list[tuple[Any, ...]]) -> None:
    lines = [header] + [",".join("" if v is None else str(v) for v in row) for row in rows]
    path.write_text("\n".join(lines) + "\n")


def test_build_finance_reads_the_files_of_a_workspace(
    tmp_path: Any, backend_url: str, request: pytest.FixtureRequest
) -> None:
    # No cost drivers and no time: those figures are zeros made by the engine, which
    # must come back as numbers on both engines.
    from levelset.engine.finance import build_finance  # noqa: PLC0415
    from levelset.load import load_workspace  # noqa: PLC0415
    from levelset.load.finance import read_finance_files  # noqa: PLC0415

    (tmp_path / "levelset.toml").write_text(
        '[organization]\nname = "Acme Distribution"\n\n'
        "[finance]\nas_of = 2026-06-30\ncost_of_capital = 0.365\n"
    )
    (tmp_path / "org.yaml").write_text("seats:\n  - {id: ceo, title: CEO, level: L5}\n")
    folder = tmp_path / "data" / "finance"
    folder.mkdir(parents=True)
    _csv(folder / "customers.csv", "customer,name,segment,terms_days",
         [row[:4] for row in CUSTOMERS])  # fmt: skip
    _csv(folder / "invoices.csv", "invoice,customer,issued,due,amount,cogs", INVOICES)
    _csv(folder / "payments.csv", "invoice,paid,amount", PAYMENTS)
    _csv(folder / "credits.csv", "customer,invoice,date,amount,kind", CREDITS)
    workspace, problems = read_finance_files(load_workspace(tmp_path).workspace)
    engine = open_engine(backend_url)
    request.addfinalizer(engine.close)
    built = build_finance(engine, workspace, today=TODAY)
    assert problems + built.problems == []
    assert built.finance is not None
    assert built.finance.as_of == AS_OF
    c = _by_id(built.finance)
    # the figures worked by hand above, without the people cost and the activity cost
    assert [c[k].revenue for k in ("alpha", "beta", "gamma")] == [4200.0, 3300.0, 1900.0]
    assert {(type(c[k].activity_cost), c[k].people_cost) for k in c} == {(float, 0.0)}
    assert [c[k].carrying_cost for k in ("alpha", "beta", "gamma")] == pytest.approx(
        [164.0, 402.0, 82.5]
    )
    assert c["beta"].location == Location("data/finance/customers.csv", 3)
    assert built.finance.receivables is not None
    assert built.finance.receivables.total.amounts == (2000.0, 900.0, 0.0, 1500.0, 500.0)
    assert build_finance(
        engine, dataclasses.replace(workspace, finance=FinanceFiles()), today=TODAY
    ) == (FinanceBuild(None, []))


def test_ranks_order_by_figure_then_customer_id() -> None:
    # Many ties (and a negative zero, equal to zero): the rank of (-figure, id), ids in
    # the order of Python's < (code points: "Z03" < "a09" < "c05" < "Ä01" < "é00"), not
    # in a language's (where "Ä01" would come before "c05").
    ids = ["c07", "Z03", "c11", "é00", "c05", "a09", "Ä01", "c08"]
    revenue = [5.0, 0.0, 5.0, -0.0, 7.5, 0.0, 7.5, -2.0]
    profit = [1.0, 1.0, -0.0, 0.0, 1.0, 3.0, -1.0, 0.0]
    count = len(ids)
    columns: dict[str, list[Any]] = {
        "customer": ids,
        "revenue": revenue,
        "profit": profit,
        "file": ["data/finance/customers.csv"] * count,
        "row": list(range(2, count + 2)),
        **{name: [None] * count for name in ("name", "segment", "terms_days")},
        "invoices": [0] * count,
        **{name: [0.0] * count for name in ("cogs", "activity_cost", "people_hours")},
        **{name: [0.0] * count for name in ("people_cost", "carrying_cost", "write_offs")},
        **{name: [0.0] * count for name in ("open", "over_90", "days_to_pay", "days_late")},
    }
    types = {"name": pa.string(), "segment": pa.string(), "terms_days": pa.int64()}
    figures = rank(pa.table({k: pa.array(v, type=types.get(k)) for k, v in columns.items()}))
    by_revenue = sorted(range(count), key=lambda i: (-revenue[i], ids[i]))
    by_profit = sorted(range(count), key=lambda i: (-profit[i], ids[i]))
    assert [f.customer for f in figures] == [ids[i] for i in by_revenue]
    assert [f.revenue_rank for f in figures] == list(range(1, count + 1))
    assert {f.customer: f.profit_rank for f in figures} == {
        ids[i]: n for n, i in enumerate(by_profit, start=1)
    }
    assert figures[0].location == Location("data/finance/customers.csv", 6)  # c05
    assert [(f.name, f.segment) for f in figures[:1]] == [("c05", "")]  # none: the id, ""
