"""Finance sources as text tables on the engine: the first step of a registration.

Each source becomes a table of its roles as trimmed text, with ``src`` (its index in the
list of sources) and ``row`` (the line a problem points at). CSV files with the header
on their first line and Parquet files are read in place by the engine; QuickBooks
reports (whose group headings name the customer of the rows below them) and workbook
sheets are read in Python and loaded in bulk.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import ibis
import ibis.expr.types as ir
import pyarrow as pa

from levelset.engine.backends import ROW, Engine
from levelset.engine.finance.tables import NUMBER_ROLES
from levelset.engine.reading import csv_header, open_text, workbook_input
from levelset.model.finance import FinanceFormat, FinanceSource, cell_text

# A QuickBooks report's group total (``Total for Acme``, ``TOTAL``) and aging buckets.
_TOTAL = re.compile(r"total(?:\s+for\s+(?P<name>.+))?", re.IGNORECASE)
_BUCKET = re.compile(r"current|.*\bpast\s+due|not\s+(?:yet\s+)?due", re.IGNORECASE)
# Numbers read apart from the amounts (a probability: ``0,4`` or ``40%``).
_SHARES = ("probability", "terms_days")
# A number of a decimal-comma file: thousands grouped by dots, a comma before the
# fraction, with what may stand around it (a sign, a currency, parentheses) kept.
_EUROPEAN = re.compile(
    r"(?P<before>[^\d,.]*)(?P<whole>\d{1,3}(?:\.\d{3})+|\d+)(?:,(?P<fraction>\d+))?"
    r"(?P<after>[^\d,.]*)"
)


def read_source(
    engine: Engine,
    index: int,
    source: FinanceSource,
    roles: Sequence[str],
    *,
    numbered: bool = True,
) -> ir.Table:
    """The source's ``roles`` as trimmed text (``""`` when absent) with ``src`` and ``row``.

    ``row`` is what a problem's line shows: the line of a CSV file, the row of a sheet,
    the data row of a Parquet file. Numbering the rows of a file the engine reads in
    place makes DuckDB read it whole, in order, on one thread: ``numbered=False`` leaves
    ``row`` NULL there (the rows read in Python, and on PostgreSQL, are numbered anyway).
    """
    names = dict(source.columns)
    if source.container == "parquet":
        table = engine.parquet_table(source.path, numbered=numbered)
        row = _row(table, 0)
    elif in_place(source):
        table = engine.csv_table(source.path, csv_header(source.path), numbered=numbered)
        row = _row(table, 1)
    else:
        stem = "fin_sheet" if source.container == "xlsx" else "fin_report"
        table = engine.arrow_table(stem, _python_rows(source))
        row = table["row"].cast("int64")
        names = {role: role for role in source.columns}  # named by role when read
    blank = ibis.literal("", type="string")
    text = {
        role: engine.trim(table[names[role]].cast("string").fill_null(""))
        if role in names
        else blank
        for role in roles
    }
    return table.select(src=ibis.literal(index, type="int64"), row=row, **text)


def _row(table: ir.Table, offset: int) -> ir.IntegerValue:
    """The line a problem shows (the data row plus ``offset``), NULL when not numbered."""
    if ROW not in table.columns:
        return ibis.null("int64")
    number: ir.IntegerValue = table[ROW].cast("int64") + offset
    return number


def in_place(source: FinanceSource) -> bool:
    """Whether the engine reads ``source`` in place (a Parquet file, or a CSV file whose
    first line is a header of named columns, not a QuickBooks report); the others are
    read in Python.

    A QuickBooks report is read row by row even with its title lines taken off: a
    report grouped by customer names the customer only in the heading above its rows.
    """
    if source.container == "parquet":
        return True
    if source.container != "csv" or source.header_line != 1 or source.delimiter != ",":
        return False
    if source.format is FinanceFormat.QUICKBOOKS:
        return False
    return all(name.strip() for name in csv_header(source.path))


def _python_rows(source: FinanceSource) -> pa.Table:
    """A report with title lines, or a sheet, read in Python: the mapped columns only."""
    roles = list(source.columns)
    columns: dict[str, list[Any]] = {role: [] for role in roles}
    lines: list[int] = []
    records = _records(source)
    header = next(records, (0, []))[1]
    positions = {name: i for i, name in reversed(list(enumerate(header)))}
    indices = [positions.get(source.columns[role], -1) for role in roles]
    if source.format is FinanceFormat.QUICKBOOKS and "customer" in source.columns:
        records = headed_customers(records, header, positions[source.columns["customer"]])
    # A file of a decimal comma (``;``-separated) has its numbers made plain here, once
    # for the whole file: ``1.234,56`` is 1234.56 there, never 1,234.56 or 1.23456.
    comma = source.delimiter == ";" and source.container == "csv"
    numeric = {*NUMBER_ROLES.get(source.kind, ()), *_SHARES} if comma else set()
    for line, cells in records:
        lines.append(line)
        for role, index in zip(roles, indices, strict=True):
            cell = cells[index] if 0 <= index < len(cells) else ""
            columns[role].append(decimal_comma(cell) if role in numeric else cell)
    schema = pa.schema([(role, pa.string()) for role in roles] + [("row", pa.int64())])
    return pa.table({**columns, "row": lines}, schema=schema)


def headed_customers(
    records: Iterable[tuple[int, list[str]]], header: Sequence[str], column: int
) -> Iterator[tuple[int, list[str]]]:
    """``records`` (a QuickBooks report's rows below its header), each row whose customer
    ``column`` is blank given the customer of the heading above it.

    A report grouped by customer (*Open Invoices*) names each customer once, in a row
    of its own (a single cell, in the unnamed first column or the customer column),
    above its invoices, and closes the group with ``Total for <customer>``; a
    sub-customer's group sits inside its parent's, and its rows take the innermost name.
    Headings of aging buckets (``Current``, ``31 - 60 days past due``) name no customer,
    and ``TOTAL`` closes every group. A row with a blank customer and no customer
    heading above it keeps its blank customer (a problem, at its row, in ``billing``).
    Totals (``TOTAL``, ``Total for ...``) and a lone text that names no group (the
    footer's ``Accrual Basis Tuesday, ...``) are report structure and left out, in
    whichever column an ungrouped report (*Invoice List*) puts them.
    """
    labels = {i for i, name in enumerate(header) if not name.strip()} | {column}
    groups: list[tuple[str, bool]] = []  # the open headings, outermost first: name, customer?
    for line, cells in records:
        filled = [(i, cell) for i, cell in enumerate(cells) if cell]
        if not filled:
            yield line, cells
            continue
        total = _TOTAL.fullmatch(filled[0][1])
        closed = total.group("name") if total else None
        names = [name for name, _ in groups]
        if total and (len(filled) > 1 or closed is None or closed in names):
            if closed is None:
                groups.clear()
            elif closed in names:
                del groups[len(names) - 1 - names[::-1].index(closed) :]
            continue  # a total is report structure, wherever its label stands
        elif len(filled) == 1 and filled[0][0] in labels:
            heading = filled[0][1]
            groups.append((heading, not _BUCKET.fullmatch(heading)))
        elif len(filled) == 1 and not filled[0][1][:1].isdigit():
            continue  # the footer's timestamp ("Accrual Basis Tuesday, ..."): no invoice
        elif column >= len(cells) or not cells[column]:
            customer = next((name for name, named in reversed(groups) if named), "")
            padded = [*cells, *[""] * (column + 1 - len(cells))]
            padded[column] = customer
            yield line, padded
            continue
        yield line, cells


def decimal_comma(text: str) -> str:
    """A number written with a decimal comma (``1.234,56``, ``-12,5``, ``€ 1.234``) as
    the engine reads numbers (``1234.56``); other text as it is."""
    found = _EUROPEAN.fullmatch(text)
    if found is None:
        return text
    whole, fraction = found.group("whole").replace(".", ""), found.group("fraction")
    number = whole + (f".{fraction}" if fraction else "")
    return f"{found.group('before')}{number}{found.group('after')}"


def _records(source: FinanceSource) -> Iterator[tuple[int, list[str]]]:
    """The header, then (line, cells) for each row below it."""
    if source.container == "xlsx":
        yield from _sheet_records(source)
        return
    with open_text(source.path, "utf-8-sig") as stream:
        reader = csv.reader(stream, strict=True, delimiter=source.delimiter)
        start = 1
        for cells in reader:
            if start >= source.header_line:
                yield start, [c.strip() for c in cells]
            start = reader.line_num + 1


def _sheet_records(source: FinanceSource) -> Iterator[tuple[int, list[str]]]:
    import openpyxl  # noqa: PLC0415 - a heavy import, only for workbooks

    book = openpyxl.load_workbook(workbook_input(source.path), read_only=True, data_only=True)
    try:
        sheet = book[source.sheet or book.sheetnames[0]]
        rows = sheet.iter_rows(min_row=source.header_line, values_only=True)
        for number, row in enumerate(rows, start=source.header_line):
            yield number, [cell_text(value) for value in row]
    finally:
        book.close()
