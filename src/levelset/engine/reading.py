"""Reading the values of data files in Python, the same for every pipeline: a CSV
file's header, hours, dates.

A file of millions of rows names a few hundred distinct days and amounts; each is read
here once (the events and the finance pipelines alike), rather than in the engine where
each backend parses its own way.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, Any

import pyarrow as pa

from levelset.model.finance import cell_text
from levelset.model.storage import is_url, pyarrow_url

#: Where a data file is: a local path, or a storage URL as text (``model.storage``).
Where = str | Path

_BOM = "\ufeff"
_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ].*)?", re.DOTALL)
_LOCAL = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:[T ,].*)?", re.DOTALL)
_FLIPPED = {"mdy": "dmy", "dmy": "mdy"}
_DECIMAL = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
_DECIMAL_COMMA = re.compile(r"\d+,\d+")
_CLOCK = re.compile(r"(\d+):([0-5]?\d)(?::([0-5]?\d))?")


def open_data(path: Where) -> IO[bytes]:
    """A data file opened for reading: from the disk, or through ``pyarrow.fs`` when
    ``path`` is a storage URL (``s3a://`` read as pyarrow's ``s3://``)."""
    if isinstance(path, str) and is_url(path):
        system, inner = _filesystem(path)
        # buffered: pyarrow's file reads but is not iterable by lines
        return io.BufferedReader(system.open_input_file(inner))
    return Path(path).open("rb")


def open_text(path: Where, encoding: str = "utf-8") -> IO[str]:
    """A data file opened as text, lines as they are written (``newline=""``, for csv)."""
    return io.TextIOWrapper(open_data(path), encoding=encoding, newline="")


def file_stamp(path: Where) -> tuple[int, int]:
    """A data file's size and modification time (ns); ``OSError`` when it is not there
    (a storage URL's listing gives them, without reading the file)."""
    if isinstance(path, str) and is_url(path):
        from pyarrow import fs  # noqa: PLC0415 - only for a storage URL

        system, inner = _filesystem(path)
        info = system.get_file_info(inner)
        if info.type != fs.FileType.File:
            raise FileNotFoundError(path)
        return int(info.size or 0), int(info.mtime_ns or 0)
    status = Path(path).stat()
    return status.st_size, status.st_mtime_ns


def workbook_input(path: Where) -> Where | IO[bytes]:
    """What ``openpyxl.load_workbook`` is given: a local path itself (read without
    being held whole), a workbook from a storage URL read into memory."""
    if isinstance(path, str) and is_url(path):
        with open_data(path) as stream:
            return io.BytesIO(stream.read())
    return path


def _filesystem(url: str) -> tuple[Any, str]:
    from pyarrow import fs  # noqa: PLC0415 - only for a storage URL

    system, inner = fs.FileSystem.from_uri(pyarrow_url(url))
    return system, str(inner)


def csv_header(path: Where, delimiter: str = ",") -> list[str]:
    """The column names of a CSV file's first line, as the loader read them."""
    with open_text(path) as stream:
        line = stream.readline().removeprefix(_BOM)
    rows = list(csv.reader([line], delimiter=delimiter))
    return engine_names([name.strip() for name in rows[0]]) if rows else []


def engine_names(header: list[str]) -> list[str]:
    """The header with every column named once: a spreadsheet ends a header with an
    empty name (``a,b,``) and may repeat one, and an engine needs a name for each. An
    empty name becomes ``column3`` (its 1-based place), a repeated one ``name_2``; the
    first of each name, the one the loader maps roles to, is kept as written."""
    taken = set(header)
    named: list[str] = []
    seen: set[str] = set()
    for place, name in enumerate(header, start=1):
        candidate = name or f"column{place}"
        suffix = 2
        while candidate in seen or (candidate != name and candidate in taken):
            candidate = f"{name or f'column{place}'}_{suffix}"
            suffix += 1
        seen.add(candidate)
        named.append(candidate)
    return named


def sheet_text(path: Where, row: str) -> pa.Table:
    """A time export's workbook (its first sheet, the header in its first row) as text
    columns named by its header, each cell as its CSV would hold it, with ``row``."""
    import openpyxl  # noqa: PLC0415 - a heavy import, only for workbooks

    book = openpyxl.load_workbook(workbook_input(path), read_only=True, data_only=True)
    try:
        rows = book[book.sheetnames[0]].iter_rows(values_only=True)
        header = [cell_text(value) for value in next(rows, ())]
        while header and not header[-1]:
            header.pop()
        columns: list[list[str]] = [[] for _ in header]
        numbers: list[int] = []
        for number, cells in enumerate(rows, start=1):
            if not any(value is not None and cell_text(value) for value in cells):
                continue  # a blank row of the sheet
            numbers.append(number)
            for index, column in enumerate(columns):
                column.append(cell_text(cells[index]) if index < len(cells) else "")
    finally:
        book.close()
    arrays = [pa.array(column, type=pa.string()) for column in columns]
    return pa.Table.from_arrays([*arrays, pa.array(numbers, type=pa.int64())], [*header, row])


def csv_text(path: Where, delimiter: str, row: str) -> pa.Table:
    """A CSV file the engine's reader does not take (``;``-separated: a spreadsheet's
    CSV where the comma is the decimal separator) as text columns named by its header,
    with ``row``, the 1-based number of each data row, as the engine numbers them."""
    with open_text(path, "utf-8-sig") as stream:
        reader = csv.reader(stream, strict=True, delimiter=delimiter)
        header = [name.strip() for name in next(reader, [])]
        columns: list[list[str]] = [[] for _ in header]
        numbers: list[int] = []
        for number, cells in enumerate(reader, start=1):
            numbers.append(number)
            for index, column in enumerate(columns):
                column.append(cells[index] if index < len(cells) else "")
    arrays = [pa.array(column, type=pa.string()) for column in columns]
    return pa.Table.from_arrays([*arrays, pa.array(numbers, type=pa.int64())], [*header, row])


def read_hours(text: str, max_hours: float) -> tuple[float | None, str]:
    """The hours ``text`` stands for (``1.5``, ``1,5``, ``1:30``, ``01:30:00``) and ``""``,
    or what makes them unusable (the hours, when a number, are returned all the same)."""
    text = text.strip()
    if not text:
        return None, "no hours"
    if _DECIMAL.fullmatch(text) or _DECIMAL_COMMA.fullmatch(text):
        hours = float(text.replace(",", "."))
    elif found := _CLOCK.fullmatch(text):
        whole, minutes, seconds = found.groups()
        hours = int(whole) + int(minutes) / 60 + int(seconds or 0) / 3600
    else:
        return None, "hours not a number"
    if hours < 0:
        return hours, "negative hours"
    if hours > max_hours:
        return hours, "absurd hours"
    return hours, ""


@dataclass(frozen=True, slots=True)
class DateReader:
    """Reads the dates of one file: ISO everywhere, and ``MM/DD/YYYY`` or ``DD/MM/YYYY``
    when the file's format writes dates that way (``order`` is ``mdy`` or ``dmy``)."""

    order: str

    @classmethod
    def for_values(cls, values: Iterable[str], order: str) -> DateReader:
        """The reader for a file's dates: its format's order, unless the dates show the
        other one (``25/01/2026`` is not January's 25th in ``mdy``)."""
        other = _FLIPPED.get(order)
        if other is None:
            return cls(order)
        local = [v for v in values if _LOCAL.fullmatch(v)]
        if any(cls(order).read(v)[0] is None for v in local) and all(
            cls(other).read(v)[0] is not None for v in local
        ):
            return cls(other)
        return cls(order)

    def read(self, value: str) -> tuple[date | None, str]:
        """The date ``value`` stands for and ``""``, or ``None`` and what is wrong."""
        if not value:
            return None, "no date"
        if found := _ISO.fullmatch(value):
            year, month, day = found.groups()
        elif self.order in _FLIPPED and (found := _LOCAL.fullmatch(value)):
            first, second, year = found.groups()
            month, day = (first, second) if self.order == "mdy" else (second, first)
        else:
            return None, "not a date"
        try:
            return date(int(year), int(month), int(day)), ""
        except ValueError:
            return None, "impossible date"


_ERROR_LINE = re.compile(r"CSV Error on Line: (\d+)|, line (\d+)")


def error_line(path: Where, error: str) -> int | None:
    """The line of a CSV file a reading error is about: the one the engine's message
    names, else, for text that is not UTF-8, the first line holding such bytes."""
    found = _ERROR_LINE.search(error)
    if found:
        return int(next(g for g in found.groups() if g))
    folded = error.casefold()
    if "utf-8" in folded or "unicode" in folded or "invalid byte sequence" in folded:
        return first_line_not_utf8(path)
    return None


def first_line_not_utf8(path: Where) -> int | None:
    """The 1-based line of the first bytes that are not UTF-8, read line by line (a
    large file is never held whole); ``None`` when every line is UTF-8 or unreadable."""
    try:
        with open_data(path) as stream:
            for number, line in enumerate(stream, start=1):
                try:
                    line.decode("utf-8")
                except UnicodeDecodeError:
                    return number
    except OSError:
        return None
    return None
