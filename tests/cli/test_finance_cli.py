"""``levelset finance`` end to end: on examples/acme (whose biggest customer by revenue,
Northwind, loses money, with receivables over 90 days, a forecast month short of
pipeline and vendors worth prospecting), on a workspace whose finance data has a bad
row, and on workspaces it cannot work with."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from cli_workspaces import CLEAN, Invoke, WriteWorkspace
from click.testing import CliRunner

from levelset.cli import main

ACME = Path(__file__).resolve().parents[2] / "examples" / "acme"


@pytest.fixture(scope="module")
def acme_json() -> dict[str, Any]:
    """``levelset finance examples/acme --format json``, run once for the module."""
    result = CliRunner().invoke(main, ["finance", str(ACME), "--format", "json"])
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_acme_json_reads_without_problems(acme_json: dict[str, Any]) -> None:
    assert acme_json["problems"] == []
    assert acme_json["currency"] == "USD"
    assert acme_json["finance"]["as_of"] == "2026-10-31"


def test_acme_biggest_customer_by_revenue_is_in_the_losing_tail(
    acme_json: dict[str, Any],
) -> None:
    customers = acme_json["finance"]["customers"]
    whale = next(c for c in customers if c["revenue_rank"] == 1)
    assert whale["customer"] == "cust-northwind"
    assert whale["profit"] < 0
    assert whale["profit_rank"] > len(customers) // 2
    # the whale curve rises above total profit and the losing tail brings it back
    curve = acme_json["finance"]["whale_curve"]
    assert acme_json["finance"]["whale_peak"] > 1
    assert curve[-1]["cumulative"] == pytest.approx(acme_json["finance"]["profit"], abs=1)
    assert [c["customer"] for c in curve].index("cust-northwind") >= len(curve) - 5


def test_acme_has_receivables_over_90_days_and_dso_figures(acme_json: dict[str, Any]) -> None:
    receivables = acme_json["finance"]["receivables"]
    assert len(receivables["buckets"]) == 5
    assert receivables["total"]["amounts"][-1] > 0  # over 90 days past due
    for figure in ("dso", "dso_countback", "best_dso", "add"):
        assert receivables[figure] is not None
    owing = [c for c in acme_json["finance"]["customers"] if c["over_90"] > 0]
    assert owing


def test_acme_forecast_has_a_period_short_of_pipeline(acme_json: dict[str, Any]) -> None:
    coverage = [p["coverage"] for p in acme_json["finance"]["forecast"]]
    assert any(c is not None and c < 1 for c in coverage)


def test_acme_prospects_are_vendors_who_are_not_customers(acme_json: dict[str, Any]) -> None:
    prospects = acme_json["finance"]["prospects"]
    assert prospects
    names = {c["name"].lower() for c in acme_json["finance"]["customers"]}
    ids = {c["customer"].lower() for c in acme_json["finance"]["customers"]}
    for prospect in prospects:
        assert prospect["name"].lower() not in names
        assert prospect["vendor"].lower() not in ids
    spend = [p["spend"] for p in sorted(prospects, key=lambda p: p["rank"])]
    assert spend == sorted(spend, reverse=True)


def test_acme_text_fits_an_80_column_terminal() -> None:
    result = CliRunner(env={"COLUMNS": "80"}).invoke(main, ["finance", str(ACME)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    text = result.stdout
    for part in ("Customers: revenue rank beside profit rank", "Whale curve", "100%"):
        assert part in text
    assert "Receivables at 2026-10-31" in text
    assert "DSO " in text
    assert "Forecast against the weighted pipeline" in text
    assert "Prospects on the payables list" in text
    whale = next(line for line in lines if line.startswith("Northwind"))
    assert whale.split()[-8] == "1"  # revenue rank 1 ...
    assert int(whale.split()[-7]) > 30  # ... beside a profit rank in the losing tail


def test_markdown_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "finance.md"
    result = CliRunner().invoke(
        main, ["finance", str(ACME), "--format", "markdown", "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Finance for ")
    assert "| revenue rank | profit rank | customer |" in text
    assert "```text" in text
    assert f"wrote markdown to {target}" in result.stderr


# -- workspaces it cannot work with ----------------------------------------------------------

INVOICES = """
    invoice,customer,issued,due,amount
    INV-1,Bayside Grocers,2026-07-01,2026-07-31,1200
    INV-2,Bayside Grocers,2026-07-15,2026-08-14,lots
    INV-3,Harbor Foods,2026-08-01,2026-08-31,800
"""


def test_a_bad_finance_row_is_a_problem_with_its_place_and_exit_2(
    invoke: Invoke, write_workspace: WriteWorkspace
) -> None:
    root = write_workspace({**CLEAN, "data/finance/invoices.csv": INVOICES}, "billed")
    result = invoke("finance", root, "--format", "json")
    assert result.exit_code == 2
    assert "data/finance/invoices.csv:3" in result.stderr
    data = json.loads(result.stdout)  # the figures of the rows that could be read
    assert {c["customer"] for c in data["finance"]["customers"]} == {
        "Bayside Grocers",
        "Harbor Foods",
    }
    assert data["problems"][0]["line"] == 3


def test_without_finance_data_it_says_where_the_files_go(invoke: Invoke, clean: Path) -> None:
    result = invoke("finance", clean)
    assert result.exit_code == 2
    assert "data/finance" in result.stderr
    assert "Traceback" not in result.output


def test_an_unreadable_workspace_prints_its_problems(
    invoke: Invoke, write_workspace: WriteWorkspace
) -> None:
    broken = write_workspace({**CLEAN, "extra.yaml": "seats: [oops"}, "broken")
    result = invoke("finance", broken)
    assert result.exit_code == 2
    assert "extra.yaml" in result.stderr


def test_wrong_format_is_wrong_usage(invoke: Invoke, clean: Path) -> None:
    result = invoke("finance", clean, "--format", "html")
    assert result.exit_code == 2
    assert "html" in result.stderr
