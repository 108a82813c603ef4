"""Open balances from accounting exports: what is open on an invoice is what the export
says (QuickBooks ``Open balance``, Xero ``InvoiceAmountDue``), even without a payments
file; with payments and credits from other files, the lesser of the balance and what
they leave, so nothing is counted twice. On every registered backend (``backend_url``), the
same as on in-process DuckDB, the reference.

The cost of capital is 36.5% a year: money owed costs 0.001 a day, and every carrying
cost below is amount × days ÷ 1000.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from levelset.engine import Engine, open_engine
from levelset.engine.finance import FinanceTables, build_finance, register_finance
from levelset.engine.finance.ledger import settle, unapplied
from levelset.engine.finance.receivables import receivables
from levelset.load import load_workspace
from levelset.load.finance import read_finance_files
from levelset.model.finance import Finance

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "finance"
AS_OF = date(2026, 6, 30)
# The caller's clock: far from every date of the data, so a figure dated by it would show.
TODAY = date(2031, 1, 1)
TOML = '[organization]\nname = "Harbor"\n\n[finance]\nas_of = 2026-06-30\ncost_of_capital = 0.365\n'
ORG = "seats:\n  - {id: ceo, title: CEO, level: L5}\n"

# Xero invoices (DD/MM/YYYY), all issued 1 March 2026 and due 31 March: at 30 June they
# are 121 days old and 91 days past due.
XERO = [
    "ContactName,InvoiceNumber,InvoiceDate,DueDate,Total,InvoiceAmountDue,Type,Status",
    "Alpha,A1,01/03/2026,31/03/2026,1000.00,400.00,Sales invoice,Awaiting Payment",
    "Alpha,A2,01/03/2026,31/03/2026,1000.00,400.00,Sales invoice,Awaiting Payment",
    "Alpha,A3,01/03/2026,31/03/2026,1000.00,1000.00,Sales invoice,Awaiting Payment",
    "Beta,B1,01/03/2026,31/03/2026,500.00,0.00,Sales invoice,Paid",
    "Beta,B2,01/03/2026,31/03/2026,1000.00,300.00,Sales invoice,Awaiting Payment",
]
PAYMENTS = [
    "invoice,paid,amount",
    "A1,2026-03-11,600",  # the balance reflects it: 10 days to pay
    "A2,2026-03-21,200",  # 400 more were paid, on a day the files do not give
    "A3,2026-04-10,300",  # made after the export: 40 days, 10 late
]
CREDITS = ["customer,invoice,date,amount,kind", "Beta,B2,2026-03-31,200,credit"]  # 30 days


def _workspace(tmp_path: Path, fixture: str = "", files: dict[str, list[str]] | None = None) -> Any:
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "levelset.toml").write_text(TOML, encoding="utf-8")
    (tmp_path / "org.yaml").write_text(ORG, encoding="utf-8")
    folder = tmp_path / "data" / "finance"
    if fixture:
        shutil.copytree(FIXTURES / fixture, folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name, lines in (files or {}).items():
        (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    workspace, problems = read_finance_files(load_workspace(tmp_path).workspace)
    assert problems == []
    return workspace


def _finance(workspace: Any, url: str | None = None) -> Finance:
    engine = open_engine(url)
    try:
        built = build_finance(engine, workspace, today=TODAY)
    finally:
        engine.close()
    assert built.problems == []
    assert built.finance is not None
    return built.finance


def _settle(engine: Engine, workspace: Any) -> tuple[FinanceTables, Any]:
    """The workspace's finance tables, and its invoices settled at ``AS_OF``."""
    tables = register_finance(engine, workspace)
    assert tables.problems == ()
    assert tables.invoices is not None
    return tables, settle(engine, tables.invoices, tables.payments, tables.credits, AS_OF)


def _ledger(workspace: Any, url: str | None = None) -> dict[str, dict[str, Any]]:
    engine = open_engine(url)
    try:
        return {r["invoice"]: r for r in engine.rows(_settle(engine, workspace)[1])}
    finally:
        engine.close()


def test_open_balances_are_what_is_open_without_a_payments_file(
    tmp_path: Path, backend_url: str
) -> None:
    finance = _finance(_workspace(tmp_path, "open_invoices"), backend_url)
    c = {f.customer: f for f in finance.customers}
    # 1021 (1,459.00) has 239.00 open, 1034 all of its 1,200.00: not the 2,659.00 invoiced.
    assert c["Amy's Bird Sanctuary"].open == pytest.approx(1439.0)
    assert c["Amy's Bird Sanctuary"].revenue == pytest.approx(2659.0)
    # Cool Cars: 1040's 1,369.52 open less the 100.00 credit memo 1041, applied to no
    # invoice: 1,269.52, the report's "Total for Cool Cars".
    assert c["Cool Cars"].open == pytest.approx(1269.52)
    assert c["Cool Cars"].revenue == pytest.approx(2269.52)  # less the credit memo
    assert c["Freeman Sporting Goods"].over_90 == pytest.approx(880.0)  # 100 days past due
    assert c["Amy's Bird Sanctuary"].over_90 == 0.0
    # Carrying cost: what is open, for the invoice's age; the 1,220.00 settled on 1021
    # cannot be dated and costs nothing. No payment is dated: no days to pay.
    assert c["Amy's Bird Sanctuary"].carrying_cost == pytest.approx(239 * 114 / 1000 + 18.0)
    assert c["Freeman Sporting Goods"].carrying_cost == pytest.approx(880 * 130 / 1000)
    assert c["0969 Ocean View Road"].carrying_cost == pytest.approx(477.5 * 59 / 1000)
    # the credit memo costs nothing to carry: 1040's 1,369.52 open for 64 days
    assert c["Cool Cars"].carrying_cost == pytest.approx(1369.52 * 64 / 1000)
    # No payment is dated: days to pay are those of what is open past due, at its age
    # (days delinquent). Freeman's 880.00 are 130 days old, 100 past due.
    freeman = c["Freeman Sporting Goods"]
    assert (freeman.days_to_pay, freeman.days_late) == (130.0, 100.0)
    aging = finance.receivables
    assert aging is not None
    # The credit memo of 11 May is 50 days old at 30 June: −100.00 in 31–60 beside
    # 1040's 1,369.52. The total is the report's own TOTAL open balance, 4,066.02.
    assert aging.total.amounts == pytest.approx((1200.0, 477.5, 1269.52, 239.0, 880.0))
    assert aging.total.total == pytest.approx(4066.02)
    cool = next(row for row in aging.rows if row.customer == "Cool Cars")
    assert cool.amounts == pytest.approx((0.0, 0.0, 1269.52, 0.0, 0.0))
    # DSO: the open balances over the net sales of the 90 days to 30 June: 1034, 1036
    # and 1040 (4,047.02) less the credit memo of 11 May (100.00).
    assert aging.sales == pytest.approx(3947.02)
    assert aging.dso == pytest.approx(4066.02 / 3947.02 * 90)
    assert aging.best_dso == pytest.approx(1200.0 / 3947.02 * 90)


def test_a_balance_and_payments_from_other_files_are_not_counted_twice(
    tmp_path: Path, backend_url: str
) -> None:
    workspace = _workspace(
        tmp_path,
        files={"invoices.csv": XERO, "payments.csv": PAYMENTS, "credits.csv": CREDITS},
    )
    ledger = _ledger(workspace, backend_url)
    settled = {
        n: (r["paid"], r["paid_undated"], r["credited"], r["open"]) for n, r in ledger.items()
    }
    assert settled == {
        "A1": (600.0, 0.0, 0.0, 400.0),  # the payment is the balance's: 400 open
        "A2": (200.0, 400.0, 0.0, 400.0),  # 400 settled on a day not known
        "A3": (300.0, 0.0, 0.0, 700.0),  # paid after the export: less open than the balance
        "B1": (0.0, 500.0, 0.0, 0.0),  # paid in full, no payments file
        "B2": (0.0, 500.0, 200.0, 300.0),  # a credit note explains 200 of the 700
    }
    for r in ledger.values():
        assert r["paid"] + r["paid_undated"] + r["credited"] + r["open"] == r["amount"]
    # Only dated payments and credits carry days.
    assert {n: r["paid_days"] for n, r in ledger.items()} == {
        "A1": 6000.0,
        "A2": 4000.0,
        "A3": 12000.0,
        "B1": 0.0,
        "B2": 0.0,
    }
    assert ledger["A3"]["late_days"] == 3000.0
    assert ledger["B2"]["credit_days"] == 6000.0
    c = {f.customer: f for f in _finance(workspace, backend_url).customers}
    assert c["Alpha"].open == pytest.approx(1500.0)
    assert c["Alpha"].over_90 == pytest.approx(1500.0)
    assert c["Alpha"].carrying_cost == pytest.approx((22000 + 1500 * 121) / 1000)
    # The dated 1,100 paid, and the 1,500 open past due at its 121 days (91 past due).
    assert c["Alpha"].days_to_pay == pytest.approx((22000 + 1500 * 121) / 2600)
    assert c["Alpha"].days_late == pytest.approx((3000 + 1500 * 91) / 2600)
    assert c["Beta"].open == pytest.approx(300.0)
    assert c["Beta"].carrying_cost == pytest.approx((6000 + 300 * 121) / 1000)
    assert (c["Beta"].days_to_pay, c["Beta"].days_late) == (121.0, 91.0)  # B2's 300 open
    assert c["Beta"].revenue == pytest.approx(1300.0)


def test_balances_settle_and_age_as_on_in_process_duckdb(tmp_path: Path, backend_url: str) -> None:
    files = {"invoices.csv": XERO, "payments.csv": PAYMENTS, "credits.csv": CREDITS}
    for name, fixture, given in (("oi", "open_invoices", None), ("xero", "", files)):
        workspace = _workspace(tmp_path / name, fixture, given)
        reference, found = _settled(workspace), _settled(workspace, backend_url)
        assert found == reference


def _settled(workspace: Any, url: str | None = None) -> tuple[Any, ...]:
    """The ledger and the receivables, rounded to the micro-unit (float sums in another
    order differ in their last bits)."""
    engine = open_engine(url)
    try:
        tables, ledger = _settle(engine, workspace)
        rows = sorted(
            (tuple(round(v, 6) if isinstance(v, float) else v for v in r.values()))
            for r in engine.rows(ledger)
        )
        aging = receivables(
            engine,
            ledger,
            tables.customers,
            as_of=AS_OF,
            edges=(30, 60, 90),
            period_days=90,
            credits=tables.credits,
            unapplied=unapplied(tables.credits, AS_OF),
        )
        amounts = tuple(round(v, 6) for v in aging.total.amounts)
        return rows, amounts, round(aging.dso or 0.0, 6), round(aging.best_dso or 0.0, 6)
    finally:
        engine.close()


# A QuickBooks Invoice List: CM-1 was applied to I-1 (whose open balance shows it, and
# its own open balance is 0); CM-2 is still open, in full; CM-3 was half used.
APPLIED = [
    "Date,Transaction type,Num,Name,Due date,Amount,Open balance",
    "03/01/2026,Invoice,I-1,Gamma,03/31/2026,1000.00,600.00",
    "03/15/2026,Credit Memo,CM-1,Gamma,03/15/2026,-400.00,0.00",
    "03/20/2026,Credit Memo,CM-2,Gamma,03/20/2026,-100.00,-100.00",
    "03/25/2026,Credit Memo,CM-3,Gamma,03/25/2026,-50.00,-20.00",
]


def test_a_credit_memo_counts_by_its_open_balance_so_an_applied_one_counts_once(
    tmp_path: Path,
) -> None:
    finance = _finance(_workspace(tmp_path, files={"invoices.csv": APPLIED}))
    (gamma,) = finance.customers
    # Owed: I-1's 600 less what is still open on the credit memos (100 and 20); CM-1's
    # 400 is inside I-1's balance already.
    assert gamma.open == pytest.approx(600 - 100 - 20)
    # Every credit note is less revenue, whatever is still open on it.
    assert gamma.revenue == pytest.approx(1000 - 400 - 100 - 50)


def test_an_invoice_lists_total_footer_and_timestamp_are_skipped(tmp_path: Path) -> None:
    # An ungrouped report puts its TOTAL and the footer's timestamp in the Date column.
    report = [
        "Harbor Landscape Supply",
        "Invoice List",
        '"January - June, 2026"',
        "",
        "Date,Transaction type,Num,Name,Due date,Amount,Open balance",
        "03/01/2026,Invoice,I-1,Gamma,03/31/2026,1000.00,0.00",
        "03/02/2026,Invoice,I-2,Delta,04/01/2026,500.00,0.00",
        'TOTAL,,,,,"$1,500.00",$0.00',
        "",
        "",
        '"Accrual Basis Tuesday, June 30, 2026 04:19 PM GMT-07:00"',
    ]
    finance = _finance(_workspace(tmp_path, files={"invoices.csv": report}))  # no problem
    assert sorted((c.name, c.revenue) for c in finance.customers) == [
        ("Delta", 500.0),
        ("Gamma", 1000.0),
    ]
