"""The finance view on hand-made figures: an 80-column terminal text with the whale
curve drawn in block characters, JSON with every figure, Markdown tables; and the
finance parts of the check report and the plan views."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from rich.console import Console

from levelset.model import FinanceAction, Location, Plan, Problem, Report
from levelset.model.finance import (
    AgingRow,
    CustomerFigures,
    Finance,
    ForecastPeriod,
    Prospect,
    Receivables,
    UnmatchedCustomer,
)
from levelset.report import render_json, render_markdown, render_text
from levelset.report.finance import coverage_bar, render_finance_text, short
from levelset.report.finance_chart import LABEL_WIDTH, whale_chart
from levelset.report.finance_formats import render_finance_json, render_finance_markdown
from levelset.report.plan_items import finance_sentence
from levelset.report.plan_view import render_plan_json, render_plan_markdown, render_plan_text
from levelset.report.views import FinanceView

AS_OF = date(2026, 10, 31)
BUCKETS = ("Current", "1-30", "31-60", "61-90", "over 90")


def _customers(count: int) -> tuple[CustomerFigures, ...]:
    """``count`` customers; the biggest by revenue (Northwind) loses the most."""
    made = []
    for n in range(count):
        profit = 40_000.0 - 1_000.0 * n if n else -60_000.0
        made.append(
            CustomerFigures(
                customer="northwind" if n == 0 else f"c{n:03d}",
                name="Northwind Traders"
                if n == 0
                else f"Customer {n:03d} Wholesale Foods and Provisions",
                terms_days=30,
                revenue=2_400_000.0 - 10_000.0 * n,
                cogs=1_000.0,
                activity_cost=12_000.0,
                people_cost=3_000.0,
                carrying_cost=1_500.0,
                profit=profit,
                revenue_rank=n + 1,
                open=84_000.0 if n == 0 else 0.0,
                over_90=31_000.0 if n == 0 else 0.0,
                days_to_pay=58.0 if n == 0 else 31.0,
                location=Location("data/finance/customers.csv", n + 2),
            )
        )
    ranked = sorted(made, key=lambda c: (-c.profit, c.customer))
    ranks = {c.customer: rank for rank, c in enumerate(ranked, start=1)}
    return tuple(replace(c, profit_rank=ranks[c.customer]) for c in made)


def _finance(count: int = 12) -> Finance:
    customers = _customers(count)
    return Finance(
        as_of=AS_OF,
        cost_of_capital=0.1,
        customers=customers,
        receivables=Receivables(
            as_of=AS_OF,
            buckets=BUCKETS,
            rows=(AgingRow("northwind", (20_000.0, 13_000.0, 10_000.0, 10_000.0, 31_000.0)),),
            total=AgingRow("", (20_000.0, 13_000.0, 10_000.0, 10_000.0, 31_000.0)),
            period_days=90,
            sales=2_000_000.0,
            dso=61.2,
            dso_countback=52.4,
            best_dso=24.0,
            add=37.2,
            terms_days=30.0,
        ),
        forecast=(
            ForecastPeriod(
                "2026-Q4",
                date(2026, 10, 1),
                date(2026, 12, 31),
                1_200_000.0,
                640_000.0,
                1_050_000.0,
                14,
            ),
        ),
        prospects=(
            Prospect(
                "globex",
                "Globex Logistics",
                184_000.0,
                1,
                "freight",
                Location("data/finance/vendors.csv", 2),
            ),
        ),
        unmatched=(UnmatchedCustomer("Acme Distribution internal", 12.0, 900.0),),
    )


def _text(view: FinanceView, width: int = 80) -> str:
    buffer = io.StringIO()
    render_finance_text(view, Console(file=buffer, width=width, color_system=None))
    return buffer.getvalue()


# -- the pieces ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (950, "950"),
        (9_999, "9,999"),
        (42_500, "42.5k"),
        (420_000, "420k"),
        (2_400_000, "2.40M"),
        (-180_000, "-180k"),
        (-0.2, "0"),
    ],
)
def test_short_amounts_fit_seven_characters(amount: float, text: str) -> None:
    assert short(amount) == text
    assert len(text) <= 7


def test_coverage_bar_is_ten_blocks_at_full_coverage() -> None:
    assert coverage_bar(1.0) == "█" * 10
    assert coverage_bar(0.55) == "█████▌"
    assert coverage_bar(None) == ""
    assert len(coverage_bar(9.0)) == 15  # capped at 150%


def test_whale_chart_climbs_above_the_total_and_marks_it() -> None:
    finance = _finance(12)
    lines = [line.plain for line in whale_chart(finance, width=48, height=10)]
    assert len(lines) == 10 + 2  # rows, the zero axis, the customers' axis
    assert all(len(line) <= LABEL_WIDTH + 2 + 48 for line in lines)
    peak = finance.whale_peak()
    assert peak is not None
    assert peak > 1
    assert lines[0].strip().startswith(f"{peak:.0%}")
    hundred = next(line for line in lines if line.strip().startswith("100%"))
    assert "┈" in hundred  # the dotted total line where the curve is below it
    assert lines[-2].strip().startswith("0%")
    assert lines[-1].rstrip().endswith("12")
    # the top row holds the peak: its tallest column is the first that reaches it
    top = lines[0][LABEL_WIDTH + 2 :]
    assert top.strip()


def test_whale_chart_colours_the_losing_tail_red() -> None:
    finance = _finance(12)
    bottom = whale_chart(finance, width=48, height=10)[-3]  # the lowest bar row
    styles = [str(span.style) for span in bottom.spans]
    assert styles[-1] == "red"  # the last customer (Northwind) loses money
    assert "green" in styles


def test_whale_chart_groups_many_customers_into_the_width() -> None:
    lines = [line.plain for line in whale_chart(_finance(400), width=60)]
    assert max(len(line) for line in lines) == LABEL_WIDTH + 2 + 60
    assert lines[-1].rstrip().endswith("400")


def test_whale_chart_in_money_when_total_profit_is_a_loss() -> None:
    customers = (
        CustomerFigures("a", "A", revenue=100.0, profit=10_000.0, revenue_rank=1, profit_rank=1),
        CustomerFigures("b", "B", revenue=90.0, profit=-50_000.0, revenue_rank=2, profit_rank=2),
    )
    lines = [line.plain for line in whale_chart(Finance(AS_OF, 0.1, customers), height=8)]
    assert "%" not in "".join(lines)
    assert any("┼" in line for line in lines)  # the zero axis crosses the chart
    assert any(line.strip().startswith("-40k") for line in lines)


def test_no_customers_no_chart() -> None:
    assert whale_chart(Finance(AS_OF, 0.1)) == []


# -- the finance view ----------------------------------------------------------------------


def test_text_fits_80_columns_and_shows_every_part() -> None:
    view = FinanceView(Path("examples/acme"), _finance(40), currency="EUR")
    text = _text(view)
    assert max(len(line) for line in text.splitlines()) <= 80
    # long names are cut, never the figures
    header = next(line for line in text.splitlines() if line.startswith("customer "))
    assert header.split() == [
        "customer",
        "rev#",
        "prof#",
        "revenue",
        "serve",
        "carry",
        "profit",
        "margin",
        "days",
    ]
    assert any(
        line.startswith("Customer 001 Wholesal") and "…" in line for line in text.splitlines()
    )
    for heading in (
        "Customers: revenue rank beside profit rank",
        "Whale curve",
        "Receivables at 2026-10-31",
        "Forecast against the weighted pipeline",
        "Prospects on the payables list",
    ):
        assert heading in text
    northwind = next(line for line in text.splitlines() if line.startswith("Northwind"))
    assert northwind.split()[2:4] == ["1", "40"]  # revenue rank 1 beside profit rank 40
    assert "-60.0k" in northwind
    assert "1 of 40 customers lose money: EUR 60,000" in text
    assert "DSO 61 days (last 90 days' net sales), countback 52, best possible 24" in text
    assert "53%" in text
    assert "Globex Logistics" in text
    assert "Acme Distribution internal (12 h)" in text
    # 40 customers: the table shows the top 20 by revenue and the 10 least profitable
    assert "10 more customers in --format json" in text


def test_a_customer_with_credit_notes_beyond_its_invoices_has_no_margin() -> None:
    # Only a credit note in the period: revenue and profit are both -40, not a 100% margin.
    credited = CustomerFigures(
        "kestrel", "Kestrel Print", revenue=-40.0, profit=-40.0, revenue_rank=1, profit_rank=1
    )
    finance = Finance(AS_OF, 0.1, customers=(credited,))
    line = next(
        line
        for line in _text(FinanceView(Path("ws"), finance)).splitlines()
        if line.startswith("Kestrel Print")
    )
    # ranks, revenue, cost to serve, carrying cost and profit; no margin, no days to pay
    assert line.split()[2:] == ["1", "1", "-40", "0", "0", "-40"]


def test_text_without_finance_says_where_the_files_go() -> None:
    text = _text(FinanceView(Path("ws"), None))
    assert "No finance data" in text
    assert "data/finance/" in text


def test_json_has_every_customer_and_the_whale_curve() -> None:
    finance = _finance(40)
    problem = Problem(Location("data/finance/invoices.csv", 7), "amount is not a number")
    data = json.loads(render_finance_json(FinanceView(Path("ws"), finance, (problem,))))
    assert set(data) == {"workspace", "currency", "problems", "finance"}
    assert data["problems"][0]["line"] == 7
    figures = data["finance"]
    assert len(figures["customers"]) == 40
    northwind = figures["customers"][0]
    assert northwind["customer"] == "northwind"
    assert (northwind["revenue_rank"], northwind["profit_rank"]) == (1, 40)
    assert northwind["cost_to_serve"] == 15_000
    assert northwind["location"] == {"file": "data/finance/customers.csv", "line": 2}
    curve = figures["whale_curve"]
    assert curve[-1]["customer"] == "northwind"
    assert curve[-1]["cumulative"] == pytest.approx(finance.profit)
    assert figures["whale_peak"] == pytest.approx(finance.whale_peak(), abs=1e-4)
    assert figures["receivables"]["buckets"] == list(BUCKETS)
    assert figures["receivables"]["dso_countback"] == 52.4
    assert figures["forecast"][0]["coverage"] == pytest.approx(640 / 1200, abs=1e-4)
    assert figures["prospects"][0]["vendor"] == "globex"
    assert figures["unmatched"][0]["hours"] == 12


def test_json_without_finance_is_null() -> None:
    data = json.loads(render_finance_json(FinanceView(Path("ws"), None)))
    assert data["finance"] is None


def test_markdown_has_the_tables_and_the_curve_in_a_block() -> None:
    text = render_finance_markdown(FinanceView(Path("ws"), _finance(12)))
    assert text.startswith("# Finance for `ws`")
    assert "| revenue rank | profit rank | customer |" in text
    assert "| 1 | 12 | Northwind Traders | 2,400,000 |" in text
    assert "```text\n" in text
    assert "█" in text
    assert "| **all customers** |" in text
    assert "| 2026-Q4 | 1,200,000 | 640,000 | 1,050,000 | 14 | 53% |" in text
    assert "| 1 | Globex Logistics | freight | 184,000 |" in text


# -- finance in the check report and the plan ----------------------------------------------

PLAN = Plan(
    finance=(
        FinanceAction(
            "customer",
            "northwind",
            "reprice",
            60_000.0,
            "Northwind Traders",
            "Stop chasing volume",
            ("FIN001", "FIN002"),
        ),
        FinanceAction(
            "customer",
            "northwind",
            "collect",
            84_000.0,
            "Northwind Traders",
            "Call them",
            ("FIN003",),
        ),
        FinanceAction("period", "2026-Q4", "build-pipeline", 560_000.0, "2026-Q4", "", ("FIN005",)),
        FinanceAction(
            "vendor", "globex", "prospect", 184_000.0, "Globex Logistics", "freight", ("FIN006",)
        ),
    )
)
REPORT = Report(workspace=Path("ws"), plan=PLAN, finance=_finance(3))


def test_check_json_carries_finance_figures_and_finance_actions() -> None:
    data = json.loads(render_json(REPORT))
    assert data["finance"]["customers"][0]["customer"] == "northwind"
    assert data["plan"]["finance"][0] == {
        "kind": "customer",
        "subject": "northwind",
        "action": "reprice",
        "amount": 60_000.0,
        "name": "Northwind Traders",
        "reason": "Stop chasing volume",
        "codes": ["FIN001", "FIN002"],
    }
    assert "finance" not in json.loads(render_json(Report(workspace=Path("ws"))))


def test_plan_views_list_finance_actions_under_their_headings() -> None:
    buffer = io.StringIO()
    render_plan_text(REPORT, Console(file=buffer, width=100, color_system=None))
    text = buffer.getvalue()
    markdown = render_plan_markdown(REPORT)
    for rendered in (text, markdown):
        assert "Reprice or change the service model" in rendered
        assert "Northwind Traders (northwind): lost 60,000 — Stop chasing volume" in rendered
        assert "Collections call list" in rendered
        assert "Northwind Traders (northwind): 84,000 owed" in rendered
        assert "Pipeline to build" in rendered
        assert "2026-Q4: 560,000 of weighted pipeline missing" in rendered
        assert "Globex Logistics (globex): 184,000 spent with them — freight" in rendered
        assert "Finance: as of 2026-10-31, 3 customers" in rendered
    assert json.loads(render_plan_json(REPORT))["plan"]["finance"][3]["action"] == "prospect"


def test_check_text_and_markdown_show_the_finance_line_and_plan() -> None:
    buffer = io.StringIO()
    render_text(REPORT, Console(file=buffer, width=100, color_system=None))
    assert "Collections call list" in buffer.getvalue()
    assert "Finance: as of 2026-10-31" in buffer.getvalue()
    markdown = render_markdown(REPORT)
    assert "### Prospect list" in markdown
    assert "Finance: as of 2026-10-31" in markdown


def test_a_customer_whose_name_is_its_id_is_named_once_in_the_plan() -> None:
    named = FinanceAction("customer", "northwind", "collect", 84_000.0, name="Northwind Traders")
    derived = FinanceAction(
        "customer", "Harbor Design Co", "collect", 700.0, name="Harbor Design Co"
    )
    assert finance_sentence(named) == "Northwind Traders (northwind): 84,000 owed"
    assert finance_sentence(derived) == "Harbor Design Co: 700 owed"
