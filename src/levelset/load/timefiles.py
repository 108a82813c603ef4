"""Time files in ``data/time/`` (or ``time/`` of the data folder ``[data] files`` names):
found, their header sniffed, their layout recognised.

Time entries can run to tens of millions of rows, so nothing here reads past the
header: a CSV file's first line (or a Parquet file's schema) says which tool wrote it,
and which column plays which role. The engine reads the rows in place.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import pyarrow.parquet as pq

from levelset.load.dialect import delimiter_of
from levelset.load.storage import Storage, StoredFile, storage_of, unreadable_file
from levelset.load.walk import WHOLE_FILE
from levelset.model import Location, Problem
from levelset.model.events import TimeFormat, TimeSource
from levelset.model.finance import cell_text

SUFFIXES = {".csv": "csv", ".parquet": "parquet", ".xlsx": "xlsx"}
_HEADER_BYTES = 1 << 16  # a header longer than this is not a time export
_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True, slots=True)
class Layout:
    """A format's columns: roles it needs (each met by one of several names) and may use.

    Names are compared without regard to case or surrounding spaces; the first name of a
    role found in the header is used.
    """

    format: TimeFormat
    required: dict[str, tuple[str, ...]]
    optional: dict[str, tuple[str, ...]]
    date_order: str = "ymd"

    def roles(self) -> dict[str, tuple[str, ...]]:
        """Every role of the layout, required first."""
        return {**self.required, **self.optional}


LAYOUTS = (
    Layout(
        TimeFormat.LEVELSET,
        required={"person_id": ("person",), "date": ("date",), "hours": ("hours",)},
        optional={
            "activity": ("activity",),
            "customer": ("customer",),
            "description": ("description",),
        },
    ),
    # Clockify before Toggl: both have "Start Date" (case aside); only Clockify has the
    # "Duration (decimal)" / "Duration (h)" pair, only Toggl a bare "Duration".
    Layout(
        TimeFormat.CLOCKIFY,
        required={
            "email": ("Email",),
            "name": ("User",),
            "date": ("Start Date",),
            "hours": ("Duration (decimal)", "Duration (h)"),
        },
        optional={
            "activity": ("Description",),
            "project": ("Project",),
            "task": ("Task",),
            "tags": ("Tags",),
            "customer": ("Client",),
        },
        date_order="mdy",
    ),
    Layout(
        TimeFormat.TOGGL,
        required={
            "email": ("Email",),
            "name": ("User", "Member"),
            "date": ("Start date",),
            "duration": ("Duration",),
        },
        optional={
            "activity": ("Description",),
            "project": ("Project",),
            "task": ("Task",),
            "tags": ("Tags",),
            "customer": ("Client",),
        },
    ),
    Layout(
        TimeFormat.HARVEST,
        required={
            "first_name": ("First Name",),
            "last_name": ("Last Name",),
            "date": ("Date",),
            "hours": ("Hours",),
        },
        optional={
            "activity": ("Notes",),
            "project": ("Project",),
            "task": ("Task",),
            "customer": ("Client",),
        },
    ),
)


def find_time_sources(
    root: Path, files: str | None = None
) -> tuple[list[TimeSource], list[Problem]]:
    """Every ``*.csv`` and ``*.parquet`` under the data folder's ``time/``, recognised by
    header. The data folder is ``root/data``, or what ``files`` (``[data] files``) names:
    a path or a storage URL (``storage.storage_of``).

    Files are taken in path order, folders below ``time/`` included. A file that
    cannot be read or whose header fits no format is a problem and is left out; other
    files in the folder are problems too (hidden files such as ``.DS_Store`` are not).
    """
    storage = storage_of(root, files)
    folder = storage.part("time")
    sources: list[TimeSource] = []
    problems: list[Problem] = []
    kind, unreadable = storage.kind(folder)
    if unreadable is not None:
        problems.append(unreadable)
    if kind in ("missing", "unreadable"):
        return sources, problems
    if kind != "folder":
        shown = storage.shown(folder)
        problems.append(
            _problem(
                shown,
                f"{shown} is a file, not a folder",
                f"make {shown} a folder and put time exports (.csv or .parquet) in it",
            )
        )
        return sources, problems
    found, problems = storage.files(folder)
    for file in found:
        container = SUFFIXES.get(file.suffix)
        if container is None:
            problems.append(_other_file(file.shown, file.suffix))
            continue
        sniffed = _sniff(storage, file, container)
        if isinstance(sniffed, Problem):
            problems.append(sniffed)
        else:
            sources.append(sniffed)
    return sources, problems


def recognise(header: list[str]) -> Layout | None:
    """The layout whose required columns the header has (``None`` when none fits)."""
    names = {_fold(name) for name in header}
    for layout in LAYOUTS:
        if all(any(_fold(n) in names for n in options) for options in layout.required.values()):
            return layout
    return None


def role_columns(layout: Layout, header: list[str]) -> dict[str, str]:
    """Each role of ``layout`` the header has, mapped to the column's name as written."""
    by_fold: dict[str, str] = {}
    for name in header:
        by_fold.setdefault(_fold(name), name)
    columns: dict[str, str] = {}
    for role, options in layout.roles().items():
        for option in options:
            if _fold(option) in by_fold:
                columns[role] = by_fold[_fold(option)]
                break
    return columns


# -- sniffing ------------------------------------------------------------------------


def _sniff(storage: Storage, stored: StoredFile, container: str) -> TimeSource | Problem:
    file = stored.shown
    if container == "csv":
        found = _csv_header(storage, stored)
    elif container == "xlsx":
        found = _xlsx_header(storage, stored)
    else:
        found = _parquet_header(storage, stored)
    if isinstance(found, Problem):
        return found
    header, delimiter = found
    duplicated = sorted({n for n in header if [_fold(h) for h in header].count(_fold(n)) > 1})
    if duplicated:
        return _problem(
            file,
            f"{file} names the column {duplicated[0]!r} more than once",
            "give each column of the header its own name",
            line=1,
        )
    layout = recognise(header)
    if layout is None:
        return _unrecognised(file, header, container)
    return TimeSource(
        path=stored.path,
        file=file,
        format=layout.format,
        container=container,
        columns=role_columns(layout, header),
        date_order=layout.date_order,
        delimiter=delimiter,
    )


def _csv_header(storage: Storage, stored: StoredFile) -> tuple[list[str], str] | Problem:
    """The header's column names and the file's delimiter (``dialect``)."""
    file = stored.shown
    try:
        head = storage.head(stored, _HEADER_BYTES)
    except OSError as error:
        return unreadable_file(stored, error, "check the file's permissions")
    head = head.removeprefix(_BOM)
    if not head.strip():
        return _problem(file, f"{file} is empty", "export the time entries again, or remove it")
    first = head.split(b"\n", 1)[0].rstrip(b"\r")
    if len(first) == len(head) and len(head) == _HEADER_BYTES:
        return _problem(
            file,
            f"{file} does not start with a header line",
            "the first line must name the columns (person,date,hours,...)",
            line=1,
        )
    try:
        text = first.decode("utf-8")
    except UnicodeDecodeError as error:
        return _problem(
            file,
            f"{file} is not UTF-8 text (byte {error.start} of the header)",
            "save or export the file with UTF-8 encoding",
            line=1,
        )
    delimiter = delimiter_of([text])
    try:
        rows = list(csv.reader([text], strict=True, delimiter=delimiter))
    except csv.Error as error:
        return _problem(
            file,
            f"{file} is a broken CSV file: its header cannot be read ({error})",
            "check the quotes in the first line",
            line=1,
        )
    return ([name.strip() for name in rows[0]] if rows else []), delimiter


def _xlsx_header(storage: Storage, stored: StoredFile) -> tuple[list[str], str] | Problem:
    """The first row of a workbook's first sheet: Toggl, Clockify and Harvest export
    XLSX with the columns of their CSV."""
    import openpyxl  # noqa: PLC0415 - a heavy import, only for workbooks

    file = stored.shown
    try:
        book = openpyxl.load_workbook(storage.workbook(stored), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on a damaged workbook
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        return _problem(
            file, f"{file} is not a readable workbook: {reason}", "export the time entries again"
        )
    try:
        sheet = book[book.sheetnames[0]]
        first = next(sheet.iter_rows(max_row=1, values_only=True), ())
    finally:
        book.close()
    header = [cell_text(value) for value in first]
    while header and not header[-1]:
        header.pop()  # the empty cells a sheet's first row may end with
    if not header:
        return _problem(file, f"{file} is empty", "export the time entries again, or remove it")
    return header, ","


def _parquet_header(storage: Storage, stored: StoredFile) -> tuple[list[str], str] | Problem:
    file = stored.shown
    try:
        with storage.open(stored) as stream:
            schema = pq.read_schema(stream)
    except OSError as error:
        reason = error.strerror or str(error).splitlines()[0]
        return _problem(file, f"cannot read {file}: {reason}", "check that it is a Parquet file")
    except Exception as error:  # pyarrow raises its own errors on a damaged file
        return _problem(
            file,
            f"{file} is not a readable Parquet file: {str(error).splitlines()[0]}",
            "export the time entries again as Parquet or CSV",
        )
    if not schema.names:
        return _problem(file, f"{file} is empty", "export the time entries again, or remove it")
    return list(schema.names), ","


# -- problems ------------------------------------------------------------------------


def _unrecognised(file: str, header: list[str], container: str) -> Problem:
    names = {_fold(name) for name in header}

    def missing(layout: Layout) -> list[str]:
        return [
            " or ".join(options)
            for options in layout.required.values()
            if not any(_fold(n) in names for n in options)
        ]

    fewest = min(len(missing(layout)) for layout in LAYOUTS)
    closest = [layout for layout in LAYOUTS if len(missing(layout)) == fewest]
    near = fewest < min(len(layout.required) for layout in closest)
    shown = ", ".join(header[:12]) + (", ..." if len(header) > 12 else "")
    if container == "csv" and len(header) == 1 and ";" in header[0]:
        hint = "levelset reads comma-separated files: export again with commas as separators"
    else:
        needs = "; ".join(
            f"a {layout.format.label} needs {', '.join(_first_names(layout))}"
            for layout in LAYOUTS
            if layout not in closest or not near
        )
        lacking = " or ".join(
            f"the {layout.format.label}, which lacks {', '.join(missing(layout))}"
            for layout in closest
        )
        hint = (
            f"closest is {lacking}; {needs}" if near else f"levelset reads these exports: {needs}"
        )
    return _problem(
        file,
        f"{file} is not a time export levelset knows: its columns are {shown}",
        hint,
        line=WHOLE_FILE,  # the header: the first row of a CSV or a sheet
    )


def _first_names(layout: Layout) -> list[str]:
    return [" or ".join(options) for options in layout.required.values()]


def _other_file(file: str, suffix: str) -> Problem:
    hint = "levelset reads .csv, .xlsx and .parquet files in data/time; move other files elsewhere"
    if suffix in {".xls", ".ods", ".tsv", ".txt"}:
        hint = (
            "export the time entries as CSV, XLSX or Parquet: levelset reads .csv, .xlsx "
            "and .parquet here"
        )
    what = f"a {suffix} file" if suffix else "a file without an extension"
    return _problem(file, f"{file} is not a time file: it is {what}", hint)


def _problem(file: str, message: str, hint: str, line: int = WHOLE_FILE) -> Problem:
    return Problem(Location(file, line), message, hint)


def _fold(name: str) -> str:
    return name.strip().casefold()
