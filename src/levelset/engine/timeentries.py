"""Time entries: every time file read once, checked, and summed by person and ISO week.

Each file is scanned once, into a table grouped by the raw text of the columns that
matter (who, which day, how many hours, which work, which customer), with the number
of rows and the first of them. Everything else works on the *distinct* raw values (the
"distinct dictionary" trick): a file of millions of entries names a few hundred days,
people and hour amounts, so these are fetched, read in Python against the workspace,
loaded back as small mapping tables and joined. Every row that cannot be used is
counted into a problem that names its file and first line; nothing is dropped unsaid.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb
import ibis
import ibis.expr.types as ir
import psycopg
import pyarrow as pa

from levelset.engine.connection import ROW, Engine
from levelset.engine.cube import WEEKLY_SCHEMA, monday
from levelset.engine.timekeys import (
    DateReader,
    People,
    csv_header,
    engine_error_problem,
    problems_from_counts,
    read_hours,
)
from levelset.model import Problem, Workspace
from levelset.model.events import TimeSource
from levelset.model.matching import Matcher, split_tags, time_label

# The raw keys each file is grouped by, and the role (in TimeSource.columns) of each.
KEY_ROLES = {
    "pid": "person_id",
    "pemail": "email",
    "pname": "name",
    "pfirst": "first_name",
    "plast": "last_name",
    "day": "date",
    "activity": "activity",
    "project": "project",
    "task": "task",
    "tags": "tags",
    "customer": "customer",
}
PERSON_KEYS = ("pid", "pemail", "pname", "pfirst", "plast")
WORK_KEYS = ("activity", "project", "task", "tags", "note")
# What a file the engine cannot read raises: DuckDB's reader, PostgreSQL's COPY, the OS.
# Anything else is a fault of levelset's and is not dressed up as a problem of the file.
_UNREADABLE = (
    duckdb.InvalidInputException,
    duckdb.IOException,
    psycopg.DataError,
    OSError,
    UnicodeError,
)


@dataclass(frozen=True)
class TimeWeekly:
    """The time entries summed by person, ISO week and work, and what could not be used.

    ``table`` has the columns of the allocation cube but ``cost``: person, week (the
    Monday), responsibility (``None`` when the work matched none), label (what the
    entries called the work), customer, source (``time``), recurring (false), hours
    and entries. ``entries`` counts the rows used (zero-hour rows add nothing and are
    not counted); ``first``/``last`` are the span of their dates.
    """

    table: ir.Table
    problems: list[Problem]
    entries: int
    first: date | None
    last: date | None


def weekly_time(
    engine: Engine,
    workspace: Workspace,
    sources: Sequence[TimeSource],
    window: tuple[date, date] | None,
) -> TimeWeekly:
    """Read every time source, check each row and sum the usable ones by person-week.

    ``window`` keeps the entries dated inside it (both ends included) when given.
    Problems are reported for every file whatever the window.
    """
    problems: list[Problem] = []
    scanned = [_scan(engine, source, problems) for source in sources]
    grouped = [table for table in scanned if table is not None]
    if not grouped:
        empty = engine.arrow_table("time_weekly", WEEKLY_SCHEMA.empty_table())
        return TimeWeekly(empty, problems, 0, None, None)
    raw = grouped[0].union(*grouped[1:]) if len(grouped) > 1 else grouped[0]
    resolved = (
        raw.join(_days(engine, raw, sources), ["file", "day"])
        .join(_hours(engine, raw, workspace.settings.data.max_entry_hours), ["raw_hours"])
        .join(_people(engine, raw, People(workspace.people.values())), list(PERSON_KEYS))
        .join(_work(engine, raw, Matcher(workspace.responsibilities.values())), list(WORK_KEYS))
    )
    containers = {source.file: source.container for source in sources}
    counts = engine.rows(_flaw_counts(resolved))
    max_hours = workspace.settings.data.max_entry_hours
    problems.extend(problems_from_counts(counts, containers, max_hours))
    # The weekly sums keep their first and last day for the span, then drop them.
    summed = engine.materialize("time_weekly", _weekly(resolved, window))
    span = engine.rows(
        summed.aggregate(
            entries=summed.entries.sum(), first=summed.first.min(), last=summed.last.max()
        )
    )[0]
    table = summed.select(*WEEKLY_SCHEMA.names)
    problems.sort(key=lambda p: (p.location.file, p.location.line or 0))
    return TimeWeekly(table, problems, int(span["entries"] or 0), span["first"], span["last"])


# -- the one scan of each file ------------------------------------------------------


def _scan(engine: Engine, source: TimeSource, problems: list[Problem]) -> ir.Table | None:
    """The file grouped by its raw keys, as a table with every key column; ``None`` (and
    a problem) when the engine cannot read the file."""
    try:
        if source.container == "parquet":
            table = engine.parquet_table(source.path)
        else:
            table = engine.csv_table(source.path, csv_header(source.path))
        grouped = engine.materialize("time_grouped", _grouped(table, source))
    except _UNREADABLE as error:
        _recover(engine)
        problems.append(engine_error_problem(source, str(error)))
        return None
    # Keys the file has no column for are added after grouping: constants cost nothing
    # there, and every file's table gets the same columns for the union.
    present = set(grouped.columns)
    blank = ibis.literal("", type="string")
    return grouped.select(
        file=ibis.literal(source.file, type="string"),
        **{key: grouped[key] if key in present else blank for key in (*KEY_ROLES, "note")},
        raw_hours=grouped.raw_hours,
        rows=grouped.rows,
        first_row=grouped.first_row,
    )


def _grouped(table: ir.Table, source: TimeSource) -> ir.Table:
    """The scan itself: raw text (``''`` for an empty cell), grouped, rows counted.

    Nothing is trimmed or parsed here; that is done once per distinct value.
    """

    def text(role: str) -> ir.StringValue:
        column: ir.StringValue = table[source.columns[role]]
        return column.fill_null("")

    keys = {key: text(role) for key, role in KEY_ROLES.items() if role in source.columns}
    keys["raw_hours"] = text("hours" if "hours" in source.columns else "duration")
    if "description" in source.columns:
        # The description names the work only when nothing else does (time_label), so
        # it is kept only then: free text would otherwise split every group.
        activity = text("activity").strip() if "activity" in source.columns else ibis.literal("")
        keys["note"] = ibis.ifelse(activity == "", text("description"), "")
    keyed = table.select(**keys, row=table[ROW])
    return keyed.group_by(list(keys)).aggregate(rows=keyed.count(), first_row=keyed.row.min())


def _recover(engine: Engine) -> None:
    """After a failed statement PostgreSQL refuses all others until a rollback."""
    if engine.name == "postgres":
        engine.backend.con.rollback()


# -- resolving the distinct keys ----------------------------------------------------


def _dictionary(
    engine: Engine,
    stem: str,
    rows: Sequence[Mapping[str, Any]],
    *,
    keys: Sequence[str],
    resolve: Callable[[Mapping[str, Any]], Mapping[str, Any]],
    schema: Mapping[str, pa.DataType],
) -> ir.Table:
    """A mapping table: each row's ``keys`` and what ``resolve`` makes of them."""
    columns: dict[str, list[Any]] = {name: [] for name in (*keys, *schema)}
    for row in rows:
        for name in keys:
            columns[name].append(row[name])
        for name, value in resolve(row).items():
            columns[name].append(value)
    arrow_schema = pa.schema(
        [(name, pa.string()) for name in keys] + [(n, t) for n, t in schema.items()]
    )
    return engine.arrow_table(stem, pa.table(columns, schema=arrow_schema))


def _days(engine: Engine, raw: ir.Table, sources: Sequence[TimeSource]) -> ir.Table:
    """``(file, day)`` -> the date, its week's Monday and what is wrong with it."""
    rows = engine.rows(raw.select("file", "day").distinct())
    orders = {source.file: source.date_order for source in sources}
    readers: dict[str, DateReader] = {}
    for file in {row["file"] for row in rows}:
        values = [row["day"].strip() for row in rows if row["file"] == file]
        readers[file] = DateReader.for_values(values, orders.get(file, "ymd"))

    def resolve(row: Mapping[str, Any]) -> dict[str, Any]:
        day, flaw = readers[row["file"]].read(row["day"].strip())
        return {"dte": day, "week": None if day is None else monday(day), "date_flaw": flaw}

    schema = {"dte": pa.date32(), "week": pa.date32(), "date_flaw": pa.string()}
    return _dictionary(
        engine, "time_days", rows, keys=("file", "day"), resolve=resolve, schema=schema
    )


def _hours(engine: Engine, raw: ir.Table, max_hours: float) -> ir.Table:
    """Raw hours text -> hours and what is wrong with them."""
    rows = engine.rows(raw.select("raw_hours").distinct())

    def resolve(row: Mapping[str, Any]) -> dict[str, Any]:
        value, flaw = read_hours(row["raw_hours"], max_hours)
        return {"value": value, "flaw": flaw}

    schema = {"value": pa.float64(), "flaw": pa.string()}
    return _dictionary(
        engine, "time_hours", rows, keys=("raw_hours",), resolve=resolve, schema=schema
    )


def _people(engine: Engine, raw: ir.Table, people: People) -> ir.Table:
    """The person columns as written -> the person's id, or what is wrong."""
    rows = engine.rows(raw.select(*PERSON_KEYS).distinct())

    def resolve(row: Mapping[str, Any]) -> dict[str, Any]:
        name = row["pname"].strip() or f"{row['pfirst'].strip()} {row['plast'].strip()}".strip()
        person, flaw, value = people.resolve(row["pid"].strip(), row["pemail"].strip(), name)
        return {"person": person, "person_flaw": flaw, "person_value": value}

    schema = {"person": pa.string(), "person_flaw": pa.string(), "person_value": pa.string()}
    return _dictionary(
        engine, "time_people", rows, keys=PERSON_KEYS, resolve=resolve, schema=schema
    )


def _work(engine: Engine, raw: ir.Table, matcher: Matcher) -> ir.Table:
    """Activity, project, task, tags (and note) -> the responsibility and the label."""
    rows = engine.rows(raw.select(*WORK_KEYS).distinct())

    def resolve(row: Mapping[str, Any]) -> dict[str, Any]:
        activity, project, task = row["activity"], row["project"], row["task"]
        found = matcher.time_entry(activity, project, task, split_tags(row["tags"]))
        return {"responsibility": found, "label": time_label(activity, project, task, row["note"])}

    schema = {"responsibility": pa.string(), "label": pa.string()}
    return _dictionary(engine, "time_work", rows, keys=WORK_KEYS, resolve=resolve, schema=schema)


# -- problems and the tables --------------------------------------------------------


def _flaw_counts(resolved: ir.Table) -> ir.Table:
    """Rows that cannot be used, by file, kind of flaw and value: first row and count."""
    kinds = (
        (resolved.flaw, resolved.raw_hours.strip()),
        (resolved.date_flaw, resolved.day.strip()),
        (resolved.person_flaw, resolved.person_value),
    )
    parts = [
        resolved.filter(kind != "").select(
            "file", "first_row", "rows", kind=kind, value=value.cast("string")
        )
        for kind, value in kinds
    ]
    flawed = parts[0].union(*parts[1:])
    return flawed.group_by(["file", "kind", "value"]).aggregate(
        first_row=flawed.first_row.min(), rows=flawed.rows.sum()
    )


def _weekly(resolved: ir.Table, window: tuple[date, date] | None) -> ir.Table:
    """The usable rows (positive hours) summed by person, week, work and customer."""
    used = resolved.filter(
        resolved.flaw == "",
        resolved.date_flaw == "",
        resolved.person_flaw == "",
        resolved.value > 0,
    )
    if window is not None:
        used = used.filter(used.dte >= window[0], used.dte <= window[1])
    customer = used.customer.strip().nullif("").name("customer")
    weekly = used.group_by(
        [used.person, used.week, used.responsibility, used.label, customer]
    ).aggregate(
        hours=(used.value * used.rows).sum(),
        entries=used.rows.sum(),
        first=used.dte.min(),
        last=used.dte.max(),
    )
    return weekly.select(
        weekly.person,
        weekly.week.cast("date"),
        weekly.responsibility,
        weekly.label,
        weekly.customer,
        source=ibis.literal("time", type="string"),
        recurring=ibis.literal(False, type="boolean"),
        hours=weekly.hours.cast("float64"),
        entries=weekly.entries.cast("int64"),
        first=weekly.first,
        last=weekly.last,
    )
