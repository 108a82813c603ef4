"""Finance files in ``data/finance/`` (or ``finance/`` of the data folder ``[data] files``
names): found, their header sniffed, their kind recognised.

Invoices and payments can run to millions of rows, so nothing here reads past the
header: a CSV file's first lines, a Parquet file's schema or the top rows of each
worksheet of a workbook say what the file holds (customers, invoices, payments…) and
which column plays which role. The engine reads the rows.

Three layouts are recognised: levelset's own columns (one set per kind, see
docs/format.md), the QuickBooks Online invoice reports (*Invoice List*, *A/R Aging
Detail*, *Open Invoices*, exported with their title lines above the header) and the
Xero *Invoices* export (the sales invoice export and import template). The exports'
open balance (QuickBooks ``Open balance``, Xero ``InvoiceAmountDue``) is the role
``balance``: what is still owed on the invoice (see ``levelset.engine.ledger``).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyarrow.parquet as pq

from levelset.load.dialect import delimiter_of
from levelset.load.storage import Storage, StoredFile, storage_of, unreadable_file
from levelset.load.walk import WHOLE_FILE
from levelset.model import Location, Problem
from levelset.model.finance import FinanceFormat, FinanceKind, FinanceSource, cell_text

SUFFIXES = {".csv": "csv", ".parquet": "parquet", ".xlsx": "xlsx"}
TITLE_ROWS = 12  # rows a report may carry above its header (title, company, dates)
_HEADER_BYTES = 1 << 16
_BOM = b"\xef\xbb\xbf"
_FOLD = re.compile(r"[\s_*\-]+")


@dataclass(frozen=True, slots=True)
class Layout:
    """One kind of file in one format: the roles it needs and may use, and the names
    each role's column goes by (compared without case, spaces, ``_``, ``-`` or ``*``).

    ``words`` are what a file or sheet name of this kind contains: the tie-breaker
    when a header fits two kinds equally well.
    """

    kind: FinanceKind
    format: FinanceFormat
    required: dict[str, tuple[str, ...]]
    optional: dict[str, tuple[str, ...]]
    words: tuple[str, ...]

    def roles(self) -> dict[str, tuple[str, ...]]:
        """Every role, required first."""
        return {**self.required, **self.optional}

    @property
    def label(self) -> str:
        """How problems name the layout."""
        if self.format is FinanceFormat.QUICKBOOKS:
            return "a QuickBooks Online invoice report"
        if self.format is FinanceFormat.XERO:
            return "a Xero invoices export"
        return f"levelset's {self.kind.value} columns"


def _own(
    kind: FinanceKind, required: str, optional: str = "", words: tuple[str, ...] = ()
) -> Layout:
    def roles(text: str) -> dict[str, tuple[str, ...]]:
        return {name: (name,) for name in text.split()}

    return Layout(kind, FinanceFormat.LEVELSET, roles(required), roles(optional), words)


K = FinanceKind
LAYOUTS = (
    _own(K.CUSTOMERS, "customer name", "segment terms_days", ("customer", "client")),
    _own(K.INVOICES, "invoice customer issued due amount", "cogs", ("invoice", "sales")),
    _own(K.PAYMENTS, "invoice paid amount", words=("payment", "receipt")),
    _own(K.CREDITS, "customer date amount kind", "invoice", ("credit", "write")),
    _own(K.DRIVERS, "driver cost_per_unit", words=("driver", "rate")),
    _own(K.DRIVER_COUNTS, "customer driver count", words=("count", "activity", "usage")),
    _own(K.VENDORS, "vendor spend", "name category", ("vendor", "payable", "supplier")),
    _own(
        K.PIPELINE,
        "opportunity amount stage probability expected_close",
        "customer prospect",
        ("pipeline", "opportunit", "deal"),
    ),
    _own(K.FORECAST, "period amount", words=("forecast", "budget", "target")),
    # QuickBooks Online: the Invoice List, A/R Aging Detail and Open Invoices reports
    # (Reports > Export to CSV or Excel). The column names changed over the years.
    Layout(
        K.INVOICES,
        FinanceFormat.QUICKBOOKS,
        required={
            "issued": ("Date", "Transaction date", "Invoice date"),
            "invoice": ("Num", "No.", "Invoice no.", "Invoice number"),
            "customer": ("Customer", "Customer full name", "Customer name", "Name"),
            "due": ("Due date",),
            "amount": ("Amount", "Total", "Total amount"),
        },
        optional={
            "type": ("Transaction type", "Type"),
            "balance": ("Open balance", "Balance"),
        },
        words=("invoice", "aging", "receivable"),
    ),
    # Xero: Business > Invoices > Export (one row per invoice line, the invoice's
    # fields repeated on each), the same columns as Xero's sales invoice template.
    Layout(
        K.INVOICES,
        FinanceFormat.XERO,
        required={
            "customer": ("ContactName",),
            "invoice": ("InvoiceNumber",),
            "issued": ("InvoiceDate",),
            "due": ("DueDate",),
            "amount": ("Total",),
        },
        optional={
            "type": ("Type",),
            "status": ("Status",),
            "balance": ("InvoiceAmountDue", "AmountDue"),
        },
        words=("invoice", "sales"),
    ),
)


def find_finance_sources(
    root: Path, files: str | None = None
) -> tuple[list[FinanceSource], list[Problem]]:
    """Every CSV, Parquet and XLSX file under the data folder's ``finance/``, recognised
    by header. The data folder is ``root/data``, or what ``files`` (``[data] files``)
    names: a path or a storage URL (``storage.storage_of``).

    Files are taken in path order, subfolders included; each worksheet of a workbook
    is a source of its own. A file (or non-empty sheet) that cannot be read or whose
    header fits no layout is a problem and left out, as are other files (hidden files
    such as ``.DS_Store`` aside).
    """
    storage = storage_of(root, files)
    folder = storage.part("finance")
    sources: list[FinanceSource] = []
    problems: list[Problem] = []
    kind, unreadable = storage.kind(folder)
    if unreadable is not None:
        problems.append(unreadable)
    if kind in ("missing", "unreadable"):
        return sources, problems
    if kind != "folder":
        shown = storage.shown(folder)
        hint = f"make {shown} a folder and put finance files (.csv, .parquet, .xlsx) in it"
        problems.append(_problem(shown, f"{shown} is not a folder", hint))
        return sources, problems
    found, problems = storage.files(folder)
    for file in found:
        container = SUFFIXES.get(file.suffix)
        if container is None:
            problems.append(_other_file(file.shown, file.suffix))
        elif container == "xlsx":
            sheets, flaws = _sniff_workbook(storage, file)
            sources.extend(sheets)
            problems.extend(flaws)
        else:
            read = _csv_rows(storage, file) if container == "csv" else _parquet(storage, file)
            if isinstance(read, Problem):
                problems.append(read)
                continue
            header, delimiter = read
            result = _recognised(
                file, container, header, sheet=None, name=file.stem, delimiter=delimiter
            )
            if isinstance(result, Problem):
                problems.append(result)
            else:
                sources.append(result)
    return sources, problems


def recognise(header: list[str], name: str = "") -> Layout | list[Layout] | None:
    """The layout the header fits best; several when it fits more than one equally well
    and ``name`` (a file or sheet name) does not decide; ``None`` when it fits none."""
    names = {fold(n) for n in header if n.strip()}
    fitting = [
        layout
        for layout in LAYOUTS
        if all(any(fold(n) in names for n in opts) for opts in layout.required.values())
    ]
    if not fitting:
        return None
    most = max(len(layout.required) for layout in fitting)
    best = [layout for layout in fitting if len(layout.required) == most]
    if len(best) > 1:
        named = [layout for layout in best if any(w in fold(name) for w in layout.words)]
        best = named or best
    return best[0] if len({(b.kind, b.format) for b in best}) == 1 else best


def role_columns(layout: Layout, header: list[str]) -> dict[str, str]:
    """Each role of ``layout`` the header has, mapped to the column's name as written."""
    by_fold: dict[str, str] = {}
    for name in header:
        if name.strip():
            by_fold.setdefault(fold(name), name)
    columns: dict[str, str] = {}
    for role, options in layout.roles().items():
        for option in options:
            if fold(option) in by_fold:
                columns[role] = by_fold[fold(option)]
                break
    return columns


def fold(name: str) -> str:
    """A column name as compared: ``Due date``, ``due_date`` and ``*DueDate`` are one."""
    return _FOLD.sub("", name).casefold()


# -- sniffing ------------------------------------------------------------------------


def _recognised(
    stored: StoredFile,
    container: str,
    rows: list[list[str]],
    *,
    sheet: str | None,
    name: str,
    delimiter: str = ",",
) -> FinanceSource | Problem:
    """The source the first header-like row of ``rows`` makes, or why there is none."""
    file = stored.shown
    where = f"sheet {sheet!r} of {file}" if sheet else file
    for number, header in enumerate(rows[:TITLE_ROWS], start=1):
        found = recognise(header, name)
        if found is None:
            continue
        line = number if container != "parquet" else WHOLE_FILE  # a header problem
        if isinstance(found, list):
            kinds = " or ".join(f"{layout.kind.value}" for layout in found)
            return _problem(
                file,
                f"{where} could hold {kinds}: its header fits each",
                "name the file (or sheet) after what it holds, e.g. invoices.csv",
                line=line,
            )
        folded = [fold(n) for n in header if n.strip()]
        twice = sorted({n for n in header if n.strip() and folded.count(fold(n)) > 1})
        if twice:
            return _problem(
                file,
                f"{where} names the column {twice[0]!r} more than once",
                "give each column of the header its own name",
                line=line,
            )
        return FinanceSource(
            path=stored.path,
            file=file,
            kind=found.kind,
            format=found.format,
            container=container,
            columns=role_columns(found, header),
            sheet=sheet,
            header_line=number,
            delimiter=delimiter,
        )
    first = next((row for row in rows if any(c.strip() for c in row)), [])
    return _unrecognised(file, where, first, container)


def _csv_rows(storage: Storage, stored: StoredFile) -> tuple[list[list[str]], str] | Problem:
    """The first lines' cells, and the file's delimiter (``dialect``)."""
    file = stored.shown
    try:
        head = storage.head(stored, _HEADER_BYTES)
    except OSError as error:
        return unreadable_file(stored, error, "check its permissions")
    head = head.removeprefix(_BOM)
    if not head.strip():
        return _problem(file, f"{file} is empty", "export the file again, or remove it")
    lines = head.split(b"\n")
    if len(lines) == 1 and len(head) == _HEADER_BYTES:
        return _problem(
            file,
            f"{file} does not start with a header line",
            "the first line must name the columns",
            line=1,
        )
    if len(head) == _HEADER_BYTES:
        lines = lines[:-1]  # the last line read may be cut short
    try:
        text = [line.rstrip(b"\r").decode("utf-8") for line in lines[:TITLE_ROWS]]
    except UnicodeDecodeError:
        return _problem(
            file,
            f"{file} is not UTF-8 text",
            "save or export the file with UTF-8 encoding",
            line=1,
        )
    delimiter = delimiter_of(text)
    try:
        rows = [next(csv.reader([line], delimiter=delimiter), []) for line in text]
    except csv.Error as error:
        return _problem(
            file,
            f"{file} is a broken CSV file: its header cannot be read ({error})",
            "check the quotes in the first lines",
            line=1,
        )
    return [[cell.strip() for cell in row] for row in rows], delimiter


def _parquet(storage: Storage, stored: StoredFile) -> tuple[list[list[str]], str] | Problem:
    file = stored.shown
    try:
        with storage.open(stored) as stream:
            schema = pq.read_schema(stream)
    except Exception as error:  # pyarrow raises its own errors on a damaged file
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        return _problem(file, f"{file} is not a readable Parquet file: {reason}", "export it again")
    return [list(schema.names)], ","


def _sniff_workbook(
    storage: Storage, stored: StoredFile
) -> tuple[list[FinanceSource], list[Problem]]:
    import openpyxl  # noqa: PLC0415 - a heavy import, only for workbooks

    file = stored.shown
    try:
        book = openpyxl.load_workbook(storage.workbook(stored), read_only=True, data_only=True)
    except Exception as error:  # zipfile, XML and openpyxl errors on a damaged file
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        hint = "save it again from Excel as .xlsx (an .xls or .xlsb file must be converted)"
        return [], [_problem(file, f"{file} is not a readable XLSX workbook: {reason}", hint)]
    sources: list[FinanceSource] = []
    problems: list[Problem] = []
    try:
        for sheet in book.worksheets:
            rows = [
                [cell_text(value) for value in row]
                for row in sheet.iter_rows(max_row=TITLE_ROWS, values_only=True)
            ]
            if not any(cell for row in rows for cell in row):
                continue  # an empty sheet holds nothing to read
            name = f"{stored.stem} {sheet.title}"
            found = _recognised(stored, "xlsx", rows, sheet=sheet.title, name=name)
            if isinstance(found, Problem):
                problems.append(found)
            else:
                sources.append(found)
    finally:
        book.close()
    return sources, problems


# -- problems ------------------------------------------------------------------------


def _unrecognised(file: str, where: str, header: list[str], container: str) -> Problem:
    names = {fold(n) for n in header if n.strip()}

    def missing(layout: Layout) -> list[str]:
        return [
            " or ".join(opts)
            for opts in layout.required.values()
            if not any(fold(n) in names for n in opts)
        ]

    shown = ", ".join(header[:12]) + (", ..." if len(header) > 12 else "")
    if container == "csv" and len(header) == 1 and ";" in header[0]:
        hint = "levelset reads comma-separated files: export again with commas as separators"
    else:
        closest = min(LAYOUTS, key=lambda layout: len(missing(layout)) / len(layout.required))
        near = len(missing(closest)) < len(closest.required)
        expected = "; ".join(_expected(LAYOUTS))
        hint = f"levelset reads: {expected}"
        if near:
            hint = f"closest is {closest.label}, which lacks {', '.join(missing(closest))}; {hint}"
    return _problem(
        file,
        f"{where} is not a finance file levelset knows: its columns are {shown}",
        hint,
        line=WHOLE_FILE,  # the header: the first row of a CSV or a sheet
    )


def _expected(layouts: Iterable[Layout]) -> list[str]:
    out: list[str] = []
    for layout in layouts:
        needs = ", ".join(opts[0] for opts in layout.required.values())
        if layout.format is FinanceFormat.LEVELSET:
            out.append(f"{layout.kind.value} ({needs})")
        else:
            out.append(f"{layout.label} ({needs})")
    return out


def _other_file(file: str, suffix: str) -> Problem:
    hint = "levelset reads .csv, .parquet and .xlsx files in data/finance; move others away"
    if suffix in {".xls", ".xlsb", ".xlsm", ".ods", ".numbers"}:
        hint = "save the workbook as .xlsx (or each sheet as CSV): levelset reads .xlsx here"
    elif suffix in {".tsv", ".txt"}:
        hint = "export the data as CSV (comma-separated): levelset reads .csv here"
    what = f"a {suffix} file" if suffix else "a file without an extension"
    return _problem(file, f"{file} is not a finance file: it is {what}", hint)


def _problem(file: str, message: str, hint: str, line: int = WHOLE_FILE) -> Problem:
    return Problem(Location(file, line), message, hint)
