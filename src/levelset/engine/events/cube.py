"""The allocation cube: person × responsibility × customer × ISO week → hours, cost.

Computed once per run from the weekly tables of the time entries and the calendars,
then summarised into the plain-data ``Allocation`` the rules read. Everything here is
Ibis, so the cube is the same on DuckDB and PostgreSQL.

Time entries take precedence over meetings: when a person logged time in a week, that
week's calendar hours are left out of the cube, since a timesheet already records the
meetings its author sat in; weeks without time entries are counted from the calendar.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import ibis
import ibis.expr.types as ir
import pyarrow as pa
import pyarrow.compute as pc

from levelset.engine.backends import Engine
from levelset.model import Problem, Workspace
from levelset.model.allocation import Allocation, SeriesAttendance, WorkRow
from levelset.model.bulk import from_columns
from levelset.model.collector import collector_paused

#: The columns (and types) of the weekly tables the importers hand to the cube.
WEEKLY_COLUMNS = {
    "person": "string",
    "week": "date",
    "responsibility": "string",
    "label": "string",
    "customer": "string",
    "source": "string",
    "recurring": "boolean",
    "hours": "float64",
    "entries": "int64",
}
CUBE_COLUMNS = (*WEEKLY_COLUMNS, "cost")
#: The longest window whose weeks are counted as the bits of one 64-bit integer.
_MASK_WEEKS = 63
#: The most rows a cube may have to be kept as a table of the engine's (in DuckDB's
#: memory, about 110 bytes a row) rather than stashed (``Engine.stash``: written to a
#: Parquet file, which costs twice the time at a few hundred thousand rows).
IN_MEMORY_ROWS = 1_000_000
#: The same columns as an Arrow schema, for weekly tables built in Python.
WEEKLY_SCHEMA = ibis.schema(WEEKLY_COLUMNS).to_pyarrow()


@dataclass
class Cube:
    """The cube as a table of the engine, and the summary rules read."""

    table: ir.Table
    allocation: Allocation
    problems: list[Problem] = field(default_factory=list)


def monday(day: date) -> date:
    """The Monday of the ISO week of ``day``."""
    return day - timedelta(days=day.weekday())


def weeks_between(start: date, end: date) -> int:
    """How many ISO weeks the days ``start``..``end`` touch (at least one)."""
    return max((monday(end) - monday(start)).days // 7 + 1, 1)


def empty_weekly(engine: Engine) -> ir.Table:
    """A weekly table with no rows (for a workspace with only one kind of data)."""
    return engine.arrow_table("empty", WEEKLY_SCHEMA.empty_table())


def assemble(
    engine: Engine,
    workspace: Workspace,
    window: tuple[date, date],
    *,
    time: ir.Table | None,
    meetings: ir.Table | None,
    series: tuple[SeriesAttendance, ...] = (),
    time_entries: int = 0,
    occurrences: int = 0,
    rows: int | None = None,
) -> Cube:
    """The cube from the weekly tables of time entries and meetings, over ``window``.

    ``rows`` is at most how many rows the weekly tables have (``None``: not known): a
    cube known to be small is kept as a table of the engine, a larger one stashed."""
    start, end = window
    first_week, last_week = monday(start), monday(end)
    parts: list[ir.Table] = []
    if time is not None:
        parts.append(_in_window(time, first_week, last_week))
    if meetings is not None:
        held = _in_window(meetings, first_week, last_week)
        if parts:
            logged = parts[0].select("person", "week").distinct()
            held = held.anti_join(logged, ["person", "week"])
        parts.append(held)
    weekly = ibis.union(*parts) if parts else empty_weekly(engine)
    rates = _rates(engine, workspace)
    joined = weekly.left_join(rates, weekly.person == rates.rate_person)
    cube = joined.select(
        *[joined[c] for c in WEEKLY_COLUMNS],
        cost=(joined.hours * joined.cost_rate).cast("float64"),
    )
    small = rows is not None and rows <= IN_MEMORY_ROWS
    table = engine.materialize("cube", cube) if small else engine.stash("cube", cube)
    allocation = Allocation(
        window_start=start,
        window_end=end,
        weeks=weeks_between(start, end),
        rows=_summary(engine, table, first_week, weeks_between(start, end)),
        series=series,
        time_entries=time_entries,
        occurrences=occurrences,
        engine=engine.name,
    )
    return Cube(table=table, allocation=allocation)


def _in_window(table: ir.Table, first_week: date, last_week: date) -> ir.Table:
    return table.filter(table.week.between(first_week, last_week)).select(*WEEKLY_COLUMNS)


def _rates(engine: Engine, workspace: Workspace) -> ir.Table:
    people = [p for p in workspace.people.values() if p.cost_rate is not None]
    return engine.small_table(
        "rates",
        {
            "rate_person": (pa.string(), [p.id for p in people]),
            "cost_rate": (pa.float64(), [float(p.cost_rate or 0.0) for p in people]),
        },
    )


def _summary(engine: Engine, cube: ir.Table, first_week: date, weeks: int) -> tuple[WorkRow, ...]:
    """The cube summed over the window by person and piece of work, as ``WorkRow``s.

    A row's weeks are counted with a bit a week (the window's ``weeks``, from
    ``first_week``) or-ed together, so the cube is summed once; a window of more weeks
    than a 64-bit integer holds is summed by week first, then counted. Fetched as Arrow
    columns.
    """
    label = ibis.ifelse(cube.responsibility.isnull(), cube.label, ibis.null("string"))
    keys = ["person", "responsibility", "work_label", "source", "recurring"]
    keyed = cube.mutate(work_label=label)
    if weeks <= _MASK_WEEKS:
        epoch = (first_week - date(1970, 1, 1)).days
        bit = (ibis.literal(2) ** ((keyed.week.epoch_days() - epoch) // 7)).cast("int64")
        masked = keyed.group_by(keys).aggregate(
            hours=keyed.hours.sum(), cost=keyed.cost.sum(), mask=bit.bit_or()
        )
        data = _sorted(engine.to_arrow(_filled(masked)))
        counted = [0 if m is None else m.bit_count() for m in data.column("mask").to_pylist()]
    else:
        weekly = keyed.group_by([*keys, "week"]).aggregate(
            hours=keyed.hours.sum(), cost=keyed.cost.sum()
        )
        grouped = weekly.group_by(keys).aggregate(
            hours=weekly.hours.sum(), cost=weekly.cost.sum(), weeks=weekly.count()
        )
        filled = _filled(grouped.mutate(weeks=grouped.weeks.fill_null(0)))
        data = _sorted(engine.to_arrow(filled))
        counted = data.column("weeks").cast(pa.int64()).to_pylist()
    columns = {
        "person": data.column("person"),
        "responsibility": data.column("responsibility"),
        "label": data.column("work_label"),
        "source": data.column("source"),
        "hours": data.column("hours").cast(pa.float64()),
        "cost": data.column("cost").cast(pa.float64()),
        "recurring": data.column("recurring"),
    }
    # Hundreds of thousands of small objects, made a field at a time: the cyclic
    # collector would walk every live object again and again while they are made (most
    # of the time), and none of them can be part of a cycle.
    with collector_paused():
        values = {name: column.to_pylist() for name, column in columns.items()}
        return tuple(from_columns(WorkRow, {**values, "weeks": counted}, data.num_rows))


def _filled(summed: ir.Table) -> ir.Table:
    """The summary with its blanks filled in the engine (no hours: 0; not recurring), and
    the label to sort by (``_label``, ``""`` for none): filled in Arrow, each fill value
    would be a scalar made in Python, and pyarrow imports pandas to make one."""
    return summed.mutate(
        hours=summed.hours.fill_null(0.0),
        recurring=summed.recurring.fill_null(False),
        _label=summed.work_label.fill_null(""),
    )


def _sorted(data: pa.Table) -> pa.Table:
    """The summary in the rules' order: by person, source, responsibility (work that
    matched none last), label, recurring. Sorted here, not in the engine, as collations
    differ between backends; Arrow compares text by code point, as Python does."""
    order = pc.sort_indices(
        data,
        sort_keys=[
            ("person", "ascending", "at_end"),
            ("source", "ascending", "at_end"),
            ("responsibility", "ascending", "at_end"),
            ("_label", "ascending", "at_end"),
            ("recurring", "ascending", "at_end"),
        ],
    )
    return data.take(order)
