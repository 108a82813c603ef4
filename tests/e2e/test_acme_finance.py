"""Acme's finance data tells the finance article's stories, through the public API.

The first tests read the CSV files with the csv module only, so that the data is checked
independently of levelset's importers; the rest check that ``levelset.api.finance`` and
``levelset.check`` see the same stories: the biggest customer losing money once cost to
serve and slow payment are counted, receivables over 90 days, a forecast the pipeline
does not back, and suppliers worth selling to.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest
from e2e_kit import ROOT

import levelset
from levelset import api
from levelset.model import Report

ACME = ROOT / "examples" / "acme"
FINANCE = ACME / "data" / "finance"
AS_OF = date(2026, 10, 31)


def _rows(name: str, folder: Path = FINANCE) -> list[dict[str, str]]:
    with (folder / name).open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


# -- the data, read with the csv module ------------------------------------------------


def test_the_finance_files_are_a_year_of_a_mid_sized_distributor() -> None:
    customers = _rows("customers.csv")
    invoices = _rows("invoices.csv")
    assert 40 <= len(customers) <= 80
    assert 1_500 <= len(invoices) <= 4_000
    issued = [date.fromisoformat(r["issued"]) for r in invoices]
    assert (AS_OF - min(issued)).days <= 366
    assert max(issued) <= AS_OF
    revenue = sum(float(r["amount"]) for r in invoices)
    assert 45e6 <= revenue <= 56e6  # the $48M-to-$54M revenue key result of goals.yaml


def test_every_customer_in_the_timesheet_is_a_customer_in_the_books() -> None:
    ids = {r["customer"] for r in _rows("customers.csv")}
    logged = {r["customer"] for r in _rows("acme-timesheet.csv", ACME / "data" / "time")}
    assert logged - {""} <= ids
    for name in ("invoices.csv", "credits.csv", "driver_counts.csv"):
        assert {r["customer"] for r in _rows(name)} <= ids, name
    assert {r["customer"] for r in _rows("pipeline.csv")} - {""} <= ids


def test_payments_and_credits_never_exceed_their_invoice() -> None:
    amount = {r["invoice"]: float(r["amount"]) for r in _rows("invoices.csv")}
    settled: dict[str, float] = defaultdict(float)
    for row in _rows("payments.csv"):
        settled[row["invoice"]] += float(row["amount"])
    for row in _rows("credits.csv"):
        settled[row["invoice"]] += float(row["amount"])
    assert set(settled) <= set(amount)
    assert all(settled[i] <= amount[i] + 0.005 for i in settled)


def test_most_invoices_are_paid_within_a_week_of_their_terms() -> None:
    invoices = {r["invoice"]: r for r in _rows("invoices.csv")}
    late = [
        (date.fromisoformat(p["paid"]) - date.fromisoformat(invoices[p["invoice"]]["due"])).days
        for p in _rows("payments.csv")
    ]
    assert sum(days <= 7 for days in late) / len(late) > 0.75


def test_some_vendors_are_customers_and_some_are_not() -> None:
    customers = _rows("customers.csv")
    known = {r["customer"].lower() for r in customers} | {r["name"].lower() for r in customers}
    vendors = _rows("vendors.csv")
    also = [v for v in vendors if v["name"].lower() in known]
    assert len(also) >= 3
    assert any(v["name"].isupper() for v in also)  # a match whatever the case
    prospects = [v["name"] for v in vendors if v["name"].lower() not in known]
    assert {"Great Lakes Freight Logistics", "Midwest Corrugated Packaging"} <= set(prospects)


# -- through levelset ------------------------------------------------------------------


@pytest.fixture(scope="module")
def finance() -> api.FinanceResult:
    """The finance figures of acme, computed once."""
    return api.finance(ACME)


@pytest.fixture(scope="module")
def report() -> Report:
    """One check of acme with its event and finance data."""
    return levelset.check(ACME)


def test_acme_finance_reads_without_problems(finance: api.FinanceResult) -> None:
    assert list(finance.problems) == []
    assert finance.finance is not None
    assert finance.finance.as_of == AS_OF
    assert len(finance.finance.customers) == len(_rows("customers.csv"))
    assert finance.finance.unmatched == ()  # every customer in the timesheet is known


def test_the_biggest_customer_loses_money(finance: api.FinanceResult) -> None:
    figures = finance.finance
    northwind = next(c for c in figures.customers if c.customer == "cust-northwind")
    assert northwind.revenue_rank == 1
    assert northwind.profit < 0
    assert northwind.profit_rank == len(figures.customers)  # the bottom of the whale curve
    assert northwind.people_cost > 0  # the hours logged against it count
    assert northwind.days_to_pay is not None
    assert northwind.days_to_pay > 80  # about 90 days on Net 30 terms
    assert figures.whale_peak() is not None
    assert figures.whale_peak() > 1
    losers = {c.customer for c in figures.customers if c.profit < 0}
    assert {"cust-northwind", "cust-delta-site"} <= losers
    assert 3 <= len(losers) <= 8


def test_receivables_age_and_dso_exceeds_the_best_possible(finance: api.FinanceResult) -> None:
    receivables = finance.finance.receivables
    assert receivables is not None
    assert receivables.total.amounts[-1] > 0  # something is more than 90 days past due
    assert receivables.dso_countback is not None
    assert receivables.best_dso is not None
    assert receivables.add is not None
    assert receivables.add > 0
    assert 30 <= receivables.dso_countback <= 60


def test_one_forecast_period_is_not_backed_by_the_pipeline(finance: api.FinanceResult) -> None:
    short = [
        p.period for p in finance.finance.forecast if p.coverage is not None and p.coverage < 1
    ]
    assert short == ["2026-12"]


def test_the_payables_list_holds_prospects(finance: api.FinanceResult) -> None:
    prospects = [p.name for p in finance.finance.prospects]
    assert prospects
    assert prospects[0] == "Great Lakes Freight Logistics"
    assert "Midwest Corrugated Packaging" in prospects[:5]
    assert "Bluewater HVAC".lower() not in {p.lower() for p in prospects}  # a customer


def _subjects(report: Report, code: str) -> set[str]:
    return {f.subject.id for f in report.findings if f.code == code}


def test_acme_checks_without_problems(report: Report) -> None:
    assert report.problems == ()


def test_every_finance_rule_fires_on_acme(report: Report) -> None:
    codes = {f.code for f in report.findings}
    assert {"FIN001", "FIN002", "FIN003", "FIN004", "FIN005", "FIN006"} <= codes


@pytest.mark.parametrize(
    ("code", "fires", "quiet"),
    [
        ("FIN001", {"cust-northwind", "cust-delta-site"}, {"cust-ridgeline"}),
        ("FIN002", {"cust-northwind"}, {"cust-ridgeline", "cust-delta-site"}),
        # exactly these two: a customer that owes nothing has nothing over 90 days
        ("FIN003", {"cust-redrock-mining", "cust-delta-site"}, {"cust-northwind"}),
        ("FIN004", {"cust-northwind", "cust-redrock-mining"}, {"cust-harbor-marine"}),
        ("FIN005", {"2026-12"}, {"2026-11", "2027-Q1"}),
    ],
)
def test_the_finance_rules_tell_the_stories(
    report: Report, code: str, fires: set[str], quiet: set[str]
) -> None:
    found = _subjects(report, code)
    assert fires <= found, f"{code} fired on {sorted(found)}"
    assert not quiet & found, f"{code} should not fire on {sorted(quiet & found)}"
    if code == "FIN003":
        assert found == fires
