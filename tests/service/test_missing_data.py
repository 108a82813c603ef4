"""Nothing confident on missing data: a rule whose finance data could not be read is not
run, and the report says so once, with the payments and credits it could not settle
left out in one line each (issue 14)."""

from __future__ import annotations

import shutil
from pathlib import Path

from levelset.report.finance_data import finance_line, finance_to_dict
from levelset.report.finance_words import headline
from levelset.service import Session

ROOT = Path(__file__).resolve().parents[2]


def _acme(tmp_path: Path) -> Path:
    root = tmp_path / "acme"
    shutil.copytree(ROOT / "examples" / "acme", root)
    return root


def test_an_unreadable_invoices_file_runs_no_rule_on_what_is_left(tmp_path: Path) -> None:
    root = _acme(tmp_path)
    invoices = root / "data" / "finance" / "invoices.csv"
    with invoices.open("ab") as broken:  # a row DuckDB's reader refuses
        broken.write(b'"an open quote,\xff\xfe\x00\n')
    with Session(root) as session:
        report = session.check(select=["FIN"])
        finance = session.finance().finance
    assert finance is not None
    assert headline(finance, "USD").endswith(
        "These figures leave out data/finance/invoices.csv, which could not be read."
    )
    # No customer "lost its cost to serve on USD 0 of revenue"; the forecast and the
    # payables do not rest on the invoices and are still checked.
    assert {f.code for f in report.findings} == {"FIN005", "FIN006"}
    messages = [(p.location.file, p.message) for p in report.problems]
    assert len(messages) == 4, messages
    assert messages[0][0] == "data/finance/invoices.csv"
    assert "cannot be read" in messages[0][1]
    not_run = [m for f, m in messages if "not run" in m]
    assert not_run == [
        "FIN001, FIN002, FIN003 and FIN004 were not run: data/finance/invoices.csv could "
        "not be read, and the figures they rest on would leave its rows out"
    ]
    left_out = sorted(f for f, m in messages if "were left out" in m)
    assert left_out == ["data/finance/credits.csv", "data/finance/payments.csv"]
    assert not any("unknown invoice" in m for _, m in messages)


def test_an_unreadable_vendors_file_leaves_the_other_rules_running(tmp_path: Path) -> None:
    root = _acme(tmp_path)
    vendors = root / "data" / "finance" / "vendors.csv"
    with vendors.open("ab") as broken:
        broken.write(b'"an open quote,\xff\xfe\x00\n')
    with Session(root) as session:
        report = session.check(select=["FIN"])
    codes = {f.code for f in report.findings}
    assert "FIN006" not in codes
    assert "FIN001" in codes
    assert [p.message for p in report.problems if "not run" in p.message] == [
        "FIN006 was not run: data/finance/vendors.csv could not be read, and the figures "
        "it rests on would leave its rows out"
    ]


# A QuickBooks Invoice List: no cost of goods. Gamma's 1,000 of revenue cost 800 in goods
# that the export does not give.
INVOICE_LIST = (
    "Date,Transaction type,Num,Name,Due date,Amount,Open balance\n"
    "03/01/2026,Invoice,I-1,Gamma,03/31/2026,1000.00,0.00\n"
    "03/02/2026,Invoice,I-2,Delta,04/01/2026,500.00,0.00\n"
)
DRIVERS = "driver,cost_per_unit\ndelivery,100\n"
COUNTS = "customer,driver,count\nGamma,delivery,3\n"  # 300 to serve


def _exported(tmp_path: Path, margin: str = "") -> Path:
    root = tmp_path / "books"
    folder = root / "data" / "finance"
    folder.mkdir(parents=True)
    (root / "levelset.toml").write_text(
        f'[organization]\nname = "Harbor"\n\n[finance]\nas_of = 2026-06-30\n{margin}',
        encoding="utf-8",
    )
    (root / "org.yaml").write_text(
        "seats:\n  - {id: ceo, title: CEO, level: L5}\n", encoding="utf-8"
    )
    (folder / "invoices.csv").write_text(INVOICE_LIST, encoding="utf-8")
    (folder / "drivers.csv").write_text(DRIVERS, encoding="utf-8")
    (folder / "driver_counts.csv").write_text(COUNTS, encoding="utf-8")
    return root


def test_profit_without_cost_of_goods_says_so_and_a_margin_supplies_it(tmp_path: Path) -> None:
    with Session(_exported(tmp_path)) as session:
        finance = session.finance().finance
        assert finance is not None
        assert finance.without_cogs == 1500.0
        assert finance.gross_margin is None
        said = "Profit leaves out cost of goods on USD 1,500 invoiced"
        assert said in headline(finance, "USD")
        assert finance_line(finance, "USD").endswith(
            "; profit leaves out cost of goods on USD 1,500 invoiced"
        )
        assert finance_to_dict(finance)["without_cogs"] == 1500.0
        gamma = {c.name: c for c in finance.customers}["Gamma"]
        assert (gamma.cogs, gamma.profit) == (0.0, 700.0)  # a 70% margin, silently wrong
    with Session(_exported(tmp_path / "m", "gross_margin = 0.2\n")) as session:
        finance = session.finance().finance
        assert finance is not None
        gamma = {c.name: c for c in finance.customers}["Gamma"]
        assert (gamma.cogs, gamma.profit) == (800.0, -100.0)  # the loss it really makes
        assert "estimated at a gross margin of 20%" in headline(finance, "USD")
        report = session.check(select=["FIN001"])
        (losing,) = report.findings
        assert "cost of goods (USD 800), cost to serve (USD 300)" in losing.message
        assert "Profit leaves out" not in losing.message


def test_a_losing_customer_of_exported_books_says_the_loss_is_larger(tmp_path: Path) -> None:
    root = _exported(tmp_path)
    (root / "data" / "finance" / "driver_counts.csv").write_text(
        "customer,driver,count\nGamma,delivery,12\n", encoding="utf-8"
    )  # 1,200 to serve on 1,000 of revenue
    with Session(root) as session:
        (losing,) = session.check(select=["FIN001"]).findings
    assert losing.message == (
        "Gamma lost USD 200 on USD 1,000 of revenue after cost to serve (USD 1,200) and "
        "carrying cost (USD 0); it is #1 by revenue and #2 by profit. Profit leaves out the "
        "cost of goods its invoices do not give (an accounting export has none): the loss "
        "is larger."
    )
