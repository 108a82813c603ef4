"""Time entries from every tool's export to the weekly table, and every unusable row told."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

import ibis
import ibis.expr.datatypes as dt
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from levelset.engine import Engine
from levelset.engine.events import time_entries, time_scan
from levelset.engine.events.time_entries import TimeWeekly, weekly_time
from levelset.engine.events.time_resolution import People
from levelset.engine.events.time_values import KeyTexts
from levelset.engine.reading import DateReader, read_hours
from levelset.load import load_workspace
from levelset.load.timefiles import find_time_sources
from levelset.model import Person, Workspace

FIXTURES = Path(__file__).parent.parent / "fixtures" / "time"
JAN5, JAN12, JAN19 = date(2026, 1, 5), date(2026, 1, 12), date(2026, 1, 19)


def _workspace(root: Path, *fixtures: str) -> Workspace:
    (root / "data" / "time").mkdir(parents=True, exist_ok=True)
    shutil.copy(FIXTURES / "org.yaml", root / "org.yaml")
    for name in fixtures:
        shutil.copy(FIXTURES / name, root / "data" / "time" / Path(name).name)
    result = load_workspace(root)
    assert result.problems == ()
    return result.workspace


def _weekly(
    engine: Engine, workspace: Workspace, window: tuple[date, date] | None = None
) -> TimeWeekly:
    sources, problems = find_time_sources(workspace.root)
    assert problems == []
    return weekly_time(engine, workspace, sources, window)


def _rows(engine: Engine, weekly: TimeWeekly) -> list[dict[str, Any]]:
    rows = engine.rows(weekly.table)
    return sorted(rows, key=lambda r: (r["person"], r["week"], r["label"], r["customer"] or ""))


def _key(row: dict[str, Any]) -> tuple[Any, ...]:
    return (row["person"], row["week"], row["responsibility"], row["label"], row["customer"])


def _hours(engine: Engine, weekly: TimeWeekly) -> dict[tuple[Any, ...], float]:
    return {_key(r): round(r["hours"], 4) for r in _rows(engine, weekly)}


# -- each tool's export ------------------------------------------------------------


def test_levelset_csv_ids_emails_and_activities(tmp_path: Path, engine: Engine) -> None:
    weekly = _weekly(engine, _workspace(tmp_path, "good/levelset.csv"))
    assert weekly.problems == []
    assert _hours(engine, weekly) == {
        ("dana", JAN5, "deal-reviews", "deal-reviews", "Northwind Traders"): 1.5,
        # DANA@acme.example: a person is found by email, without regard to case.
        ("dana", JAN5, "monthly-close", "monthly-close", None): 3.0,
        ("dana", JAN5, "strategy", "strategy", None): 2.5,
        # No activity: the description names the work.
        ("marcus", JAN12, None, "Bank reconciliation, December", None): 6.25,
        ("priya", JAN5, None, "Pipeline clean-up", "Contoso Ltd"): 4.0,
        ("sam", JAN12, "monthly-close", "monthly-close", None): 7.5,
    }
    # Priya's zero-hour entry is no problem and adds nothing.
    assert (weekly.entries, weekly.first, weekly.last) == (6, JAN5, date(2026, 1, 14))


def test_toggl_durations_tags_and_quoted_descriptions(tmp_path: Path, engine: Engine) -> None:
    weekly = _weekly(engine, _workspace(tmp_path, "good/toggl_detailed.csv"))
    assert weekly.problems == []
    assert _hours(engine, weekly) == {
        # Alex Kim is two people by name; the email tells them apart.
        ("alex-kim", JAN5, "customer-support", "Ticket #4411 refund", "Contoso Ltd"): 0.3333,
        # "deal review;forecast": tags separated by semicolons, quotes doubled inside.
        ("dana", JAN5, "deal-reviews", 'Pipeline review with "the whales"', None): 1.25,
        ("priya", JAN5, "deal-reviews", "Contoso QBR prep", "Contoso Ltd"): 2.0,
        (
            "priya",
            JAN5,
            "deal-reviews",
            "Renewal call with Northwind, pricing",
            "Northwind Traders",
        ): 1.5,
        ("priya", JAN5, None, "Team 1:1s", None): 0.75,
    }
    assert weekly.entries == 5


def test_clockify_us_dates_and_decimal_durations(tmp_path: Path, engine: Engine) -> None:
    weekly = _weekly(engine, _workspace(tmp_path, "good/clockify_detailed.csv"))
    assert weekly.problems == []
    assert _hours(engine, weekly) == {
        ("alex-kim-2", JAN12, "customer-support", "Password resets", "Northwind Traders"): 1.0,
        ("marcus", JAN12, "monthly-close", "Close January books", None): 3.5,
        ("marcus", JAN12, None, "Payroll run", None): 2.0,
        # SAM@stride.example: a partner's person, by email.
        ("sam", JAN12, "monthly-close", "AP batch, vendor statements", "Stride Bookkeeping"): 2.5,
    }
    assert (weekly.first, weekly.last) == (JAN12, date(2026, 1, 15))


def test_clockify_from_a_european_workspace_reads_day_first(tmp_path: Path, engine: Engine) -> None:
    weekly = _weekly(engine, _workspace(tmp_path, "odd/clockify_european.csv"))
    assert weekly.problems == []
    # 26/01/2026 cannot be month-first, so the file's dates are day-first; "2,00" hours.
    assert _hours(engine, weekly) == {
        ("marcus", JAN5, "monthly-close", "Close January books", None): 2.0,
        ("marcus", date(2026, 1, 26), "monthly-close", "VAT return", None): 1.5,
    }


def test_harvest_people_by_first_and_last_name(tmp_path: Path, engine: Engine) -> None:
    weekly = _weekly(engine, _workspace(tmp_path, "good/harvest_detailed.csv"))
    assert weekly.problems == []
    assert _hours(engine, weekly) == {
        ("dana", JAN19, None, "Strategy / Planning", "Acme Internal"): 1.5,
        (
            "marcus",
            JAN19,
            "monthly-close",
            "Stripe payouts vs. bank, January",
            "Acme Internal",
        ): 4.0,
        ("priya", JAN19, None, "Contoso pricing proposal", "Contoso Ltd"): 2.25,
    }


def test_all_tools_together_in_one_table(tmp_path: Path, engine: Engine) -> None:
    files = [f"good/{p.name}" for p in sorted((FIXTURES / "good").iterdir())]
    weekly = _weekly(engine, _workspace(tmp_path, *files))
    rows = _rows(engine, weekly)
    assert weekly.problems == []
    assert (weekly.entries, weekly.first, weekly.last) == (18, JAN5, date(2026, 1, 21))
    assert sum(r["entries"] for r in rows) == 18
    assert round(sum(r["hours"] for r in rows), 4) == 47.3333  # 24.75 + 5.8333 + 9 + 7.75
    assert {(r["source"], r["recurring"]) for r in rows} == {("time", False)}
    assert {r["week"].weekday() for r in rows} == {0}
    assert engine.to_arrow(weekly.table).schema.names == [
        "person",
        "week",
        "responsibility",
        "label",
        "customer",
        "source",
        "recurring",
        "hours",
        "entries",
    ]


def test_the_window_keeps_the_entries_dated_inside_it(tmp_path: Path, engine: Engine) -> None:
    workspace = _workspace(tmp_path, "good/levelset.csv")
    weekly = _weekly(engine, workspace, window=(date(2026, 1, 6), date(2026, 1, 13)))
    assert {(r["person"], r["hours"]) for r in _rows(engine, weekly)} == {
        ("dana", 3.0),
        ("priya", 4.0),
        ("marcus", 6.25),
    }
    # With a window the span is the window's: the scan does not look for the first day.
    assert (weekly.entries, weekly.first, weekly.last) == (3, None, None)


# The scan groups by what the file wrote; those groups are the weekly table's as they are
# only when no two spellings name the same person, work or customer. Each case writes
# two rows in one week that must end up as one row (or two) of the weekly table.
_SPELLINGS = {
    "different people and work": (
        "dana,2026-01-05,1,strategy,,\npriya,2026-01-06,2,deal-reviews,,\n",
        {
            ("dana", "strategy", None): ("strategy", 1.0, 1),
            ("priya", "deal-reviews", None): ("deal-reviews", 2.0, 1),
        },
    ),
    "one person by id and by email": (
        "dana,2026-01-05,1,strategy,,\nDANA@acme.example,2026-01-06,2,strategy,,\n",
        {("dana", "strategy", None): ("strategy", 3.0, 2)},
    ),
    "one customer with and without spaces": (
        "dana,2026-01-05,1,strategy,Northwind,\ndana,2026-01-06,2,strategy, Northwind ,\n",
        {("dana", "strategy", "Northwind"): ("strategy", 3.0, 2)},
    ),
    "one activity with and without spaces": (
        'dana,2026-01-05,1,strategy,,\ndana,2026-01-06,2," strategy",,\n',
        {("dana", "strategy", None): ("strategy", 3.0, 2)},
    ),
    "one responsibility under two activities": (
        "dana,2026-01-05,1,strategy,,\ndana,2026-01-06,2,Strategy,,\n",
        {
            ("dana", "strategy", None): ("strategy", 1.0, 1),
            ("dana", "Strategy", None): ("strategy", 2.0, 1),
        },
    ),
}


@pytest.mark.parametrize("case", list(_SPELLINGS))
def test_spellings_of_one_thing_are_summed_into_one_row(
    tmp_path: Path, engine: Engine, case: str
) -> None:
    lines, expected = _SPELLINGS[case]
    workspace = _workspace(tmp_path)
    header = "person,date,hours,activity,customer,description\n"
    (tmp_path / "data" / "time" / "entries.csv").write_text(header + lines)
    weekly = _weekly(engine, workspace)
    assert weekly.problems == []
    rows = _rows(engine, weekly)
    got = {
        (r["person"], r["label"], r["customer"]): (r["responsibility"], r["hours"], r["entries"])
        for r in rows
    }
    assert got == expected
    # Weeks are dates (Mondays), not the timestamps the engines truncate dates to.
    assert {(type(r["week"]), r["week"]) for r in rows} == {(date, JAN5)}


# -- rows that cannot be used ----------------------------------------------------------


def test_every_unusable_row_is_a_problem_at_its_line(tmp_path: Path, engine: Engine) -> None:
    weekly = _weekly(engine, _workspace(tmp_path, "bad/levelset_bad_rows.csv"))
    file = "data/time/levelset_bad_rows.csv"
    assert [(p.location.file, p.location.line, p.message) for p in weekly.problems] == [
        (file, 3, "unknown person 'zoe@acme.example' (and 1 more row like it)"),
        (file, 4, "date 'Jan 5 2026' is not a date"),
        (file, 5, "date '2026-02-30' does not exist"),
        (file, 7, "negative hours '-2'"),
        (file, 8, "30 hours in one entry is not believable"),
        (file, 9, "hours 'two' is not a number"),
        (file, 10, "no hours"),
        (file, 11, "no person"),
        (file, 12, "no date"),
    ]
    assert "max_entry_hours" in weekly.problems[4].hint
    assert "24 hours" in weekly.problems[4].hint
    # The two good rows still count.
    assert _hours(engine, weekly) == {
        ("dana", JAN5, "strategy", "strategy", None): 2.0,
        ("priya", JAN5, "deal-reviews", "deal-reviews", "Northwind Traders"): 1.75,
    }
    assert weekly.entries == 2


def test_the_limit_of_an_entry_comes_from_the_settings(tmp_path: Path, engine: Engine) -> None:
    (tmp_path / "levelset.toml").write_text("[data]\nmax_entry_hours = 40\n")
    weekly = _weekly(engine, _workspace(tmp_path, "bad/levelset_bad_rows.csv"))
    assert not any("believable" in p.message for p in weekly.problems)
    assert weekly.entries == 3


def test_unknown_and_ambiguous_people_and_bad_durations_in_toggl(
    tmp_path: Path, engine: Engine
) -> None:
    weekly = _weekly(engine, _workspace(tmp_path, "bad/toggl_bad_rows.csv"))
    assert [(p.location.line, p.message) for p in weekly.problems] == [
        (3, "unknown person 'Jordan Blake <jordan@contractor.example>'"),
        (4, "Alex Kim (alex-kim, alex-kim-2) names more than one person"),
        (5, "hours '1h 30m' is not a number"),
    ]
    assert weekly.entries == 1


@pytest.mark.parametrize(
    ("fixture", "line", "reason"),
    [
        ("bad/harvest_broken_quote.csv", 3, "quote"),
        ("bad/levelset_extra_column.csv", 4, "column"),
    ],
)
def test_a_broken_file_is_one_problem_and_the_others_still_count(
    tmp_path: Path, engine: Engine, fixture: str, line: int, reason: str
) -> None:
    weekly = _weekly(engine, _workspace(tmp_path, fixture, "good/levelset.csv"))
    [problem] = weekly.problems
    assert problem.location.file == f"data/time/{Path(fixture).name}"
    # DuckDB stops at the broken line; PostgreSQL's COPY may read on to the file's end.
    assert problem.location.line is not None
    assert problem.location.line >= line
    if engine.reads_in_place:
        assert problem.location.line == line
    assert "is a broken CSV file" in problem.message
    assert "none of its entries were used" in problem.message
    assert reason in problem.message
    assert weekly.entries == 6  # levelset.csv, whole


def test_parquet_rows_are_named_by_number(tmp_path: Path, engine: Engine) -> None:
    workspace = _workspace(tmp_path)
    table = pa.table(
        {
            "person": ["dana", "priya", "ghost", "marcus"],
            "date": pa.array([JAN5, JAN5, JAN12, None], pa.date32()),
            "hours": [1.5, 2.0, 1.0, 3.0],
            "activity": ["strategy", "deal-reviews", "strategy", "monthly-close"],
        }
    )
    pq.write_table(table, tmp_path / "data" / "time" / "q1.parquet")
    weekly = _weekly(engine, workspace)
    assert [(str(p.location), p.message) for p in weekly.problems] == [
        ("data/time/q1.parquet:3", "row 3: unknown person 'ghost'"),
        ("data/time/q1.parquet:4", "row 4: no date"),
    ]
    assert _hours(engine, weekly) == {
        ("dana", JAN5, "strategy", "strategy", None): 1.5,
        ("priya", JAN5, "deal-reviews", "deal-reviews", None): 2.0,
    }


def test_many_different_bad_values_are_summed_up(tmp_path: Path, engine: Engine) -> None:
    workspace = _workspace(tmp_path)
    lines = ["person,date,hours"] + [f"temp{i}@agency.example,2026-01-05,1" for i in range(25)]
    (tmp_path / "data" / "time" / "agency.csv").write_text("\n".join(lines) + "\n")
    weekly = _weekly(engine, workspace)
    assert len(weekly.problems) == 11
    assert weekly.problems[0].message == "unknown person 'temp0@agency.example'"
    last = weekly.problems[-1]
    assert last.location.line == 12
    assert last.message == (
        "unknown person: 15 other values like 'temp10@agency.example' (and 14 more rows like it)"
    )


def test_no_sources_give_an_empty_table(engine: Engine) -> None:
    weekly = weekly_time(engine, Workspace(root=Path("nowhere")), [], None)
    assert (weekly.entries, weekly.first, weekly.last, weekly.problems) == (0, None, None, [])
    assert engine.rows(weekly.table) == []
    assert "week" in weekly.table.columns


# -- the values read once each ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "hours", "flaw"),
    [
        ("1.5", 1.5, ""),
        (" 2 ", 2.0, ""),
        ("1,25", 1.25, ""),
        (".5", 0.5, ""),
        ("01:30:00", 1.5, ""),
        ("0:45", 0.75, ""),
        ("25:00:00", 25.0, "absurd hours"),
        ("0", 0.0, ""),
        ("-0.5", -0.5, "negative hours"),
        ("1h30", None, "hours not a number"),
        ("nan", None, "hours not a number"),
        ("", None, "no hours"),
    ],
)
def test_read_hours(text: str, hours: float | None, flaw: str) -> None:
    assert read_hours(text, 24.0) == (hours, flaw)


@pytest.mark.parametrize(
    ("order", "text", "expected"),
    [
        ("ymd", "2026-01-05", (JAN5, "")),
        ("ymd", "2026-01-05 09:00:00", (JAN5, "")),
        ("ymd", "2026-1-5", (JAN5, "")),
        ("ymd", "01/05/2026", (None, "not a date")),
        ("mdy", "01/05/2026", (JAN5, "")),
        ("mdy", "2026-01-05", (JAN5, "")),
        ("dmy", "05/01/2026", (JAN5, "")),
        ("ymd", "2025-02-29", (None, "impossible date")),
        ("ymd", "2024-02-29", (date(2024, 2, 29), "")),
        ("ymd", "", (None, "no date")),
    ],
)
def test_read_dates(order: str, text: str, expected: tuple[date | None, str]) -> None:
    assert DateReader(order).read(text) == expected


def test_day_first_is_inferred_only_when_the_dates_say_so() -> None:
    assert DateReader.for_values(["01/05/2026", "13/05/2026"], "mdy").order == "dmy"
    assert DateReader.for_values(["01/05/2026", "05/13/2026"], "mdy").order == "mdy"
    # Bad either way: the format's order stays, and the bad dates are reported.
    assert DateReader.for_values(["13/13/2026"], "mdy").order == "mdy"


def test_people_by_id_email_and_name() -> None:
    people = People(
        [
            Person("dana", "Dana Reyes", "dana@acme.example"),
            Person("alex", "Alex Kim", "alex@acme.example"),
            Person("alex2", "Alex Kim", "akim@acme.example"),
        ]
    )
    assert people.resolve("Dana", "", "") == ("dana", "", "")
    assert people.resolve("DANA@ACME.EXAMPLE", "", "") == ("dana", "", "")
    assert people.resolve("", "", "dana reyes") == ("dana", "", "")
    assert people.resolve("", "akim@acme.example", "Alex Kim") == ("alex2", "", "")
    assert people.resolve("", "old@acme.example", "Dana Reyes") == ("dana", "", "")
    assert people.resolve("", "", "Alex Kim") == (
        None,
        "ambiguous person",
        "Alex Kim (alex, alex2)",
    )
    assert people.resolve("", "x@y.example", "") == (None, "unknown person", "x@y.example")
    assert people.resolve("", "", "") == (None, "no person", "")


# -- every backend as DuckDB --------------------------------------------------------------


def test_every_backend_gives_the_weekly_table_and_problems_of_duckdb(
    tmp_path: Path, engine: Engine, duckdb: Engine
) -> None:
    good = [f"good/{p.name}" for p in sorted((FIXTURES / "good").iterdir())]
    bad = [f"bad/{p.name}" for p in sorted((FIXTURES / "bad").iterdir())]
    workspace = _workspace(tmp_path, *good, *bad)
    on_engine = _weekly(engine, workspace)
    on_duckdb = _weekly(duckdb, workspace)

    def norm(on: Engine, weekly: TimeWeekly) -> list[tuple[Any, ...]]:
        return [(*_key(r), round(r["hours"], 6), r["entries"]) for r in _rows(on, weekly)]

    assert norm(engine, on_engine) == norm(duckdb, on_duckdb)
    assert (on_engine.entries, on_engine.first, on_engine.last) == (
        on_duckdb.entries,
        on_duckdb.first,
        on_duckdb.last,
    )

    # A broken file may stop at another line on PostgreSQL; rows are told the same.
    def told(weekly: TimeWeekly) -> list[str]:
        return [str(p) for p in weekly.problems if "broken" not in p.message]

    assert told(on_engine) == told(on_duckdb)
    assert len(on_engine.problems) == len(on_duckdb.problems)


def test_one_clean_file_is_summed_from_the_scan_alone(tmp_path: Path, engine: Engine) -> None:
    # One file, every key meaning one thing: the scan's groups are the weekly table.
    workspace = _workspace(tmp_path)
    (tmp_path / "data" / "time" / "entries.csv").write_text(
        "person,date,hours,activity,customer,description\n"
        "dana,2026-01-05,1,strategy,Northwind,\n"
        "priya,2026-01-13,2.5,deal-reviews,,\n"
        "priya,2026-01-14,0.5,deal-reviews,,\n"
    )
    rows = _rows(engine, _weekly(engine, workspace))
    assert [(type(r["week"]), r["week"], r["hours"]) for r in rows] == [
        (date, JAN5, 1.0),
        (date, JAN12, 3.0),
    ]


# -- keys grouped by their hashes (DuckDB) ----------------------------------------------


@ibis.udf.scalar.builtin(name="weak_hash")
def _weak_hash(value: str) -> dt.uint64:  # type: ignore[empty-body]
    """A "hash" under which every two texts collide (a macro made by the test)."""


@pytest.mark.parametrize(
    "fixtures",
    [
        ["good/levelset.csv"],
        ["bad/levelset_bad_rows.csv"],
        [f"good/{p.name}" for p in sorted((FIXTURES / "good").iterdir())],
    ],
    ids=["one file", "bad rows", "every tool"],
)
def test_duckdb_only_scans_again_by_text_when_texts_share_a_hash(
    tmp_path: Path, duckdb: Engine, monkeypatch: pytest.MonkeyPatch, fixtures: list[str]
) -> None:
    workspace = _workspace(tmp_path, *fixtures)
    hashed = _weekly(duckdb, workspace)
    checked: list[bool] = []
    collide = time_entries.hashes_collide

    def spy(texts: KeyTexts) -> bool:
        checked.append(collide(texts))
        return checked[-1]

    duckdb.backend.raw_sql("CREATE TEMP MACRO weak_hash(x) AS CAST(7 AS UBIGINT)")
    monkeypatch.setattr(time_scan, "_hash", _weak_hash)
    monkeypatch.setattr(time_entries, "hashes_collide", spy)
    again = _weekly(duckdb, workspace)
    assert True in checked  # the weak hash made two texts collide, and it was seen
    assert _rows(duckdb, again) == _rows(duckdb, hashed)
    assert again.problems == hashed.problems
    assert (again.entries, again.first, again.last) == (hashed.entries, hashed.first, hashed.last)


@pytest.mark.parametrize(
    "fixtures",
    [
        ["good/harvest_detailed.csv"],  # one file whose keys each mean one thing
        [f"good/{p.name}" for p in sorted((FIXTURES / "good").iterdir())],
    ],
    ids=["one file", "every tool"],
)
def test_a_large_file_gives_what_a_small_one_gives(
    tmp_path: Path, engine: Engine, monkeypatch: pytest.MonkeyPatch, fixtures: list[str]
) -> None:
    """A small CSV file's groups are kept in memory and its weekly table is stored once;
    a large one's groups are stashed and its weekly table (one file whose keys each mean
    one thing) joined again where it is read: the same rows either way."""
    workspace = _workspace(tmp_path, *fixtures)
    small = _weekly(engine, workspace)
    monkeypatch.setattr(time_scan, "SMALL_CSV_BYTES", 0)  # every file counts as large
    large = _weekly(engine, workspace)
    assert _rows(engine, large) == _rows(engine, small)
    assert large.problems == small.problems
    assert (large.entries, large.first, large.last, large.rows) == (
        small.entries,
        small.first,
        small.last,
        small.rows,
    )
