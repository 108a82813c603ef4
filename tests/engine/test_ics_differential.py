"""levelset's calendar reader and recurrence held against icalendar and
recurring-ical-events (issue 14): on exports written in the layouts of Google Calendar,
Outlook / Exchange, Apple Calendar and Fastmail (time zones, folded lines, overrides,
EXDATE, RDATE, all-day events, COUNT and UNTIL, and an event with several RRULEs, as
Fastmail writes an event with several JSCalendar recurrence rules: RFC 5545 section
3.8.5.3 makes the set their union), every occurrence that counts as time
is the same: the same event on the same day, for the same length (an RDATE of
``VALUE=PERIOD`` keeps its own).

What levelset leaves out on purpose is left out of the reference too: all-day events,
free (transparent) time and cancelled occurrences add no hours. Differences, with the
RFC's reason, would be listed in ``KNOWN``; there are none on this corpus.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events

from levelset.engine.events.recurrence import expand
from levelset.load.ics import read_ics

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "calendar" / "exports"
WINDOW = (date(2026, 1, 1), date(2026, 6, 30))
FILES = sorted(p.name for p in CORPUS.glob("*.ics"))

Occurrence = tuple[str, date, int]  # the event, its day, its length in minutes


def _ours(text: str) -> Counter[Occurrence]:
    parsed = read_ics(text, "cal.ics", lambda _email: None, owner="dana")
    assert parsed.problems == [], parsed.problems
    found = expand(parsed.events, WINDOW)
    days = [date(1970, 1, 1) + timedelta(days=int(d)) for d in found.day]
    return Counter(
        (
            parsed.events[int(at)].uid,
            day,
            _minutes(parsed.events[int(at)].end - parsed.events[int(at)].start),
        )
        for at, day in zip(found.event, days, strict=True)
    )


def _minutes(length: timedelta) -> int:
    return round(length.total_seconds() / 60)


def reference(text: str, window: tuple[date, date] = WINDOW) -> Counter[Occurrence]:
    """The occurrences recurring-ical-events gives in ``window`` (both ends included),
    with levelset's rules of what counts as time applied (no all-day, free or cancelled
    ones). ``scripts/ics_corpus.py`` holds the libraries' own test calendars to it."""
    calendar = icalendar.Calendar.from_ical(text)
    zone = calendar.get("X-WR-TIMEZONE")
    local = _zone(str(zone)) if zone else None
    low = datetime.combine(window[0], datetime.min.time())
    high = datetime.combine(window[1] + timedelta(days=1), datetime.min.time())
    found: Counter[Occurrence] = Counter()
    for event in recurring_ical_events.of(calendar).between(low, high):
        start = event.decoded("DTSTART")
        if not isinstance(start, datetime):
            continue  # all-day: no hours
        if str(event.get("TRANSP", "")).upper() == "TRANSPARENT":
            continue  # free time: no hours
        if str(event.get("STATUS", "")).upper() == "CANCELLED":
            continue
        if start.tzinfo is not None and str(start.tzinfo) == "UTC" and local is not None:
            start = start.astimezone(local)  # a UTC time, in the calendar's own zone
        end = event.decoded("DTEND") if "DTEND" in event else start + event.decoded("DURATION")
        length = _minutes(end - event.decoded("DTSTART"))
        found[(str(event.get("UID", "")), start.date(), length)] += 1
    return found


def _zone(name: str) -> ZoneInfo | None:
    """The calendar's zone, ``None`` for a name no zone has (times are kept as given)."""
    try:
        return ZoneInfo(name)
    except (ValueError, KeyError, OSError):
        return None


@pytest.mark.parametrize("name", FILES)
def test_every_occurrence_agrees_with_recurring_ical_events(name: str) -> None:
    text = (CORPUS / name).read_text(encoding="utf-8")
    ours, theirs = _ours(text), reference(text)
    assert sum(theirs.values()) > 0
    assert ours == theirs, {"only ours": ours - theirs, "only theirs": theirs - ours}


def test_the_corpus_has_the_layouts_of_four_exporters() -> None:
    assert FILES == ["apple.ics", "fastmail.ics", "google.ics", "outlook.ics"]
