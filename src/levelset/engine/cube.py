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

from levelset.engine.connection import Engine
from levelset.model import Problem, Workspace
from levelset.model.allocation import Allocation, SeriesAttendance, WorkRow

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
) -> Cube:
    """The cube from the weekly tables of time entries and meetings, over ``window``."""
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
    weekly = ibis.union(*parts) if len(parts) > 1 else (parts[0] if parts else empty_weekly(engine))
    rates = _rates(engine, workspace)
    joined = weekly.left_join(rates, weekly.person == rates.rate_person)
    cube = joined.select(
        *[joined[c] for c in WEEKLY_COLUMNS],
        cost=(joined.hours * joined.cost_rate).cast("float64"),
    )
    table = engine.materialize("cube", cube)
    allocation = Allocation(
        window_start=start,
        window_end=end,
        weeks=weeks_between(start, end),
        rows=_summary(engine, table),
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
    data = pa.Table.from_pydict(
        {
            "rate_person": pa.array([p.id for p in people], pa.string()),
            "cost_rate": pa.array([float(p.cost_rate or 0.0) for p in people], pa.float64()),
        }
    )
    return engine.arrow_table("rates", data)


def _summary(engine: Engine, cube: ir.Table) -> tuple[WorkRow, ...]:
    """The cube summed over the window by person and piece of work, as ``WorkRow``s.

    Summed in two steps, by week first, so that counting a row's weeks is counting
    rows rather than a distinct count; fetched as Arrow columns.
    """
    label = ibis.ifelse(cube.responsibility.isnull(), cube.label, ibis.null("string"))
    keys = ["person", "responsibility", "work_label", "source", "recurring"]
    weekly = (
        cube.mutate(work_label=label)
        .group_by([*keys, "week"])
        .aggregate(hours=cube.hours.sum(), cost=cube.cost.sum())
    )
    grouped = weekly.group_by(keys).aggregate(
        hours=weekly.hours.sum(), cost=weekly.cost.sum(), weeks=weekly.count()
    )
    data = engine.to_arrow(grouped)
    columns = {name: data.column(name).to_pylist() for name in data.column_names}
    rows = [
        WorkRow(
            person=person,
            responsibility=responsibility,
            label=work_label,
            source=source,
            hours=float(hours or 0.0),
            weeks=int(weeks or 0),
            cost=None if cost is None else float(cost),
            recurring=bool(recurring),
        )
        for person, responsibility, work_label, source, recurring, hours, cost, weeks in zip(
            *(columns[name] for name in (*keys, "hours", "cost", "weeks")), strict=True
        )
    ]
    # Sorted here, not in the engine: collations differ between backends.
    rows.sort(
        key=lambda r: (
            r.person,
            r.source,
            r.responsibility is None,
            r.responsibility or "",
            r.label or "",
            r.recurring,
        )
    )
    return tuple(rows)
