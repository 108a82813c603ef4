"""The FIN rules on hand-built finance figures: they run only with figures, read in the
organization's currency, and point at the finance rows (or the settings) they rest on."""

from __future__ import annotations

from datetime import date

from levelset.load import load_files
from levelset.model import Finding, Location, Workspace
from levelset.model.finance import (
    AgingRow,
    CustomerFigures,
    Finance,
    Prospect,
    Receivables,
)
from levelset.rules import builtin_registry, run_rules

REGISTRY = builtin_registry(plugins=False)
FIN = [r for r in REGISTRY if r.family == "FIN"]
ROW = Location("data/finance/customers.csv", 2)

NORTHWIND = CustomerFigures(
    customer="northwind",
    name="Northwind Traders",
    terms_days=30,
    revenue=2_400_000,
    cogs=1_900_000,
    activity_cost=420_000,
    people_cost=90_000,
    carrying_cost=25_000,
    profit=-35_000,
    revenue_rank=1,
    profit_rank=3,
    open=300_000,
    over_90=120_000,
    days_to_pay=75,
    location=ROW,
)


def _workspace(toml: str = "") -> Workspace:
    files = {
        "org.yaml": "seats:\n  - {id: ceo, title: CEO, level: L5}\n",
        "levelset.toml": '[organization]\nname = "Acme Distribution"\ncurrency = "EUR"\n' + toml,
    }
    loaded = load_files(files)
    assert loaded.problems == ()
    return loaded.workspace


def _run(finance: Finance | None, toml: str = "") -> list[Finding]:
    findings, problems = run_rules(_workspace(toml), FIN, registry=REGISTRY, finance=finance)
    assert problems == []
    return findings


def test_fin_rules_need_finance_and_are_in_code_order() -> None:
    assert [r.code for r in FIN] == [f"FIN00{n}" for n in range(1, 7)]
    assert all(r.needs_finance and not r.needs_events for r in FIN)
    assert not any(r.needs_finance for r in REGISTRY if r.family != "FIN")


def test_without_finance_figures_no_fin_rule_runs() -> None:
    assert _run(None) == []


def test_a_losing_whale_reads_in_the_organizations_currency() -> None:
    others = [
        CustomerFigures(f"c{n}", f"Customer {n}", revenue=1000.0 * n, profit=500.0 * n)
        for n in (1, 2)
    ]
    finance = Finance(date(2026, 10, 31), 0.1, customers=(NORTHWIND, *others))
    by_code = {(f.code, f.subject.id): f for f in _run(finance)}
    whale = by_code["FIN002", "northwind"]
    assert whale.severity.value == "error"
    assert whale.evidence["revenue_rank"] == 1
    assert whale.evidence["profit_rank"] == 3
    assert whale.evidence["gap"] == 2
    assert "EUR 2,400,000" in whale.message
    # every cost that made the loss is named, the goods sold among them
    assert whale.message.endswith(
        "it lost EUR 35,000 after cost of goods (EUR 1,900,000), cost to serve "
        "(EUR 510,000) and carrying cost (EUR 25,000)."
    )
    assert whale.location == ROW
    losing = by_code["FIN001", "northwind"]
    # the biggest cost beyond the goods sold is what the recommendation starts with
    assert (
        "starting with its biggest cost, EUR 420,000 of orders, deliveries, returns and other "
        "activities" in losing.recommendation
    )
    over_90 = by_code["FIN003", "northwind"]
    assert over_90.evidence["share"] == 0.4
    slow = by_code["FIN004", "northwind"]
    assert slow.evidence["over_by"] == 45


def test_an_unapplied_credit_can_leave_less_owed_than_is_late() -> None:
    # 120,000 over 90 days past due, and a credit note against no invoice that leaves
    # 100,000 owed in all: all of it is late, not 120% of it.
    credited = CustomerFigures(
        "bayside", "Bayside Grocers", revenue=500_000, profit=1000, open=100_000,
        over_90=120_000, location=ROW,
    )  # fmt: skip
    finance = Finance(date(2026, 10, 31), 0.1, customers=(credited,))
    (late,) = [f for f in _run(finance) if f.code == "FIN003"]
    assert late.evidence["share"] == 1.0
    assert late.message == (
        "Bayside Grocers owes EUR 100,000, net of credits against no invoice; EUR 120,000 "
        "of its invoices are more than 90 days past due."
    )


def test_company_findings_point_at_the_finance_settings_or_the_organization() -> None:
    receivables = Receivables(
        as_of=date(2026, 10, 31),
        buckets=("Current", "1-30", "31-60", "61-90", "over 90"),
        rows=(),
        total=AgingRow("", ()),
        period_days=90,
        sales=1_000_000,
        dso=70,
        dso_countback=66,
        best_dso=30,
        add=40,
        terms_days=30,
    )
    prospect = Prospect("globex", "Globex Logistics", 184_000, 1)
    finance = Finance(date(2026, 10, 31), 0.1, receivables=receivables, prospects=(prospect,))
    findings = _run(finance)
    assert {(f.code, f.subject.kind, f.subject.id) for f in findings} == {
        ("FIN004", "organization", "Acme Distribution"),
        ("FIN006", "organization", "Acme Distribution"),
    }
    for finding in findings:
        # the [organization] table: the figures have no row of their own
        assert finding.location == Location("levelset.toml", 1)
    dso = next(f for f in findings if f.code == "FIN004")
    assert dso.evidence["over_by"] == 36
    assert "Countback DSO is 66 days" in dso.message
    prospects = next(f for f in findings if f.code == "FIN006")
    assert prospects.evidence["vendors"] == ["globex"]
    assert "Globex Logistics (EUR 184,000)" in prospects.message


def test_a_customer_that_stopped_paying_is_slow_by_what_it_owes_past_due() -> None:
    # Nothing paid: days to pay are those its open, overdue invoices have waited.
    stopped = CustomerFigures(
        "delta", "Delta Site", terms_days=30, revenue=190_000, open=60_000, overdue=60_000,
        days_to_pay=150, location=ROW,
    )  # fmt: skip
    finance = Finance(date(2026, 10, 31), 0.1, customers=(stopped,))
    (slow,) = [f for f in _run(finance) if f.code == "FIN004"]
    assert slow.message == (
        "Delta Site pays 150 days after invoice on average, 120 days beyond its 30-day terms. "
        "That counts the EUR 60,000 still open past due at the days it has waited so far."
    )
    assert slow.evidence["overdue"] == 60_000


def test_the_fix_fits_the_cost_a_write_off_is_a_credit_matter_not_deliveries() -> None:
    written_off = CustomerFigures(
        "delta", "Delta Site", revenue=190_000, cogs=150_000, activity_cost=8_000,
        carrying_cost=5_000, write_offs=70_000, profit=-43_000, revenue_rank=1,
        profit_rank=1, location=ROW,
    )  # fmt: skip
    (losing,) = [f for f in _run(Finance(date(2026, 10, 31), 0.1, customers=(written_off,)))
                 if f.code == "FIN001"]  # fmt: skip
    assert "write-offs (EUR 70,000)" in losing.message
    assert losing.recommendation.startswith("Treat Delta Site as a credit risk")
    assert "collections" in losing.recommendation
    assert "deliveries" not in losing.recommendation
