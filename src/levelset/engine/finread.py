"""Finance sources as text tables on the engine, and the readers of their few distinct
values (dates, terms, periods, odd amounts) in Python.

Each source becomes a table of its roles as trimmed text, with ``src`` (its index in the
list of sources) and ``row`` (the line a problem points at). CSV files with the header
on their first line and Parquet files are read in place by the engine; QuickBooks
reports (whose group headings name the customer of the rows below them) and workbook
sheets are read in Python and loaded in bulk.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from typing import Any

import ibis
import ibis.expr.types as ir
import pyarrow as pa

from levelset.engine.connection import ROW, Engine
from levelset.engine.timekeys import DateReader, csv_header
from levelset.model import Location, Problem
from levelset.model.finance import FinanceFormat, FinanceSource, cell_text
from levelset.model.period import parse_period

_BATCH = 65_536
# What is read in the engine: a plain decimal, once currency signs, spaces, accounting
# parentheses and thousands commas are taken off. Anything else goes to read_amount.
PLAIN = r"^[-+]?[0-9]+(\.[0-9]+)?$"
_THOUSANDS = r"^[-+]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?$"
_SIGNS = r"[$€£¥\s]"
_EUROPEAN = re.compile(r"[-+]?\d{1,3}([. ]\d{3})*(,\d+)?")
_NUMBER = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?")
_TERMS = re.compile(r"(?:net|n)?\s*(\d{1,4})\s*(?:days?|d)?", re.IGNORECASE)
_ON_RECEIPT = {"due on receipt", "on receipt", "upon receipt", "cod", "immediate", "due now"}
# A QuickBooks report's group total (``Total for Acme``, ``TOTAL``) and aging buckets.
_TOTAL = re.compile(r"total(?:\s+for\s+(?P<name>.+))?", re.IGNORECASE)
_BUCKET = re.compile(r"current|.*\bpast\s+due|not\s+(?:yet\s+)?due", re.IGNORECASE)
_MONTH_FORMATS = ("%d %b %Y", "%d %B %Y", "%b %d, %Y", "%B %d, %Y", "%d-%b-%Y", "%d-%b-%y")
# The order a format writes local dates in, when not as YYYY-MM-DD.
DATE_ORDER = {
    FinanceFormat.LEVELSET: "mdy",
    FinanceFormat.QUICKBOOKS: "mdy",
    FinanceFormat.XERO: "dmy",
}


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
    if source.container != "csv" or source.header_line != 1:
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
    for line, cells in records:
        lines.append(line)
        for role, index in zip(roles, indices, strict=True):
            columns[role].append(cells[index] if 0 <= index < len(cells) else "")
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
    heading above it keeps its blank customer (a problem, at its row, in ``fintables``).
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
        elif len(filled) == 1 and filled[0][0] in labels:
            heading = filled[0][1]
            groups.append((heading, not _BUCKET.fullmatch(heading)))
        elif column >= len(cells) or not cells[column]:
            customer = next((name for name, named in reversed(groups) if named), "")
            padded = [*cells, *[""] * (column + 1 - len(cells))]
            padded[column] = customer
            yield line, padded
            continue
        yield line, cells


def _records(source: FinanceSource) -> Iterator[tuple[int, list[str]]]:
    """The header, then (line, cells) for each row below it."""
    if source.container == "xlsx":
        yield from _sheet_records(source)
        return
    with source.path.open(encoding="utf-8-sig", newline="") as stream:
        reader = csv.reader(stream, strict=True)
        start = 1
        for cells in reader:
            if start >= source.header_line:
                yield start, [c.strip() for c in cells]
            start = reader.line_num + 1


def _sheet_records(source: FinanceSource) -> Iterator[tuple[int, list[str]]]:
    import openpyxl  # noqa: PLC0415 - a heavy import, only for workbooks

    book = openpyxl.load_workbook(source.path, read_only=True, data_only=True)
    try:
        sheet = book[source.sheet or book.sheetnames[0]]
        rows = sheet.iter_rows(min_row=source.header_line, values_only=True)
        for number, row in enumerate(rows, start=source.header_line):
            yield number, [cell_text(value) for value in row]
    finally:
        book.close()


# -- amounts: read in the engine, odd spellings in Python --------------------------


def engine_amount(text: ir.StringValue) -> ir.FloatingValue:
    """The number ``text`` plainly holds (``1500``, ``$1,500.00``, ``(250.00)``), else NULL.

    Regex-guarded, so the same on DuckDB and PostgreSQL (which has no TRY_CAST). A plain
    decimal (nearly every value of a large file) is cast after a single regex test; the
    steps that take signs, parentheses and thousands commas off run only for the rest.
    """
    bare = text.re_replace(_SIGNS, "")
    negative = bare.re_search(r"^\(.*\)$")
    inner = bare.re_replace(r"[()]", "")
    plain = ibis.ifelse(inner.re_search(_THOUSANDS), inner.re_replace(",", ""), inner)
    value = ibis.ifelse(plain.re_search(PLAIN), plain, ibis.null("string")).cast("float64")
    spelled = ibis.ifelse(negative, -value, value)
    return ibis.ifelse(text.re_search(PLAIN), text.cast("float64"), spelled)


def engine_date(engine: Engine, text: ir.StringValue) -> ir.DateValue:
    """The date ``text`` holds when DuckDB reads it exactly as ``DateReader`` would
    (``YYYY-MM-DD``, year 1000 on), else NULL: those are read in Python.

    PostgreSQL has no TRY_CAST: there every date is read in Python (dates are few).
    """
    if engine.name != "duckdb":
        return ibis.null("date")
    iso = text.like("____-__-__") & (text >= "1") & (text < ":")
    return ibis.ifelse(iso, text.try_cast("date"), ibis.null("date"))


def read_amount(text: str) -> tuple[float | None, str]:
    """A number the engine did not read (``1.234,56``, ``12,5``, ``1e6``) and ``""``, or
    ``None`` and ``"not a number"``."""
    cleaned = re.sub(_SIGNS, "", text)
    negative = cleaned.startswith("(") and cleaned.endswith(")")
    cleaned = cleaned.strip("()")
    if _NUMBER.fullmatch(cleaned):
        value = float(cleaned)
    elif _EUROPEAN.fullmatch(cleaned) and ("," in cleaned or "." in cleaned):
        value = float(cleaned.replace(".", "").replace(" ", "").replace(",", "."))
    else:
        return None, "not a number"
    return (-value if negative else value), ""


# -- dates, terms and periods: few distinct values, read in Python ------------------


def date_reader(values: Iterable[str], order: str) -> Any:
    """A reader of one source's dates: ISO, its format's local order (or the other one
    when the dates show it), and month names (``15 Jul 2026``, ``Jul 15, 2026``)."""
    reader = DateReader.for_values(list(values), order)

    def read(value: str) -> tuple[date | None, str]:
        found, flaw = reader.read(value)
        if flaw != "not a date":
            return found, flaw
        for pattern in _MONTH_FORMATS:
            try:
                return datetime.strptime(value, pattern).date(), ""
            except ValueError:
                continue
        return None, flaw

    return read


def read_terms(text: str) -> tuple[int | None, str]:
    """Payment terms in days: ``30``, ``Net 30``, ``N30``, ``30 days``, ``Due on receipt``."""
    if not text:
        return None, ""
    if text.casefold() in _ON_RECEIPT:
        return 0, ""
    if found := _TERMS.fullmatch(text.strip()):
        return int(found.group(1)), ""
    if _NUMBER.fullmatch(text) and float(text).is_integer() and float(text) >= 0:
        return int(float(text)), ""
    return None, "bad terms"


def read_period(text: str) -> tuple[date | None, date | None, str]:
    """A forecast period's first and last day: ``2026``, ``2026-Q4``, ``2026-11``."""
    if not text:
        return None, None, "no period"
    try:
        period = parse_period(text)
    except ValueError:
        return None, None, "bad period"
    return period.start, period.end, ""


def dictionary(
    engine: Engine,
    stem: str,
    keys: Mapping[str, list[Any]],
    values: Mapping[str, tuple[pa.DataType, list[Any]]],
) -> ir.Table:
    """A small mapping table built in Python: text keys and what they were read as."""
    return engine.small_table(stem, {**{k: (pa.string(), c) for k, c in keys.items()}, **values})


# -- problems ----------------------------------------------------------------------

_VALUES_SHOWN = 10

WORDING: dict[str, tuple[str, str]] = {
    "empty": ("no {role}", "fill in the {role}"),
    "not a number": ("{role} {value!r} is not a number", "write amounts as 1500 or 1,500.00"),
    "negative": ("negative {role} {value!r}", "a {role} cannot be below zero: correct it"),
    "no date": ("no {role} date", "fill in the {role} date as YYYY-MM-DD"),
    "not a date": (
        "{role} {value!r} is not a date",
        "write dates as YYYY-MM-DD; MM/DD/YYYY, DD/MM/YYYY and 15 Jul 2026 are read too",
    ),
    "impossible date": ("{role} {value!r} does not exist", "correct the date"),
    "due before issued": (
        "invoice {value!r} is due before it was issued",
        "correct the issued or due date",
    ),
    "duplicate": (
        "{role} {value!r} is listed more than once; the first row is used",
        "give each {role} one row (remove the repeat or correct its {role})",
    ),
    "no heading": (
        "invoice {value!r} names no customer, and no customer heading is above it",
        "export the report grouped by customer (each customer's invoices under its name), "
        "or fill in the {role} column",
    ),
    "unknown customer": (
        "unknown customer {value!r}",
        "add the customer to the customers file (by id or name), or correct the name",
    ),
    "ambiguous customer": (
        "{value!r} names more than one customer",
        "write the customer's id instead of the name",
    ),
    "unknown invoice": (
        "unknown invoice {value!r}",
        "the invoice must be in an invoices file: add it, or correct the number",
    ),
    "unknown driver": (
        "unknown cost driver {value!r}",
        "add it to the drivers file with its cost_per_unit, or correct the name",
    ),
    "bad terms": ("terms {value!r} are not a number of days", "write terms as 30 or Net 30"),
    "bad kind": ("kind {value!r} is not credit or write-off", "write kind as credit or write-off"),
    "bad probability": (
        "probability {value!r} is not between 0 and 1 (or 0% and 100%)",
        "write the probability as 0.4 or 40%",
    ),
    "no period": ("no period", "fill in the period as 2026-11, 2026-Q4 or 2026"),
    "bad period": ("period {value!r} is not a period", "write 2026-11, 2026-Q4 or 2026"),
    "no customer or prospect": (
        "opportunity {value!r} names neither a customer nor a prospect",
        "fill in customer (an existing customer) or prospect (a new name)",
    ),
}


def problems_from_flaws(
    engine: Engine, flaws: ir.Table, sources: Sequence[FinanceSource]
) -> list[Problem]:
    """One problem per (source, flaw, role, value), the first ten values of a flaw in a
    source one by one and the rest together; counted in the engine, only those fetched.

    ``flaws`` has ``src``, ``row``, ``flaw``, ``role`` and ``value``.
    """
    counts = flaws.group_by(["src", "flaw", "role", "value"]).aggregate(
        first_row=flaws.row.min(), rows=flaws.count()
    )
    rank = ibis.row_number().over(group_by=["src", "flaw", "role"], order_by=["first_row", "value"])
    ranked = engine.materialize("fin_flaws", counts.mutate(rank=rank))
    shown = engine.rows(ranked.filter(ranked["rank"] < _VALUES_SHOWN))
    rest = ranked.filter(ranked["rank"] >= _VALUES_SHOWN)
    others = engine.rows(
        rest.group_by(["src", "flaw", "role"]).aggregate(
            values=rest.count(), rows=rest.rows.sum(), first_row=rest.first_row.min()
        )
    )
    firsts = {
        (r["src"], r["flaw"], r["role"]): r["value"]
        for r in engine.rows(ranked.filter(ranked["rank"] == _VALUES_SHOWN))
    }
    problems: list[Problem] = []
    for row in shown:
        message, hint = WORDING[row["flaw"]]
        what = message.format(role=row["role"], value=row["value"])
        hint = hint.format(role=row["role"])
        source = sources[row["src"]]
        problems.append(_at(source, int(row["first_row"]), what, int(row["rows"]), hint=hint))
    for row in others:
        hint = WORDING[row["flaw"]][1].format(role=row["role"])
        value = firsts.get((row["src"], row["flaw"], row["role"]), "")
        what = f"{row['role']}: {row['values']} other values like {value!r} ({row['flaw']})"
        source = sources[row["src"]]
        problems.append(_at(source, int(row["first_row"]), what, int(row["rows"]), hint=hint))
    problems.sort(key=lambda p: (p.location.file, p.location.line or 0, p.message))
    return problems


def _at(source: FinanceSource, row: int, what: str, rows: int, *, hint: str) -> Problem:
    more = rows - 1
    if more:
        what += f" (and {more} more {'row' if more == 1 else 'rows'} like it)"
    if source.container == "parquet":
        what = f"row {row}: {what}"
    elif source.container == "xlsx":
        what = f"sheet {source.sheet!r}: {what}"
    return Problem(Location(source.file, row), what, hint)


def unreadable(source: FinanceSource, error: Exception) -> Problem:
    """A source the engine (or the CSV or workbook reader) could not read at all."""
    reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    if len(reason) > 120:
        reason = reason[:117] + "..."
    where = f"sheet {source.sheet!r} of {source.file}" if source.sheet else source.file
    return Problem(
        Location(source.file),
        f"{where} cannot be read: {reason}; none of its rows were used",
        "look for a quote left open or a row with too many or too few columns, "
        "or export the file again",
    )
