"""The allocation cube: precedence of time entries, the window, cost, the summary, on
every backend; and a run's scans of the time files resolved again against a changed
workspace without reading the files, with the clock given by the caller."""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from levelset.engine import Engine
from levelset.engine.events import Cube, build_cube, events_key, run, scan_events
from levelset.engine.events.cube import (
    IN_MEMORY_ROWS,
    WEEKLY_COLUMNS,
    WEEKLY_SCHEMA,
    assemble,
    monday,
    weeks_between,
)
from levelset.load import load_workspace
from levelset.load.events import read_event_files
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


def _cube(engine: Engine, rows: int | None = None):  # type: ignore[no-untyped-def]
    cube = assemble(
        engine,
        WORKSPACE,
        (date(2026, 7, 6), date(2026, 7, 19)),
        time=_weekly(engine, TIME),
        meetings=_weekly(engine, MEETINGS),
        time_entries=8,
        occurrences=3,
        rows=rows,
    )
    table = sorted(
        engine.rows(cube.table),
        key=lambda r: (r["person"], r["week"], r["source"], r["label"] or ""),
    )
    return cube, table


def test_time_entries_take_precedence_and_the_window_clips(engine: Engine) -> None:
    cube, table = _cube(engine)
    kept = [(r["person"], r["week"], r["source"], r["hours"]) for r in table]
    assert kept == [
        ("dana", W1, "time", 10.0),
        ("dana", W2, "time", 2.0),
        ("sam", W1, "calendar", 3.0),  # no time logged by sam that week: the meeting counts
        ("sam", W2, "time", 6.0),
    ]
    assert cube.allocation.weeks == 2


def test_cost_is_hours_at_the_persons_rate_and_unknown_without_one(engine: Engine) -> None:
    _, table = _cube(engine)
    costs = {(r["person"], r["week"], r["source"]): r["cost"] for r in table}
    assert costs[("dana", W1, "time")] == 1500.0
    assert costs[("sam", W2, "time")] is None


def test_summary_rows_per_person_and_work(engine: Engine) -> None:
    cube, _ = _cube(engine)
    assert cube.allocation.rows == (
        WorkRow("dana", "close", None, "time", 10.0, 1, 1500.0, False),
        WorkRow("dana", None, "vendor calls", "time", 2.0, 1, 300.0, False),
        WorkRow("sam", "strategy", None, "calendar", 3.0, 1, None, True),
        WorkRow("sam", "close", None, "time", 6.0, 1, None, False),
    )
    assert (cube.allocation.time_entries, cube.allocation.occurrences) == (8, 3)
    assert cube.allocation.engine == engine.name


@pytest.mark.parametrize("rows", [len(TIME) + len(MEETINGS), IN_MEMORY_ROWS + 1])
def test_the_cube_is_the_same_kept_small_or_stashed(engine: Engine, rows: int) -> None:
    stashed, stashed_rows = _cube(engine)  # the size not known: stashed
    cube, table = _cube(engine, rows)
    assert table == stashed_rows
    assert cube.allocation == stashed.allocation


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


def _weeks_counted(engine: Engine, weeks: int) -> tuple[WorkRow, ...]:
    """Dana's close work in the first week (twice, for two customers) and the last week
    of a window of ``weeks`` ISO weeks."""
    last = W1 + timedelta(weeks=weeks - 1)
    rows = [
        ("dana", W1, "close", "close", "cust-a", "time", False, 2.0, 1),
        ("dana", W1, "close", "close", "cust-b", "time", False, 3.0, 1),
        ("dana", last, "close", "month-end close", None, "time", False, 4.0, 1),
    ]
    window = (W1, last + timedelta(days=6))
    cube = assemble(engine, WORKSPACE, window, time=_weekly(engine, rows), meetings=None)
    assert cube.allocation.weeks == weeks
    return cube.allocation.rows


# 63 weeks are counted as the bits of one integer; 64 and more, by summing weeks first.
@pytest.mark.parametrize("weeks", [1, 2, 63, 64, 200])
def test_summary_counts_distinct_weeks_on_short_and_long_windows(
    engine: Engine, weeks: int
) -> None:
    expected = 1 if weeks == 1 else 2
    hours = 9.0
    assert _weeks_counted(engine, weeks) == (
        WorkRow("dana", "close", None, "time", hours, expected, hours * 150.0, False),
    )


# -- scanned once, resolved again ----------------------------------------------------------

FIXTURES = Path(__file__).parent.parent / "fixtures"
TODAY = date(2030, 3, 4)


def _events(root: Path, *, toml: str = "", org: tuple[tuple[str, str], ...] = ()) -> Workspace:
    """The workspace at ``root`` (written on first use: the time fixtures' org.yaml, a
    good and a bad time file, a calendar), its YAML edited by ``org`` (pairs of a text
    and what replaces it) and its levelset.toml ``toml``."""
    time = root / "data" / "time"
    if not time.exists():
        time.mkdir(parents=True)
        shutil.copy(FIXTURES / "time" / "good" / "levelset.csv", time / "levelset.csv")
        shutil.copy(FIXTURES / "time" / "bad" / "toggl_bad_rows.csv", time / "toggl.csv")
        (root / "data" / "calendar").mkdir()
        for path in sorted((FIXTURES / "calendar").glob("*.ics"))[:1]:
            shutil.copy(path, root / "data" / "calendar" / path.name)
    text = (FIXTURES / "time" / "org.yaml").read_text()
    for old, new in org:
        assert old in text
        text = text.replace(old, new)
    (root / "org.yaml").write_text(text)
    (root / "levelset.toml").write_text(toml)
    loaded = load_workspace(root)
    assert loaded.problems == ()
    workspace, problems = read_event_files(loaded.workspace)
    assert problems == []
    return workspace


# What a YAML change may change: a rate, a match rule, a person gone (their entries become
# unknown people, a problem in files that had none).
CHANGED = (
    ("cost_rate: 150", "cost_rate: 175"),
    ('match: {project: Sales, tags: ["deal review"]}', 'match: {activity: "deal-*"}'),
    ("  - {id: marcus, name: Marcus Chen, email: marcus@acme.example, cost_rate: 90}\n", ""),
    ("holders: [marcus]", "holders: [dana]"),
)


def _seen(engine: Engine, cube: Cube) -> tuple[Any, ...]:
    rows = sorted(
        engine.rows(cube.table),
        key=lambda r: tuple("" if v is None else str(v) for v in r.values()),
    )
    return rows, cube.allocation, cube.problems


def test_scans_resolved_against_a_changed_workspace_give_the_cube_of_a_fresh_run(
    tmp_path: Path, engine: Engine
) -> None:
    before = _events(tmp_path)
    scans = scan_events(engine, before)
    first = build_cube(engine, before, today=TODAY, scans=scans)
    after = _events(tmp_path, org=CHANGED)
    assert events_key(after) == scans.key  # only the YAML changed: the scans are good
    again = build_cube(engine, after, today=TODAY, scans=scans)
    fresh = build_cube(engine, after, today=TODAY)
    assert _seen(engine, again) == _seen(engine, fresh)
    assert _seen(engine, again) != _seen(engine, first)
    assert any("unknown person 'marcus'" in p.message for p in again.problems)
    # Resolved once more against the first workspace, the scans give the first cube.
    assert _seen(engine, build_cube(engine, before, today=TODAY, scans=scans)) == _seen(
        engine, first
    )


def test_scans_are_resolved_again_without_reading_the_files(tmp_path: Path, engine: Engine) -> None:
    before = _events(tmp_path)
    scans = scan_events(engine, before)
    build_cube(engine, before, today=TODAY, scans=scans)  # the bad rows numbered once
    after = _events(tmp_path, org=(("cost_rate: 150", "cost_rate: 175"),))
    fresh = build_cube(engine, after, today=TODAY)
    for path in (tmp_path / "data" / "time").iterdir():
        path.rename(path.with_suffix(".gone"))
    again = build_cube(engine, after, today=TODAY, scans=scans)
    assert _seen(engine, again) == _seen(engine, fresh)
    assert events_key(after) != scans.key  # the files are gone: the key tells


def test_a_new_flaw_in_a_file_gone_since_the_scan_is_told_at_the_file(
    tmp_path: Path, engine: Engine
) -> None:
    before = _events(tmp_path)
    scans = scan_events(engine, before)
    after = _events(tmp_path, org=CHANGED)
    (tmp_path / "data" / "time" / "levelset.csv").unlink()
    cube = build_cube(engine, after, today=TODAY, scans=scans)
    [unknown] = [p for p in cube.problems if "unknown person 'marcus'" in p.message]
    assert unknown.location.file == "data/time/levelset.csv"
    if engine.reads_in_place:  # the line needed the file read again, numbered
        assert unknown.location.line is None
    else:  # a copied file is numbered as it is copied
        assert unknown.location.line == 7


def test_the_key_of_the_scans_is_what_they_depend_on(tmp_path: Path, engine: Engine) -> None:
    workspace = _events(tmp_path)
    key = scan_events(engine, workspace).key
    assert events_key(_events(tmp_path, org=CHANGED)) == key
    assert events_key(_events(tmp_path, toml="[data]\nmax_entry_hours = 12\n")) != key
    windowed = _events(tmp_path, toml='[data]\nwindow = "2026-01-05..2026-01-11"\n')
    assert events_key(windowed) != key
    time = tmp_path / "data" / "time" / "levelset.csv"
    time.write_text(time.read_text() + "dana,2026-01-08,1,strategy,,\n")
    assert events_key(_events(tmp_path)) != key


def test_scans_of_another_window_are_refused(tmp_path: Path, engine: Engine) -> None:
    scans = scan_events(engine, _events(tmp_path))
    windowed = _events(tmp_path, toml='[data]\nwindow = "2026-01-05..2026-01-11"\n')
    assert not scans.fits(windowed)
    with pytest.raises(ValueError, match="scan them again"):
        build_cube(engine, windowed, today=TODAY, scans=scans)


def test_the_clock_is_the_callers_when_no_fact_is_dated(tmp_path: Path, engine: Engine) -> None:
    (tmp_path / "data" / "time").mkdir(parents=True)
    (tmp_path / "data" / "time" / "empty.csv").write_text("person,date,hours,activity\n")
    shutil.copy(FIXTURES / "time" / "org.yaml", tmp_path / "org.yaml")
    workspace, _ = read_event_files(load_workspace(tmp_path).workspace)
    cube = build_cube(engine, workspace, today=TODAY)
    allocation = cube.allocation
    assert (allocation.window_start, allocation.window_end, allocation.weeks) == (TODAY, TODAY, 1)
    assert engine.rows(cube.table) == []


def test_the_calendars_are_expanded_again_only_for_another_window_or_other_events(
    tmp_path: Path, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    expanded: list[tuple[date, date]] = []
    expand = run.expand_meetings

    def spy(on: Engine, events: Any, window: tuple[date, date]) -> Any:
        expanded.append(window)
        return expand(on, events, window)

    monkeypatch.setattr(run, "expand_meetings", spy)
    before = _events(tmp_path)
    assert before.events.calendar
    scans = scan_events(engine, before)
    first = build_cube(engine, before, today=TODAY, scans=scans)
    after = _events(tmp_path, org=(("cost_rate: 150", "cost_rate: 175"),))
    again = build_cube(engine, after, today=TODAY, scans=scans)
    assert len(expanded) == 1  # the same events over the same window
    assert again.allocation.occurrences == first.allocation.occurrences > 0
    assert _seen(engine, again) == _seen(engine, build_cube(engine, after, today=TODAY))
    assert len(expanded) == 2  # the fresh run expanded them itself
