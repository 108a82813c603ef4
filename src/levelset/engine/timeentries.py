"""Time entries: every time file read once, checked, and summed by person and ISO week.

Each file is scanned once, into a table grouped by the raw text of the columns that
matter (who, which day, how many hours, which work, which customer), with the number
of rows and the first of them. Everything else works on the *distinct* raw values (the
"distinct dictionary" trick): a file of millions of entries names a few hundred days,
people and hour amounts, so these are fetched, read in Python against the workspace,
loaded back as small mapping tables and joined. Every row that cannot be used is
counted into a problem that names its file and first line; nothing is dropped unsaid.

On DuckDB the scan groups by 64-bit hashes of the raw keys rather than by their text (a
hash table of millions of groups with five text keys is what takes the memory and the
time), and gathers each key's distinct texts with their hashes in the same pass
(grouping sets). Two texts with one hash in a file would merge their rows: that is
checked, and the files are then scanned again grouped by the text itself, as on
PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb
import ibis
import ibis.expr.datatypes as dt
import ibis.expr.types as ir
import pyarrow as pa

from levelset.engine.connection import ROW, Engine, sql_name
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
# The raw keys of a scan's groups whose texts are read in Python, in the order of the
# scan's columns (``customer`` only in files that have one).
PARTS = ("who", "work", "customer", "day", "raw_hours")
WORK_KEYS = ("activity", "project", "task", "tags", "note")
# What a file the engine cannot read raises: DuckDB's reader, the OS, and PostgreSQL's
# COPY (``Engine.data_errors``).
# Anything else is a fault of levelset's and is not dressed up as a problem of the file.
_UNREADABLE: tuple[type[Exception], ...] = (
    duckdb.InvalidInputException,
    duckdb.IOException,
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
    hashed = engine.name == "duckdb"

    def scan(source: TimeSource, told: list[Problem], *, numbered: bool = False) -> _Scan | None:
        return _scan(engine, source, window, max_hours, told, hashed=hashed, numbered=numbered)

    scanned = [scan(source, problems) for source in sources]
    if hashed and any(s is not None and _hashes_collide(engine, s.texts) for s in scanned):
        # Two texts of a file share a hash: every file is scanned again, by text.
        hashed, problems = False, []
        scanned = [scan(source, problems) for source in sources]
    found = [s for s in scanned if s is not None]
    if not found:
        empty = engine.arrow_table("time_weekly", WEEKLY_SCHEMA.empty_table())
        return TimeWeekly(empty, problems, 0, None, None)
    raw = ibis.union(*(s.groups for s in found))
    raw = engine.materialize("time_raw", raw) if len(found) > 1 else raw
    texts = engine.materialize("time_texts", ibis.union(*(s.texts for s in found)))
    keys = _keys(engine, workspace, sources, texts, pa.uint64() if hashed else pa.string())
    resolved = keys.resolve(raw)
    counts: list[dict[str, Any]] = []
    if keys.flawed:  # the dictionaries say whether to look
        counts = engine.rows(_flaw_counts(resolved))
    if counts:
        # Only now are line numbers needed: the files with problems are read again,
        # numbered, and their problems counted with the same dictionaries.
        by_file = {source.file: source for source in sources}
        again = [scan(by_file[f], [], numbered=True) for f in sorted({r["file"] for r in counts})]
        tables = [s.groups for s in again if s is not None]
        if tables:
            counts = engine.rows(_flaw_counts(keys.resolve(ibis.union(*tables))))
    containers = {source.file: source.container for source in sources}
    problems.extend(problems_from_counts(counts, containers, max_hours))
    # The weekly sums keep their first and last day for the span, then drop them. When
    # each group of the scan is a weekly one already, it need not be summed again.
    weekly = _weekly(resolved, window, regroup=not keys.one_to_one)
    # Summed again, the table is kept; otherwise it is the scan's table joined with the
    # small dictionaries, cheaper to join again where it is read than to store.
    summed = weekly if keys.one_to_one else engine.materialize("time_weekly", weekly)
    span = engine.rows(
        summed.aggregate(
            entries=summed.entries.sum(), first=summed.first.min(), last=summed.last.max()
        )
    )[0]
    table = summed.select(*WEEKLY_SCHEMA.names)
    problems.sort(key=lambda p: (p.location.file, p.location.line or 0))
    return TimeWeekly(table, problems, int(span["entries"] or 0), span["first"], span["last"])


@dataclass(frozen=True)
class _Keys:
    """What the raw keys of a run's scans mean: a mapping table per key, ``None`` for
    dates and hours when the scans read every one of them; whether any date or hours
    value has a flaw; and whether the scans read one file (joined on the key alone)."""

    days: ir.Table | None
    hours: ir.Table | None
    people: _Dictionary
    work: _Dictionary
    customers: _Dictionary
    dates_flawed: bool
    hours_flawed: bool
    one_file: bool

    @property
    def flawed(self) -> bool:
        """Whether any row may be unusable (then its problems are to be counted)."""
        return self.dates_flawed or self.hours_flawed or self.people.flawed

    @property
    def one_to_one(self) -> bool:
        """Whether a scan's groups are the weekly ones already: every date and hours
        value read in the scan, one file, and each raw key meaning one person, one piece
        of work and one customer."""
        return (
            self.days is None
            and self.hours is None
            and self.one_file
            and self.people.one_to_one
            and self.work.one_to_one
            and self.customers.one_to_one
        )

    def _on(self, table: ir.Table, key: str, by: ir.Table, prefix: str) -> list[ir.BooleanValue]:
        same_file = [] if self.one_file else [table.file == by[f"{prefix}_file"]]
        return [table[key] == by[f"{prefix}_key"], *same_file]

    def resolve(self, table: ir.Table) -> ir.Table:
        """A scan's groups with what their keys mean (inner joins: an unknown person
        leaves no row here, it is in the people's flaws)."""
        days, hours = self.days, self.hours
        # Dates and hours all read in the scan (the common case) need no join.
        if days is None:
            joined = table.mutate(
                dte=ibis.null("date"),
                day_week=ibis.null("date"),
                date_flaw=ibis.null("string"),
                day_text=ibis.null("string"),
            )
        else:
            joined = table.left_join(days, self._on(table, "day", days, "day"))
        if hours is None:
            joined = joined.mutate(
                value=ibis.null("float64"), flaw=ibis.null("string"), hours_text=ibis.null("string")
            )
        else:
            joined = joined.left_join(hours, joined.raw_hours == hours.hours_key)
        people, work, customers = self.people.table, self.work.table, self.customers.table
        joined = joined.join(people, self._on(joined, "who", people, "who"))
        joined = joined.join(work, self._on(joined, "work", work, "work"))
        return joined.left_join(customers, self._on(joined, "customer", customers, "customer"))


def _keys(
    engine: Engine,
    workspace: Workspace,
    sources: Sequence[TimeSource],
    texts: ir.Table,
    key_type: pa.DataType,
) -> _Keys:
    """The mapping tables of the distinct ``texts`` of the scans' raw keys."""
    max_hours = workspace.settings.data.max_entry_hours
    layouts = {source.file: _layout(source) for source in sources}
    days, dates_flawed = _days(engine, texts, sources, key_type)
    hours, hours_flawed = _hours(engine, texts, max_hours, key_type)
    return _Keys(
        days=days,
        hours=hours,
        people=_people(engine, texts, People(workspace.people.values()), layouts, key_type),
        work=_work(engine, texts, Matcher(workspace.responsibilities.values()), layouts, key_type),
        customers=_customers(engine, texts),
        dates_flawed=dates_flawed,
        hours_flawed=hours_flawed,
        one_file=len(sources) == 1,
    )


# -- the one scan of each file ------------------------------------------------------

# Hours written as a plain decimal (``1``, ``1.5``, `` 2.25 ``) are read in the scan; any
# other spelling (``1,5``, ``1:30``, ``-2``, ``abc``) keeps its text for ``read_hours``.
# The pattern accepts a subset of what ``read_hours`` reads, so both agree on the value.
_PLAIN_HOURS = r"^ *[0-9]+(\.[0-9]+)? *$"


@dataclass(frozen=True)
class _Scan:
    """One file scanned: its groups and the texts their keys stand for.

    ``groups`` has ``file``, the raw keys (``who``, ``work``, ``customer``, ``day``,
    ``raw_hours``: their hashes, or the texts themselves when not ``hashed``), ``week``
    and the sums. ``texts`` has ``file``, ``part`` (which key), ``key`` and ``text``: a
    row for each distinct text of each key (``NULL`` for a date or hours value the scan
    read itself).
    """

    groups: ir.Table
    texts: ir.Table


def _scan(
    engine: Engine,
    source: TimeSource,
    window: tuple[date, date] | None,
    max_hours: float,
    problems: list[Problem],
    *,
    hashed: bool,
    numbered: bool = False,
) -> _Scan | None:
    """The file grouped by its raw keys (by their hashes when ``hashed``: on DuckDB
    only) and the texts of the keys; ``None`` (and a problem) when the engine cannot
    read the file.

    ``numbered`` adds each group's first row (``first_row``, else ``NULL``): it costs
    DuckDB a read of the whole file in order, so only files with problems are numbered.
    """
    unreadable = (*_UNREADABLE, *engine.data_errors())
    try:
        if source.container == "parquet":
            table = engine.parquet_table(source.path, numbered=numbered)
        else:
            table = engine.csv_table(source.path, csv_header(source.path), numbered=numbered)
        keyed = _keyed(engine, table, source, window, max_hours)
        if hashed:
            stored = _hashed_groups(engine, keyed, with_row=ROW in table.columns, window=window)
        else:
            grouped = _text_groups(keyed, with_row=ROW in table.columns, window=window)
            stored = engine.stash("time_grouped", grouped)
    except unreadable as error:
        _recover(engine)
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
    return _Scan(groups, texts)


def _hashes_collide(engine: Engine, texts: ir.Table) -> bool:
    """Whether two texts of one key share a hash (in one file)."""
    repeated = texts.group_by(["file", "part", "key"]).aggregate(n=texts.count())
    return bool(engine.rows(repeated.aggregate(any=(repeated.n > 1).any()))[0]["any"])


def _or_null(table: ir.Table, name: str, kind: str) -> ir.Value:
    """A column the scan may have left out (see ``_text_groups``), else ``NULL``."""
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
    engine: Engine, keyed: ir.Table, *, with_row: bool, window: tuple[date, date] | None
) -> ir.Table:
    """``keyed`` grouped by the hashes of its raw keys and the week, kept out of
    DuckDB's memory (``Engine.stash``): the groups have ``part`` blank; and, from the
    same pass, a row for each distinct text of each key, with ``part`` naming the key,
    its ``key`` (hash) and ``text``.

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
    inner = str(engine.backend.compile(rows))
    sql = (
        f"SELECT {', '.join(columns)} FROM ({inner}) AS scan "
        f"GROUP BY GROUPING SETS ({', '.join(sets)})"
    )
    return engine.stash_sql("time_grouped", sql)


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
    keys: Mapping[str, pa.DataType],
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
    kinds = {**keys, **schema}
    table = engine.small_table(
        stem, {name: (kinds[name], values) for name, values in columns.items()}
    )
    return table, flawed, columns


def _texts_of(engine: Engine, texts: ir.Table, part: str) -> list[dict[str, Any]]:
    """The distinct texts of one raw key (``file``, ``key``, ``text``), the ``NULL``
    of a date or hours value read in the scan left out."""
    named = texts.filter(texts.part == part, texts.text.notnull())
    return engine.rows(named.select("file", "key", "text"))


def _days(
    engine: Engine, texts: ir.Table, sources: Sequence[TimeSource], key_type: pa.DataType
) -> tuple[ir.Table | None, bool]:
    """``(file, day)`` -> the date, its week's Monday and what is wrong with it; and
    whether anything is. ``None`` when the scan read every date itself."""
    rows = _texts_of(engine, texts, "day")
    if not rows:
        return None, False
    orders = {source.file: source.date_order for source in sources}
    readers: dict[str, DateReader] = {}
    for file in {row["file"] for row in rows}:
        values = [row["text"].strip() for row in rows if row["file"] == file]
        readers[file] = DateReader.for_values(values, orders.get(file, "ymd"))

    def resolve(row: Mapping[str, Any]) -> dict[str, Any]:
        day, flaw = readers[row["file"]].read(row["text"].strip())
        return {"dte": day, "week": None if day is None else monday(day), "date_flaw": flaw}

    schema = {"dte": pa.date32(), "week": pa.date32(), "date_flaw": pa.string()}
    keys = {"file": pa.string(), "key": key_type, "text": pa.string()}
    table, flawed, _ = _dictionary(
        engine, "time_days", rows, keys=keys, resolve=resolve, schema=schema
    )
    return table.rename(day_file="file", day_key="key", day_text="text", day_week="week"), flawed


def _hours(
    engine: Engine, texts: ir.Table, max_hours: float, key_type: pa.DataType
) -> tuple[ir.Table | None, bool]:
    """Raw hours text -> hours and what is wrong with them; and whether anything is.
    ``None`` when the scan read every hours value itself."""
    # One row per text, wherever it is written (a text has one key in every file).
    rows = list({row["text"]: row for row in _texts_of(engine, texts, "raw_hours")}.values())
    if not rows:
        return None, False

    def resolve(row: Mapping[str, Any]) -> dict[str, Any]:
        value, flaw = read_hours(row["text"], max_hours)
        return {"value": value, "flaw": flaw}

    schema = {"value": pa.float64(), "flaw": pa.string()}
    keys = {"key": key_type, "text": pa.string()}
    table, flawed, _ = _dictionary(
        engine, "time_hours", rows, keys=keys, resolve=resolve, schema=schema
    )
    return table.rename(hours_key="key", hours_text="text"), flawed


def _people(
    engine: Engine,
    texts: ir.Table,
    people: People,
    layouts: Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]],
    key_type: pa.DataType,
) -> _Dictionary:
    """``(file, who)`` -> the person's id, or what is wrong; whether anything is, and
    whether no two keys name the same person. ``layouts`` say which person columns each
    file folded into ``who``."""
    rows = _texts_of(engine, texts, "who")

    def resolve(row: Mapping[str, Any]) -> dict[str, Any]:
        cells = {k: v.strip() for k, v in _unfold(row["text"], layouts[row["file"]][0]).items()}
        name = (
            cells.get("pname", "") or f"{cells.get('pfirst', '')} {cells.get('plast', '')}".strip()
        )
        person, flaw, value = people.resolve(cells.get("pid", ""), cells.get("pemail", ""), name)
        return {"person": person, "person_flaw": flaw, "person_value": value}

    schema = {"person": pa.string(), "person_flaw": pa.string(), "person_value": pa.string()}
    keys = {"file": pa.string(), "key": key_type}
    table, flawed, columns = _dictionary(
        engine, "time_people", rows, keys=keys, resolve=resolve, schema=schema
    )
    used = [
        p for p, flaw in zip(columns["person"], columns["person_flaw"], strict=True) if not flaw
    ]
    renamed = table.rename(who_file="file", who_key="key")
    return _Dictionary(renamed, flawed, one_to_one=len(set(used)) == len(used))


def _work(
    engine: Engine,
    texts: ir.Table,
    matcher: Matcher,
    layouts: Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]],
    key_type: pa.DataType,
) -> _Dictionary:
    """``(file, work)`` -> the responsibility and the label, and whether no two keys
    mean the same; ``layouts`` say which work columns (activity, project, task, tags,
    note) each file folded into ``work``."""
    rows = _texts_of(engine, texts, "work")

    def resolve(row: Mapping[str, Any]) -> dict[str, Any]:
        cells = _unfold(row["text"], layouts[row["file"]][1])
        activity, project, task = (cells.get(key, "") for key in ("activity", "project", "task"))
        found = matcher.time_entry(activity, project, task, split_tags(cells.get("tags", "")))
        label = time_label(activity, project, task, cells.get("note", ""))
        return {"responsibility": found, "label": label}

    schema = {"responsibility": pa.string(), "label": pa.string()}
    keys = {"file": pa.string(), "key": key_type}
    table, _, columns = _dictionary(
        engine, "time_work", rows, keys=keys, resolve=resolve, schema=schema
    )
    meant = list(zip(columns["responsibility"], columns["label"], strict=True))
    renamed = table.rename(work_file="file", work_key="key")
    return _Dictionary(renamed, False, one_to_one=len(set(meant)) == len(meant))


def _customers(engine: Engine, texts: ir.Table) -> _Dictionary:
    """``(file, customer)`` -> the customer as the cube names it (trimmed, ``NULL``
    when blank), and whether no two keys name the same customer (none has white
    space to trim: so no two differ only by it)."""
    named = texts.filter(texts.part == "customer")
    trimmed = engine.trim(named.text)
    table = engine.materialize(
        "time_customers",
        named.select(
            customer_file=named.file, customer_key=named.key, customer_name=trimmed.nullif("")
        ),
    )
    changed = engine.rows(named.aggregate(n=(trimmed != named.text).any()))[0]["n"]
    return _Dictionary(table, False, one_to_one=not changed)


# -- problems and the tables --------------------------------------------------------


def _flaw_counts(resolved: ir.Table) -> ir.Table:
    """Rows that cannot be used, by file, kind of flaw and value: first row and count."""
    kinds = (
        (resolved.flaw, resolved.hours_text.strip()),
        (resolved.date_flaw, resolved.day_text.strip()),
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


def _weekly(resolved: ir.Table, window: tuple[date, date] | None, regroup: bool) -> ir.Table:
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
        customer=good.customer_name,
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
