"""levelset's calendar reader and recurrence held against icalendar and
recurring-ical-events on those libraries' own test calendars (issue 14): for each file,
whether each side can read it and whether every occurrence that counts as time is the
same (the event, the local day of its start, its length in minutes).

    uv run python scripts/ics_corpus.py            # the table and the figures
    uv run python scripts/ics_corpus.py --differences   # and what differs, file by file

The corpus is the test calendars shipped inside the installed packages (icalendar's
``tests/calendars`` and ``tests/events``, recurring-ical-events' ``test/calendars``).
Each file is compared over one window, the same for both sides: from its first start
for two years (the corpus holds series of every frequency and years far apart; a window
wider than that makes hourly series too many to compare).

What levelset leaves out on purpose is left out of the reference too: all-day events,
free (transparent) time and cancelled occurrences add no hours. Every file where the two
still differ is listed in ``KNOWN`` with the reason, from RFC 5545 or from what
levelset counts; a difference not listed there makes the script exit 1.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
import warnings
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import icalendar

from levelset.engine.events.recurrence import expand
from levelset.load.ics import read_ics

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "engine"))

# The reference as the differential test computes it: recurring-ical-events' occurrences
# with levelset's rules of what counts as time.
from test_ics_differential import _minutes, reference  # noqa: E402

Occurrence = tuple[str, date, int]  # the event, its day, its length in minutes
FOLDERS = (
    ("icalendar", Path("tests") / "calendars"),
    ("icalendar", Path("tests") / "events"),
    ("recurring_ical_events", Path("test") / "calendars"),
)
SPAN = timedelta(days=730)

_TOO_LONG = (
    "a timed event longer than 24 hours (a multi-day block, up to {hours}) is left out "
    "with a problem: RFC 5545 allows it (3.6.1), but it is not a meeting levelset can "
    "count as hours (docs/format.md, 'a timed event longer than 24 hours')"
)
_END_FIRST = (
    "DTEND before DTSTART breaks RFC 5545 3.8.2.2 (DTEND 'MUST be later in time than' "
    "DTSTART): levelset reports the event and leaves it out; the reference swaps the times"
)

#: Files where levelset and the reference differ on purpose, with the reason.
KNOWN: dict[str, str] = {
    "tests/calendars/timezoned.ics": _TOO_LONG.format(hours="104 hours"),
    "test/calendars/after_many_events_in_order.ics": _TOO_LONG.format(hours="102 hours"),
    "test/calendars/daylight_saving_time.ics": _TOO_LONG.format(hours="49 hours"),
    "test/calendars/machbar_16_feb_2019.ics": _TOO_LONG.format(hours="49 hours"),
    "test/calendars/fablab_cottbus.ics": _TOO_LONG.format(hours="57 hours"),
    "test/calendars/issue_173_only_modifications_error.ics": _TOO_LONG.format(hours="287 hours"),
    "test/calendars/end_before_start_event.ics": _END_FIRST,
    "test/calendars/issue_132_swapped_start_and_end.ics": _END_FIRST,
    "test/calendars/issue_201_test_matrix.ics": (
        _TOO_LONG.format(hours="72 hours") + "; and VEVENT-DATE-HOURS (a DATE DTSTART with "
        "DURATION:PT10H) is all-day for levelset: with a DATE start the duration must be "
        "in days or weeks (RFC 5545 3.8.2.5), the reference makes it a timed event"
    ),
    "test/calendars/issue_75_range_parameter.ics": (
        "UNTIL=20250920 is a DATE for a DATE-TIME DTSTART, which RFC 5545 3.3.10 forbids "
        "(UNTIL MUST have DTSTART's value type): levelset reads it as that whole day (as "
        "docs/format.md says), the reference as its midnight, so the occurrence of "
        "2025-09-20 12:00 (moved by a THISANDFUTURE override) counts only in levelset"
    ),
}


@dataclass(frozen=True)
class Compared:
    """One file: what each side found (``None`` when it could not read the file)."""

    name: str
    ours: Counter[Occurrence] | None
    theirs: Counter[Occurrence] | None
    ours_error: str = ""
    theirs_error: str = ""

    @property
    def both_read(self) -> bool:
        """Whether both sides read the file."""
        return self.ours is not None and self.theirs is not None

    @property
    def agree(self) -> bool:
        """Whether both read it and found the same occurrences."""
        return self.both_read and self.ours == self.theirs


def corpus() -> Iterator[Path]:
    """Every test calendar of the installed packages, in name order per folder."""
    for package, folder in FOLDERS:
        module = __import__(package)
        yield from sorted((Path(module.__file__).parent / folder).glob("*.ics"))


def window_of(text: str) -> tuple[date, date]:
    """From the first start in ``text`` (as levelset reads it, else as icalendar does),
    for ``SPAN``; any window when neither finds a start (both then find nothing)."""
    parsed = read_ics(text, "cal.ics", lambda _email: None, owner="owner")
    starts = [event.start.date() for event in parsed.events]
    with contextlib.suppress(Exception):  # a file the reference cannot read either
        for event in icalendar.Calendar.from_ical(text).walk("VEVENT"):
            with contextlib.suppress(Exception):
                start = event.decoded("DTSTART")
                if isinstance(start, date):  # a datetime is a date too
                    starts.append(start.date() if isinstance(start, datetime) else start)
    first = min(starts, default=date(2026, 1, 1))
    return first, first + SPAN


def ours(text: str, window: tuple[date, date]) -> Counter[Occurrence]:
    """The occurrences levelset counts as time in ``window``."""
    parsed = read_ics(text, "cal.ics", lambda _email: None, owner="owner")
    found = expand(parsed.events, window)
    epoch = date(1970, 1, 1)
    return Counter(
        (
            _written_uid(parsed.events[int(at)].uid),
            epoch + timedelta(days=int(day)),
            _minutes(parsed.events[int(at)].end - parsed.events[int(at)].start),
        )
        for at, day in zip(found.event, found.day, strict=True)
    )


def _written_uid(uid: str) -> str:
    """The UID as the file wrote it: ``""`` for the one levelset makes of an event without
    one (its file and line), which the reference leaves empty."""
    return "" if uid.startswith("cal.ics:") else uid


def compare(path: Path) -> Compared:
    """Both sides on one file; an exception on either side means it cannot read it."""
    name = f"{path.parent.parent.name}/{path.parent.name}/{path.name}"
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        return Compared(name, None, None, f"not UTF-8: {error}", "")
    window = window_of(text)
    mine: Counter[Occurrence] | None = None
    theirs: Counter[Occurrence] | None = None
    mine_error = reference_error = ""
    try:
        if read_ics(text, name, lambda _email: None).is_calendar:
            mine = ours(text, window)
        else:
            mine_error = "not an iCalendar file (no BEGIN:VCALENDAR first)"
    except Exception as error:  # a crash of levelset's reader is a finding of this script
        mine_error = f"{type(error).__name__}: {error}"
    try:
        with warnings.catch_warnings(), contextlib.redirect_stderr(io.StringIO()):
            warnings.simplefilter("ignore")
            theirs = reference(text, window)
    except Exception as error:  # the reference cannot read every file of its own tests
        reference_error = f"{type(error).__name__}: {str(error)[:80]}"
    return Compared(name, mine, theirs, mine_error, reference_error)


def main() -> int:
    """Print the table and the figures; exit 1 on a difference ``KNOWN`` does not hold."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--differences", action="store_true", help="show what differs")
    args = parser.parse_args()
    warnings.simplefilter("ignore")  # icalendar warns about the odd files its tests hold
    results = [compare(path) for path in corpus()]
    width = max(len(r.name) for r in results)
    print(f"{'file':<{width}}  {'ours':>6}  {'theirs':>6}  verdict")
    unexplained = 0
    for result in results:
        verdict = _verdict(result)
        unexplained += verdict == "DIFFERENT"
        mine = "-" if result.ours is None else str(sum(result.ours.values()))
        given = "-" if result.theirs is None else str(sum(result.theirs.values()))
        print(f"{result.name:<{width}}  {mine:>6}  {given:>6}  {verdict}")
        if args.differences and result.both_read and not result.agree:
            assert result.ours is not None
            assert result.theirs is not None
            print(f"    only ours:   {sorted((result.ours - result.theirs).items())[:6]}")
            print(f"    only theirs: {sorted((result.theirs - result.ours).items())[:6]}")
    both = [r for r in results if r.both_read]
    agree = [r for r in both if r.agree]
    print(
        f"\n{len(results)} files; both read {len(both)}; they agree exactly on {len(agree)}; "
        f"{len(both) - len(agree)} differ ({len(both) - len(agree) - unexplained} explained "
        f"in KNOWN); levelset cannot read {sum(r.ours is None for r in results)}, "
        f"recurring-ical-events {sum(r.theirs is None for r in results)}, neither "
        f"{sum(r.ours is None and r.theirs is None for r in results)}"
    )
    # levelset refuses a file that does not begin with BEGIN:VCALENDAR (RFC 5545
    # section 3.4: an iCalendar object is a VCALENDAR): a bare VEVENT is not a calendar.
    for why, count in Counter(r.ours_error for r in results if r.ours is None).items():
        print(f"  levelset cannot read {count}: {why}")
    return 1 if unexplained else 0


def _verdict(result: Compared) -> str:
    if not result.both_read:
        why = [f"levelset: {result.ours_error}"] if result.ours_error else []
        why += [f"reference: {result.theirs_error}"] if result.theirs_error else []
        return f"not compared ({'; '.join(why)})"
    if result.agree:
        return "same"
    return f"differs: {KNOWN[result.name]}" if result.name in KNOWN else "DIFFERENT"


if __name__ == "__main__":
    sys.exit(main())
