"""Finance files registered as typed engine tables: only usable rows, every other row a
problem at its file and line, the same tables on every registered backend (``backend_url``)
as on in-process DuckDB, the reference."""

from __future__ import annotations

import csv
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq

from levelset.engine import open_engine
from levelset.engine.finance import register_finance
from levelset.engine.finance.scan import Scan
from levelset.engine.finance.tables import TABLE_NAMES
from levelset.load.finance import read_finance_files
from levelset.model import Problem, Workspace

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "finance"


def _register(
    tmp_path: Path, fixture: str = "", url: str | None = None
) -> tuple[dict[str, list[dict[str, Any]]], list[Problem]]:
    folder = tmp_path / "data" / "finance"
    if fixture:
        shutil.copytree(FIXTURES / fixture, folder)
    workspace, problems = read_finance_files(Workspace(root=tmp_path))
    assert not problems
    engine = open_engine(url)
    try:
        tables = register_finance(engine, workspace)
        found = list(tables.problems)
        rows = {}
        for name in TABLE_NAMES:
            table = getattr(tables, name)
            if table is not None:
                fetched = engine.rows(table)
                rows[name] = sorted(
                    fetched, key=lambda r: sorted((k, str(v)) for k, v in r.items())
                )
        return rows, found
    finally:
        engine.close()


def _said(problems: list[Problem]) -> list[tuple[str, int | None, str]]:
    return [(p.location.file.rsplit("/", 1)[1], p.location.line, p.message) for p in problems]


def _registered_as_on_duckdb(
    tmp_path: Path, files: dict[str, list[str]], url: str
) -> tuple[dict[str, list[dict[str, Any]]], list[tuple[str, int | None, str]]]:
    """Files (name: lines) registered on the backend of ``url``: its tables and problems,
    checked to be those of in-process DuckDB, the reference."""
    found = []
    for engine, at in (("reference", None), ("backend", url)):
        folder = tmp_path / engine / "data" / "finance"
        folder.mkdir(parents=True)
        for name, lines in files.items():
            (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
        rows, problems = _register(tmp_path / engine, url=at)
        found.append((rows, _said(problems)))
    assert found[1] == found[0]
    return found[1]


def test_levelset_files_become_typed_tables(tmp_path: Path, backend_url: str) -> None:
    rows, _ = _register(tmp_path, "acme", backend_url)
    invoices = {r["invoice"]: r for r in rows["invoices"]}
    assert set(invoices) == {"INV-1001", "INV-1002", "INV-1003", "INV-1008"}
    first = invoices["INV-1001"]
    assert (first["customer"], first["issued"], first["due"]) == (
        "c-north",
        date(2026, 1, 5),
        date(2026, 2, 4),
    )
    assert (first["amount"], first["cogs"]) == (12000.0, 7000.0)
    # By name, with thousands separators; a decimal comma; MM/DD/YYYY.
    assert (invoices["INV-1002"]["customer"], invoices["INV-1002"]["amount"]) == ("c-contoso", 4500)
    assert invoices["INV-1008"]["amount"] == 1234.5
    assert invoices["INV-1008"]["issued"] == date(2026, 3, 12)
    assert invoices["INV-1003"]["cogs"] is None  # not given: see [finance] gross_margin
    customers = {r["customer"]: r for r in rows["customers"]}
    assert customers["c-contoso"]["terms_days"] == 45
    assert customers["c-fabrikam"]["terms_days"] is None
    assert customers["c-tailspin"]["terms_days"] is None  # unreadable terms: kept, reported
    assert customers["c-north"]["file"] == "data/finance/customers.csv"
    assert customers["c-north"]["row"] == 2
    assert {(r["invoice"], r["amount"]) for r in rows["payments"]} == {
        ("INV-1001", 12000.0),
        ("INV-1002", 2000.0),
    }
    assert {(r["customer"], r["invoice"], r["amount"], r["kind"]) for r in rows["credits"]} == {
        ("c-contoso", "INV-1002", 500.0, "credit"),
        ("c-fabrikam", None, 300.0, "write-off"),
    }
    assert {(r["customer"], r["driver"], r["count"]) for r in rows["driver_counts"]} == {
        ("c-north", "order", 120.0),
        ("c-north", "rush order", 14.0),
        ("c-contoso", "delivery", 30.0),
    }
    vendors = {r["vendor"]: r for r in rows["vendors"]}
    assert (vendors["v-01"]["spend"], vendors["v-03"]["name"]) == (18000.0, "v-03")
    pipeline = {r["opportunity"]: r for r in rows["pipeline"]}
    assert set(pipeline) == {"OPP-1", "OPP-2"}
    assert (pipeline["OPP-2"]["prospect"], pipeline["OPP-2"]["probability"]) == ("Initech", 0.25)
    assert pipeline["OPP-1"]["customer"] == "c-north"
    forecast = {r["period"]: r for r in rows["forecast"]}
    assert (forecast["2026-Q4"]["start"], forecast["2026-Q4"]["end"]) == (
        date(2026, 10, 1),
        date(2026, 12, 31),
    )


def test_each_unusable_row_is_a_problem_at_its_line(tmp_path: Path, backend_url: str) -> None:
    _, problems = _register(tmp_path, "acme", backend_url)
    said = _said(problems)
    assert ("invoices.csv", 5, "amount 'abc' is not a number") in said
    assert ("invoices.csv", 6, "unknown customer 'Globex'") in said
    assert ("invoices.csv", 7, "issued '2026-02-30' does not exist") in said
    assert (
        "invoices.csv",
        8,
        "invoice 'INV-1001' is listed more than once; the first row is used",
    ) in said
    assert ("invoices.csv", 9, "invoice 'INV-1007' is due before it was issued") in said
    assert ("payments.csv", 4, "unknown invoice 'INV-9999'") in said
    assert ("payments.csv", 5, "paid 'yesterday' is not a date") in said
    assert ("credits.csv", 4, "kind 'refund' is not credit or write-off") in said
    assert ("customers.csv", 5, "terms 'net sixty' are not a number of days") in said
    assert ("driver_counts.csv", 5, "unknown cost driver 'returns'") in said
    assert ("forecast.csv", 4, "period 'next year' is not a period") in said
    assert len(said) == 13
    assert all(p.hint for p in problems)


def test_quickbooks_and_xero_exports_become_invoices_and_credits(
    tmp_path: Path, backend_url: str
) -> None:
    rows, problems = _register(tmp_path, "exports", backend_url)
    invoices = {r["invoice"]: r for r in rows["invoices"]}
    # QuickBooks: title lines, headings, totals, a payment row and the footer passed over.
    assert invoices["1043"]["customer"] == "Harbor Design Co"
    assert invoices["1043"]["issued"] == date(2025, 11, 11)
    assert invoices["1051"]["amount"] == 2500.0
    # Xero: a row per line, the invoice once; DD/MM/YYYY; the draft left out.
    assert invoices["INV-0212"]["amount"] == 3600.0
    assert invoices["INV-0212"]["issued"] == date(2026, 7, 15)
    assert set(invoices) == {"1043", "1051", "INV-0212", "INV-0219"}
    assert {(r["customer"], r["amount"], r["kind"]) for r in rows["credits"]} == {
        ("Harbor Design Co", 100.0, "credit"),
        ("Kestrel Print", 40.0, "credit"),
        ("Orchard PR", 120.0, "credit"),
    }
    # Without a customers file the customers are the names the invoices and credit
    # notes use (Kestrel Print has only a credit memo).
    assert {r["customer"] for r in rows["customers"]} == {
        "Harbor Design Co",
        "Beacon Media",
        "Kestrel Print",
        "Fable Creative",
        "Orchard PR",
    }
    assert _said(problems) == [
        ("quickbooks_ar_aging_detail.csv", 13, "due '13/45/2026' does not exist")
    ]
    # The open balances: QuickBooks' Open balance, Xero's InvoiceAmountDue (once).
    assert {n: r["balance"] for n, r in invoices.items()} == {
        "1043": 800.0,
        "1051": 2500.0,
        "INV-0212": 3600.0,
        "INV-0219": 1150.0,
    }


def test_quickbooks_open_invoices_take_the_customer_of_the_heading_above(
    tmp_path: Path, backend_url: str
) -> None:
    rows, problems = _register(tmp_path, "open_invoices", backend_url)
    # Headings, totals, the blank lines and the footer are not problems.
    assert problems == []
    assert {(r["invoice"], r["customer"], r["amount"], r["balance"]) for r in rows["invoices"]} == {
        ("1021", "Amy's Bird Sanctuary", 1459.0, 239.0),
        ("1034", "Amy's Bird Sanctuary", 1200.0, 1200.0),
        # A sub-customer's rows take its own heading; after its total, the parent's again.
        ("1036", "0969 Ocean View Road", 477.5, 477.5),
        ("1027", "Freeman Sporting Goods", 880.0, 880.0),
        ("1040", "Cool Cars", 2369.52, 1369.52),
    }
    assert [(r["customer"], r["amount"], r["kind"]) for r in rows["credits"]] == [
        ("Cool Cars", 100.0, "credit")
    ]
    assert {(r["customer"], r["row"]) for r in rows["customers"]} == {
        ("Amy's Bird Sanctuary", 7),
        ("0969 Ocean View Road", 12),
        ("Freeman Sporting Goods", 14),
        ("Cool Cars", 17),
    }


# A QuickBooks report grouped by customer, its header on line 1 (title lines taken off).
HEADED = [
    ",Date,Transaction type,Num,Name,Due date,Amount,Open balance",
    ",03/08/2026,Invoice,1001,,04/07/2026,100.00,100.00",  # no heading above
    "Acme,,,,,,,",
    ",03/09/2026,Invoice,1002,,04/08/2026,200.00,abc",
    ",03/10/2026,Invoice,1003,,04/09/2026,300.00,-5.00",
    ",03/10/2026,Invoice,1007,,04/09/2026,300.00,",  # no balance given: none
    "Total for Acme,,,,,,900.00,",
    ",03/11/2026,Invoice,1004,,04/10/2026,50.00,50.00",  # after the group's total
    "Current,,,,,,,",
    ",03/12/2026,Invoice,1005,,04/11/2026,60.00,60.00",  # an aging bucket is no customer
    ",03/13/2026,Invoice,1006,Beta,04/12/2026,70.00,70.00",
    'TOTAL,,,,,,"1,080.00",',
]


def test_a_row_with_no_customer_heading_above_is_a_problem_at_its_row(
    tmp_path: Path, backend_url: str
) -> None:
    rows, said = _registered_as_on_duckdb(tmp_path, {"open_invoices.csv": HEADED}, backend_url)
    assert {(r["invoice"], r["customer"], r["balance"]) for r in rows["invoices"]} == {
        ("1007", "Acme", None),
        ("1006", "Beta", 70.0),
    }
    heading = "names no customer, and no customer heading is above it"
    assert said == [
        ("open_invoices.csv", 2, f"invoice '1001' {heading}"),
        ("open_invoices.csv", 4, "balance 'abc' is not a number"),
        ("open_invoices.csv", 5, "negative balance '-5.00'"),
        ("open_invoices.csv", 8, f"invoice '1004' {heading}"),
        ("open_invoices.csv", 10, f"invoice '1005' {heading}"),
    ]


def test_a_workbook_grouped_by_customer_takes_the_heading_above(
    tmp_path: Path, backend_url: str
) -> None:
    folder = tmp_path / "data" / "finance"
    folder.mkdir(parents=True)
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Open Invoices"
    for row in ([None, "Open Invoices"], [], *csv.reader(HEADED)):
        sheet.append([cell or None for cell in row])
    book.save(folder / "open_invoices.xlsx")
    rows, problems = _register(tmp_path, url=backend_url)
    assert {(r["invoice"], r["customer"]) for r in rows["invoices"]} == {
        ("1007", "Acme"),
        ("1006", "Beta"),
    }
    # The sheet's rows: the header is on row 3, two below the file's line 1.
    assert [(line, message.split(":")[0]) for _, line, message in _said(problems)] == [
        (4, "sheet 'Open Invoices'"),
        (6, "sheet 'Open Invoices'"),
        (7, "sheet 'Open Invoices'"),
        (10, "sheet 'Open Invoices'"),
        (12, "sheet 'Open Invoices'"),
    ]
    assert "no customer heading" in problems[0].message


def test_workbook_and_parquet_rows_point_at_their_rows(tmp_path: Path, backend_url: str) -> None:
    folder = tmp_path / "data" / "finance"
    folder.mkdir(parents=True)
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Invoices"
    sheet.append(["invoice", "customer", "issued", "due", "amount"])
    sheet.append(["I-1", "Acme", date(2026, 1, 5), date(2026, 2, 4), 1200.5])
    sheet.append(["I-2", "Acme", "soon", date(2026, 2, 4), 10])
    book.save(folder / "books.xlsx")
    payments = pa.table(
        {"invoice": ["I-1", "I-3"], "paid": [date(2026, 2, 1)] * 2, "amount": [1200.5, 3.0]}
    )
    pq.write_table(payments, folder / "payments.parquet")
    rows, problems = _register(tmp_path, url=backend_url)
    assert [(r["invoice"], r["amount"]) for r in rows["invoices"]] == [("I-1", 1200.5)]
    assert [(r["invoice"], r["paid"]) for r in rows["payments"]] == [("I-1", date(2026, 2, 1))]
    assert _said(problems) == [
        ("books.xlsx", 3, "sheet 'Invoices': issued 'soon' is not a date"),
        ("payments.parquet", 2, "row 2: unknown invoice 'I-3'"),
    ]


def test_many_rows_like_it_are_grouped(tmp_path: Path, backend_url: str) -> None:
    folder = tmp_path / "data" / "finance"
    folder.mkdir(parents=True)
    lines = ["invoice,customer,issued,due,amount"]
    lines += [f"I-{n},Acme,2026-01-0{1 + n % 9},2026-02-01,x{n % 12}" for n in range(40)]
    (folder / "invoices.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    _, problems = _register(tmp_path, url=backend_url)
    messages = [p.message for p in problems]
    assert len(messages) == 11
    assert messages[0] == "amount 'x0' is not a number (and 3 more rows like it)"
    assert "amount: 2 other values like 'x10' (not a number) (and 5 more rows like it)" in messages


def test_the_same_tables_as_on_in_process_duckdb(tmp_path: Path, backend_url: str) -> None:
    for fixture in ("acme", "exports", "open_invoices"):
        reference = _register(tmp_path / f"reference-{fixture}", fixture)
        found = _register(tmp_path / f"backend-{fixture}", fixture, backend_url)
        assert found[0] == reference[0]
        assert _said(found[1]) == _said(reference[1])


def test_spaces_around_values_are_trimmed_on_every_backend(
    tmp_path: Path, backend_url: str
) -> None:
    # The engine reads ISO dates and plain numbers as it copies the text, the other
    # spellings in Python: both must see the values without the spaces around them.
    lines = [
        "invoice,customer,issued,due,amount",
        ' I-1 ,Acme,2026-01-05 , 2026-02-04,"\t1500 "',
        'I-2,\tAcme\t, 01/15/2026,2026-02-14,"$1,250.50 "',
        'I-3,Acme,2026-01-20,2026-02-19,"\t12,5"',
        "I-4, ,2026-01-20,2026-02-19,10",
    ]
    rows, said = _registered_as_on_duckdb(tmp_path, {"invoices.csv": lines}, backend_url)
    assert {(r["invoice"], r["customer"], r["issued"], r["amount"]) for r in rows["invoices"]} == {
        ("I-1", "Acme", date(2026, 1, 5), 1500.0),
        ("I-2", "Acme", date(2026, 1, 15), 1250.5),
        ("I-3", "Acme", date(2026, 1, 20), 12.5),
    }
    assert said == [("invoices.csv", 5, "no customer")]


def test_files_read_without_row_numbers_are_numbered_when_a_row_has_a_fault(
    tmp_path: Path, backend_url: str
) -> None:
    # Large files are first read without numbering their rows; a file with a faulty row
    # is read again, numbered, and the clean files are left as they were. The table is
    # the same as if every file had been numbered: the first of a repeated invoice is
    # the one in the first file.
    files = {
        "customers.csv": ["customer,name", "c1,One"],
        "invoices.csv": [
            "invoice,customer,issued,due,amount",
            "I1,c1,2026-01-01,2026-01-31,100",
            "I2,c1,2026-01-02,2026-02-01,200",
        ],
        "invoices_late.csv": [
            "invoice,customer,issued,due,amount",
            "I3,c1,2026-01-03,2026-02-02,300",
            "I1,c1,2026-01-04,2026-02-03,999",
        ],
        "payments.csv": [
            "invoice,paid,amount",
            "I1,2026-01-10,100",
            "I9,2026-01-11,50",
            "I2,2026-01-12,abc",
        ],
    }
    folder = tmp_path / "data" / "finance"
    folder.mkdir(parents=True)
    for name, lines in files.items():
        (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    rows, problems = _register(tmp_path, url=backend_url)
    assert {(r["invoice"], r["amount"]) for r in rows["invoices"]} == {
        ("I1", 100.0),
        ("I2", 200.0),
        ("I3", 300.0),
    }
    assert [(r["invoice"], r["amount"]) for r in rows["payments"]] == [("I1", 100.0)]
    assert _said(problems) == [
        (
            "invoices_late.csv",
            3,
            "invoice 'I1' is listed more than once; the first row is used",
        ),
        ("payments.csv", 3, "unknown invoice 'I9'"),
        ("payments.csv", 4, "amount 'abc' is not a number"),
    ]


# Spellings of dates and amounts: the typed read must take a subset of what the usual
# readers take, with the same values; every other file is read the usual way.
DATES = ["2026-01-05", "2026-1-5", " 2026-01-05", "2026-01-05 ", '"\t2026-01-05 "',
         "26-01-05", "0026-01-05", "0999-01-01", "0000-01-01", "2026-02-30",
         "2026-01-05T10:00", "2026-01-05 10:00", "2026/01/05", "01/05/2026", "2026-01-005",
         "+2026-01-05", "5 Jan 2026", '""', "  "]  # fmt: skip
AMOUNTS = ["1500", "1500.50", " 1500 ", "1e3", "1E-2", ".5", "5.", "+5", "-0", "-5", "00012",
           "nan", "inf", "-Infinity", "1e400", "1e-400", "1_000", "+-1", '"$1,200"', "(100)",
           '"1.234,56"', '"12,5"', '"1,500.00"', "0x10", '""', "  ", "abc", "٣"]  # fmt: skip


def _spellings(folder: Path) -> dict[str, str]:
    """A clean invoices file, and a payments file per spelling: file name -> spelling."""
    folder.mkdir(parents=True)
    (folder / "customers.csv").write_text("customer,name\nc1,One\n", encoding="utf-8")
    (folder / "invoices.csv").write_text(
        "invoice,customer,issued,due,amount,cogs\n"
        "I1,c1,2026-01-01,2026-01-31,100.5,40\nI2,c1,2026-01-02,2026-02-01,200,\n",
        encoding="utf-8",
    )
    files = {"payments_crlf.csv": "2026-01-05"}  # lines ending in CR LF
    (folder / "payments_crlf.csv").write_bytes(
        b"invoice,paid,amount\r\nI1,2026-01-05,10\r\nI2,2026-01-09,20.5\r\n"
    )
    for n, text in enumerate(DATES):
        files[f"payments_d{n:02}.csv"] = text
        (folder / f"payments_d{n:02}.csv").write_text(
            f"invoice,paid,amount\nI1,{text},10\nI2,2026-01-09,20\n", encoding="utf-8"
        )
    for n, text in enumerate(AMOUNTS):
        files[f"payments_a{n:02}.csv"] = text
        (folder / f"payments_a{n:02}.csv").write_text(
            f"invoice,paid,amount\nI2,2026-01-09,20\nI1,2026-01-10,{text}\n", encoding="utf-8"
        )
    return files


def _without_typed_reads(monkeypatch: Any) -> None:
    monkeypatch.setattr(Scan, "_read_typed", lambda self, index, source: None)


def _typed_files(monkeypatch: Any) -> list[str]:
    """The files read typed from now on, as the list returned fills."""
    typed: list[str] = []
    scan = Scan._read_typed

    def spy(run: Any, index: int, source: Any) -> Any:
        found = scan(run, index, source)
        if found is not None:
            typed.append(Path(source.path).name)
        return found

    monkeypatch.setattr(Scan, "_read_typed", spy)
    return typed


def _reads_typed(url: str, folder: Path) -> bool:
    """Whether the backend of ``url`` takes the typed fast path: it reads files in place
    and has a typed read (``Engine.typed_csv`` is not ``None``)."""
    folder.mkdir(parents=True)
    (folder / "probe.csv").write_text("n\n1\n", encoding="utf-8")
    engine = open_engine(url)
    try:
        typed = engine.typed_csv("probe", folder / "probe.csv", (), ("n",))
        return engine.reads_in_place and typed is not None
    finally:
        engine.close()


def test_typed_reads_give_the_tables_and_problems_of_the_usual_reads(
    tmp_path: Path, monkeypatch: Any, backend_url: str
) -> None:
    files = _spellings(tmp_path / "typed" / "data" / "finance")
    _spellings(tmp_path / "usual" / "data" / "finance")
    typed = _typed_files(monkeypatch)
    fast = _register(tmp_path / "typed", url=backend_url)
    _without_typed_reads(monkeypatch)
    usual = _register(tmp_path / "usual", url=backend_url)
    assert fast[0] == usual[0]
    assert _said(fast[1]) == _said(usual[1])
    if not _reads_typed(backend_url, tmp_path / "probe"):
        assert typed == []  # no typed read: every file is read the usual way
        return
    # The plain spellings were read typed; those DuckDB reads otherwise were not.
    taken = {files[name] for name in typed if name in files}
    assert {"2026-01-05", "2026-1-5", " 2026-01-05", "1e3", ".5", "+5", "1500"} <= taken
    assert not taken & {"26-01-05", "0000-01-01", "nan", "inf", "1e400", "1_000", "+-1"}
    assert "invoices.csv" in typed


def test_duckdb_only_reads_typed(tmp_path: Path) -> None:
    # The fast path is DuckDB's, so the test above holds DuckDB to what it reads typed;
    # on a backend without it (PostgreSQL) it checks that every file is read the usual way.
    assert _reads_typed("duckdb://", tmp_path / "probe")


def test_a_bad_value_reads_its_file_the_usual_way(
    tmp_path: Path, monkeypatch: Any, backend_url: str
) -> None:
    reads_typed = _reads_typed(backend_url, tmp_path / "probe")
    lines = ["invoice,customer,issued,due,amount", "I1,c1,2026-01-05,2026-02-04,1500"]
    for case, bad in (("clean", ""), ("bad", "I2,c1,2026-01-05,2026-02-04,1_500")):
        for way in ("typed", "usual"):
            folder = tmp_path / case / way / "data" / "finance"
            folder.mkdir(parents=True)
            (folder / "customers.csv").write_text("customer,name\nc1,One\n", encoding="utf-8")
            text = "\n".join([*lines, bad] if bad else lines) + "\n"
            (folder / "invoices.csv").write_text(text, encoding="utf-8")
        typed = _typed_files(monkeypatch)
        fast = _register(tmp_path / case / "typed", url=backend_url)
        _without_typed_reads(monkeypatch)
        usual = _register(tmp_path / case / "usual", url=backend_url)
        monkeypatch.undo()
        assert fast[0] == usual[0]
        assert _said(fast[1]) == _said(usual[1])
        assert typed == ([] if bad or not reads_typed else ["invoices.csv"])
    assert _said(usual[1]) == [("invoices.csv", 3, "amount '1_500' is not a number")]


def test_typed_reads_give_the_tables_of_every_backend(
    tmp_path: Path, monkeypatch: Any, backend_url: str
) -> None:
    # In-process DuckDB, the reference, reads typed; each backend must give its tables.
    _spellings(tmp_path / "reference" / "data" / "finance")
    _spellings(tmp_path / "backend" / "data" / "finance")
    typed = _typed_files(monkeypatch)
    reference = _register(tmp_path / "reference")
    assert "invoices.csv" in typed
    found = _register(tmp_path / "backend", url=backend_url)
    assert found[0] == reference[0]
    assert _said(found[1]) == _said(reference[1])


def test_a_customer_is_named_by_its_id_before_any_case_or_name(
    tmp_path: Path, backend_url: str
) -> None:
    customers = ["customer,name", "ACME,Acme Corp", "acme,Acme Ltd", "beta,Beta Inc"]
    invoices = [
        "invoice,customer,issued,due,amount",
        "I1,acme,2026-01-05,2026-02-04,100",  # an id as it is written: that customer
        "I2,Acme,2026-01-06,2026-02-05,200",  # an id in another case: the first listed
        "I3,beta inc,2026-01-07,2026-02-06,300",  # a name, in any case
    ]
    files = {"customers.csv": customers, "invoices.csv": invoices}
    rows, said = _registered_as_on_duckdb(tmp_path, files, backend_url)
    assert said == []
    assert {r["invoice"]: r["customer"] for r in rows["invoices"]} == {
        "I1": "acme",
        "I2": "ACME",
        "I3": "beta",
    }
