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
    not counted); ``first``/``last`` are the span of their dates, found only when no
    window is given (the window is then that span), else ``None``.
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
    max_hours = workspace.settings.data.max_entry_hours
    scanned = [_scan(engine, source, window, max_hours, problems) for source in sources]
    by_file = {source.file: source for source in sources}
    grouped = [table for table in scanned if table is not None]
    if not grouped:
        empty = engine.arrow_table("time_weekly", WEEKLY_SCHEMA.empty_table())
        return TimeWeekly(empty, problems, 0, None, None)
    raw = grouped[0].union(*grouped[1:]) if len(grouped) > 1 else grouped[0]
    raw = engine.materialize("time_raw", raw) if len(grouped) > 1 else raw
    layouts = {source.file: _layout(source) for source in sources}
    days, day_flaws = _days(engine, raw, sources)
    hours, hour_flaws = _hours(engine, raw, max_hours)
    who = _people(engine, raw, People(workspace.people.values()), layouts)
    what = _work(engine, raw, Matcher(workspace.responsibilities.values()), layouts)
    people, person_flaws, work = who.table, who.flawed, what.table

    one_file = len(sources) == 1  # then the file need not be joined on

    def resolve(table: ir.Table) -> ir.Table:
        # Dates and hours all read in the scan (the common case) need no join.
        if days is None:
            joined = table.mutate(
                dte=ibis.null("date"), day_week=ibis.null("date"), date_flaw=ibis.null("string")
            )
        else:
            on = [table.day == days.day_text] + ([] if one_file else [table.file == days.day_file])
            joined = table.left_join(days, on)
        if hours is None:
            joined = joined.mutate(value=ibis.null("float64"), flaw=ibis.null("string"))
        else:
            joined = joined.left_join(hours, joined.raw_hours == hours.hours_text)
        on = [joined.who == people.who_text] + (
            [] if one_file else [joined.file == people.who_file]
        )
        joined = joined.join(people, on)
        on = [joined.work == work.work_text] + ([] if one_file else [joined.file == work.work_file])
        return joined.join(work, on)

    resolved = resolve(raw)
    containers = {source.file: source.container for source in sources}
    counts: list[dict[str, Any]] = []
    if day_flaws or hour_flaws or person_flaws:  # the dictionaries say whether to look
        counts = engine.rows(_flaw_counts(resolved))
    if counts:
        # Only now are line numbers needed: the files with problems are read again,
        # numbered, and their problems counted with the same dictionaries.
        flawed = sorted({row["file"] for row in counts})
        again = [_scan(engine, by_file[f], window, max_hours, [], numbered=True) for f in flawed]
        tables = [table for table in again if table is not None]
        if tables:
            numbered = tables[0].union(*tables[1:]) if len(tables) > 1 else tables[0]
            counts = engine.rows(_flaw_counts(resolve(numbered)))
    problems.extend(problems_from_counts(counts, containers, max_hours))
    # The weekly sums keep their first and last day for the span, then drop them.
    # The scan grouped by raw keys; when every date and hours value was read there, one
    # file was read, and each raw key means one person, one piece of work and one
    # customer, its groups are already the weekly ones and need not be summed again.
    regroup = not (
        days is None
        and hours is None
        and one_file
        and who.one_to_one
        and what.one_to_one
        and _customers_as_written(engine, raw)
    )
    weekly = _weekly(engine, resolved, window, regroup)
    # Summed again, the table is kept; otherwise it is the scan's table joined with the
    # small dictionaries, cheaper to join again where it is read than to store.
    summed = engine.materialize("time_weekly", weekly) if regroup else weekly
    span = engine.rows(
        summed.aggregate(
            entries=summed.entries.sum(), first=summed.first.min(), last=summed.last.max()
        )
    )[0]
    table = summed.select(*WEEKLY_SCHEMA.names)
    problems.sort(key=lambda p: (p.location.file, p.location.line or 0))
    return TimeWeekly(table, problems, int(span["entries"] or 0), span["first"], span["last"])


# -- the one scan of each file ------------------------------------------------------

# Hours written as a plain decimal (``1``, ``1.5``, `` 2.25 ``) are read in the scan; any
# other spelling (``1,5``, ``1:30``, ``-2``, ``abc``) keeps its text for ``read_hours``.
# The pattern accepts a subset of what ``read_hours`` reads, so both agree on the value.
_PLAIN_HOURS = r"^ *[0-9]+(\.[0-9]+)? *$"


def _scan(
    engine: Engine,
    source: TimeSource,
    window: tuple[date, date] | None,
    max_hours: float,
    problems: list[Problem],
    *,
    numbered: bool = False,
) -> ir.Table | None:
    """The file grouped by its raw keys, as a table with every key column; ``None`` (and
    a problem) when the engine cannot read the file.

    ``numbered`` adds each group's first row (``first_row``, else ``NULL``): it costs
    DuckDB a read of the whole file in order, so only files with problems are numbered.
    """
    try:
        if source.container == "parquet":
            table = engine.parquet_table(source.path, numbered=numbered)
        else:
            table = engine.csv_table(source.path, csv_header(source.path), numbered=numbered)
        grouped = engine.stash("time_grouped", _grouped(engine, table, source, window, max_hours))
    except _UNREADABLE as error:
        _recover(engine)
        problems.append(engine_error_problem(source, str(error)))
        return None
    # A file without a customer column gets a blank one after grouping (a constant costs
    # nothing there), so that every file's table has the same columns for the union.
    return grouped.select(
        file=ibis.literal(source.file, type="string"),
        who=grouped.who,
        work=grouped.work,
        customer=grouped.customer if "customer" in grouped.columns else ibis.literal(""),
        week=grouped.week,
        day=grouped.day,
        raw_hours=grouped.raw_hours,
        rows=grouped.rows,
        first_row=_or_null(grouped, "first_row", "int64"),
        counted=grouped.counted,
        hours_in=grouped.hours_in,
        first=_or_null(grouped, "first", "date"),
        last=_or_null(grouped, "last", "date"),
    )


def _or_null(table: ir.Table, name: str, kind: str) -> ir.Value:
    """A column the scan may have left out (see ``_grouped``), else ``NULL``."""
    return table[name] if name in table.columns else ibis.null(kind)


# Between the columns folded into one key (a unit separator: no timesheet writes one).
_SEPARATOR = "\x1f"


def _layout(source: TimeSource) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The person keys and the work keys ``source`` has columns for, in order (at least
    one of each: a file without one has it blank)."""
    present = {key for key, role in KEY_ROLES.items() if role in source.columns}
    if "description" in source.columns:
        present.add("note")
    person = tuple(key for key in PERSON_KEYS if key in present) or ("pid",)
    work = tuple(key for key in WORK_KEYS if key in present) or ("activity",)
    return person, work


def _fold(values: Sequence[ir.StringValue]) -> ir.StringValue:
    """Several key columns as one: grouping and joining on one text is cheaper than on
    five. When all but the first are blank, the first alone (the common case)."""
    if len(values) == 1:
        return values[0]
    first, rest = values[0], values[1:]
    blank = rest[0] == ""
    for value in rest[1:]:
        blank = blank & (value == "")
    return ibis.ifelse(blank, first, ibis.literal(_SEPARATOR).join(list(values)))


def _unfold(text: str, keys: Sequence[str]) -> dict[str, str]:
    """The key columns folded into ``text`` by ``_fold``."""
    parts = text.split(_SEPARATOR)
    if len(parts) != len(keys):
        # The first column alone (the others blank), or a value holding the separator.
        parts = [text.replace(_SEPARATOR, " ")] + [""] * (len(keys) - 1)
    return dict(zip(keys, parts, strict=True))


def _grouped(
    engine: Engine,
    table: ir.Table,
    source: TimeSource,
    window: tuple[date, date] | None,
    max_hours: float,
) -> ir.Table:
    """The scan itself: rows grouped by who, which work and customer, and ISO week.

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
        if "activity" in source.columns:
            blank = engine.trim(text("activity")) == ""
        else:
            blank = ibis.literal(True)
        keys["note"] = ibis.ifelse(blank, text("description"), "")
    raw_day = keys.pop("day")
    person_keys, work_keys = _layout(source)
    blank_text = ibis.literal("", type="string")
    keys = {
        "who": _fold([keys.get(k, blank_text) for k in person_keys]),
        "work": _fold([keys.get(k, blank_text) for k in work_keys]),
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
    keyed = judged.select(
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
    # As few sums as the rest needs: the hash table of millions of groups is what
    # takes the memory. The first row only in a numbered scan, the first and last
    # days only when the window is to be found from the data.
    sums: dict[str, ir.Value] = {
        "rows": keyed.count(),
        "counted": keyed.count(where=keyed.counted),
        "hours_in": keyed.hours.sum(where=keyed.inside),
    }
    if ROW in table.columns:
        sums["first_row"] = keyed.row.min()
    if window is None:
        sums["first"] = keyed.dte.min(where=keyed.counted)
        sums["last"] = keyed.dte.max(where=keyed.counted)
    return keyed.group_by([*keys, "week", "day", "raw_hours"]).aggregate(**sums)


def _read_in_scan(
    engine: Engine, day: ir.StringValue, hours: ir.StringValue
) -> tuple[ir.DateValue, ir.FloatingValue]:
    """The date and hours the scan reads itself, ``NULL`` for those left to Python.

    What is read here is a subset of what ``DateReader`` and ``read_hours`` accept, with
    the same value, so the result does not depend on the backend: on DuckDB, dates
    written ``YYYY-MM-DD`` and numbers its TRY_CAST reads (but for digit separators,
    which it accepts and Python does not); on PostgreSQL, which has no TRY_CAST, plain
    decimals only, and every date in Python.
    """
    if engine.name == "duckdb":
        # ``____-__-__`` and a first digit of 1 to 9 (year 0 and BC are not dates here)
        iso = day.like("____-__-__") & (day >= "1") & (day < ":")
        dte = ibis.ifelse(iso, day.try_cast("date"), ibis.null("date"))
        value = ibis.ifelse(hours.contains("_"), ibis.null("float64"), hours.try_cast("float64"))
        return dte, value
    plain = hours.re_search(_PLAIN_HOURS)
    return ibis.null("date"), ibis.ifelse(plain, hours.cast("float64"), ibis.null("float64"))


def _recover(engine: Engine) -> None:
    """After a failed statement PostgreSQL refuses all others until a rollback."""
    if engine.name == "postgres":
        engine.backend.con.rollback()


# -- resolving the distinct keys ----------------------------------------------------


@dataclass(frozen=True)
class _Dictionary:
    """A mapping table of distinct raw keys; whether any has a flaw; and whether no two
    of its usable keys map to the same value (then grouping by the value is grouping by
    the key)."""

    table: ir.Table
    flawed: bool
    one_to_one: bool


def _dictionary(
    engine: Engine,
    stem: str,
    rows: Sequence[Mapping[str, Any]],
    *,
    keys: Sequence[str],
    resolve: Callable[[Mapping[str, Any]], Mapping[str, Any]],
    schema: Mapping[str, pa.DataType],
) -> tuple[ir.Table, bool, dict[str, list[Any]]]:
    """A mapping table: each row's ``keys`` and what ``resolve`` makes of them; whether
    any of them has a flaw (a non-empty column whose name ends in ``flaw``); and the
    table's columns as Python lists."""
    columns: dict[str, list[Any]] = {name: [] for name in (*keys, *schema)}
    flawed = False
    for row in rows:
        for name in keys:
            columns[name].append(row[name])
        for name, value in resolve(row).items():
            columns[name].append(value)
            flawed = flawed or (name.endswith("flaw") and bool(value))
    arrow_schema = pa.schema(
        [(name, pa.string()) for name in keys] + [(n, t) for n, t in schema.items()]
    )
    table = engine.arrow_table(stem, pa.Table.from_pydict(columns, schema=arrow_schema))
    return table, flawed, columns


def _days(
    engine: Engine, raw: ir.Table, sources: Sequence[TimeSource]
) -> tuple[ir.Table | None, bool]:
    """``(file, day)`` -> the date, its week's Monday and what is wrong with it; and
    whether anything is. ``None`` when the scan read every date itself."""
    slow = raw.filter(raw.day.notnull())
    rows = engine.rows(slow.select("file", "day").distinct())
    if not rows:
        return None, False
    orders = {source.file: source.date_order for source in sources}
    readers: dict[str, DateReader] = {}
    for file in {row["file"] for row in rows}:
        values = [row["day"].strip() for row in rows if row["file"] == file]
        readers[file] = DateReader.for_values(values, orders.get(file, "ymd"))

    def resolve(row: Mapping[str, Any]) -> dict[str, Any]:
        day, flaw = readers[row["file"]].read(row["day"].strip())
        return {"dte": day, "week": None if day is None else monday(day), "date_flaw": flaw}

    schema = {"dte": pa.date32(), "week": pa.date32(), "date_flaw": pa.string()}
    table, flawed, _ = _dictionary(
        engine, "time_days", rows, keys=("file", "day"), resolve=resolve, schema=schema
    )
    return table.rename(day_file="file", day_text="day", day_week="week"), flawed


def _hours(engine: Engine, raw: ir.Table, max_hours: float) -> tuple[ir.Table | None, bool]:
    """Raw hours text -> hours and what is wrong with them; and whether anything is.
    ``None`` when the scan read every hours value itself."""
    slow = raw.filter(raw.raw_hours.notnull())
    rows = engine.rows(slow.select("raw_hours").distinct())
    if not rows:
        return None, False

    def resolve(row: Mapping[str, Any]) -> dict[str, Any]:
        value, flaw = read_hours(row["raw_hours"], max_hours)
        return {"value": value, "flaw": flaw}

    schema = {"value": pa.float64(), "flaw": pa.string()}
    table, flawed, _ = _dictionary(
        engine, "time_hours", rows, keys=("raw_hours",), resolve=resolve, schema=schema
    )
    return table.rename(hours_text="raw_hours"), flawed


def _people(
    engine: Engine,
    raw: ir.Table,
    people: People,
    layouts: Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]],
) -> _Dictionary:
    """``(file, who)`` -> the person's id, or what is wrong; whether anything is, and
    whether no two keys name the same person. ``layouts`` say which person columns each
    file folded into ``who``."""
    rows = engine.rows(raw.select("file", "who").distinct())

    def resolve(row: Mapping[str, Any]) -> dict[str, Any]:
        cells = {k: v.strip() for k, v in _unfold(row["who"], layouts[row["file"]][0]).items()}
        name = (
            cells.get("pname", "") or f"{cells.get('pfirst', '')} {cells.get('plast', '')}".strip()
        )
        person, flaw, value = people.resolve(cells.get("pid", ""), cells.get("pemail", ""), name)
        return {"person": person, "person_flaw": flaw, "person_value": value}

    schema = {"person": pa.string(), "person_flaw": pa.string(), "person_value": pa.string()}
    table, flawed, columns = _dictionary(
        engine, "time_people", rows, keys=("file", "who"), resolve=resolve, schema=schema
    )
    used = [
        p for p, flaw in zip(columns["person"], columns["person_flaw"], strict=True) if not flaw
    ]
    renamed = table.rename(who_file="file", who_text="who")
    return _Dictionary(renamed, flawed, one_to_one=len(set(used)) == len(used))


def _work(
    engine: Engine,
    raw: ir.Table,
    matcher: Matcher,
    layouts: Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]],
) -> _Dictionary:
    """``(file, work)`` -> the responsibility and the label, and whether no two keys
    mean the same; ``layouts`` say which work columns (activity, project, task, tags,
    note) each file folded into ``work``."""
    rows = engine.rows(raw.select("file", "work").distinct())

    def resolve(row: Mapping[str, Any]) -> dict[str, Any]:
        cells = _unfold(row["work"], layouts[row["file"]][1])
        activity, project, task = (cells.get(key, "") for key in ("activity", "project", "task"))
        found = matcher.time_entry(activity, project, task, split_tags(cells.get("tags", "")))
        label = time_label(activity, project, task, cells.get("note", ""))
        return {"responsibility": found, "label": label}

    schema = {"responsibility": pa.string(), "label": pa.string()}
    table, _, columns = _dictionary(
        engine, "time_work", rows, keys=("file", "work"), resolve=resolve, schema=schema
    )
    meant = list(zip(columns["responsibility"], columns["label"], strict=True))
    renamed = table.rename(work_file="file", work_text="work")
    return _Dictionary(renamed, False, one_to_one=len(set(meant)) == len(meant))


# -- problems and the tables --------------------------------------------------------


def _flaw_counts(resolved: ir.Table) -> ir.Table:
    """Rows that cannot be used, by file, kind of flaw and value: first row and count."""
    kinds = (
        (resolved.flaw, resolved.raw_hours.strip()),
        (resolved.date_flaw, resolved.day.strip()),
        (resolved.person_flaw, resolved.person_value),
    )
    parts = [
        resolved.filter(kind.notnull() & (kind != "")).select(
            "file", "first_row", "rows", kind=kind, value=value.cast("string")
        )
        for kind, value in kinds
    ]
    flawed = parts[0].union(*parts[1:])
    return flawed.group_by(["file", "kind", "value"]).aggregate(
        first_row=flawed.first_row.min(), rows=flawed.rows.sum()
    )


def _customers_as_written(engine: Engine, raw: ir.Table) -> bool:
    """Whether no customer in ``raw`` has white space to trim (so no two differ only
    by it)."""
    customers = raw.select("customer").distinct()
    trimmed = engine.trim(customers.customer)
    return not engine.rows(customers.aggregate(n=(trimmed != customers.customer).any()))[0]["n"]


def _weekly(
    engine: Engine, resolved: ir.Table, window: tuple[date, date] | None, regroup: bool
) -> ir.Table:
    """The usable rows (positive hours) summed by person, week, work and customer;
    ``regroup=False`` when each row of ``resolved`` is a group of its own already.

    A group read in the scan carries its sums (``hours_in``, ``counted``, ``first``,
    ``last``); one whose hours or date were read in Python carries the value read, to
    be multiplied by its rows, and its date, to be held against the window.
    """
    good = resolved.filter(
        resolved.flaw.isnull() | (resolved.flaw == ""),
        resolved.date_flaw.isnull() | (resolved.date_flaw == ""),
        resolved.person_flaw == "",
    )
    slow_day = good.day.notnull()
    inside = ibis.literal(True) if window is None else good.dte.between(*window)
    good = good.filter(~slow_day | inside)
    slow_hours = good.raw_hours.notnull()
    hours = ibis.ifelse(slow_hours, good.value * good.counted, good.hours_in)
    entries = ibis.ifelse(slow_hours, ibis.ifelse(good.value > 0, good.counted, 0), good.counted)
    positive = ibis.ifelse(slow_hours, good.value > 0, good.counted > 0)
    # Without a window the scan kept each group's first and last day; with one, the
    # span is the window's and is not needed.
    first = ibis.ifelse(good.day.notnull(), good.dte, good.first)
    last = ibis.ifelse(good.day.notnull(), good.dte, good.last)
    used = good.select(
        "person",
        "responsibility",
        "label",
        week=ibis.coalesce(good.week, good.day_week),
        customer=engine.trim(good.customer).nullif(""),
        hours=hours,
        entries=entries,
        positive=positive,
        first=first,
        last=last,
    ).filter(lambda t: t.positive)
    weekly = used
    if regroup:
        weekly = used.group_by(["person", "week", "responsibility", "label", "customer"]).aggregate(
            hours=used.hours.sum(),
            entries=used.entries.sum(),
            first=used.first.min(),
            last=used.last.max(),
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
