"""Calendar events expanded over the analysis window, as columns of occurrences.

The recurrence set of a series is its start, its RRULE and RDATEs, less its EXDATEs and
the occurrences an override (same UID, a RECURRENCE-ID) moves, cancels or changes. Two
million occurrences are too many to make one by one with dateutil, so the common rules
(``FREQ=DAILY`` and ``FREQ=WEEKLY`` with ``INTERVAL``, ``COUNT``, ``UNTIL``, ``WKST`` and
plain ``BYDAY``) are expanded with array arithmetic; every other rule goes to dateutil.
Both give the same occurrences (a test holds them to it). Only events that count as
time (busy, timed, not cancelled) are expanded: the others add no hours.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import cache
from typing import NamedTuple

import numpy as np
from dateutil.rrule import rrulestr

from levelset.model import Problem
from levelset.model.events import CalendarEvent

__all__ = ["MAX_OCCURRENCES", "Occurrences", "expand"]

MAX_OCCURRENCES = 10_000  # of one series inside the window: more is not a meeting
_EPOCH = date(1970, 1, 1)
_WEEKDAYS = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}
_FAST_KEYS = frozenset({"FREQ", "INTERVAL", "COUNT", "UNTIL", "WKST", "BYDAY"})
_NEVER = 1 << 40  # a COUNT or UNTIL that never ends, in days or occurrences
# A removed occurrence is found by a key: its series and day, days before 1970 too.
_DAY_BIAS = 1 << 20
_KEY_SPAN = 2 * _DAY_BIAS


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


class _Rule(NamedTuple):
    """A rule the array path can expand."""

    interval: int
    times: int  # COUNT
    until: datetime | None
    weekly: bool
    weekdays: tuple[int, ...]  # of a weekly rule; empty: the weekday of the start
    wkst: int


def expand(events: Sequence[CalendarEvent], window: tuple[date, date]) -> Occurrences:
    """The occurrences of ``events`` that start inside ``window`` (both ends included)."""
    return _Expander(events, window).run()


def day_number(day: date) -> int:
    """Days since 1970-01-01."""
    return (day - _EPOCH).days


class _Expander:
    def __init__(self, events: Sequence[CalendarEvent], window: tuple[date, date]) -> None:
        self.events = events
        self.lo, self.hi = day_number(window[0]), day_number(window[1])
        self.window = window
        self.problems: list[Problem] = []
        # Occurrences made one by one (single events, overrides, RDATEs, dateutil).
        self.one_event: list[int] = []
        self.one_series: list[int] = []
        self.one_day: list[int] = []
        # Arithmetic progressions of the array path: one per series and weekday.
        self.anchor: list[int] = []
        self.period: list[int] = []
        self.k_first: list[int] = []
        self.k_last: list[int] = []
        self.limit: list[int] = []
        self.owner: list[int] = []
        self.removed_keys: list[int] = []

    def run(self) -> Occurrences:
        masters: dict[str, int] = {}
        for index, event in enumerate(self.events):
            if event.recurrence_id is None:
                masters.setdefault(event.uid, index)
        moved: dict[int, set[datetime]] = {}
        for event in self.events:
            if event.recurrence_id is not None and (master := masters.get(event.uid)) is not None:
                moved.setdefault(master, set()).add(event.recurrence_id)
        for index, event in enumerate(self.events):
            master = masters.get(event.uid)
            if event.recurrence_id is not None:
                if event.counts_as_time:
                    recurring = master is not None and _recurring(self.events[master])
                    self._single(index, master if recurring and master is not None else -1)
            elif master == index and event.counts_as_time:
                self._master(index, event, set(event.exdates) | moved.get(index, set()))
        return self._columns()

    def _single(self, index: int, series: int, at: datetime | None = None) -> None:
        day = day_number((at or self.events[index].start).date())
        if self.lo <= day <= self.hi:
            self.one_event.append(index)
            self.one_series.append(series)
            self.one_day.append(day)

    def _master(self, index: int, event: CalendarEvent, gone: set[datetime]) -> None:
        if not _recurring(event):
            if event.start not in gone:
                self._single(index, -1)
            return
        if event.rrule:
            rule = _fast_rule(event.rrule)
            if rule is not None:
                self._progressions(index, event, rule, gone)
            else:
                self._dateutil(index, event, gone)
        elif event.start not in gone:  # RDATEs alone: the start is the first occurrence
            self._single(index, index)
        for added in event.rdates:
            if added not in gone:
                self._single(index, index, added)

    def _progressions(
        self, index: int, event: CalendarEvent, rule: _Rule, gone: set[datetime]
    ) -> None:
        start_day = day_number(event.start.date())
        limit = self.hi
        if rule.until is not None:
            until_day = day_number(rule.until.date())
            if event.start.time() > rule.until.time():
                until_day -= 1
            limit = min(limit, until_day)
        if not rule.weekly:
            offsets, period, week_start, own = [0], rule.interval, start_day, 0
        else:
            weekday = event.start.weekday()
            own = (weekday - rule.wkst) % 7
            week_start = start_day - own
            offsets = sorted({(d - rule.wkst) % 7 for d in rule.weekdays or (weekday,)})
            period = 7 * rule.interval
        skipped = sum(1 for off in offsets if off < own)  # before the start in its week
        for position, offset in enumerate(offsets):
            self.anchor.append(week_start + offset)
            self.period.append(period)
            self.k_first.append(1 if offset < own else 0)
            # The occurrence (k, position) is number k * len(offsets) + position - skipped.
            self.k_last.append((rule.times - 1 - position + skipped) // len(offsets))
            self.limit.append(limit)
            self.owner.append(index)
        tod = event.start.time()
        for moved in gone:
            if moved.time() == tod:
                day = day_number(moved.date())
                self.removed_keys.append(index * _KEY_SPAN + day + _DAY_BIAS)

    def _dateutil(self, index: int, event: CalendarEvent, gone: set[datetime]) -> None:
        assert event.rrule is not None
        freq = _parts(event.rrule).get("FREQ", "")
        if freq in ("SECONDLY", "MINUTELY"):
            self._problem(event, f"a series that repeats {freq.lower()} is not a meeting")
            return
        try:
            rule = rrulestr(event.rrule, dtstart=event.start)
        except (ValueError, TypeError, OverflowError) as error:
            self._problem(event, f"a recurrence rule that cannot be expanded ({error})")
            return
        low = datetime.combine(self.window[0], time.min)
        high = datetime.combine(self.window[1], time.max)
        days: list[int] = []
        for at in rule.xafter(low, inc=True):
            if at > high:
                break
            if at not in gone:
                days.append(day_number(at.date()))
            if len(days) > MAX_OCCURRENCES:
                self._problem(
                    event, f"a series with more than {MAX_OCCURRENCES:,} occurrences in the window"
                )
                return
        self.one_event += [index] * len(days)
        self.one_series += [index] * len(days)
        self.one_day += days

    def _progression_columns(self) -> tuple[np.ndarray, np.ndarray]:
        """Every ``anchor + k * period`` in ``[lo, limit]`` with ``k_first <= k <= k_last``,
        as the columns of owners and days."""
        anchor = np.array(self.anchor, dtype=np.int64)
        period = np.array(self.period, dtype=np.int64)
        k_min = np.maximum(np.array(self.k_first, dtype=np.int64), -((anchor - self.lo) // period))
        k_max = np.minimum(
            np.array(self.k_last, dtype=np.int64),
            (np.array(self.limit, dtype=np.int64) - anchor) // period,
        )
        sizes = np.clip(k_max - k_min + 1, 0, None)
        which = np.repeat(np.arange(anchor.shape[0]), sizes)
        starts = np.cumsum(sizes) - sizes
        k = k_min[which] + (np.arange(which.shape[0]) - starts[which])
        owner = np.array(self.owner, dtype=np.int64)
        return owner[which], anchor[which] + k * period[which]

    def _problem(self, event: CalendarEvent, message: str) -> None:
        self.problems.append(
            Problem(
                event.location,
                f"{message}: {event.title!r} is left out",
                "correct its RRULE in the calendar",
            )
        )

    def _columns(self) -> Occurrences:
        event, day = self._progression_columns()
        series = event.copy()
        if self.removed_keys:
            keys = event * _KEY_SPAN + day + _DAY_BIAS
            keep = ~np.isin(keys, np.array(self.removed_keys, dtype=np.int64))
            event, series, day = event[keep], series[keep], day[keep]
        return Occurrences(
            event=np.concatenate([event, np.array(self.one_event, dtype=np.int64)]),
            series=np.concatenate([series, np.array(self.one_series, dtype=np.int64)]),
            day=np.concatenate([day, np.array(self.one_day, dtype=np.int64)]),
            problems=self.problems,
        )


def _recurring(event: CalendarEvent) -> bool:
    return bool(event.rrule or event.rdates)


def _parts(text: str) -> dict[str, str]:
    parts = {}
    for part in text.split(";"):
        key, _, value = part.partition("=")
        parts[key.strip().upper()] = value.strip().upper()
    return parts


@cache
def _fast_rule(text: str) -> _Rule | None:
    """The rule when the array path can expand it, else ``None`` (cached: rules repeat)."""
    parts = _parts(text)
    freq = parts.get("FREQ")
    if freq not in ("DAILY", "WEEKLY") or not set(parts) <= _FAST_KEYS:
        return None
    try:
        interval = int(parts.get("INTERVAL", "1"))
        times = int(parts["COUNT"]) if "COUNT" in parts else _NEVER
        until = _until(parts["UNTIL"]) if "UNTIL" in parts else None
        byday = parts.get("BYDAY", "")
        weekdays = tuple(_WEEKDAYS[d.strip()] for d in byday.split(",")) if byday else ()
        wkst = _WEEKDAYS[parts.get("WKST", "MO")]
    except (KeyError, ValueError):
        return None  # numbered weekdays (1MO) and the like: dateutil knows them
    if interval < 1 or times < 0 or (freq == "DAILY" and weekdays and interval != 1):
        return None
    # Every day on some weekdays is every week on those weekdays.
    return _Rule(interval, times, until, freq == "WEEKLY" or bool(weekdays), weekdays, wkst)


def _until(text: str) -> datetime:
    value = text.rstrip("Z")
    if len(value) == 8:
        return datetime.strptime(value, "%Y%m%d").replace(hour=23, minute=59, second=59)
    return datetime.strptime(value, "%Y%m%dT%H%M%S")
