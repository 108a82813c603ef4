"""The calendar reader: realistic Google and Outlook exports, broken files, RFC 5545 details."""

from __future__ import annotations

import shutil
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from levelset.engine.events.recurrence import expand
from levelset.load.calendars import read_calendars
from levelset.load.ics import read_ics
from levelset.model import Person
from levelset.model.events import CalendarEvent

FIXTURES = Path(__file__).parent.parent / "fixtures" / "calendar"
PEOPLE = {
    "dana": Person("dana", "Dana Reyes", "dana@acme.example"),
    "lee": Person("lee", "Lee Chen", "Lee@Acme.example"),
    "sam": Person("sam", "Sam Lee", "sam@stride.example", partner="stride"),
}
EMAILS = {p.email.casefold(): p.id for p in PEOPLE.values()}


def _workspace(tmp_path: Path, *names: str) -> Path:
    folder = tmp_path / "data" / "calendar"
    folder.mkdir(parents=True)
    for name in names:
        shutil.copy(FIXTURES / name, folder / Path(name).name)
    return tmp_path


def _read(text: str, owner: str | None = None) -> tuple[list[CalendarEvent], list[str]]:
    parsed = read_ics(text, "cal.ics", lambda e: EMAILS.get(e.casefold()), owner=owner)
    return parsed.events, [str(p) for p in parsed.problems]


def _calendar(*lines: str) -> str:
    return "\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", *lines, "END:VCALENDAR", ""])


def _by_title(events: list[CalendarEvent]) -> dict[str, CalendarEvent]:
    return {e.title: e for e in events}


def test_google_export_series_override_and_flags(tmp_path: Path) -> None:
    events, files, problems = read_calendars(_workspace(tmp_path, "google-dana.ics"), PEOPLE)
    assert problems == []
    assert files == ["data/calendar/google-dana.ics"]
    found = _by_title(events)
    series = found["Strategy session"]
    assert series.start == datetime(2026, 1, 5, 10, 0)
    assert series.hours == 1.5
    # UNTIL=20260330T215959Z is 23:59:59 in Berlin (summer time began on 29 March).
    assert series.rrule == "FREQ=WEEKLY;WKST=MO;UNTIL=20260330T235959;BYDAY=MO"
    assert series.exdates == (datetime(2026, 2, 16, 10, 0),)
    assert series.location.file == "data/calendar/google-dana.ics"
    assert series.location.line == 26
    # The organizer attends; Sam declined (his address written in another case); the
    # outside guest and the meeting room are not people of the workspace.
    assert [(a.person, a.declined, a.organizer) for a in series.attendees] == [
        ("dana", False, True),
        ("sam", True, False),
        ("lee", False, False),
    ]
    moved = found["Strategy session (moved: offsite)"]
    assert moved.uid == series.uid
    assert moved.recurrence_id == datetime(2026, 3, 2, 10, 0)
    assert moved.start == datetime(2026, 3, 3, 14, 0)
    assert {a.person: a.declined for a in moved.attendees} == {
        "dana": False,
        "sam": False,
        "lee": True,
    }
    # 08:00Z in January is 09:00 in Berlin, the calendar's zone.
    assert found["Month-end close review"].start == datetime(2026, 1, 14, 9, 0)
    holiday = found["Easter Monday"]
    assert holiday.all_day
    assert not holiday.counts_as_time
    assert found["Focus time"].transparent
    assert found["Vendor demo"].cancelled
    # Dana's own block names nobody: the calendar is hers (X-WR-CALNAME).
    assert [a.person for a in found["Board prep"].attendees] == ["dana"]


def test_outlook_export_with_windows_zone_names_and_crlf(tmp_path: Path) -> None:
    events, _, problems = read_calendars(_workspace(tmp_path, "outlook-lee.ics"), PEOPLE)
    assert problems == []
    found = _by_title(events)
    standup = found["Month-end close stand-up"]
    assert standup.start == datetime(2026, 1, 7, 9, 0)
    assert standup.end == datetime(2026, 1, 7, 9, 30)
    assert standup.exdates == (datetime(2026, 1, 14, 9, 0), datetime(2026, 1, 16, 9, 0))
    assert standup.rrule == "FREQ=WEEKLY;COUNT=10;BYDAY=WE,FR"
    assert standup.uid.endswith("A1B2C3D4E5F60718293A4B5C6D7E8F90")  # folded with a tab
    # The room is a NON-PARTICIPANT; Sam has not answered and counts as invited.
    assert [a.person for a in standup.attendees] == ["dana", "sam", "lee"]
    assert standup.location.line == 29
    assert found["Finance review"].rrule == "FREQ=MONTHLY;BYDAY=1TU"
    assert found["Out of office"].all_day
    assert found["Hold: maybe gym"].transparent  # BUSYSTATUS FREE


def test_broken_files_are_problems_with_lines_and_the_rest_is_read(tmp_path: Path) -> None:
    root = _workspace(
        tmp_path,
        "google-dana.ics",
        "broken/damaged.ics",
        "broken/empty.ics",
        "broken/latin1.ics",
        "broken/outlook-export.ics",
    )
    events, files, problems = read_calendars(root, PEOPLE)
    assert files == ["data/calendar/damaged.ics", "data/calendar/google-dana.ics"]
    assert "Pipeline review" in _by_title(events)  # the good event of the damaged file
    assert "Strategy session" in _by_title(events)
    text = [str(p) for p in problems]
    damaged = [t for t in text if t.startswith("data/calendar/damaged.ics")]
    assert damaged[0].startswith("data/calendar/damaged.ics:12: an event without DTSTART")
    assert damaged[1].startswith("data/calendar/damaged.ics:21: the event ends (2026-01-12 10:00)")
    assert damaged[2].startswith(
        "data/calendar/damaged.ics:27: DTSTART is not a date or date-time: '2026-01-13 09:00'"
    )
    assert "(and 2 more like it)" in damaged[2]
    assert "data/calendar/damaged.ics:50: a recurrence rule that cannot be read" in damaged[3]
    assert damaged[4].startswith("data/calendar/damaged.ics:56: an event of 30 hours")
    assert damaged[5].startswith("data/calendar/damaged.ics:61: BEGIN:VEVENT has no END:VEVENT")
    assert damaged[6].startswith("data/calendar/damaged.ics:1: BEGIN:VCALENDAR has no END")
    assert len(damaged) == 7
    assert "data/calendar/empty.ics:1: data/calendar/empty.ics is empty" in text[len(damaged) :][0]
    assert any(t.startswith("data/calendar/latin1.ics:8: ") and "not UTF-8" in t for t in text)
    assert any(
        t.startswith("data/calendar/outlook-export.ics:1: ") and "is not an iCalendar file" in t
        for t in text
    )


def test_no_calendar_folder_is_no_events(tmp_path: Path) -> None:
    assert read_calendars(tmp_path, PEOPLE) == ([], [], [])


def test_a_meeting_in_two_exports_is_kept_once(tmp_path: Path) -> None:
    root = _workspace(tmp_path, "google-dana.ics")
    shutil.copy(FIXTURES / "google-dana.ics", root / "data" / "calendar" / "lee-copy.ics")
    events, files, _ = read_calendars(root, PEOPLE)
    assert len(files) == 2
    assert [e.location.file for e in events if e.title == "Strategy session"] == [
        "data/calendar/google-dana.ics"
    ]


def test_the_file_name_says_whose_calendar_it_is(tmp_path: Path) -> None:
    folder = tmp_path / "data" / "calendar"
    folder.mkdir(parents=True)
    (folder / "lee.ics").write_text(
        _calendar("BEGIN:VEVENT", "UID:a", "DTSTART:20260105T090000", "SUMMARY:Solo", "END:VEVENT")
    )
    events, _, _ = read_calendars(tmp_path, PEOPLE)
    assert [a.person for a in events[0].attendees] == ["lee"]


def test_folding_quoted_parameters_and_escaped_text() -> None:
    events, problems = _read(
        _calendar(
            "BEGIN:VEVENT",
            "UID:q1",
            "DTSTART:20260105T090000",
            "DURATION:PT1H30M",
            "SUMMARY:Close\\, review\\; Q1\\nnotes",
            'ATTENDEE;CN="Reyes; Dana: CFO";PARTSTAT=DECLINED:mai',
            " lto:DANA@acme.example",
            "END:VEVENT",
        )
    )
    assert problems == []
    (event,) = events
    assert event.title == "Close, review; Q1\nnotes"
    assert event.hours == 1.5
    assert [(a.person, a.declined) for a in event.attendees] == [("dana", True)]


def test_times_dates_and_zones() -> None:
    events, problems = _read(
        _calendar(
            "X-WR-TIMEZONE:Europe/Berlin",
            "BEGIN:VEVENT",
            "UID:flight",
            "DTSTART;TZID=America/New_York:20260105T180000",
            "DTEND;TZID=Europe/Berlin:20260106T080000",
            "RRULE:FREQ=DAILY;UNTIL=20260110",
            "EXDATE;VALUE=DATE:20260107",
            "EXDATE:20260108T230000Z,20260109T230000Z",
            "RDATE;VALUE=PERIOD:20260120T230000Z/PT1H",
            "END:VEVENT",
            "BEGIN:VEVENT",
            "UID:floating",
            "DTSTART:20260105T090000",
            "END:VEVENT",
        )
    )
    assert problems == []
    flight, period, floating = events
    # The PERIOD of the RDATE keeps its own hour (RFC 5545 section 3.8.5.2): an override
    # of the series at its start, not the flight's eight hours.
    assert (period.uid, period.recurrence_id) == ("flight", datetime(2026, 1, 20, 18, 0))
    assert period.end - period.start == timedelta(hours=1)
    # The landing time is turned into the zone of the start: 08:00 Berlin = 02:00 New York.
    assert flight.end == datetime(2026, 1, 6, 2, 0)
    assert flight.rrule == "FREQ=DAILY;UNTIL=20260110T235959"  # the whole last day
    assert flight.exdates == (
        datetime(2026, 1, 7, 18, 0),  # a date means that day at the event's time
        datetime(2026, 1, 8, 18, 0),
        datetime(2026, 1, 9, 18, 0),
    )
    assert flight.rdates == (datetime(2026, 1, 20, 18, 0),)
    assert floating.end == floating.start  # no DTEND, no DURATION: no length


def test_utc_times_stay_utc_without_a_known_zone() -> None:
    events, _ = _read(
        _calendar(
            "BEGIN:VEVENT",
            "UID:u",
            'DTSTART;TZID="Custom Zone Nobody Knows":20260105T090000',
            'DTEND;TZID="Custom Zone Nobody Knows":20260105T100000',
            "RECURRENCE-ID:20260105T080000Z",
            "END:VEVENT",
        )
    )
    assert events[0].start == datetime(2026, 1, 5, 9, 0)
    assert events[0].recurrence_id == datetime(2026, 1, 5, 8, 0)


def test_an_event_left_open_before_the_next_one() -> None:
    events, problems = _read(
        _calendar(
            "BEGIN:VEVENT",
            "UID:a",
            "DTSTART:20260105T090000",
            "BEGIN:VEVENT",
            "UID:b",
            "DTSTART:20260106T090000",
            "END:VEVENT",
            "END:VTODO",
        )
    )
    assert [e.uid for e in events] == ["b"]
    assert problems == [
        "cal.ics:3: BEGIN:VEVENT has no END:VEVENT (the event is left out) "
        "(the file is cut short or damaged: export the calendar again)",
        "cal.ics:10: END:VTODO without a BEGIN:VTODO (repair the file or export it again)",
    ]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("DURATION:-PT1H", "DURATION is a negative length of time"),
        ("DURATION:1 hour", "DURATION is not a length of time"),
        ("RRULE:FREQ=WEEKLY;UNTIL=2026", "a recurrence rule that cannot be read"),
        ("RRULE:INTERVAL=2", "a recurrence rule that cannot be read"),
        ("EXDATE:20260230T090000", "EXDATE is not a real date or time"),
        ('ATTENDEE;CN="Dana:mailto:dana@acme.example', "a line with an unclosed quote"),
        ("X-BROKEN", "a line that is not NAME:value"),
    ],
)
def test_bad_values_are_problems_at_their_line(line: str, message: str) -> None:
    events, problems = _read(
        _calendar("BEGIN:VEVENT", "UID:a", "DTSTART:20260105T090000", line, "END:VEVENT")
    )
    assert len(problems) == 1
    assert problems[0].startswith(f"cal.ics:6: {message}")
    left_out = "the event is left out" in problems[0]
    assert len(events) == (0 if left_out else 1)


def test_a_notes_export_with_its_own_zone_updates_and_a_split_series(tmp_path: Path) -> None:
    events, _, problems = read_calendars(_workspace(tmp_path, "notes-lee.ics"), PEOPLE)
    assert problems == []
    found = _by_title(events)
    # "Central Europe (Notes)" is no zone zoneinfo knows: the file's VTIMEZONE defines it,
    # with summer time (the calendar zone, X-WR-TIMEZONE, names it before it is defined).
    assert found["Board dinner"].start == datetime(2026, 6, 1, 19, 0)  # 17:00Z in summer
    assert found["Budget call (moved to Thursday)"].start == datetime(2026, 1, 8, 16, 0)
    series = found["Ops review"]
    assert series.rrule == "FREQ=WEEKLY;BYDAY=MO;UNTIL=20260330T103000"  # 08:30Z in summer
    # The updated invitations: the highest SEQUENCE, on a tie the later DTSTAMP.
    assert [e.title for e in events if e.uid in ("notes-budget-call", "notes-hiring-sync")] == [
        "Budget call (moved to Thursday)",
        "Hiring sync (resent)",
    ]
    # RANGE=THISANDFUTURE: the override changes its occurrence and every later one.
    later = found["Ops review (short)"]
    assert (later.recurrence_id, later.this_and_future, later.rrule) == (
        datetime(2026, 3, 2, 10, 0),
        True,
        None,
    )
    assert later.location.line == 45


def test_an_updated_invitation_in_another_file_wins_on_its_sequence(tmp_path: Path) -> None:
    folder = tmp_path / "data" / "calendar"
    folder.mkdir(parents=True)

    def invitation(sequence: int, day: int, stamp: str) -> str:
        return _calendar(
            "BEGIN:VEVENT",
            "UID:inv",
            f"SEQUENCE:{sequence}",
            f"DTSTAMP:{stamp}",
            f"DTSTART:202601{day:02d}T090000",
            f"SUMMARY:Version {sequence} of {day}",
            "END:VEVENT",
        )

    (folder / "a.ics").write_text(invitation(1, 5, "20260301T000000Z"))
    (folder / "b.ics").write_text(invitation(2, 6, "20260101T000000Z"))
    (folder / "c.ics").write_text(invitation(2, 7, "20260401T000000Z"))
    events, _, problems = read_calendars(tmp_path, PEOPLE)
    assert problems == []
    # The highest SEQUENCE; across files a tie goes to the first file, whatever DTSTAMP
    # says (an export writes the time of the export there).
    assert [(e.title, e.location.file) for e in events] == [
        ("Version 2 of 6", "data/calendar/b.ics")
    ]


def test_the_newest_override_wins_and_an_override_of_one_occurrence_repeats_nothing() -> None:
    events, problems = _read(
        _calendar(
            "BEGIN:VEVENT",
            "UID:s",
            "DTSTART:20260105T090000",
            "RRULE:FREQ=WEEKLY",
            "END:VEVENT",
            "BEGIN:VEVENT",
            "UID:s",
            "RECURRENCE-ID:20260112T090000",
            "DTSTART:20260112T100000",
            "RRULE:FREQ=DAILY",  # some exporters repeat the rule in an override
            "SEQUENCE:1",
            "SUMMARY:First move",
            "END:VEVENT",
            "BEGIN:VEVENT",
            "UID:s",
            "RECURRENCE-ID:20260112T090000",
            "DTSTART:20260112T110000",
            "SUMMARY:Second move",
            "END:VEVENT",
        )
    )
    assert problems == []
    # SEQUENCE 1 wins over the later copy without one (0); it moves one occurrence only.
    assert [(e.title, e.rrule) for e in events] == [("", "FREQ=WEEKLY"), ("First move", None)]


def test_a_zone_the_file_defines_without_rules_and_one_it_cannot() -> None:
    events, problems = _read(
        _calendar(
            "BEGIN:VTIMEZONE",
            "TZID:Office time",
            "BEGIN:STANDARD",
            "DTSTART:19700101T000000",
            "TZOFFSETFROM:+0530",
            "TZOFFSETTO:+0530",
            "END:STANDARD",
            "END:VTIMEZONE",
            "BEGIN:VTIMEZONE",
            "TZID:Broken time",
            "BEGIN:STANDARD",
            "TZOFFSETTO:+0100",
            "END:STANDARD",
            "END:VTIMEZONE",
            "BEGIN:VTIMEZONE",
            "TZID:Far time",
            "BEGIN:STANDARD",
            "DTSTART:19700101T000000",
            "TZOFFSETFROM:+2500",
            "TZOFFSETTO:+2500",
            "END:STANDARD",
            "END:VTIMEZONE",
            "BEGIN:VEVENT",
            "UID:a",
            "DTSTART;TZID=Office time:20260105T090000",
            "DTEND:20260105T043000Z",
            "SUMMARY:Straße",  # a letter whose capital is two letters
            "END:VEVENT",
            "BEGIN:VEVENT",
            "UID:b",
            "DTSTART;TZID=Broken time:20260105T090000",
            "DTEND:20260105T100000Z",
            "END:VEVENT",
        )
    )
    office, broken = events
    assert (office.start, office.end) == (datetime(2026, 1, 5, 9, 0), datetime(2026, 1, 5, 10, 0))
    assert (broken.start, broken.end) == (datetime(2026, 1, 5, 9, 0), datetime(2026, 1, 5, 10, 0))
    assert problems == [
        "cal.ics:11: a VTIMEZONE that cannot be read (mandatory DTSTART not found): times in "
        "'Broken time' are kept as written (and 1 more like it) (export the calendar again, "
        "or name an IANA zone such as Europe/Berlin in TZID)"
    ]


def _event(*lines: str) -> list[str]:
    return ["BEGIN:VEVENT", *lines, "END:VEVENT"]


def test_a_duration_too_long_for_a_number_is_a_problem_not_a_crash() -> None:
    events, problems = _read(
        _calendar(
            *_event("UID:a", "DTSTART:20260105T090000Z", "DURATION:P999999999999999999W",
                    "SUMMARY:Forever"),
            *_event("UID:b", "DTSTART:20260105T100000Z", "DURATION:PT1H", "SUMMARY:Next"),
        )
    )  # fmt: skip
    assert [e.title for e in events] == ["Next"]  # the calendar load goes on
    assert any("too long" in p for p in problems), problems


def test_several_rrules_are_all_kept_without_a_problem() -> None:
    events, problems = _read(
        _calendar(
            *_event("UID:a", "DTSTART:20260105T090000", "DTEND:20260105T100000",
                    "RRULE:FREQ=WEEKLY;BYDAY=MO", "RRULE:FREQ=WEEKLY;BYDAY=TH",
                    "RRULE:FREQ=WEEKLY;BYDAY=MO", "SUMMARY:Sync"),
        )
    )  # fmt: skip
    assert problems == []  # RFC 5545 allows several: the series is their union
    (event,) = events
    assert event.rrules == ("FREQ=WEEKLY;BYDAY=MO", "FREQ=WEEKLY;BYDAY=TH")
    days = expand(events, (date(2026, 1, 5), date(2026, 1, 18))).day
    assert sorted(date(1970, 1, 1) + timedelta(days=int(d)) for d in days) == [
        date(2026, 1, 5),
        date(2026, 1, 8),
        date(2026, 1, 12),
        date(2026, 1, 15),
    ]


def test_events_after_a_misspelled_end_are_read_and_the_misspelling_is_said() -> None:
    events, problems = _read(
        _calendar(
            "BEGIN:VTODO", "UID:t", "SUMMARY:File taxes", "END:VTOOD",
            *_event("UID:a", "DTSTART:20260105T090000Z", "DTEND:20260105T100000Z",
                    "SUMMARY:After the todo"),
        )
    )  # fmt: skip
    assert [e.title for e in events] == ["After the todo"]
    assert any("END:VTOOD without a BEGIN:VTOOD (is it END:VTODO?)" in p for p in problems)
    assert any("BEGIN:VTODO has no END:VTODO" in p for p in problems), problems
