"""The recurrence set of a series (RFC 5545 section 3.8.5): RDATEs counted once, overrides
with RANGE=THISANDFUTURE, on the array path and dateutil's alike."""

from __future__ import annotations

import random
import shutil
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from levelset.engine import Engine
from levelset.engine.events.meetings import weekly_meetings
from levelset.engine.events.recurrence import expand
from levelset.engine.events.run import calendar_span
from levelset.load.calendars import read_calendars
from levelset.model import Person, Workspace
from levelset.model.events import Attendee, CalendarEvent

from .calendarkit import event

FIXTURES = Path(__file__).parent.parent / "fixtures" / "calendar"
Q1 = (date(2026, 1, 1), date(2026, 3, 31))
MONDAY = datetime(2026, 1, 5, 9, 0)
PEOPLE = {
    "dana": Person("dana", "Dana Reyes", "dana@acme.example"),
    "lee": Person("lee", "Lee Chen", "lee@acme.example"),
}


def _found(events: list[CalendarEvent], window: tuple[date, date] = Q1) -> list[tuple[int, date]]:
    """(event, day) of every occurrence, in order."""
    got = expand(events, window)
    days = [date(1970, 1, 1) + timedelta(days=int(d)) for d in got.day]
    return sorted(zip(got.event.tolist(), days, strict=True))


# A rule the array path expands, and the same rule for dateutil: BYMINUTE is not on the
# array path, and the start's minute changes nothing.
RULES = {"array": "FREQ=WEEKLY;BYDAY=MO", "dateutil": "FREQ=WEEKLY;BYDAY=MO;BYMINUTE=0"}


@pytest.mark.parametrize("path", sorted(RULES))
def test_an_rdate_the_rule_makes_counts_once(path: str) -> None:
    rdates = (
        datetime(2026, 1, 12, 9, 0),  # a Monday the rule makes
        datetime(2026, 1, 12, 9, 0),  # given twice
        datetime(2026, 1, 5, 9, 0),  # the start
        datetime(2026, 1, 14, 9, 0),  # a Wednesday: one more
        datetime(2026, 1, 19, 15, 0),  # the same day at another time: one more
    )
    series = event(MONDAY, RULES[path] + ";COUNT=3", rdates=rdates)
    assert [d for _, d in _found([series])] == [
        date(2026, 1, 5),
        date(2026, 1, 12),
        date(2026, 1, 14),
        date(2026, 1, 19),
        date(2026, 1, 19),
    ]


def test_an_rdate_past_the_end_of_the_rule_still_counts() -> None:
    after = datetime(2026, 1, 26, 9, 0)  # a Monday, but COUNT=3 ended the rule before it
    series = event(MONDAY, "FREQ=WEEKLY;COUNT=3", rdates=(after,))
    assert [d for _, d in _found([series])][-1] == date(2026, 1, 26)
    assert len(_found([series])) == 4


def test_rdates_alone_count_the_start_once() -> None:
    series = event(MONDAY, rdates=(MONDAY, datetime(2026, 1, 7, 9, 0), MONDAY))
    assert [d for _, d in _found([series])] == [date(2026, 1, 5), date(2026, 1, 7)]


def _split(shift: timedelta, **changes: Any) -> CalendarEvent:
    """An override of the series from 2 February on, moved by ``shift``."""
    since = datetime(2026, 2, 2, 9, 0)
    values: dict[str, Any] = {
        "title": "Sync (new)",
        "end": since + shift + timedelta(minutes=30),
        "recurrence_id": since,
        "this_and_future": True,
        "attendees": (Attendee("lee"),),
    }
    values.update(changes)
    return event(since + shift, **values)


@pytest.mark.parametrize("path", sorted(RULES))
def test_this_and_future_moves_every_later_occurrence(path: str) -> None:
    series = event(MONDAY, RULES[path] + ";UNTIL=20260302T090000")
    later = _split(timedelta(days=1, hours=2))  # Tuesdays at 11:00 from 3 February
    single = event(  # one later occurrence moved on its own
        datetime(2026, 2, 20, 9, 0), recurrence_id=datetime(2026, 2, 16, 9, 0), title="Moved"
    )
    assert _found([series, later, single]) == [
        (0, date(2026, 1, 5)),
        (0, date(2026, 1, 12)),
        (0, date(2026, 1, 19)),
        (0, date(2026, 1, 26)),
        (1, date(2026, 2, 3)),
        (1, date(2026, 2, 10)),
        (1, date(2026, 2, 24)),
        (1, date(2026, 3, 3)),  # UNTIL is of the planned starts: 2 March, moved to the 3rd
        (2, date(2026, 2, 20)),
    ]
    assert expand([series, later, single], Q1).series.tolist() == [0] * 9


def test_this_and_future_moves_the_later_rdates_of_a_series_without_a_rule() -> None:
    mondays = tuple(datetime(2026, 1, 5, 9, 0) + timedelta(weeks=k) for k in range(1, 6))
    series = event(MONDAY, rdates=mondays)  # 5 January and the five Mondays after it
    later = _split(timedelta(days=1, hours=2))  # from 2 February, Tuesdays at 11:00
    assert _found([series, later]) == [
        (0, date(2026, 1, 5)),
        (0, date(2026, 1, 12)),
        (0, date(2026, 1, 19)),
        (0, date(2026, 1, 26)),
        (1, date(2026, 2, 3)),
        (1, date(2026, 2, 10)),
    ]


@pytest.mark.parametrize("path", sorted(RULES))
def test_this_and_future_moved_back_into_the_window(path: str) -> None:
    series = event(MONDAY, RULES[path] + ";COUNT=6")
    earlier = _split(timedelta(days=-3))  # Fridays from 30 January
    window = (date(2026, 1, 27), date(2026, 2, 7))
    # Planned for 2 and 9 February; the 9th is after the window, its Friday is not.
    assert _found([series, earlier], window) == [(1, date(2026, 1, 30)), (1, date(2026, 2, 6))]


@pytest.mark.parametrize("path", sorted(RULES))
def test_a_series_cancelled_from_a_day_on(path: str) -> None:
    series = event(MONDAY, RULES[path], rdates=(datetime(2026, 2, 11, 9, 0),))
    cancelled = _split(timedelta(0), cancelled=True)
    assert [d for _, d in _found([series, cancelled])] == [
        date(2026, 1, 5),
        date(2026, 1, 12),
        date(2026, 1, 19),
        date(2026, 1, 26),
    ]


def test_a_free_series_made_busy_from_a_day_on() -> None:
    series = event(MONDAY, "FREQ=WEEKLY;COUNT=6", transparent=True)
    busy = _split(timedelta(hours=1))
    assert _found([series, busy]) == [
        (1, date(2026, 2, 2)),
        (1, date(2026, 2, 9)),
    ]


def test_two_this_and_future_overrides_each_take_their_part() -> None:
    series = event(MONDAY, "FREQ=WEEKLY;COUNT=8")
    first = _split(timedelta(hours=2))
    second = event(
        datetime(2026, 2, 17, 9, 0),
        uid="s",
        recurrence_id=datetime(2026, 2, 16, 9, 0),
        this_and_future=True,
        title="Sync (Tuesdays)",
    )
    assert _found([series, second, first]) == [
        (0, date(2026, 1, 5)),
        (0, date(2026, 1, 12)),
        (0, date(2026, 1, 19)),
        (0, date(2026, 1, 26)),
        (1, date(2026, 2, 17)),
        (1, date(2026, 2, 24)),
        (2, date(2026, 2, 2)),
        (2, date(2026, 2, 9)),
    ]


def test_the_array_path_agrees_with_dateutil_on_moved_parts() -> None:
    pick = random.Random(20260302)
    weekdays = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
    for _ in range(200):
        start = datetime(2025, 11, 3, 6) + timedelta(
            days=pick.randrange(60), hours=pick.randrange(12)
        )
        parts = [f"FREQ={pick.choice(['DAILY', 'WEEKLY'])}", f"INTERVAL={pick.randrange(1, 3)}"]
        if pick.random() < 0.5:
            parts.append(f"COUNT={pick.randrange(5, 40)}")
        if pick.random() < 0.5:
            parts.append("BYDAY=" + ",".join(pick.sample(weekdays, pick.randrange(1, 4))))
        rule = ";".join(parts)
        since = start + timedelta(days=pick.randrange(1, 60))
        shift = timedelta(hours=pick.randrange(-60, 60))
        rdates = tuple(start + timedelta(days=pick.randrange(90)) for _ in range(3))
        window = (date(2026, 1, 1) + timedelta(days=pick.randrange(30)), date(2026, 3, 31))
        moved = event(since + shift, recurrence_id=since, this_and_future=True, title="Moved")
        fast = _found([event(start, rule, rdates=rdates), moved], window)
        slow_rule = f"{rule};BYMINUTE={start.minute}"
        slow = _found([event(start, slow_rule, rdates=rdates), moved], window)
        assert fast == slow, (rule, since, shift)


def test_a_notes_export_in_hours(tmp_path: Path, engine: Engine) -> None:
    folder = tmp_path / "data" / "calendar"
    folder.mkdir(parents=True)
    shutil.copy(FIXTURES / "notes-lee.ics", folder / "notes-lee.ics")
    events, _, problems = read_calendars(tmp_path, PEOPLE)
    assert problems == []
    met = weekly_meetings(engine, Workspace(root=tmp_path, people=PEOPLE), events, Q1)
    rows = engine.rows(met.table)

    def hours(person: str, label: str) -> dict[date, float]:
        return {r["week"]: r["hours"] for r in rows if (r["person"], r["label"]) == (person, label)}

    # Mondays at 10:00 from 5 January, and Wednesday 14 January (an RDATE; the one of
    # 12 January the rule makes already); from 2 March on, 30 minutes at 14:00 without Lee.
    # UNTIL 08:30 UTC on 30 March is 10:30 in the file's own zone (summer time): included.
    weeks = [date(2026, 1, 5) + timedelta(weeks=w) for w in range(13)]
    assert hours("lee", "Ops review") == {w: 2.0 if w == weeks[1] else 1.0 for w in weeks[:8]}
    assert hours("dana", "Ops review (short)") == dict.fromkeys(weeks[8:], 0.5)
    assert hours("lee", "Ops review (short)") == {}  # declined
    (series,) = (s for s in met.series if s.uid == "notes-ops-review")
    assert (series.occurrences, series.invited) == (14, {"dana": 14, "lee": 14})
    assert series.attended == {"dana": 14, "lee": 9}
    # The updated invitations (SEQUENCE) count once.
    assert {r["label"] for r in rows if r["label"].startswith(("Budget", "Hiring"))} == {
        "Budget call (moved to Thursday)",
        "Hiring sync (resent)",
    }
    assert met.occurrences == 14 + 1 + 1  # the board dinner is in June


def test_a_move_of_more_than_a_year_is_one_occurrence_and_never_an_overflow() -> None:
    series = event(MONDAY, "FREQ=MONTHLY;COUNT=3")
    far = event(datetime(9999, 12, 27, 9, 0), recurrence_id=MONDAY, this_and_future=True)
    assert _found([series, far]) == [(0, date(2026, 2, 5)), (0, date(2026, 3, 5))]
    near_the_end = (date(9999, 1, 1), date(9999, 12, 31))
    assert _found([series, far], near_the_end) == [(1, date(9999, 12, 27))]
    back = event(MONDAY - timedelta(days=300), recurrence_id=MONDAY, this_and_future=True)
    assert len(_found([series, back], (date(1, 1, 1), date(9999, 12, 31)))) == 3


def test_the_span_of_the_calendars_reaches_as_far_as_a_split_moves_the_series() -> None:
    series = event(MONDAY, "FREQ=WEEKLY;UNTIL=20260330T235959")
    assert calendar_span([series]) == (date(2026, 1, 5), date(2026, 3, 30))
    later = _split(timedelta(days=3))  # from 2 February on, every Monday is a Thursday
    assert calendar_span([series, later]) == (date(2026, 1, 5), date(2026, 4, 2))
    earlier = _split(timedelta(days=-3))  # moved earlier: the series ends no later
    assert calendar_span([series, earlier]) == (date(2026, 1, 5), date(2026, 3, 30))
    one = _split(timedelta(days=3), this_and_future=False)  # one occurrence moved
    assert calendar_span([series, one]) == (date(2026, 1, 5), date(2026, 3, 30))


def test_a_series_a_count_ends_is_spanned_over_its_whole_length_like_one_an_until_ends() -> None:
    counted = event(MONDAY, "FREQ=WEEKLY;COUNT=8")
    until = event(MONDAY, "FREQ=WEEKLY;UNTIL=20260223T235959")
    assert (
        calendar_span([counted]) == calendar_span([until]) == (date(2026, 1, 5), date(2026, 2, 23))
    )
    twice = event(MONDAY, "FREQ=WEEKLY;BYDAY=MO,WE;COUNT=8")  # 8 occurrences in 4 weeks
    assert calendar_span([twice]) == (date(2026, 1, 5), date(2026, 1, 28))
    assert len(_found([counted], calendar_span([counted]) or Q1)) == 8
    endless = event(MONDAY, "FREQ=WEEKLY;COUNT=99999999")  # past the cap: the start only
    assert calendar_span([endless]) == (date(2026, 1, 5), date(2026, 1, 5))


def test_a_start_the_rule_does_not_make_is_the_first_occurrence() -> None:
    # RFC 5545 section 3.8.5.3: DTSTART always counts as the first occurrence.
    tuesdays = event(MONDAY, "FREQ=WEEKLY;BYDAY=TU;COUNT=3")  # starts on a Monday
    assert [day for _, day in _found([tuesdays])] == [
        date(2026, 1, 5), date(2026, 1, 6), date(2026, 1, 13), date(2026, 1, 20),
    ]  # fmt: skip
    mondays = event(MONDAY, "FREQ=WEEKLY;COUNT=3")  # the rule makes the start: once
    assert len(_found([mondays])) == 3
    gone = event(MONDAY, "FREQ=WEEKLY;BYDAY=TU;COUNT=3", exdates=(MONDAY,))
    assert len(_found([gone])) == 3  # an EXDATE takes the start away like any other
