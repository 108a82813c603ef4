"""Meetings per person and week: expansion of series, who counts, attendance; on every
backend."""

from __future__ import annotations

import random
import shutil
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from dateutil.rrule import rrulestr

from levelset.engine import Engine
from levelset.engine.events import meetings
from levelset.engine.events.meetings import MeetingWeekly, expand_meetings, weekly_meetings
from levelset.engine.events.recurrence import day_number, expand
from levelset.load.calendars import read_calendars
from levelset.model import Person, Workspace
from levelset.model.events import Attendee, CalendarEvent
from levelset.model.org import Match, Responsibility

from .calendarkit import event

FIXTURES = Path(__file__).parent.parent / "fixtures" / "calendar"
Q1 = (date(2026, 1, 1), date(2026, 3, 31))
PEOPLE = {
    "dana": Person("dana", "Dana Reyes", "dana@acme.example"),
    "lee": Person("lee", "Lee Chen", "lee@acme.example"),
    "sam": Person("sam", "Sam Lee", "sam@stride.example", partner="stride"),
}
RESPONSIBILITIES = {
    "strategy-review": Responsibility(
        "strategy-review", "Strategy", match=Match(calendar="Strategy session*")
    ),
    "monthly-close": Responsibility(
        "monthly-close", "Close", match=Match(calendar="month-end close*")
    ),
}


def _workspace(root: Path) -> Workspace:
    return Workspace(root=root, people=PEOPLE, responsibilities=RESPONSIBILITIES)


def _fixture_events(tmp_path: Path) -> list[CalendarEvent]:
    folder = tmp_path / "data" / "calendar"
    folder.mkdir(parents=True)
    for name in ("google-dana.ics", "outlook-lee.ics"):
        shutil.copy(FIXTURES / name, folder / name)
    events, _, problems = read_calendars(tmp_path, PEOPLE)
    assert problems == []
    return events


def _rows(engine: Engine, met: MeetingWeekly) -> list[dict[str, Any]]:
    rows = engine.rows(met.table)
    return sorted(rows, key=lambda r: (r["person"], r["week"], r["label"]))


def _hours(rows: list[dict[str, Any]], person: str, label: str) -> dict[date, float]:
    return {r["week"]: r["hours"] for r in rows if r["person"] == person and r["label"] == label}


def test_realistic_exports_give_hours_per_person_and_week(tmp_path: Path, engine: Engine) -> None:
    events = _fixture_events(tmp_path)
    met = weekly_meetings(engine, _workspace(tmp_path), events, Q1)
    rows = _rows(engine, met)
    assert met.problems == []
    strategy = _hours(rows, "lee", "Strategy session")
    # 13 Mondays from 5 January to 30 March, less the EXDATE (16 February) and the
    # occurrence of 2 March moved to the 3rd (which Lee declined).
    assert sorted(strategy) == [
        date(2026, 1, 5) + timedelta(weeks=w) for w in range(13) if w not in (6, 8)
    ]
    assert set(strategy.values()) == {1.5}
    assert _hours(rows, "sam", "Strategy session") == {}  # declined the series
    assert _hours(rows, "sam", "Strategy session (moved: offsite)") == {date(2026, 3, 2): 1.5}
    assert _hours(rows, "lee", "Strategy session (moved: offsite)") == {}
    # COUNT=10 on Wednesdays and Fridays from 7 January, less two EXDATEs: 8 of 30 minutes.
    standup = [r for r in rows if r["person"] == "sam" and r["label"] == "Month-end close stand-up"]
    assert sum(r["entries"] for r in standup) == 8
    assert sum(r["hours"] for r in standup) == 4.0
    # Monthly on the first Tuesday (dateutil's path): 6 January, 3 February, 3 March.
    assert sorted(_hours(rows, "dana", "Finance review")) == [
        date(2026, 1, 5),
        date(2026, 2, 2),
        date(2026, 3, 2),
    ]
    labels = {r["label"] for r in rows}
    assert labels.isdisjoint({"Easter Monday", "Focus time", "Vendor demo", "Hold: maybe gym"})
    board = [r for r in rows if r["label"] == "Board prep"]
    assert [(r["person"], r["recurring"], r["responsibility"]) for r in board] == [
        ("dana", False, None)
    ]
    first = next(r for r in rows if r["label"] == "Strategy session")
    assert first["responsibility"] == "strategy-review"
    assert (first["source"], first["customer"], first["recurring"]) == ("calendar", None, True)
    assert met.occurrences == 12 + 8 + 3 + 1 + 1  # series, stand-up, review, close review, prep


def test_series_attendance(tmp_path: Path, engine: Engine) -> None:
    met = weekly_meetings(engine, _workspace(tmp_path), _fixture_events(tmp_path), Q1)
    series = {s.title: s for s in met.series}
    assert set(series) == {"Strategy session", "Month-end close stand-up", "Finance review"}
    strategy = series["Strategy session"]
    assert strategy.occurrences == 12
    assert strategy.hours == 1.5
    assert strategy.responsibility == "strategy-review"
    assert strategy.invited == {"dana": 12, "lee": 12, "sam": 12}
    assert strategy.attended == {"dana": 12, "lee": 11, "sam": 1}
    assert (strategy.file, strategy.line) == ("data/calendar/google-dana.ics", 26)
    assert series["Finance review"].responsibility is None


def _days(events: list[CalendarEvent], window: tuple[date, date]) -> list[date]:
    found = expand(events, window)
    return sorted(date(1970, 1, 1) + timedelta(days=int(d)) for d in found.day)


def test_window_edges_infinite_series_rdates_and_overrides() -> None:
    monday = datetime(2025, 1, 6, 9, 0)
    series = event(monday, "FREQ=WEEKLY", rdates=(datetime(2026, 1, 14, 9, 0),))
    window = (date(2026, 1, 5), date(2026, 1, 19))  # both Mondays included
    assert _days([series], window) == [
        date(2026, 1, 5),
        date(2026, 1, 12),
        date(2026, 1, 14),
        date(2026, 1, 19),
    ]
    cancelled = event(
        datetime(2026, 1, 12, 9, 0), recurrence_id=datetime(2026, 1, 12, 9, 0), cancelled=True
    )
    moved_out = event(datetime(2026, 2, 2, 9, 0), recurrence_id=datetime(2026, 1, 19, 9, 0))
    assert _days([series, cancelled, moved_out], window) == [date(2026, 1, 5), date(2026, 1, 14)]


def test_the_array_path_agrees_with_dateutil() -> None:
    pick = random.Random(20260105)
    weekdays = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
    for _ in range(400):
        start = datetime(2025, 1, 1, 9) + timedelta(
            days=pick.randrange(500), hours=pick.randrange(9)
        )
        parts = [f"FREQ={pick.choice(['DAILY', 'WEEKLY'])}"]
        if pick.random() < 0.5:
            parts.append(f"INTERVAL={pick.randrange(1, 4)}")
        if pick.random() < 0.4:
            parts.append(f"COUNT={pick.randrange(1, 30)}")
        elif pick.random() < 0.5:
            until = start + timedelta(days=pick.randrange(200), hours=pick.randrange(-5, 5))
            parts.append(f"UNTIL={until:%Y%m%dT%H%M%S}")
        if pick.random() < 0.6:
            parts.append("BYDAY=" + ",".join(pick.sample(weekdays, pick.randrange(1, 4))))
        if pick.random() < 0.3:
            parts.append(f"WKST={pick.choice(weekdays)}")
        rule = ";".join(parts)
        first = date(2025, 6, 1) + timedelta(days=pick.randrange(100))
        window = (first, first + timedelta(days=pick.randrange(200)))
        low = datetime.combine(window[0], datetime.min.time())
        high = datetime.combine(window[1], datetime.max.time())
        expected = set(rrulestr(rule, dtstart=start).between(low, high, inc=True))
        if low <= start <= high:  # DTSTART is an occurrence even when the rule skips it
            expected.add(start)
        got = expand([event(start, rule)], window)
        assert sorted(got.day.tolist()) == sorted(day_number(d.date()) for d in expected), rule


def test_a_daily_stand_up_is_five_entries_a_week(engine: Engine) -> None:
    stand_up = event(
        datetime(2026, 1, 5, 9, 0),
        "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR",
        end=datetime(2026, 1, 5, 9, 15),
        attendees=(Attendee("dana"), Attendee("lee", declined=True)),
    )
    window = (date(2026, 1, 5), date(2026, 1, 18))
    met = weekly_meetings(engine, _workspace(Path(".")), [stand_up], window)
    assert [(r["person"], r["week"], r["hours"], r["entries"]) for r in _rows(engine, met)] == [
        ("dana", date(2026, 1, 5), 1.25, 5),
        ("dana", date(2026, 1, 12), 1.25, 5),
    ]
    (series,) = met.series
    assert (series.occurrences, series.invited, series.attended) == (
        10,
        {"dana": 10, "lee": 10},
        {"dana": 10},
    )


def test_attendee_weeks_bound_the_rows_of_the_weekly_table(engine: Engine) -> None:
    stand_up = event(  # two attendees, one of whom declined, over two weeks
        datetime(2026, 1, 5, 9, 0),
        "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR",
        end=datetime(2026, 1, 5, 9, 15),
        attendees=(Attendee("dana"), Attendee("lee", declined=True)),
    )
    review = event(  # the same two on one Friday
        datetime(2026, 1, 9, 14, 0),
        uid="r",
        title="Review",
        attendees=(Attendee("dana"), Attendee("lee")),
    )
    window = (date(2026, 1, 5), date(2026, 1, 18))
    expansion = expand_meetings(engine, [stand_up, review], window)
    assert expansion.attendee_weeks == 2 * 2 + 2 * 1
    met = weekly_meetings(engine, _workspace(Path(".")), [stand_up, review], window, expansion)
    # Dana's stand-up in both weeks and review, Lee's review (Lee declined the stand-up).
    assert len(_rows(engine, met)) == 4


def test_many_weekly_hours_are_computed_apart_and_the_same(
    tmp_path: Path, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    events = _fixture_events(tmp_path)
    left = _rows(engine, weekly_meetings(engine, _workspace(tmp_path), events, Q1))
    monkeypatch.setattr(meetings, "IN_MEMORY_ROWS", 0)  # every table is "many" rows
    apart = weekly_meetings(engine, _workspace(tmp_path), events, Q1)
    assert "meeting_weeks" in apart.table.get_name()  # a table of its own
    assert _rows(engine, apart) == left


def test_a_series_shortened_from_an_occurrence_on_has_their_average_length(
    engine: Engine,
) -> None:
    start = datetime(2026, 1, 5, 9, 0)  # Mondays for an hour, four of them in the window
    weekly = event(start, "FREQ=WEEKLY;COUNT=4")
    since = start + timedelta(weeks=2)  # the last two take half an hour
    shorter = event(
        since, recurrence_id=since, this_and_future=True, end=since + timedelta(minutes=30)
    )
    met = weekly_meetings(engine, _workspace(Path(".")), [weekly, shorter], Q1)
    (series,) = met.series
    assert (series.occurrences, series.hours) == (4, (1 + 1 + 0.5 + 0.5) / 4)
    assert sum(r["hours"] for r in _rows(engine, met)) == 3.0


def test_a_series_that_is_not_a_meeting_is_a_problem(engine: Engine) -> None:
    noisy = event(datetime(2026, 1, 5, 9), "FREQ=MINUTELY")
    met = weekly_meetings(engine, _workspace(Path(".")), [noisy], Q1)
    assert met.occurrences == 0
    assert [p.message for p in met.problems] == [
        "a series that repeats minutely is not a meeting: 'Sync' is left out"
    ]
    assert engine.rows(met.table) == []
