"""The finance phase in one pass: a kind whose files were all read typed and have no
fault is used as read (counted in one query, kept in no table of its own); a fault, a
repeated key or a customer named otherwise than by its id sends it the careful way, which
places each fault at its file and line. Both ways give the same figures for the same
usable rows, on every registered backend (``engine``; only DuckDB reads typed, so the
others always take the careful way).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from levelset.engine import Engine
from levelset.engine.finance import FinanceTables, build_finance, register_finance, release
from levelset.load import load_workspace
from levelset.load.finance import read_finance_files
from levelset.model import Problem
from levelset.model.finance import Finance

TODAY = date(2027, 1, 1)
CUSTOMERS = "customer,name,segment,terms_days\n" + "".join(
    f"c{n},Customer {n},retail,30\n" for n in range(1, 6)
)
PAYMENTS = "invoice,paid,amount\ni1,2026-02-01,100\ni2,2026-03-15,250.5\ni4,2026-05-01,40\n"
INVOICES = [
    "i1,c1,2026-01-05,2026-02-04,100,60",
    "i2,c2,2026-02-01,2026-03-03,250.5,100",
    "i3,c3,2026-03-10,2026-04-09,999,",
    "i4,c1,2026-04-01,2026-05-01,80,20",
    "i5,c5,2026-06-30,2026-07-30,1200,700",
]
FAULTY = "i9,c4,2026-05-05,2026-06-04,-75,10"  # a negative amount


def _files(root: Path, invoices: list[str]) -> Path:
    """A workspace at ``root`` with these invoice lines (after the header)."""
    folder = root / "data" / "finance"
    folder.mkdir(parents=True)
    (root / "levelset.toml").write_text(
        '[organization]\nname = "Acme"\n\n[finance]\nas_of = 2026-12-31\n', encoding="utf-8"
    )
    (root / "org.yaml").write_text("seats:\n  - {id: ceo, title: CEO, level: L5}\n")
    (folder / "customers.csv").write_text(CUSTOMERS, encoding="utf-8")
    (folder / "payments.csv").write_text(PAYMENTS, encoding="utf-8")
    header = "invoice,customer,issued,due,amount,cogs\n"
    (folder / "invoices.csv").write_text(header + "\n".join(invoices) + "\n", encoding="utf-8")
    return root


def _run(engine: Engine, root: Path) -> tuple[FinanceTables, Finance, list[Problem]]:
    workspace, found = read_finance_files(load_workspace(root).workspace)
    assert found == []
    tables = register_finance(engine, workspace)
    built = build_finance(engine, workspace, today=TODAY, tables=tables)
    assert built.finance is not None
    return tables, built.finance, list(built.problems)


def _as_read(tables: FinanceTables) -> bool:
    """Whether a kind (here only the invoices can be) is used as read: a view of the
    table its file was read into (``FinanceTables.held``), not a table of its own."""
    return bool(tables.held)


def test_a_clean_file_and_the_same_with_a_fault_give_the_same_figures(
    engine: Engine, tmp_path: Path
) -> None:
    """The clean file is used as read (where the engine reads typed); with a faulty
    row planted at line 4 the careful way reports it there, and the figures of the
    rows left are the clean file's."""
    clean_tables, clean, clean_problems = _run(engine, _files(tmp_path / "clean", INVOICES))
    planted = [*INVOICES[:2], FAULTY, *INVOICES[2:]]
    faulty_tables, faulty, problems = _run(engine, _files(tmp_path / "faulty", planted))
    assert clean_problems == []
    assert [(p.location.file, p.location.line) for p in problems] == [
        ("data/finance/invoices.csv", 4)
    ]
    assert "-75" in problems[0].message
    assert faulty == clean
    assert clean.revenue == sum(float(line.split(",")[4]) for line in INVOICES)
    probe = tmp_path / "clean" / "data" / "finance" / "payments.csv"
    typed = engine.typed_csv("probe", probe, ["paid"], ["amount"]) is not None
    assert _as_read(clean_tables) == typed
    assert not _as_read(faulty_tables)


def test_customers_named_by_name_or_an_invoice_repeated_go_the_careful_way(
    engine: Engine, tmp_path: Path
) -> None:
    """A customer named by its name (resolved to its id) and a repeated invoice number
    (the second left out as a duplicate, at its line) are not the file as read: the
    figures are those of the file naming every customer by id, once."""
    _, by_id, _ = _run(engine, _files(tmp_path / "ids", INVOICES))
    named = [INVOICES[0].replace(",c1,", ",Customer 1,"), *INVOICES[1:]]
    named_tables, by_name, problems = _run(engine, _files(tmp_path / "names", named))
    assert problems == []
    assert by_name == by_id
    assert not _as_read(named_tables)
    repeated = [*INVOICES, INVOICES[1]]
    repeated_tables, once, problems = _run(engine, _files(tmp_path / "repeated", repeated))
    assert [(p.location.file, p.location.line) for p in problems] == [
        ("data/finance/invoices.csv", 7)
    ]
    assert once == by_id
    assert not _as_read(repeated_tables)


def _names_in(engine: Engine, catalog: str) -> set[str]:
    """The names in DuckDB's ``duckdb_tables()`` or ``duckdb_views()``."""
    rows = engine.backend.con.execute(f"SELECT {catalog[:-1]}_name FROM duckdb_{catalog}()")
    return {row[0] for row in rows.fetchall()}


def test_duckdb_only_a_view_goes_with_the_table_it_reads(duckdb: Engine, tmp_path: Path) -> None:
    """``release`` lets go both the invoices' view and the table the file was read into
    (what a session does when the finance files change)."""
    tables, _, _ = _run(duckdb, _files(tmp_path, INVOICES))
    assert tables.invoices is not None
    view = tables.invoices.get_name().rsplit(".", 1)[-1]
    held = {table.get_name().rsplit(".", 1)[-1] for table in tables.held}
    assert view in _names_in(duckdb, "views")
    assert held
    assert held <= _names_in(duckdb, "tables")
    release(duckdb, tables)
    assert view not in _names_in(duckdb, "views")
    assert not held & _names_in(duckdb, "tables")


def test_spaces_around_the_text_of_a_clean_file_are_trimmed(engine: Engine, tmp_path: Path) -> None:
    """A clean file with white space around its text (read typed where the engine can)
    gives the figures of the same file without: every value trimmed, a row left with
    none passed over."""
    _, plain, _ = _run(engine, _files(tmp_path / "plain", INVOICES))
    spaced = [
        f" {invoice} ,\t{customer} ,{rest}"
        for invoice, customer, rest in (line.split(",", 2) for line in INVOICES)
    ]
    tables, trimmed, problems = _run(engine, _files(tmp_path / "spaced", [*spaced, " , ,,,,"]))
    assert problems == []
    assert trimmed == plain
    assert tables.invoices is not None
    found = {row["invoice"] for row in engine.rows(tables.invoices.select("invoice"))}
    assert found == {line.split(",")[0] for line in INVOICES}
