"""Benchmark: the finance phase (invoices, payments and credits to the figures) at scale.

Generates (deterministically) a workspace of 100,000 customers, 2,000,000 invoices,
2,000,000 payments and 20,000 credit notes and write-offs in levelset's own CSV columns,
with cost drivers and their counts per customer, 20,000 vendors, 50,000 pipeline
opportunities and a monthly, quarterly and yearly forecast; then runs, each in a child
process, one after the other:

1. levelset's finance phase: the workspace loaded, the finance files registered and the
   figures built (``levelset.api.finance`` when it exists, else ``build_finance``);
2. a hand-written DuckDB SQL computing the same per-customer figures, aging and DSO
   from the same CSV: the floor, which checks no row;
3. the checked floor: the same SQL on each CSV read once into a table, with levelset's
   row checks (blank, unknown or repeated keys, missing dates and amounts, negative
   amounts, due before issued...) hand-written in DuckDB SQL, each counted;
4. the same computation in pandas, as a user would write it;
5. levelset's fixed cost: Python, the imports of a finance run, the engine opened and
   closed, nothing read;
6. the floor's fixed cost: Python, DuckDB imported, connected and closed.

The first four must agree on total revenue, profit, carrying cost and open receivables,
and on DSO. A fifth of the credits name no invoice: each lowers what its customer owes
(open receivables, aging and DSO), as a negative amount aged from its date; DSO's sales
are net credit sales (invoiced less the credit notes of the period, not the write-offs).

    uv run python bench/finance_scale.py                # the stated scale
    uv run python bench/finance_scale.py --scale 0.05   # a twentieth, for a quick look
    uv run python bench/finance_scale.py --keep DIR     # keep the generated files in DIR

Targets (issue 4): the finance phase within 1.5x of the SQL floor, under 1 GiB. Beside
them: levelset's ratio to the checked floor, and how much of 1.5x the floor is left to
levelset after its fixed cost (against the floor's work after its own).
"""

from __future__ import annotations

import dataclasses
import itertools
import math
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from harness import (
    Measure,
    arguments,
    be_child,
    bench_engine,
    jvm_peak_mib,
    measure,
    rounds,
    warm_up,
)

AS_OF = date(2026, 12, 31)
RATE = 0.10  # cost of capital
EDGES = (30, 60, 90)
DSO_DAYS = 90
FIRST = date(2025, 1, 1)  # invoices are issued over 760 days from here (past as_of)
SPAN = 760
DRIVERS = (("order", 12.5), ("delivery", 40.0), ("return", 75.0), ("rush order", 120.0),
           ("ticket", 18.0))  # fmt: skip
MIX = "((({k}) * 2654435761) % 4294967296)"  # Knuth's multiplicative hash


@dataclass(frozen=True)
class Scale:
    """How much of everything: the stated scale times a factor."""

    customers: int
    invoices: int
    vendors: int
    opportunities: int

    @classmethod
    def of(cls, factor: float) -> Scale:
        """The stated scale (100,000 customers, 2,000,000 invoices...) times ``factor``."""
        return cls(
            customers=max(10, round(100_000 * factor)),
            invoices=max(100, round(2_000_000 * factor)),
            vendors=max(10, round(20_000 * factor)),
            opportunities=max(10, round(50_000 * factor)),
        )


# --- the generator -----------------------------------------------------------------------


def _macros(scale: Scale) -> list[str]:
    """Each invoice's fields as functions of its number, so payments and credits agree."""
    mix = MIX.format(k="k")
    return [
        f"CREATE MACRO cust(k) AS CAST(({mix} // 11) % {scale.customers} AS BIGINT)",
        f"CREATE MACRO iss(k) AS DATE '{FIRST}' + CAST(({mix} // 7) % {SPAN} AS INTEGER)",
        "CREATE MACRO terms(k) AS CASE WHEN cust(k) % 2 = 0 THEN 30 ELSE 60 END",
        f"CREATE MACRO amt(k) AS CAST(100 + ({mix} // 3) % 9900 AS DOUBLE)",
        f"CREATE MACRO lag(k) AS CAST(5 + ({mix} // 5) % 90 AS INTEGER)",
    ]


def generate(root: Path, scale: Scale) -> dict[str, float]:
    """Write the workspace (``root/ws``): levelset.toml and data/finance/*.csv."""
    import duckdb  # noqa: PLC0415 - the children should not pay for it

    ws = root / "ws"
    folder = ws / "data" / "finance"
    folder.mkdir(parents=True, exist_ok=True)
    (ws / "levelset.toml").write_text(
        '[organization]\nname = "Synthetic Corp"\n\n'
        f"[finance]\nas_of = {AS_OF}\ncost_of_capital = {RATE}\ndso_days = {DSO_DAYS}\n"
    )
    (ws / "org.yaml").write_text(
        "seats:\n  - {id: ceo, title: Chief Executive Officer, level: L5, holders: [dana]}\n"
        "people:\n  - {id: dana, name: Dana Reyes, cost_rate: 150}\n"
    )
    started = time.perf_counter()
    n, c = scale.invoices, scale.customers
    queries = {
        "customers": f"""SELECT 'c' || i AS customer, 'Customer ' || i AS name,
            CASE i % 3 WHEN 0 THEN 'retail' WHEN 1 THEN 'wholesale' ELSE 'online' END
              AS segment, CASE WHEN i % 2 = 0 THEN 30 ELSE 60 END AS terms_days
            FROM range({c}) t(i)""",
        "invoices": f"""SELECT 'i' || k AS invoice, 'c' || cust(k) AS customer,
            iss(k) AS issued, iss(k) + terms(k) AS due, amt(k) AS amount,
            round(amt(k) * (0.4 + (cust(k) % 5) * 0.1)) AS cogs
            FROM range({n}) t(k)""",
        # 8 in 10 invoices paid in one payment, 1 in 10 in two halves, 1 in 10 not at all
        "payments": f"""SELECT 'i' || k AS invoice, paid, amount FROM (
            SELECT CASE WHEN j % 10 = 9 THEN j - 1 ELSE j END AS k,
              CASE WHEN j % 10 < 8 THEN iss(j) + lag(j)
                   WHEN j % 10 = 8 THEN iss(j) + 20
                   ELSE iss(j - 1) + 50 + lag(j) END AS paid,
              CASE WHEN j % 10 < 8 THEN amt(j)
                   WHEN j % 10 = 8 THEN floor(amt(j) / 2)
                   ELSE amt(j - 1) - floor(amt(j - 1) / 2) END AS amount
            FROM range({n}) t(j))""",
        # against unpaid invoices: a write-off of all of it, or a 10% credit note
        "credits": f"""SELECT 'c' || cust(k) AS customer,
              CASE WHEN r % 5 = 1 THEN NULL ELSE 'i' || k END AS invoice,
              CASE WHEN r % 3 = 0 THEN iss(k) + 120 ELSE iss(k) + 15 END AS date,
              CASE WHEN r % 3 = 0 THEN amt(k) ELSE round(amt(k) / 10) END AS amount,
              CASE WHEN r % 3 = 0 THEN 'write-off' ELSE 'credit' END AS kind
            FROM (SELECT r, 100 * r + 9 AS k FROM range({n // 100}) t(r))""",
        "drivers": "SELECT * FROM (VALUES "
        + ", ".join(f"('{d}', {v})" for d, v in DRIVERS)
        + ") v(driver, cost_per_unit)",
        "driver_counts": f"""SELECT 'c' || (i // 3) AS customer,
              ['order', 'delivery', 'return', 'rush order', 'ticket'][1 + (i * 7 + i // 3) % 5]
                AS driver, 1 + {MIX.format(k="i")} % 60 AS count
            FROM range({3 * c}) t(i)""",
        "vendors": f"""SELECT 'v' || v AS vendor,
              CASE WHEN v % 10 = 0 THEN 'Customer ' || ((v * 37) % {c}) ELSE 'Vendor ' || v END
                AS name, 500 + {MIX.format(k="v")} % 200000 AS spend,
              ['freight', 'software', 'office', 'services'][1 + v % 4] AS category
            FROM range({scale.vendors}) t(v)""",
        "pipeline": f"""SELECT 'o' || o AS opportunity,
              CASE WHEN o % 4 = 0 THEN NULL ELSE 'c' || (o % {c}) END AS customer,
              CASE WHEN o % 4 = 0 THEN 'Prospect ' || o END AS prospect,
              1000 + {MIX.format(k="o")} % 50000 AS amount,
              ['Prospecting', 'Proposal', 'Negotiation', 'Closed Won', 'Closed Lost'][1 + o % 5]
                AS stage, ((o % 9) + 1) / 10.0 AS probability,
              DATE '2027-01-01' + CAST(o % 365 AS INTEGER) AS expected_close
            FROM range({scale.opportunities}) t(o)""",
        "forecast": f"""SELECT * FROM (
              SELECT '2027-' || lpad(CAST(m AS VARCHAR), 2, '0') AS period,
                     {scale.opportunities * 100} AS amount FROM range(1, 13) t(m)
              UNION ALL SELECT '2027-Q' || q, {scale.opportunities * 300} FROM range(1, 5) t(q)
              UNION ALL SELECT '2027', {scale.opportunities * 1200})""",
    }
    with duckdb.connect() as con:
        con.execute("SET preserve_insertion_order = true")
        for macro in _macros(scale):
            con.execute(macro)
        for kind, sql in queries.items():
            con.execute(f"COPY ({sql}) TO '{folder / kind}.csv' (HEADER, DELIMITER ',')")
    size = sum(p.stat().st_size for p in ws.rglob("*") if p.is_file())
    return {"seconds": time.perf_counter() - started, "mib": size / 2**20}


# --- the contenders, each run in a child process -----------------------------------------

_FLOOR = """
CREATE TABLE ledger AS
WITH inv AS (SELECT * FROM {invoices} WHERE issued <= DATE '{as_of}'),
pay AS (
  SELECT p.invoice, sum(p.amount) AS paid,
         sum(p.amount * greatest(p.paid - i.issued, 0)) AS paid_days,
         sum(p.amount * greatest(p.paid - i.due, 0)) AS late_days
  FROM {payments} p JOIN inv i USING (invoice)
  WHERE p.paid <= DATE '{as_of}' GROUP BY p.invoice),
cr AS (
  SELECT c.invoice, sum(c.amount) AS credited,
         sum(c.amount * greatest(c.date - i.issued, 0)) AS credit_days
  FROM {credits} c JOIN inv i USING (invoice)
  WHERE c.date <= DATE '{as_of}' GROUP BY c.invoice)
SELECT inv.customer, inv.issued, inv.amount, coalesce(inv.cogs, 0) AS cogs,
       coalesce(paid, 0) AS paid, coalesce(paid_days, 0) AS paid_days,
       coalesce(late_days, 0) AS late_days, coalesce(credit_days, 0) AS credit_days,
       greatest(inv.amount - coalesce(paid, 0) - coalesce(credited, 0), 0) AS open,
       DATE '{as_of}' - inv.issued AS age, DATE '{as_of}' - inv.due AS past_due
FROM inv LEFT JOIN pay USING (invoice) LEFT JOIN cr USING (invoice);

-- credits against no invoice: less owed, aged from their date
CREATE TABLE loose AS
SELECT customer, amount, DATE '{as_of}' - date AS past_due
FROM {credits} WHERE invoice IS NULL AND date <= DATE '{as_of}';

CREATE VIEW owed AS
SELECT customer, past_due, open FROM ledger WHERE open > 0
UNION ALL SELECT customer, past_due, -amount FROM loose;

CREATE TABLE figures AS
WITH led AS (
  SELECT customer, count(*) AS invoices, sum(amount) AS gross, sum(cogs) AS cogs,
         sum((paid_days + credit_days + open * age) * {rate} / 365) AS carrying,
         sum(open) AS open, sum(open) FILTER (WHERE past_due > 90) AS over_90,
         sum(paid) AS paid, sum(paid_days) AS paid_days, sum(late_days) AS late_days
  FROM ledger GROUP BY customer),
notes AS (
  SELECT customer, sum(amount) FILTER (WHERE kind <> 'write-off') AS notes,
         sum(amount) FILTER (WHERE kind = 'write-off') AS write_offs
  FROM {credits}
  WHERE date <= DATE '{as_of}' GROUP BY customer),
act AS (
  SELECT n.customer, sum(n.count * d.cost_per_unit) AS activity
  FROM {driver_counts} n JOIN {drivers} d USING (driver)
  GROUP BY n.customer),
lo AS (
  SELECT customer, sum(amount) AS loose,
         sum(amount) FILTER (WHERE past_due > 90) AS loose_90
  FROM loose GROUP BY customer)
SELECT c.customer, c.name, coalesce(invoices, 0) AS invoices,
       coalesce(gross, 0) - coalesce(notes, 0) AS revenue,
       coalesce(led.cogs, 0) AS cogs, coalesce(activity, 0) AS activity,
       coalesce(carrying, 0) AS carrying, coalesce(write_offs, 0) AS write_offs,
       coalesce(gross, 0) - coalesce(notes, 0) - coalesce(led.cogs, 0) - coalesce(activity, 0)
         - coalesce(carrying, 0) - coalesce(write_offs, 0) AS profit,
       coalesce(open, 0) - coalesce(loose, 0) AS open,
       coalesce(over_90, 0) - coalesce(loose_90, 0) AS over_90,
       paid_days / nullif(paid, 0) AS days_to_pay, late_days / nullif(paid, 0) AS days_late
FROM {customers} c
LEFT JOIN led USING (customer) LEFT JOIN notes USING (customer) LEFT JOIN act USING (customer)
LEFT JOIN lo USING (customer);
"""

_AGING = """
SELECT customer,
  sum(open) FILTER (WHERE past_due <= 0) AS b0,
  sum(open) FILTER (WHERE past_due BETWEEN 1 AND 30) AS b1,
  sum(open) FILTER (WHERE past_due BETWEEN 31 AND 60) AS b2,
  sum(open) FILTER (WHERE past_due BETWEEN 61 AND 90) AS b3,
  sum(open) FILTER (WHERE past_due > 90) AS b4
FROM owed GROUP BY customer ORDER BY customer
"""


# The floor's sources: each CSV read as DuckDB reads it by itself (types detected).
_SOURCES = ("customers", "invoices", "payments", "credits", "drivers", "driver_counts")


def _reads(folder: Path) -> dict[str, str]:
    """Each source of the floor as a ``read_csv`` of its file."""
    typed = {"credits": ", types = {'invoice': 'VARCHAR'}"}  # a fifth of them blank
    return {name: f"read_csv('{folder / name}.csv'{typed.get(name, '')})" for name in _SOURCES}


def _floor(con: Any, sources: dict[str, str]) -> dict[str, float]:
    """The floor's figures, aging and DSO on ``con``, reading ``sources`` (a
    ``read_csv`` or a table for each of ``_SOURCES``)."""
    con.execute(_FLOOR.format(as_of=AS_OF, rate=RATE, **sources))
    figures = con.sql("SELECT * FROM figures").to_arrow_table()
    aging = con.sql(_AGING).to_arrow_table()
    open_total, current = con.execute(
        "SELECT sum(open), sum(open) FILTER (WHERE past_due <= 0) FROM owed"
    ).fetchone()
    # net credit sales: invoiced in the period less the credit notes dated in it
    (sales,) = con.execute(
        f"""SELECT (SELECT sum(amount) FROM ledger WHERE issued > DATE '{AS_OF}' - {DSO_DAYS})
          - (SELECT coalesce(sum(amount), 0) FROM {sources["credits"]} WHERE kind = 'credit'
             AND date > DATE '{AS_OF}' - {DSO_DAYS} AND date <= DATE '{AS_OF}')"""
    ).fetchone()
    totals = con.execute(
        "SELECT sum(revenue), sum(profit), sum(carrying), sum(open) FROM figures"
    ).fetchone()
    return {
        "customers": float(figures.num_rows),
        "aging_rows": float(aging.num_rows),
        "revenue": float(totals[0]),
        "profit": float(totals[1]),
        "carrying": float(totals[2]),
        "open": float(totals[3]),
        "dso": float(open_total) / float(sales) * DSO_DAYS,
        "best_dso": float(current) / float(sales) * DSO_DAYS,
    }


def run_sql(root: Path) -> dict[str, float]:
    """The floor: hand-written DuckDB SQL from the CSV to the figures, aging and DSO."""
    import duckdb  # noqa: PLC0415

    with duckdb.connect() as con:
        return _floor(con, _reads(root / "ws" / "data" / "finance"))


# levelset's row checks (``engine/finance/``: ``checks`` and each kind's module), each a
# count of the rows it finds at fault, one query per file. Each CSV is read once, typed as
# DuckDB detects (as levelset's typed read of a clean file, ``engine/finance/typed.py``): a
# value that is not a date or a number fails that read (levelset then reads the file as
# text, checked value by value: a file with problems is not what this floor measures), so
# "missing" is NULL.
# Customers are matched by exact id (levelset matches an id or a name, case-insensitively,
# resolving each distinct text once; on this data every reference is an id). References
# to invoices are checked against every invoice number (levelset's, against the usable
# invoices: the same when no invoice is at fault). The figures are still computed from
# every row: with no faulty row (this data has none) they are the same.
_KNOWN = """
CREATE TABLE customer_ids AS SELECT DISTINCT customer AS id FROM customers WHERE customer <> '';
CREATE TABLE invoice_ids AS SELECT DISTINCT invoice FROM invoices WHERE invoice <> '';
"""
_BLANK = "coalesce({}, '') = ''"
_KINDS = ", ".join(
    f"'{k}'"
    for k in ("credit", "credit note", "credit memo", "creditnote", "credit-note", "write-off",
              "write off", "writeoff", "written off", "bad debt")
)  # fmt: skip
_CHECKS = {
    "customers": f"""SELECT
        count(*) FILTER (WHERE {_BLANK.format("customer")}) AS "blank id",
        count(customer) FILTER (WHERE customer <> '') - (SELECT count(*) FROM customer_ids)
          AS "repeated id"
      FROM customers""",
    "invoices": f"""SELECT
        count(*) FILTER (WHERE {_BLANK.format("i.invoice")}) AS "blank invoice",
        count(*) FILTER (WHERE {_BLANK.format("i.customer")}) AS "blank customer",
        count(*) FILTER (WHERE i.customer <> '' AND c.id IS NULL) AS "unknown customer",
        count(*) FILTER (WHERE i.issued IS NULL) AS "no issued date",
        count(*) FILTER (WHERE i.due IS NULL) AS "no due date",
        count(*) FILTER (WHERE i.amount IS NULL) AS "no amount",
        count(*) FILTER (WHERE i.amount < 0) AS "negative amount",
        count(*) FILTER (WHERE i.cogs < 0) AS "negative cogs",
        count(*) FILTER (WHERE i.due < i.issued) AS "due before issued",
        count(i.invoice) FILTER (WHERE i.invoice <> '') - (SELECT count(*) FROM invoice_ids)
          AS "repeated invoice"
      FROM invoices i LEFT JOIN customer_ids c ON i.customer = c.id""",
    "payments": f"""SELECT
        count(*) FILTER (WHERE {_BLANK.format("p.invoice")}) AS "blank invoice",
        count(*) FILTER (WHERE p.invoice <> '' AND i.invoice IS NULL) AS "unknown invoice",
        count(*) FILTER (WHERE p.paid IS NULL) AS "no paid date",
        count(*) FILTER (WHERE p.amount IS NULL) AS "no amount",
        count(*) FILTER (WHERE p.amount < 0) AS "negative amount"
      FROM payments p LEFT JOIN invoice_ids i ON p.invoice = i.invoice""",
    "credits": f"""SELECT
        count(*) FILTER (WHERE {_BLANK.format("r.customer")}) AS "blank customer",
        count(*) FILTER (WHERE r.customer <> '' AND c.id IS NULL) AS "unknown customer",
        count(*) FILTER (WHERE r.invoice <> '' AND i.invoice IS NULL) AS "unknown invoice",
        count(*) FILTER (WHERE r.date IS NULL) AS "no date",
        count(*) FILTER (WHERE r.amount IS NULL) AS "no amount",
        count(*) FILTER (WHERE lower(coalesce(r.kind, '')) NOT IN ({_KINDS})) AS "bad kind"
      FROM credits r LEFT JOIN customer_ids c ON r.customer = c.id
      LEFT JOIN invoice_ids i ON r.invoice = i.invoice""",
    "drivers": f"""SELECT
        count(*) FILTER (WHERE {_BLANK.format("driver")}) AS "blank driver",
        count(*) FILTER (WHERE cost_per_unit IS NULL) AS "no cost",
        count(*) FILTER (WHERE cost_per_unit < 0) AS "negative cost",
        count(driver) FILTER (WHERE driver <> '') - count(DISTINCT lower(driver))
          AS "repeated driver"
      FROM drivers""",
    "driver_counts": f"""SELECT
        count(*) FILTER (WHERE {_BLANK.format("n.customer")}) AS "blank customer",
        count(*) FILTER (WHERE n.customer <> '' AND c.id IS NULL) AS "unknown customer",
        count(*) FILTER (WHERE {_BLANK.format("n.driver")}) AS "blank driver",
        count(*) FILTER (WHERE n.driver <> '' AND d.key IS NULL) AS "unknown driver",
        count(*) FILTER (WHERE n.count IS NULL) AS "no count",
        count(*) FILTER (WHERE n.count < 0) AS "negative count"
      FROM driver_counts n LEFT JOIN customer_ids c ON n.customer = c.id
      LEFT JOIN (SELECT DISTINCT lower(driver) AS key FROM drivers) d
        ON lower(n.driver) = d.key""",
    # Read once each, in the query: the floor computes nothing from them, levelset checks them.
    "vendors": f"""SELECT
        count(*) FILTER (WHERE {_BLANK.format("vendor")}) AS "blank vendor",
        count(*) FILTER (WHERE spend IS NULL) AS "no spend",
        count(*) FILTER (WHERE spend < 0) AS "negative spend"
      FROM read_csv('{{f}}/vendors.csv')""",
    "pipeline": f"""SELECT
        count(*) FILTER (WHERE {_BLANK.format("o.opportunity")}) AS "blank opportunity",
        count(*) FILTER (WHERE {_BLANK.format("o.customer")} AND {_BLANK.format("o.prospect")})
          AS "no customer or prospect",
        count(*) FILTER (WHERE o.customer <> '' AND c.id IS NULL) AS "unknown customer",
        count(*) FILTER (WHERE o.amount IS NULL) AS "no amount",
        count(*) FILTER (WHERE o.amount < 0) AS "negative amount",
        -- a probability above 1 is a percentage
        count(*) FILTER (WHERE o.probability IS NULL OR o.probability NOT BETWEEN 0 AND 100)
          AS "bad probability",
        count(*) FILTER (WHERE o.expected_close IS NULL) AS "no expected close"
      FROM read_csv('{{f}}/pipeline.csv') o LEFT JOIN customer_ids c ON o.customer = c.id""",
    # The spellings of a period this data has: 2027, 2027-Q1, 2027-01.
    "forecast": r"""SELECT
        count(*) FILTER (WHERE NOT regexp_full_match(coalesce(CAST(period AS VARCHAR), ''),
          '\d{{4}}(-Q[1-4]|-(0[1-9]|1[0-2]))?')) AS "bad period",
        count(*) FILTER (WHERE amount IS NULL) AS "no amount"
      FROM read_csv('{f}/forecast.csv')""",
}


def run_checked(root: Path) -> dict[str, float]:
    """The floor with levelset's row checks, hand-written in DuckDB SQL in the same run:
    each CSV read once into a table, each check counted; the floor's figures from those
    tables. ``faults``: the faulty rows found (each check's count, summed)."""
    import duckdb  # noqa: PLC0415

    folder = root / "ws" / "data" / "finance"
    faults: dict[str, int] = {}
    with duckdb.connect() as con:
        for name, read in _reads(folder).items():
            con.execute(f"CREATE TABLE {name} AS SELECT * FROM {read}")
        con.execute(_KNOWN)
        for kind, sql in _CHECKS.items():
            row = con.execute(sql.format(f=folder)).fetchone()
            assert row is not None
            checks = [column[0] for column in con.description]
            faults |= {f"{kind}: {check}": n for check, n in zip(checks, row, strict=True)}
        result = _floor(con, {name: name for name in _SOURCES})
    for check, n in faults.items():
        if n:
            print(f"{check}: {n:,} rows", file=sys.stderr)
    return result | {"checks": float(len(faults)), "faults": float(sum(faults.values()))}


def run_startup(root: Path) -> dict[str, float]:
    """levelset's fixed cost: the imports of a finance run and the engine opened."""
    import levelset.api  # noqa: PLC0415
    import levelset.engine.finance  # noqa: PLC0415, F401
    from levelset.engine import open_engine  # noqa: PLC0415

    open_engine().close()
    return {}


def run_startup_duckdb(root: Path) -> dict[str, float]:
    """The floor's fixed cost: DuckDB imported and connected."""
    import duckdb  # noqa: PLC0415

    duckdb.connect().close()
    return {}


def run_pandas(root: Path) -> dict[str, float]:
    """The same figures in pandas, the way a user would write them."""
    import pandas as pd  # noqa: PLC0415

    folder = root / "ws" / "data" / "finance"
    as_of = pd.Timestamp(AS_OF)
    read = lambda name, **kw: pd.read_csv(folder / f"{name}.csv", **kw)  # noqa: E731
    inv = read("invoices", parse_dates=["issued", "due"])
    inv = inv[inv["issued"] <= as_of]
    pay = read("payments", parse_dates=["paid"])
    pay = pay[pay["paid"] <= as_of].merge(inv[["invoice", "issued", "due"]], on="invoice")
    pay["paid_days"] = pay["amount"] * (pay["paid"] - pay["issued"]).dt.days.clip(lower=0)
    pay["late_days"] = pay["amount"] * (pay["paid"] - pay["due"]).dt.days.clip(lower=0)
    paid = pay.groupby("invoice")[["amount", "paid_days", "late_days"]].sum()
    paid = paid.rename(columns={"amount": "paid"})
    credits = read("credits", parse_dates=["date"], dtype={"invoice": str})
    credits = credits[credits["date"] <= as_of]
    applied = credits.dropna(subset=["invoice"]).merge(inv[["invoice", "issued"]], on="invoice")
    applied["credit_days"] = applied["amount"] * (applied["date"] - applied["issued"]).dt.days.clip(
        lower=0
    )
    credited = applied.groupby("invoice")[["amount", "credit_days"]].sum()
    credited = credited.rename(columns={"amount": "credited"})
    led = inv.merge(paid, on="invoice", how="left").merge(credited, on="invoice", how="left")
    led = led.fillna({"paid": 0, "paid_days": 0, "late_days": 0, "credited": 0, "credit_days": 0})
    led["cogs"] = led["cogs"].fillna(0)
    led["open"] = (led["amount"] - led["paid"] - led["credited"]).clip(lower=0)
    led["age"] = (as_of - led["issued"]).dt.days
    led["past_due"] = (as_of - led["due"]).dt.days
    led["carrying"] = (led["paid_days"] + led["credit_days"] + led["open"] * led["age"]) * (
        RATE / 365
    )
    led["over_90"] = led["open"].where(led["past_due"] > 90, 0.0)
    per = led.groupby("customer").agg(
        gross=("amount", "sum"), cogs=("cogs", "sum"), carrying=("carrying", "sum"),
        open=("open", "sum"), over_90=("over_90", "sum"), paid=("paid", "sum"),
        paid_days=("paid_days", "sum"), late_days=("late_days", "sum"),
    )  # fmt: skip
    loose = _loose(credits, as_of)
    back = loose.groupby("customer")[["open", "over_90"]].sum()
    back = back.rename(columns={"open": "loose", "over_90": "loose_90"})
    credits["note"] = credits["amount"].where(credits["kind"] != "write-off", 0.0)
    credits["write_off"] = credits["amount"].where(credits["kind"] == "write-off", 0.0)
    notes = credits.groupby("customer")[["note", "write_off"]].sum()
    counts = read("driver_counts").merge(read("drivers"), on="driver")
    counts["activity"] = counts["count"] * counts["cost_per_unit"]
    activity = counts.groupby("customer")[["activity"]].sum()
    fig = read("customers").set_index("customer").join([per, notes, activity, back]).fillna(0)
    fig["open"] += fig["loose"]
    fig["over_90"] += fig["loose_90"]
    fig["revenue"] = fig["gross"] - fig["note"]
    fig["profit"] = (
        fig["revenue"] - fig["cogs"] - fig["activity"] - fig["carrying"] - fig["write_off"]
    )
    owed = led.loc[led["open"] > 0, ["customer", "past_due", "open"]]
    owed = pd.concat([owed, loose[["customer", "past_due", "open"]]], ignore_index=True)
    bucket = pd.cut(owed["past_due"], [-math.inf, 0, 30, 60, 90, math.inf])
    aging = owed.pivot_table(
        index="customer", columns=bucket, values="open", aggfunc="sum", observed=False
    )
    start = as_of - pd.Timedelta(days=DSO_DAYS)
    returned = credits.loc[(credits["kind"] == "credit") & (credits["date"] > start), "amount"]
    sales = led.loc[led["issued"] > start, "amount"].sum() - returned.sum()
    return {
        "customers": float(len(fig)),
        "aging_rows": float(len(aging)),
        "revenue": float(fig["revenue"].sum()),
        "profit": float(fig["profit"].sum()),
        "carrying": float(fig["carrying"].sum()),
        "open": float(fig["open"].sum()),
        "dso": float(owed["open"].sum()) / float(sales) * DSO_DAYS,
        "best_dso": float(owed.loc[owed["past_due"] <= 0, "open"].sum()) / float(sales) * DSO_DAYS,
    }


def _loose(credits: Any, as_of: Any) -> Any:
    """The credits (up to ``as_of``) against no invoice: less owed (``open`` negative),
    aged from their date."""
    loose = credits[credits["invoice"].isna()].copy()
    loose["past_due"] = (as_of - loose["date"]).dt.days
    loose["open"] = -loose["amount"]
    loose["over_90"] = loose["open"].where(loose["past_due"] > 90, 0.0)
    return loose


def run_finance(root: Path) -> dict[str, float]:
    """levelset's finance phase: the public API when it exists, else ``build_finance``;
    with the seconds spent importing, loading, registering the files and computing."""
    marks = {"start": time.perf_counter()}

    def progress(message: str) -> None:
        if message.startswith("Reading"):
            marks["register"] = time.perf_counter()
        elif message.startswith("Settling"):
            marks["figures"] = time.perf_counter()

    import levelset.api  # noqa: PLC0415

    marks["load"] = time.perf_counter()
    api_finance = getattr(levelset.api, "finance", None)
    patched = 0.0
    if api_finance is not None:
        result = api_finance(root / "ws", engine=bench_engine(), progress=progress)
        finance, problems = result.finance, len(result.problems)
        for problem in result.problems[:5]:
            print(problem, file=sys.stderr)
    else:
        from levelset.engine import open_engine  # noqa: PLC0415
        from levelset.engine.finance import build_finance  # noqa: PLC0415
        from levelset.load import load_workspace  # noqa: PLC0415
        from levelset.load.finance import read_finance_files  # noqa: PLC0415

        loaded = load_workspace(root / "ws")
        workspace, found = read_finance_files(loaded.workspace)
        if workspace.settings.finance.as_of is None:  # [finance] in levelset.toml not read yet
            settings = dataclasses.replace(workspace.settings.finance, as_of=AS_OF)
            workspace = dataclasses.replace(
                workspace, settings=dataclasses.replace(workspace.settings, finance=settings)
            )
            patched = 1.0
        engine = open_engine(bench_engine())
        try:
            built = build_finance(engine, workspace, progress=progress, today=AS_OF)
        finally:
            engine.close()
        finance, problems = built.finance, len(found) + len(built.problems)
    marks["end"] = time.perf_counter()
    order = ["start", "load", "register", "figures", "end"]
    seconds = {
        f"s_{name}": marks[after] - marks[name]
        for name, after in itertools.pairwise(order)
        if name in marks and after in marks
    }
    jvm = jvm_peak_mib()
    return (
        _figures(finance, problems)
        | seconds
        | {"patched": patched}
        | ({"jvm_mib": jvm} if jvm is not None else {})
    )


def _figures(finance: Any, problems: int) -> dict[str, float]:
    if finance is None:
        print("levelset computed no finance figures", file=sys.stderr)
        return {"failed": 1.0, "problems": float(problems)}
    receivables = finance.receivables
    return {
        "customers": float(len(finance.customers)),
        "aging_rows": float(len(receivables.rows)),
        "revenue": finance.revenue,
        "profit": finance.profit,
        "carrying": sum(c.carrying_cost for c in finance.customers),
        "open": sum(c.open for c in finance.customers),
        "dso": receivables.dso,
        "best_dso": receivables.best_dso,
        "problems": float(problems),
    }


CONTENDERS = {
    "finance": run_finance,
    "sql": run_sql,
    "sql-checked": run_checked,
    "pandas": run_pandas,
    "startup": run_startup,
    "startup-duckdb": run_startup_duckdb,
}
# What each contender is called in the table, in the order they run.
LABELS = {
    "finance": "levelset finance phase",
    "sql": "DuckDB SQL, hand-written (floor)",
    "sql-checked": "DuckDB SQL with levelset's row checks (hand-written)",
    "pandas": "pandas, as a user would write it",
    "startup": "levelset's fixed cost: Python, imports, engine open",
    "startup-duckdb": "DuckDB's fixed cost: Python, import, connect",
}


_IMPORTS = "import duckdb, ibis, pandas, pyarrow, levelset.api, levelset.engine.finance"


def compare(root: Path, engine: str | None = None) -> list[Measure]:
    """Run the contenders one after the other (never side by side: 2 cores); levelset's
    finance phase on ``engine`` too, when one is given, right after it runs on DuckDB."""
    warm_up(_IMPORTS)
    me = [sys.executable, str(Path(__file__).resolve())]
    measures = []
    for key, label in LABELS.items():
        measures.append(measure(label, [*me, "--child", key, str(root)]))
        if key == "finance" and engine is not None:
            on = [*me, "--engine", engine, "--child", key, str(root)]
            measures.append(measure(f"  the same on {engine}", on))
    return measures


TOTALS = ("revenue", "profit", "carrying", "open")


def report(measures: list[Measure]) -> None:
    """The table: wall time, ratio to the SQL floor, peak RSS, the totals; do they agree;
    levelset against the floor, the checked floor and the fixed costs."""
    by = {key: m for key, label in LABELS.items() for m in measures if m.name == label}
    floor = by["sql"].wall
    width = max(len(m.name) for m in measures)
    heads = [("wall s", 8), ("x floor", 8), ("peak MiB", 9), ("revenue", 16), ("profit", 16),
             ("open", 15), ("DSO", 7)]  # fmt: skip
    print(f"{'':{width}} " + " ".join(f"{head:>{w}}" for head, w in heads))
    for m in measures:
        if "failed" in m.result:
            print(f"{m.name:{width}} {m.wall:8.2f} FAILED (see above)")
            continue
        r = m.result
        line = f"{m.name:{width}} {m.wall:8.2f} {m.wall / floor:8.2f} {m.peak_mib:9.0f}"
        if "revenue" in r:
            line += (
                f" {r['revenue']:16,.2f} {r['profit']:16,.2f} {r['open']:15,.2f} {r['dso']:7.2f}"
            )
        print(line)
    for m in measures:
        if "jvm_mib" in m.result:
            print(f"{m.name.strip()}: the JVM's own peak {m.result['jvm_mib']:,.0f} MiB")
    # The fixed costs compute no figures: they have none to agree on.
    fixed_costs = (LABELS["startup"], LABELS["startup-duckdb"])
    figured = [m for m in measures if m.name not in fixed_costs]
    done = [m for m in figured if "failed" not in m.result]
    for key in (*TOTALS, "dso", "best_dso", "customers", "aging_rows"):
        values = [m.result[key] for m in done]
        agree = bool(values) and max(values) - min(values) <= 1e-6 * max(1.0, *map(abs, values))
        print(f"{key} agrees: {'yes' if agree else 'NO'} across {len(values)} of {len(figured)}")
    checked = by["sql-checked"]
    if "faults" in checked.result:
        r = checked.result
        print(
            f"checked floor: {r['checks']:.0f} row checks counted, "
            f"{r['faults']:,.0f} faulty rows found"
        )
    ours = by["finance"]
    failed = "failed" in ours.result
    if not failed and "s_figures" in ours.result:
        r = ours.result
        print(
            f"levelset phases: import {r['s_start']:.2f} s, load {r['s_load']:.2f} s, "
            f"register the files {r['s_register']:.2f} s, figures {r['s_figures']:.2f} s"
        )
    if not failed and ours.result.get("patched"):
        print(f"note: levelset did not read [finance] as_of from levelset.toml; set to {AS_OF}")
    if failed:
        return
    ratio = ours.wall / floor
    print(
        f"target: within 1.5x of the SQL floor: {'met' if ratio <= 1.5 else 'NOT met'} "
        f"({ratio:.2f}x); under 1 GiB: {'met' if ours.peak_mib < 1024 else 'NOT met'} "
        f"({ours.peak_mib:.0f} MiB)"
    )
    if "failed" not in checked.result:
        print(
            f"against the floor that checks the rows as levelset does: "
            f"{ours.wall / checked.wall:.2f}x checked floor ({checked.wall:.2f} s)"
        )
    fixed, duck = by["startup"], by["startup-duckdb"]
    if "failed" in fixed.result or "failed" in duck.result:
        return
    print(
        f"fixed cost: levelset {fixed.wall:.2f} s (python, ibis, engine), DuckDB {duck.wall:.2f} s"
    )
    print(
        f"  1.5x the floor leaves levelset {1.5 * floor - fixed.wall:.2f} s after its fixed cost, "
        f"against the floor's {floor - duck.wall:.2f} s of work after its own"
    )
    if "failed" not in checked.result:
        # Differences of medians: a rough split of the gap, not a measurement of each part.
        print(
            f"levelset over the floor: {ours.wall - floor:.2f} s, of which the checks "
            f"{checked.wall - floor:.2f} s, the extra fixed cost {fixed.wall - duck.wall:.2f} s, "
            f"the rest {ours.wall - checked.wall - fixed.wall + duck.wall:.2f} s"
        )


def main() -> None:
    """Generate, measure, print; or, with --child, be one contender."""
    args = arguments(__doc__.splitlines()[0], "1.0 = 2M invoices")
    if be_child(args, CONTENDERS):
        return
    scale = Scale.of(args.scale)
    with tempfile.TemporaryDirectory() as tmp:
        root = args.keep or Path(tmp)
        made = generate(root, scale)
        print(
            f"workspace: {scale.customers:,} customers, {scale.invoices:,} invoices and as many "
            f"payments, {scale.invoices // 100:,} credits, {scale.vendors:,} vendors, "
            f"{scale.opportunities:,} opportunities; {made['mib']:,.0f} MiB of CSV, "
            f"generated in {made['seconds']:.1f} s"
        )
        report(rounds(lambda: compare(root, args.engine), args.repeat))


if __name__ == "__main__":
    main()
