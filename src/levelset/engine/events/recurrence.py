"""Calendar events expanded over the analysis window, as columns of occurrences.

The recurrence set of a series is its start (even when its RRULE does not make it: RFC
5545 section 3.8.5.3), its RRULEs (several are their union) and RDATEs (a start given
twice counts once, RFC 5545 section 3.8.5.2), less its EXDATEs and the occurrences an override
(same UID, a RECURRENCE-ID) moves, cancels or changes. An override of
``RANGE=THISANDFUTURE`` (``this_and_future``) changes its occurrence and every later one
of the series, which take its title, length, attendees and flags and move by the same offset as
its start from its RECURRENCE-ID (the master's rule still says which occurrences there
are). Two million occurrences are too many to make one by one with dateutil, so the
common rules (``FREQ=DAILY`` and ``FREQ=WEEKLY`` with ``INTERVAL``, ``COUNT``, ``UNTIL``,
``WKST`` and plain ``BYDAY``) are expanded with array arithmetic (``recurrence_rules``);
every other rule goes to dateutil. Both give the same occurrences (a test holds them to
it). Only events that count as time (busy, timed, not cancelled) are expanded: the
others add no hours.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

import numpy as np
from dateutil.rrule import rrulebase, rruleset, rrulestr

from levelset.engine.events.recurrence_rules import (
    Progressions,
    Segment,
    day_number,
    fast_rule,
    nowhere,
    rule_parts,
)
from levelset.model import Problem
from levelset.model.events import CalendarEvent

__all__ = [
    "LONGEST_SHIFT",
    "MAX_OCCURRENCES",
    "Occurrences",
    "day_number",
    "expand",
    "rrule_set",
]

MAX_OCCURRENCES = 10_000  # of one series inside the window: more is not a meeting
# A THISANDFUTURE override that moves the series further is a new series, not a change of
# time: it stands for its own occurrence only.
LONGEST_SHIFT = timedelta(days=366)


@dataclass(frozen=True)
class Occurrences:
    """The occurrences inside the window, one per position of three columns.

    ``event`` is the index (in the events given) of the event whose title, length and
    attendees the occurrence has: the master of the series, or an override. ``series``
    is the index of the series' master, ``-1`` for a single event. ``day`` is the local
    date of the start, in days since 1970-01-01.
    """

    event: np.ndarray
    series: np.ndarray
    day: np.ndarray
    problems: list[Problem] = field(default_factory=list)

    def __len__(self) -> int:
        return int(self.event.shape[0])


def expand(events: Sequence[CalendarEvent], window: tuple[date, date]) -> Occurrences:
    """The occurrences of ``events`` that start inside ``window`` (both ends included)."""
    return _Expander(events, window).run()


class _Expander:
    """The expansion of one set of events over one window: single events, overrides,
    RDATEs and dateutil's occurrences one by one, the array path's rules as
    progressions (``Progressions``)."""

    def __init__(self, events: Sequence[CalendarEvent], window: tuple[date, date]) -> None:
        self.events = events
        self.lo, self.hi = day_number(window[0]), day_number(window[1])
        self.window = window
        self.problems: list[Problem] = []
        # Occurrences made one by one (single events, overrides, RDATEs, dateutil).
        self.one_event: list[int] = []
        self.one_series: list[int] = []
        self.one_day: list[int] = []
        # The occurrences of the array path.
        self.progressions = Progressions(self.lo, self.hi)

    def run(self) -> Occurrences:
        masters: dict[str, int] = {}
        for index, event in enumerate(self.events):
            if event.recurrence_id is None:
                masters.setdefault(event.uid, index)
        moved: dict[int, set[datetime]] = {}
        later: dict[int, list[int]] = {}  # the THISANDFUTURE overrides of each series
        for index, event in enumerate(self.events):
            if event.recurrence_id is not None and (master := masters.get(event.uid)) is not None:
                moved.setdefault(master, set()).add(event.recurrence_id)
                if (
                    event.this_and_future
                    and _recurring(self.events[master])
                    and abs(event.start - event.recurrence_id) <= LONGEST_SHIFT
                ):
                    later.setdefault(master, []).append(index)
        for index, event in enumerate(self.events):
            master = masters.get(event.uid)
            if event.recurrence_id is not None:
                if event.counts_as_time:
                    recurring = master is not None and _recurring(self.events[master])
                    self._single(index, master if recurring and master is not None else -1)
            elif master != index:
                continue
            elif index not in later:
                if event.counts_as_time:
                    self._master(index, event, set(event.exdates) | moved.get(index, set()), None)
            elif any(self.events[at].counts_as_time for at in (index, *later[index])):
                parts = self._segments(index, later[index])
                self._master(index, event, set(event.exdates) | moved.get(index, set()), parts)
        return self._columns()

    def _segments(self, index: int, overrides: list[int]) -> list[Segment]:
        """The parts of a series cut by its THISANDFUTURE overrides."""
        parts = [Segment(datetime.min, index, timedelta(0))]
        for at in sorted(overrides, key=lambda i: (self.events[i].recurrence_id, i)):
            override = self.events[at]
            since = override.recurrence_id
            assert since is not None
            parts.append(Segment(since, at, override.start - since))
        return parts

    def _single(self, index: int, series: int, at: datetime | None = None) -> None:
        day = day_number((at or self.events[index].start).date())
        if self.lo <= day <= self.hi:
            self.one_event.append(index)
            self.one_series.append(series)
            self.one_day.append(day)

    def _placed(self, index: int, at: datetime, parts: list[Segment] | None) -> None:
        """The occurrence of series ``index`` planned at ``at``, in the part it falls in."""
        if parts is None:
            self._single(index, index, at)
            return
        part = parts[bisect_right(parts, at, key=_since) - 1]
        if self.events[part.event].counts_as_time and (moved := _moved(at, part.shift)):
            self._single(part.event, index, moved)

    def _master(
        self, index: int, event: CalendarEvent, gone: set[datetime], parts: list[Segment] | None
    ) -> None:
        if not _recurring(event):
            if event.start not in gone:
                self._single(index, -1)
            return
        planned: Callable[[datetime], bool] | None = nowhere
        if event.rrule:
            rule = None if event.more_rrules else fast_rule(event.rrule)
            if rule is not None:
                planned = self.progressions.add(
                    index, event, rule, gone, parts, counts=self._counts
                )
            else:
                planned = self._dateutil(index, event, gone, parts)
        if planned is None:  # the series is left out (a problem says why): its start too
            return
        # The start and the RDATEs, each once, and not again when the RRULE made them: a
        # DTSTART its RRULE does not make is an occurrence all the same, the first (RFC
        # 5545 section 3.8.5.3: "The DTSTART property value always counts as the first
        # occurrence"), as recurring-ical-events counts it.
        added = dict.fromkeys((event.start, *event.rdates))
        for at in added:
            if at not in gone and not planned(at):
                self._placed(index, at, parts)

    def _dateutil(
        self, index: int, event: CalendarEvent, gone: set[datetime], parts: list[Segment] | None
    ) -> Callable[[datetime], bool] | None:
        """Add the occurrences dateutil makes; return whether the rule makes a given start,
        ``None`` when the series is left out (a problem)."""
        for text in event.rrules:
            freq = rule_parts(text).get("FREQ", "")
            if freq in ("SECONDLY", "MINUTELY"):
                self._problem(event, f"a series that repeats {freq.lower()} is not a meeting")
                return None
        try:
            rule = rrule_set(event)
        except (ValueError, TypeError, OverflowError) as error:
            self._problem(event, f"a recurrence rule that cannot be expanded ({error})")
            return None
        low = datetime.combine(self.window[0], time.min)
        high = datetime.combine(self.window[1], time.max)
        if parts is not None:  # a moved part may come into the window from outside it
            low = _moved(low, -max(p.shift for p in parts)) or datetime.min  # 0 at least
            high = _moved(high, -min(p.shift for p in parts)) or datetime.max
        made: set[datetime] = set()  # kept only to tell RDATEs the rule made already
        count = len(self.one_day)
        for at in rule.xafter(low, inc=True):
            if at > high:
                break
            made.add(at)
            if at not in gone:
                self._placed(index, at, parts)
            if len(self.one_day) - count > MAX_OCCURRENCES:
                del self.one_event[count:], self.one_series[count:], self.one_day[count:]
                self._problem(
                    event, f"a series with more than {MAX_OCCURRENCES:,} occurrences in the window"
                )
                return None
        return made.__contains__

    def _problem(self, event: CalendarEvent, message: str) -> None:
        self.problems.append(
            Problem(
                event.location,
                f"{message}: {event.title!r} is left out",
                "correct its RRULE in the calendar",
            )
        )

    def _counts(self, index: int) -> bool:
        return self.events[index].counts_as_time

    def _columns(self) -> Occurrences:
        event, series, day = self.progressions.columns()
        return Occurrences(
            event=np.concatenate([event, np.array(self.one_event, dtype=np.int64)]),
            series=np.concatenate([series, np.array(self.one_series, dtype=np.int64)]),
            day=np.concatenate([day, np.array(self.one_day, dtype=np.int64)]),
            problems=self.problems,
        )


def rrule_set(event: CalendarEvent) -> rrulebase:
    """dateutil's expansion of the event's RRULEs: one rule, or the union of several
    (RFC 5545 section 3.8.5.3), each from the event's start. Raises ``ValueError`` (or
    ``TypeError``, ``OverflowError``) on a rule that cannot be expanded."""
    if not event.more_rrules:
        return rrulestr(event.rrule or "", dtstart=event.start)
    union = rruleset()
    for text in event.rrules:
        union.rrule(rrulestr(text, dtstart=event.start))
    return union


def _moved(at: datetime, shift: timedelta) -> datetime | None:
    """``at`` moved by ``shift``, ``None`` past the years a datetime holds."""
    try:
        return at + shift
    except OverflowError:
        return None


def _since(part: Segment) -> datetime:
    return part.since


def _recurring(event: CalendarEvent) -> bool:
    return bool(event.rrule or event.rdates)
