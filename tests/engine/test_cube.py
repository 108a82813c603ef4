"""The allocation cube: precedence of time entries, the window, cost, the summary; the
same on DuckDB and PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta

import pyarrow as pa
import pytest

from levelset.engine import open_engine
from levelset.engine.cube import WEEKLY_COLUMNS, WEEKLY_SCHEMA, assemble, monday, weeks_between
from levelset.model import Person, Workspace
from levelset.model.allocation import WorkRow

W1, W2, W3 = date(2026, 7, 6), date(2026, 7, 13), date(2026, 7, 20)

WORKSPACE = Workspace(
    root=__import__("pathlib").Path("."),
    people={
        "dana": Person("dana", "Dana Reyes", cost_rate=150.0),
        "sam": Person("sam", "Sam Lee", partner="stride"),
    },
)


def _weekly(engine, rows):  # type: ignore[no-untyped-def]
    columns = {name: [row[i] for row in rows] for i, name in enumerate(WEEKLY_COLUMNS)}
    return engine.arrow_table("weekly", pa.table(columns, schema=WEEKLY_SCHEMA))


TIME = [
    ("dana", W1, "close", "close", None, "time", False, 10.0, 4),
    ("dana", W2, None, "vendor calls", None, "time", False, 2.0, 1),
    ("sam", W2, "close", "close", "cust-a", "time", False, 6.0, 3),
    ("sam", W3, "close", "close", "cust-a", "time", False, 99.0, 9),  # outside the window
]
MEETINGS = [
    ("dana", W1, "strategy", "Strategy session", None, "calendar", True, 3.0, 1),  # dana logged W1
    ("dana", W2, None, "Ops sync", None, "calendar", True, 1.0, 1),  # dana logged W2 too
    ("sam", W1, "strategy", "Strategy session", None, "calendar", True, 3.0, 1),  # sam did not
]


def _cube(url: str | None):  # type: ignore[no-untyped-def]
    engine = open_engine(url)
    cube = assemble(
        engine,
        WORKSPACE,
        (date(2026, 7, 6), date(2026, 7, 19)),
        time=_weekly(engine, TIME),
        meetings=_weekly(engine, MEETINGS),
        time_entries=8,
        occurrences=3,
    )
    table = sorted(
        engine.rows(cube.table),
        key=lambda r: (r["person"], r["week"], r["source"], r["label"] or ""),
    )
    return cube, table


def test_time_entries_take_precedence_and_the_window_clips() -> None:
    cube, table = _cube(None)
    kept = [(r["person"], r["week"], r["source"], r["hours"]) for r in table]
    assert kept == [
        ("dana", W1, "time", 10.0),
        ("dana", W2, "time", 2.0),
        ("sam", W1, "calendar", 3.0),  # no time logged by sam that week: the meeting counts
        ("sam", W2, "time", 6.0),
    ]
    assert cube.allocation.weeks == 2


def test_cost_is_hours_at_the_persons_rate_and_unknown_without_one() -> None:
    _, table = _cube(None)
    costs = {(r["person"], r["week"], r["source"]): r["cost"] for r in table}
    assert costs[("dana", W1, "time")] == 1500.0
    assert costs[("sam", W2, "time")] is None


def test_summary_rows_per_person_and_work() -> None:
    cube, _ = _cube(None)
    assert cube.allocation.rows == (
        WorkRow("dana", "close", None, "time", 10.0, 1, 1500.0, False),
        WorkRow("dana", None, "vendor calls", "time", 2.0, 1, 300.0, False),
        WorkRow("sam", "strategy", None, "calendar", 3.0, 1, None, True),
        WorkRow("sam", "close", None, "time", 6.0, 1, None, False),
    )
    assert (cube.allocation.time_entries, cube.allocation.occurrences) == (8, 3)


def test_the_same_cube_on_postgresql(postgres_url: str) -> None:
    duck, duck_table = _cube(None)
    pg, pg_table = _cube(postgres_url)
    assert pg.allocation.engine == "postgres"
    assert pg_table == duck_table
    assert pg.allocation.rows == duck.allocation.rows


@pytest.mark.parametrize(
    ("start", "end", "weeks"),
    [
        (date(2026, 7, 6), date(2026, 7, 12), 1),
        (date(2026, 7, 12), date(2026, 7, 13), 2),  # Sunday and Monday: two ISO weeks
        (date(2026, 7, 6), date(2026, 10, 25), 16),
        (date(2026, 12, 28), date(2027, 1, 3), 1),  # one ISO week across the new year
    ],
)
def test_weeks_between_counts_iso_weeks(start: date, end: date, weeks: int) -> None:
    assert weeks_between(start, end) == weeks
    assert monday(end).weekday() == 0


def _weeks_counted(url: str | None, weeks: int) -> tuple[WorkRow, ...]:
    """Dana's close work in the first week (twice, for two customers) and the last week
    of a window of ``weeks`` ISO weeks."""
    last = W1 + timedelta(weeks=weeks - 1)
    rows = [
        ("dana", W1, "close", "close", "cust-a", "time", False, 2.0, 1),
        ("dana", W1, "close", "close", "cust-b", "time", False, 3.0, 1),
        ("dana", last, "close", "month-end close", None, "time", False, 4.0, 1),
    ]
    engine = open_engine(url)
    window = (W1, last + timedelta(days=6))
    cube = assemble(engine, WORKSPACE, window, time=_weekly(engine, rows), meetings=None)
    assert cube.allocation.weeks == weeks
    return cube.allocation.rows


# 63 weeks are counted as the bits of one integer; 64 and more, by summing weeks first.
@pytest.mark.parametrize("weeks", [1, 2, 63, 64, 200])
def test_summary_counts_distinct_weeks_on_short_and_long_windows(weeks: int) -> None:
    expected = 1 if weeks == 1 else 2
    hours = 9.0
    assert _weeks_counted(None, weeks) == (
        WorkRow("dana", "close", None, "time", hours, expected, hours * 150.0, False),
    )


@pytest.mark.parametrize("weeks", [63, 64])
def test_summary_counts_weeks_the_same_on_postgresql(postgres_url: str, weeks: int) -> None:
    assert _weeks_counted(postgres_url, weeks) == _weeks_counted(None, weeks)
