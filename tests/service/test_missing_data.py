"""Nothing confident on missing data: a rule whose finance data could not be read is not
run, and the report says so once, with the payments and credits it could not settle
left out in one line each (issue 14)."""

from __future__ import annotations

import shutil
from pathlib import Path

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
