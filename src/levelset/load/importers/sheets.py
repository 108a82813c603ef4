"""A client's spreadsheet as rows: CSV or XLSX, the header found, each row's number kept.

Importers read small files (a roster of a few thousand people, a goals sheet), so the
whole sheet is read at once. Every row keeps the line (CSV) or row (XLSX) it came from,
so that a problem can point at it.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

__all__ = ["Row", "Sheet", "SheetError", "fold", "read_sheet"]

_SUFFIXES = (".csv", ".xlsx")
_LOOK_AHEAD = 10  # rows searched for the header


class SheetError(Exception):
    """The file cannot be read as a sheet at all (nothing of it is imported)."""


@dataclass(frozen=True)
class Row:
    """One row of data: its cells by column name, and where it stands in the file."""

    line: int
    cells: dict[str, str]

    def get(self, column: str | None) -> str:
        """The cell of ``column`` with surrounding spaces removed; empty when absent."""
        return "" if column is None else self.cells.get(column, "").strip()


@dataclass(frozen=True)
class Sheet:
    """A sheet's header (as written) and its rows; ``name`` is how problems name it."""

    name: str
    header: tuple[str, ...]
    rows: tuple[Row, ...]


def read_sheet(path: Path) -> Sheet:
    """Read a CSV (UTF-8, comma-separated) or XLSX file (its first sheet with a header)."""
    suffix = path.suffix.lower()
    if suffix not in _SUFFIXES:
        raise SheetError(f"{path.name} is not a .csv or .xlsx file: export the sheet as either")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SheetError(f"cannot read {path}: {error.strerror or error}") from error
    table = _csv_rows(data, path.name) if suffix == ".csv" else _xlsx_rows(data, path.name)
    if not any(cell.strip() for _, cells in table for cell in cells):
        raise SheetError(f"{path.name} is empty")
    # Exports put a title or a date above the header: the header is the first of the
    # first rows to name as many columns as the fullest of them.
    filled = [sum(bool(cell.strip()) for cell in cells) for _, cells in table[:_LOOK_AHEAD]]
    first = filled.index(max(filled))
    header = tuple(cell.strip() for cell in table[first][1])
    rows = []
    for line, cells in table[first + 1 :]:
        if not any(cell.strip() for cell in cells):
            continue
        rows.append(Row(line, dict(zip(header, cells, strict=False))))
    return Sheet(path.name, header, tuple(rows))


def fold(name: str) -> str:
    """A column name as compared: case, spaces and punctuation around it ignored."""
    return " ".join(name.replace("_", " ").split()).casefold()


def _csv_rows(data: bytes, name: str) -> list[tuple[int, list[str]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SheetError(f"{name} is not UTF-8 text: save or export it as UTF-8") from error
    reader = csv.reader(io.StringIO(text, newline=""))
    table = []
    try:
        for cells in reader:
            table.append((reader.line_num, cells))
    except csv.Error as error:
        raise SheetError(f"{name}:{reader.line_num}: broken CSV ({error})") from error
    return table


def _xlsx_rows(data: bytes, name: str) -> list[tuple[int, list[str]]]:
    import openpyxl  # noqa: PLC0415 - a heavy import, only for workbooks

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # zipfile, XML and openpyxl errors on a damaged file
        raise SheetError(f"{name} is not a readable .xlsx workbook ({error})") from error
    try:
        sheet = book.worksheets[0]
        return [
            (number, [_cell_text(value) for value in values])
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
        ]
    finally:
        book.close()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
