"""build_plan from the FIN findings: losing customers to reprice (the biggest loss
first), the collections call list, pipeline to build per period, and the prospect list,
with every figure taken from the findings' evidence."""

from __future__ import annotations

from datetime import date

from levelset.load import load_files
from levelset.model import FinanceAction, Finding, Location, Plan
from levelset.model.evidence import FinanceConcern
from levelset.model.finance import (
    AgingRow,
    CustomerFigures,
    Finance,
    ForecastPeriod,
    Prospect,
    Receivables,
)
from levelset.plan import build_plan
from levelset.rules import builtin_registry, run_rules

REGISTRY = builtin_registry(plugins=False)
AS_OF = date(2026, 10, 31)
ROWS = "data/finance/customers.csv"


def _customer(
    n: int, customer: str, revenue: float, profit: float, **more: object
) -> CustomerFigures:
    return CustomerFigures(
        customer=customer,
        name=customer.title(),
        revenue=revenue,
        profit=profit,
        location=Location(ROWS, n + 1),
        **more,  # type: ignore[arg-type]
    )


FINANCE = Finance(
    as_of=AS_OF,
    cost_of_capital=0.1,
    customers=(
        # the biggest customer loses the most, owes much over 90 days and pays late
        _customer(
            1,
            "northwind",
            2_400_000,
            -85_000,
            revenue_rank=1,
            profit_rank=5,
            open=300_000,
            over_90=120_000,
            terms_days=30,
            days_to_pay=75,
        ),
        _customer(
            2,
            "bayside",
            900_000,
            120_000,
            revenue_rank=2,
            profit_rank=1,
            open=50_000,
            over_90=0,
            terms_days=30,
            days_to_pay=58,
        ),
        _customer(3, "cascade", 300_000, 40_000, revenue_rank=3, profit_rank=2),
        _customer(
            4, "harbor", 40_000, -3_000, revenue_rank=6, profit_rank=4, open=9_000, over_90=9_000
        ),
        _customer(5, "delta", 200_000, 30_000, revenue_rank=4, profit_rank=3),
        _customer(6, "elm", 100_000, 9_000, revenue_rank=5, profit_rank=6),
    ),
    receivables=Receivables(
        as_of=AS_OF,
        buckets=("Current", "1-30", "31-60", "61-90", "over 90"),
        rows=(),
        total=AgingRow("", (0.0,) * 5),
        period_days=90,
        sales=3_000_000,
        dso=80,
        dso_countback=70,
        best_dso=30,
        add=50,
        terms_days=30,
    ),
    forecast=(
        ForecastPeriod(
            "2026-Q4",
            date(2026, 10, 1),
            date(2026, 12, 31),
            1_200_000,
            640_000,
            location=Location("data/finance/forecast.csv", 3),
        ),
        ForecastPeriod(
            "2027-Q1",
            date(2027, 1, 1),
            date(2027, 3, 31),
            900_000,
            950_000,
            location=Location("data/finance/forecast.csv", 4),
        ),
    ),
    prospects=(
        Prospect(
            "globex",
            "Globex Logistics",
            184_000,
            1,
            "freight",
            Location("data/finance/vendors.csv", 2),
        ),
        Prospect("initech", "Initech", 52_000, 2, "", Location("data/finance/vendors.csv", 5)),
    ),
)


def _findings() -> tuple[list[Finding], Plan]:
    loaded = load_files(
        {
            "levelset.toml": '[organization]\nname = "Acme Distribution"\n',
            "org.yaml": "seats:\n  - {id: ceo, title: CEO, level: L5}\n",
        }
    )
    assert loaded.problems == ()
    rules = [r for r in REGISTRY if r.family == "FIN"]
    findings, problems = run_rules(loaded.workspace, rules, registry=REGISTRY, finance=FINANCE)
    assert problems == []
    return findings, build_plan(loaded.workspace, findings)


def _of(plan: Plan, action: str) -> list[FinanceAction]:
    return [a for a in plan.finance if a.action == action]


def test_every_fin_rule_leads_to_an_action() -> None:
    for fin in (r for r in REGISTRY if r.family == "FIN"):
        shapes = [fin.evidence, *fin.evidence.__subclasses__()]
        assert any(issubclass(s, FinanceConcern) for s in shapes), fin.code


def test_losing_customers_are_repriced_biggest_loss_first_with_both_codes() -> None:
    _, plan = _findings()
    reprice = _of(plan, "reprice")
    assert [(a.subject, a.amount) for a in reprice] == [("northwind", 85_000), ("harbor", 3_000)]
    whale = reprice[0]
    assert whale.kind == "customer"
    assert whale.name == "Northwind"
    assert set(whale.codes) == {"FIN001", "FIN002"}
    # the whale's advice is the one the plan keeps
    assert whale.reason.startswith("Stop chasing volume from Northwind")


def test_collections_call_list_is_customers_by_what_they_owe() -> None:
    findings, plan = _findings()
    assert any(f.code == "FIN004" and f.subject.kind == "organization" for f in findings)
    calls = _of(plan, "collect")
    # northwind (over 90 and slow), bayside (slow), harbor (over 90); not the company's DSO
    assert [(a.subject, a.amount) for a in calls] == [
        ("northwind", 300_000),
        ("bayside", 50_000),
        ("harbor", 9_000),
    ]
    assert set(calls[0].codes) == {"FIN003", "FIN004"}
    assert calls[0].reason.startswith("Call Northwind about")


def test_pipeline_to_build_for_each_period_short_of_its_forecast() -> None:
    _, plan = _findings()
    (build,) = _of(plan, "build-pipeline")
    assert (build.kind, build.subject, build.amount) == ("period", "2026-Q4", 560_000)
    assert build.codes == ("FIN005",)


def test_prospect_list_has_one_item_per_vendor_in_spend_order() -> None:
    _, plan = _findings()
    prospects = _of(plan, "prospect")
    assert [(a.kind, a.subject, a.name, a.amount, a.reason) for a in prospects] == [
        ("vendor", "globex", "Globex Logistics", 184_000, "freight"),
        ("vendor", "initech", "Initech", 52_000, ""),
    ]


def test_finance_actions_come_after_each_other_in_a_fixed_order_and_fill_the_plan() -> None:
    _, plan = _findings()
    order = [a.action for a in plan.finance]
    assert order == sorted(order, key=["reprice", "collect", "build-pipeline", "prospect"].index)
    assert not plan.is_empty()
    assert Plan(finance=plan.finance[:1]).is_empty() is False
