"""The one scan of each time file: its rows grouped by the raw keys and the week.

A file is grouped by the raw text of the columns that matter (who, which day, how many
hours, which work, which customer), with the number of rows and the sums; the distinct
texts of each key come with it, to be read in Python (``time_values`` and
``time_resolution``). Plain decimal hours and, where the engine casts safely, ISO dates
are read in the scan itself.

Where the engine may (``Engine.hashes_keys``: DuckDB), the scan groups by 64-bit hashes
of the raw keys rather than by their text (a hash table of millions of groups with five
text keys is what takes the memory and the time), and gathers each key's distinct texts
with their hashes in the same pass (grouping sets). Two texts with one hash in a file
would merge their rows: the texts fetched tell (``time_values.KeyTexts.collide``), and
the caller then scans by text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb
import ibis
import ibis.expr.datatypes as dt
import ibis.expr.types as ir

from levelset.engine.backends import ROW, Engine, sql_name
from levelset.engine.events.cube import IN_MEMORY_ROWS
from levelset.engine.events.time_layout import KEY_ROLES, PARTS, fold, layout
from levelset.engine.events.time_problems import engine_error_problem
from levelset.engine.reading import csv_header, csv_text, file_stamp, sheet_text
from levelset.model import Problem
from levelset.model.events import TimeSource

# What a file the engine cannot read raises: DuckDB's reader, the OS, and the backend's
# driver (``Engine.data_errors``). Anything else is a fault of levelset's and is not
# dressed up as a problem of the file.
_UNREADABLE: tuple[type[Exception], ...] = (
    duckdb.InvalidInputException,
    duckdb.IOException,
    OSError,
    UnicodeError,
)


def _damaged(source: TimeSource, error: Exception) -> bool:
    """Whether ``error`` says the Parquet file is damaged inside (a page header DuckDB
    cannot decode raises its bare ``duckdb.Error``, "TProtocolException: Invalid data"):
    a fault of the file, told at the file, not the engine's catch-all."""
    return source.container == "parquet" and type(error) is duckdb.Error


# Hours written as a plain decimal (``1``, ``1.5``, `` 2.25 ``) are read in the scan; any
# other spelling (``1,5``, ``1:30``, ``-2``, ``abc``) keeps its text for ``read_hours``.
# The pattern accepts a subset of what ``read_hours`` reads, so both agree on the value.
_PLAIN_HOURS = r"^ *[0-9]+(\.[0-9]+)? *$"
#: A CSV file of at most this many bytes has at most ``IN_MEMORY_ROWS`` rows (a row
#: names a person, a day and hours: two separators and a line break at least), so its
#: groups are kept as a table in the engine's memory, not stashed: writing a small
#: result to Parquet and reading it back costs more than the memory it saves.
SMALL_CSV_BYTES = 3 * IN_MEMORY_ROWS


@dataclass(frozen=True)
class FileScan:
    """One file scanned: its groups and the texts their keys stand for.

    ``groups`` has ``file``, the raw keys (``who``, ``work``, ``customer``, ``day``,
    ``raw_hours``: their hashes, or the texts themselves when not ``hashed``), ``week``
    and the sums. ``texts`` has ``file``, ``part`` (which key), ``key`` and ``text``: a
    row for each distinct text of each key (``NULL`` for a date or hours value the scan
    read itself).
    """

    groups: ir.Table
    texts: ir.Table


def scan_file(
    engine: Engine,
    source: TimeSource,
    window: tuple[date, date] | None,
    max_hours: float,
    problems: list[Problem],
    *,
    hashed: bool,
    numbered: bool = False,
) -> FileScan | None:
    """The file grouped by its raw keys (by their hashes when ``hashed``: only where
    ``Engine.hashes_keys``) and the texts of the keys; ``None`` (and a problem) when the
    engine cannot read the file.

    ``numbered`` adds each group's first row (``first_row``, else ``NULL``): it costs an
    engine that reads files in place a read of the whole file in order, so only files
    with problems are numbered.
    """
    unreadable = (*_UNREADABLE, *engine.data_errors())
    try:
        if source.container == "parquet":
            table = engine.parquet_table(source.path, numbered=numbered)
        elif source.container == "xlsx":  # a Toggl, Clockify or Harvest workbook
            table = engine.arrow_table("time_sheet", sheet_text(source.path, ROW))
        elif source.delimiter != ",":  # a spreadsheet's ``;`` CSV: read in Python
            table = engine.arrow_table("time_text", csv_text(source.path, source.delimiter, ROW))
        else:
            table = engine.csv_table(source.path, csv_header(source.path), numbered=numbered)
        keyed = _keyed(engine, table, source, window, max_hours)
        small = is_small(source)
        with_row = ROW in table.columns
        if hashed:
            stored = _hashed_groups(engine, keyed, with_row=with_row, window=window, small=small)
        else:
            grouped = _text_groups(keyed, with_row=with_row, window=window)
            keep = engine.materialize if small else engine.stash
            stored = keep("time_grouped", grouped)
    except Exception as error:
        if not (isinstance(error, unreadable) or _damaged(source, error)):
            raise  # a fault of levelset's: the engine's catch-all says so
        engine.recover()
        problems.append(engine_error_problem(source, str(error)))
        return None
    # A file without a customer column gets a blank one after grouping (a constant costs
    # nothing there), so that every file's table has the same columns for the union.
    key_type = "uint64" if hashed else "string"
    file = ibis.literal(source.file, type="string")
    blank = ibis.null(key_type) if hashed else ibis.literal("", type="string")
    groups = stored.filter(stored.part == "") if hashed else stored
    groups = groups.select(
        file=file,
        who=groups.who,
        work=groups.work,
        customer=groups.customer if "customer" in groups.columns else blank,
        week=groups.week,
        day=groups.day,
        raw_hours=groups.raw_hours,
        rows=groups.rows,
        first_row=_or_null(groups, "first_row", "int64"),
        counted=groups.counted,
        hours_in=groups.hours_in,
        first=_or_null(groups, "first", "date"),
        last=_or_null(groups, "last", "date"),
    )
    parts = [part for part in PARTS if part in stored.columns]
    if hashed:
        named = stored.filter(stored.part != "")
        texts = named.select(file=file, part=named.part, key=named.key, text=named.text)
    else:
        texts = ibis.union(
            *(
                stored.select(
                    file=file, part=ibis.literal(part), key=stored[part], text=stored[part]
                ).distinct()
                for part in parts
            )
        )
    return FileScan(groups, texts)


def is_small(source: TimeSource) -> bool:
    """Whether ``source`` is a CSV file of at most ``SMALL_CSV_BYTES`` (at most
    ``IN_MEMORY_ROWS`` rows); ``False`` when it cannot be read."""
    if source.container != "csv":
        return False
    try:
        return file_stamp(source.path)[0] <= SMALL_CSV_BYTES
    except (OSError, ValueError):  # ValueError: pyarrow cannot take the URL
        return False


def _or_null(table: ir.Table, name: str, kind: str) -> ir.Value:
    """A column the scan may have left out (see ``_text_groups``), else ``NULL``."""
    return table[name] if name in table.columns else ibis.null(kind)


def _keyed(
    engine: Engine,
    table: ir.Table,
    source: TimeSource,
    window: tuple[date, date] | None,
    max_hours: float,
) -> ir.Table:
    """The scan's rows, each with its raw keys and what the scan read of it.

    Plain decimal hours and (on DuckDB) ISO dates are read here, so that a file of
    millions of rows is grouped straight into weeks. A date or an hours value written
    any other way keeps its text (``day``, ``raw_hours``) to be read once per distinct
    value in Python; such rows are grouped by that text. Rows are counted twice: all of
    them (``rows``, for problems) and those that count (``counted``: inside the window,
    with positive hours or hours left to Python).
    """

    def text(role: str) -> ir.StringValue:
        column: ir.StringValue = table[source.columns[role]]
        return column.fill_null("")

    keys: dict[str, ir.Value] = {
        key: text(role) for key, role in KEY_ROLES.items() if role in source.columns
    }
    if "description" in source.columns:
        # The description names the work only when nothing else does (time_label), so
        # it is kept only then: free text would otherwise split every group.
        description = text("description")
        if "activity" in source.columns:
            # Looked at only where there is a description: trimming every activity
            # cost a scan of a file without descriptions a third of its reading.
            blank = engine.trim(text("activity")) == ""
            note = ibis.ifelse(blank, description, "")
            keys["note"] = ibis.ifelse(description == "", description, note)
        else:
            keys["note"] = description
    raw_day = keys.pop("day")
    person_keys, work_keys = layout(source)
    blank_text = ibis.literal("", type="string")
    keys = {
        "who": fold([keys.get(k, blank_text) for k in person_keys]),
        "work": fold([keys.get(k, blank_text) for k in work_keys]),
        **({"customer": keys["customer"]} if "customer" in keys else {}),
    }
    hours_text = text("hours" if "hours" in source.columns else "duration")
    dte, value = _read_in_scan(engine, raw_day, hours_text)
    # Three steps, each naming what the next reads, so that every cast is evaluated
    # once a row (Ibis would repeat an expression at each use).
    read = table.select(
        **keys,
        raw_day=raw_day,
        hours_text=hours_text,
        dte=dte,
        value=value,
        row=table[ROW] if ROW in table.columns else ibis.null("int64"),
    )
    inside = ibis.literal(True) if window is None else read.dte.between(*window)
    judged = read.select(
        *keys,
        "raw_day",
        "hours_text",
        "dte",
        "row",
        hours=ibis.ifelse(
            (read.value >= 0) & (read.value <= max_hours), read.value, ibis.null("float64")
        ),
        inside=read.dte.isnull() | inside,
    )
    return judged.select(
        *keys,
        "dte",
        "hours",
        "inside",
        "row",
        # DuckDB and PostgreSQL truncate a date to a timestamp; Ibis types it a date and
        # would leave out a cast to date, so the cast goes through a timestamp.
        week=judged.dte.truncate("W").cast("timestamp").cast("date"),
        day=ibis.ifelse(judged.dte.isnull(), judged.raw_day, ibis.null("string")),
        raw_hours=ibis.ifelse(judged.hours.isnull(), judged.hours_text, ibis.null("string")),
        # The rows that count: inside the window with positive hours, or with hours to be
        # read in Python (a group shares its hours text, so the value is the group's).
        counted=judged.inside & (judged.hours.isnull() | (judged.hours > 0)),
    )


def _text_groups(keyed: ir.Table, *, with_row: bool, window: tuple[date, date] | None) -> ir.Table:
    """``keyed`` grouped by the texts of its raw keys and the week.

    As few sums as the rest needs: the hash table of millions of groups is what takes
    the memory. The first row only in a numbered scan, the first and last days only
    when the window is to be found from the data.
    """
    sums: dict[str, ir.Value] = {
        "rows": keyed.count(),
        "counted": keyed.count(where=keyed.counted),
        "hours_in": keyed.hours.sum(where=keyed.inside),
    }
    if with_row:
        sums["first_row"] = keyed.row.min()
    if window is None:
        sums["first"] = keyed.dte.min(where=keyed.counted)
        sums["last"] = keyed.dte.max(where=keyed.counted)
    parts = [part for part in PARTS if part in keyed.columns]
    return keyed.group_by([*parts, "week"]).aggregate(**sums)


@ibis.udf.scalar.builtin(name="hash")  # type: ignore[untyped-decorator]
def _hash(value: str) -> dt.uint64:
    """DuckDB's 64-bit hash of a value."""


def _hashed_groups(
    engine: Engine,
    keyed: ir.Table,
    *,
    with_row: bool,
    window: tuple[date, date] | None,
    small: bool,
) -> ir.Table:
    """``keyed`` grouped by the hashes of its raw keys and the week, kept out of
    DuckDB's memory (``Engine.stash``) unless ``small``: the groups have ``part`` blank;
    and, from the same pass, a row for each distinct text of each key, with ``part``
    naming the key, its ``key`` (hash) and ``text``.

    Grouping sets, which Ibis does not write, make both in one read of the file.
    """
    parts = [part for part in PARTS if part in keyed.columns]
    hashes = {
        f"{part}_k": ibis.ifelse(keyed[part].isnull(), ibis.null("uint64"), _hash(keyed[part]))
        for part in parts
    }
    rows = keyed.select(*parts, "week", "dte", "hours", "inside", "counted", "row", **hashes)
    q = sql_name
    sums = [
        f"count(*) AS {q('rows')}",
        f"count(*) FILTER (WHERE {q('counted')}) AS {q('counted')}",
        f"sum({q('hours')}) FILTER (WHERE {q('inside')}) AS {q('hours_in')}",
    ]
    if with_row:
        sums.append(f"min({q('row')}) AS {q('first_row')}")
    if window is None:
        sums += [
            f"min({q('dte')}) FILTER (WHERE {q('counted')}) AS {q('first')}",
            f"max({q('dte')}) FILTER (WHERE {q('counted')}) AS {q('last')}",
        ]
    keys = [q(f"{part}_k") for part in parts]
    texts = [q(part) for part in parts]
    sets = [f"({', '.join([*keys, q('week')])})"] + [
        f"({key}, {text})" for key, text in zip(keys, texts, strict=True)
    ]
    which = " ".join(
        f"WHEN GROUPING({text}) = 0 THEN '{part}'" for part, text in zip(parts, texts, strict=True)
    )
    columns = [
        f"CASE WHEN GROUPING({q('week')}) = 0 THEN '' {which} END AS {q('part')}",
        *(f"{key} AS {text}" for key, text in zip(keys, texts, strict=True)),
        q("week"),
        f"coalesce({', '.join(keys)}) AS {q('key')}",
        f"coalesce({', '.join(texts)}) AS {q('text')}",
        *sums,
    ]
    inner = engine.sql(rows)
    sql = (
        f"SELECT {', '.join(columns)} FROM ({inner}) AS scan "
        f"GROUP BY GROUPING SETS ({', '.join(sets)})"
    )
    keep = engine.materialize_sql if small else engine.stash_sql
    return keep("time_grouped", sql)


def _read_in_scan(
    engine: Engine, day: ir.StringValue, hours: ir.StringValue
) -> tuple[ir.DateValue, ir.FloatingValue]:
    """The date and hours the scan reads itself, ``NULL`` for those left to Python.

    What is read here is a subset of what ``DateReader`` and ``read_hours`` accept, with
    the same value, so the result does not depend on the backend: where the engine
    casts safely (DuckDB), dates written ``YYYY-MM-DD`` and numbers its TRY_CAST reads
    (but for digit separators, which DuckDB accepts and Python does not); elsewhere
    (PostgreSQL, which has no TRY_CAST) plain decimals only, and every date in Python.
    """
    if engine.casts_safely:
        # ``____-__-__`` and a first digit of 1 to 9 (year 0 and BC are not dates here)
        iso = day.like("____-__-__") & (day >= "1") & (day < ":")
        dte = ibis.ifelse(iso, day.try_cast("date"), ibis.null("date"))
        value = ibis.ifelse(hours.contains("_"), ibis.null("float64"), hours.try_cast("float64"))
        return dte, value
    plain = hours.re_search(_PLAIN_HOURS)
    return ibis.null("date"), ibis.ifelse(plain, hours.cast("float64"), ibis.null("float64"))
