"""The exports users really have (issue 14): the CSV a European Excel saves (``;``
between columns, decimal commas, with or without a byte-order mark) is read, time and
finance files alike, to the same figures and findings as the same data in commas."""

from __future__ import annotations

import csv
import dataclasses
import re
import shutil
from datetime import datetime, time
from pathlib import Path
from typing import Any

from levelset.engine.finance.files import decimal_comma
from levelset.load.dialect import delimiter_of
from levelset.service import Session

ROOT = Path(__file__).resolve().parents[2]
_DECIMAL = re.compile(r"-?\d+\.\d+")


def _european(path: Path, *, bom: bool) -> None:
    """Save ``path`` again as a European Excel does: ``;`` and decimal commas."""
    with path.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream))
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as out:
        writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
        for row in rows:
            writer.writerow([c.replace(".", ",") if _DECIMAL.fullmatch(c) else c for c in row])


def _rounded(value: Any) -> Any:
    """Figures to the micro-unit: sums read in another order differ in their last bits."""
    if isinstance(value, float):
        return round(value, 6)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return tuple(_rounded(getattr(value, f.name)) for f in dataclasses.fields(value))
    if isinstance(value, tuple | list):
        return tuple(_rounded(v) for v in value)
    return value


def test_a_european_excel_csv_reads_to_the_same_report(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    shutil.copytree(ROOT / "examples" / "acme", plain)
    european = tmp_path / "european"
    shutil.copytree(plain, european)
    files = sorted((european / "data").glob("*/*.csv"))
    for number, path in enumerate(files):
        _european(path, bom=number % 2 == 0)
    assert ";" in (european / "data" / "finance" / "invoices.csv").read_text(encoding="utf-8")
    with Session(plain) as session:
        expected = session.check()
    with Session(european) as session:
        found = session.check()
    assert found.problems == expected.problems
    assert [(f.code, f.subject, f.message) for f in found.findings] == [
        (f.code, f.subject, f.message) for f in expected.findings
    ]
    assert _rounded(found.finance) == _rounded(expected.finance)
    assert found.allocation is not None
    assert expected.allocation is not None
    assert found.allocation.time_entries == expected.allocation.time_entries > 0
    assert found.allocation.rows == expected.allocation.rows


def test_the_delimiter_is_recognised_from_the_header_once_per_file() -> None:
    assert delimiter_of(["Datum;Stunden;Tätigkeit"]) == ";"
    assert delimiter_of(["person,date,hours"]) == ","
    assert delimiter_of(["Acme Distribution", "", "Datum;Betrag"]) == ";"  # title lines
    assert delimiter_of(['"Kunde, Name";Betrag;Datum']) == ";"


def test_decimal_commas_are_read_for_the_whole_file() -> None:
    assert decimal_comma("1.234,56") == "1234.56"
    assert decimal_comma("-12,5") == "-12.5"
    assert decimal_comma("€ 1.234") == "€ 1234"
    assert decimal_comma("(250,00)") == "(250.00)"
    assert decimal_comma("1,500") == "1.500"  # one and a half, in such a file
    assert decimal_comma("n/a") == "n/a"


def test_day_first_dates_in_a_toggl_export_are_one_problem_with_the_fix(tmp_path: Path) -> None:
    root = tmp_path / "acme"
    shutil.copytree(ROOT / "examples" / "acme", root)
    toggl = root / "data" / "time" / "brightline-toggl.csv"
    with toggl.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream))
    columns = [rows[0].index("Start date"), rows[0].index("End date")]
    for row in rows[1:]:
        for at in columns:
            year, month, day = row[at].split("-")
            row[at] = f"{day}/{month}/{year}"  # Toggl's DD/MM/YYYY date format
    with toggl.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(rows)
    with Session(root) as session:
        problems = [p for p in session.check().problems if p.location.file.endswith(toggl.name)]
    (problem,) = problems
    assert problem.location.line == 2
    assert problem.message.startswith(
        "data/time/brightline-toggl.csv writes its dates day first (like '13/07/2026')"
    )
    assert "entries with such dates were left out" in problem.message
    assert "Date format" in problem.hint


def _workbook(path: Path) -> None:
    """Save a time export's CSV as the XLSX its tool offers: dates, numbers and clock
    times as typed cells, the rest as text; the CSV goes."""
    import openpyxl  # noqa: PLC0415 - only this test writes workbooks

    with path.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream))
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(rows[0])
    for row in rows[1:]:
        sheet.append([_typed(cell) for cell in row])
    book.save(path.with_suffix(".xlsx"))
    path.unlink()


def _typed(cell: str) -> object:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", cell):
        return datetime.fromisoformat(cell)
    if re.fullmatch(r"\d{2}:\d{2}:\d{2}", cell):
        return time.fromisoformat(cell)
    if re.fullmatch(r"-?\d+(\.\d+)?", cell):
        return float(cell)
    return cell


def test_xlsx_time_exports_read_like_their_csv(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    shutil.copytree(ROOT / "examples" / "acme", plain)
    books = tmp_path / "books"
    shutil.copytree(plain, books)
    for path in sorted((books / "data" / "time").glob("*.csv")):
        _workbook(path)
    assert len(list((books / "data" / "time").glob("*.xlsx"))) == 3
    with Session(plain) as session:
        expected = session.check()
    with Session(books) as session:
        found = session.check()
    assert found.problems == expected.problems
    assert found.allocation is not None
    assert expected.allocation is not None
    assert found.allocation.time_entries == expected.allocation.time_entries > 0
    assert found.allocation.rows == expected.allocation.rows
    assert [f.message for f in found.findings] == [f.message for f in expected.findings]
