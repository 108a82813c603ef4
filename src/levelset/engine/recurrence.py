"""Calendar events expanded over the analysis window, as columns of occurrences.

The recurrence set of a series is its start, its RRULE and RDATEs (a start given twice
counts once, RFC 5545 section 3.8.5.2), less its EXDATEs and the occurrences an override
(same UID, a RECURRENCE-ID) moves, cancels or changes. An override of
``RANGE=THISANDFUTURE`` (``this_and_future``) changes its occurrence and every later one
of the series, which take its title, length, attendees and flags and move by the same offset as
its start from its RECURRENCE-ID (the master's rule still says which occurrences there
are). Two million occurrences are too many to make one by one with dateutil, so the
common rules (``FREQ=DAILY`` and ``FREQ=WEEKLY`` with ``INTERVAL``, ``COUNT``, ``UNTIL``,
``WKST`` and plain ``BYDAY``) are expanded with array arithmetic; every other rule goes to
dateutil. Both give the same occurrences (a test holds them to it). Only events that count
as time (busy, timed, not cancelled) are expanded: the others add no hours.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
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
# A THISANDFUTURE override that moves the series further is a new series, not a change of
# time: it stands for its own occurrence only.
LONGEST_SHIFT = timedelta(days=366)
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


class _Progression(NamedTuple):
    """The days ``anchor + k * period`` with ``k_first <= k <= k_last`` and the day in
    ``[floor, limit]`` (as planned), moved by ``shift`` days: occurrences of event
    ``owner`` in the series of event ``series``."""

    anchor: int
    period: int
    k_first: int
    k_last: int
    floor: int
    limit: int
    shift: int
    owner: int
    series: int


class _Segment(NamedTuple):
    """A part of a series: the occurrences planned from ``since`` on (up to the next
    part) are those of event ``event``, moved by ``shift`` (a ``THISANDFUTURE`` override)."""

    since: datetime
    event: int
    shift: timedelta


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
        # Arithmetic progressions of the array path: one per series, part and weekday.
        self.progressions: list[tuple[int, ...]] = []  # the fields of a _Progression
        self.removed_keys: list[int] = []

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

    def _segments(self, index: int, overrides: list[int]) -> list[_Segment]:
        """The parts of a series cut by its THISANDFUTURE overrides."""
        parts = [_Segment(datetime.min, index, timedelta(0))]
        for at in sorted(overrides, key=lambda i: (self.events[i].recurrence_id, i)):
            override = self.events[at]
            since = override.recurrence_id
            assert since is not None
            parts.append(_Segment(since, at, override.start - since))
        return parts

    def _single(self, index: int, series: int, at: datetime | None = None) -> None:
        day = day_number((at or self.events[index].start).date())
        if self.lo <= day <= self.hi:
            self.one_event.append(index)
            self.one_series.append(series)
            self.one_day.append(day)

    def _placed(self, index: int, at: datetime, parts: list[_Segment] | None) -> None:
        """The occurrence of series ``index`` planned at ``at``, in the part it falls in."""
        if parts is None:
            self._single(index, index, at)
            return
        part = parts[bisect_right(parts, at, key=_since) - 1]
        if self.events[part.event].counts_as_time and (moved := _moved(at, part.shift)):
            self._single(part.event, index, moved)

    def _master(
        self, index: int, event: CalendarEvent, gone: set[datetime], parts: list[_Segment] | None
    ) -> None:
        if not _recurring(event):
            if event.start not in gone:
                self._single(index, -1)
            return
        planned: Callable[[datetime], bool] = _nowhere
        if event.rrule:
            rule = _fast_rule(event.rrule)
            if rule is not None:
                planned = self._progressions(index, event, rule, gone, parts)
            else:
                planned = self._dateutil(index, event, gone, parts)
        if event.rrule and not event.rdates:
            return
        # The start and the RDATEs, each once, and not again when the RRULE made them.
        added = dict.fromkeys(event.rdates if event.rrule else (event.start, *event.rdates))
        for at in added:
            if at not in gone and not planned(at):
                self._placed(index, at, parts)

    def _progressions(
        self,
        index: int,
        event: CalendarEvent,
        rule: _Rule,
        gone: set[datetime],
        parts: list[_Segment] | None,
    ) -> Callable[[datetime], bool]:
        """Add the progressions of a series; return whether the rule makes a given start."""
        start_day = day_number(event.start.date())
        tod = event.start.time()
        limit = _NEVER
        if rule.until is not None:
            limit = day_number(rule.until.date()) - (1 if tod > rule.until.time() else 0)
        if not rule.weekly:
            offsets, period, week_start, own = [0], rule.interval, start_day, 0
        else:
            weekday = event.start.weekday()
            own = (weekday - rule.wkst) % 7
            week_start = start_day - own
            offsets = sorted({(d - rule.wkst) % 7 for d in rule.weekdays or (weekday,)})
            period = 7 * rule.interval
        skipped = sum(1 for off in offsets if off < own)  # before the start in its week
        # The occurrence (k, position) is number k * len(offsets) + position - skipped.
        lines = [
            (
                week_start + offset,
                1 if offset < own else 0,
                (rule.times - 1 - i + skipped) // len(offsets),
            )
            for i, offset in enumerate(offsets)
        ]
        if parts is None:
            self.progressions += [
                (anchor, period, k_first, k_last, -_NEVER, limit, 0, index, index)
                for anchor, k_first, k_last in lines
            ]
        else:
            for part, floor, last, shift in _bounds(parts, tod, limit):
                if self.events[part].counts_as_time:
                    self.progressions += [
                        (anchor, period, k_first, k_last, floor, last, shift, part, index)
                        for anchor, k_first, k_last in lines
                    ]
        for moved in gone:
            if moved.time() == tod:
                day = day_number(moved.date())
                self.removed_keys.append(index * _KEY_SPAN + day + _DAY_BIAS)
        if not event.rdates:
            return _nowhere

        def planned(at: datetime) -> bool:
            if at.time() != tod:
                return False
            day = day_number(at.date())
            return day <= limit and any(
                (day - anchor) % period == 0 and k_first <= (day - anchor) // period <= k_last
                for anchor, k_first, k_last in lines
            )

        return planned

    def _dateutil(
        self, index: int, event: CalendarEvent, gone: set[datetime], parts: list[_Segment] | None
    ) -> Callable[[datetime], bool]:
        """Add the occurrences dateutil makes; return whether the rule makes a given start."""
        assert event.rrule is not None
        freq = _parts(event.rrule).get("FREQ", "")
        if freq in ("SECONDLY", "MINUTELY"):
            self._problem(event, f"a series that repeats {freq.lower()} is not a meeting")
            return _nowhere
        try:
            rule = rrulestr(event.rrule, dtstart=event.start)
        except (ValueError, TypeError, OverflowError) as error:
            self._problem(event, f"a recurrence rule that cannot be expanded ({error})")
            return _nowhere
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
            if event.rdates:
                made.add(at)
            if at not in gone:
                self._placed(index, at, parts)
            if len(self.one_day) - count > MAX_OCCURRENCES:
                del self.one_event[count:], self.one_series[count:], self.one_day[count:]
                self._problem(
                    event, f"a series with more than {MAX_OCCURRENCES:,} occurrences in the window"
                )
                return _nowhere
        return made.__contains__

    def _progression_columns(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Every ``anchor + k * period`` in ``[floor, limit]`` with ``k_first <= k <= k_last``
        that ``shift`` moves into the window: the columns of owners, series, days as
        planned and days."""
        table = np.array(self.progressions, dtype=np.int64).reshape(-1, len(_Progression._fields))
        anchor, period, k_first, k_last, floor, limit, shift, owner, series = table.T
        low = np.maximum(floor, self.lo - shift)
        high = np.minimum(limit, self.hi - shift)
        k_min = np.maximum(k_first, -((anchor - low) // period))
        k_max = np.minimum(k_last, (high - anchor) // period)
        sizes = np.clip(k_max - k_min + 1, 0, None)
        which = np.repeat(np.arange(anchor.shape[0]), sizes)
        starts = np.cumsum(sizes) - sizes
        k = k_min[which] + (np.arange(which.shape[0]) - starts[which])
        planned = anchor[which] + k * period[which]
        day = planned + shift[which] if shift.any() else planned
        return owner[which], series[which], planned, day

    def _problem(self, event: CalendarEvent, message: str) -> None:
        self.problems.append(
            Problem(
                event.location,
                f"{message}: {event.title!r} is left out",
                "correct its RRULE in the calendar",
            )
        )

    def _columns(self) -> Occurrences:
        event, series, planned, day = self._progression_columns()
        if self.removed_keys:
            keys = series * _KEY_SPAN + planned + _DAY_BIAS
            keep = ~np.isin(keys, np.array(self.removed_keys, dtype=np.int64))
            event, series, day = event[keep], series[keep], day[keep]
        return Occurrences(
            event=np.concatenate([event, np.array(self.one_event, dtype=np.int64)]),
            series=np.concatenate([series, np.array(self.one_series, dtype=np.int64)]),
            day=np.concatenate([day, np.array(self.one_day, dtype=np.int64)]),
            problems=self.problems,
        )


def _bounds(parts: list[_Segment], tod: time, limit: int) -> Iterator[tuple[int, int, int, int]]:
    """For the parts of a series whose occurrences all start at ``tod``: the event of
    each, the first and last day planned in it and the days its occurrences move."""
    for position, part in enumerate(parts):
        floor = _first_day(part.since, tod)
        last = limit
        if position + 1 < len(parts):
            last = min(last, _first_day(parts[position + 1].since, tod) - 1)
        moved = datetime.combine(_EPOCH, tod) + part.shift
        yield part.event, floor, last, day_number(moved.date())


def _first_day(since: datetime, tod: time) -> int:
    """The first day whose occurrence at ``tod`` is not before ``since``."""
    return day_number(since.date()) + (0 if tod >= since.time() else 1)


def _moved(at: datetime, shift: timedelta) -> datetime | None:
    """``at`` moved by ``shift``, ``None`` past the years a datetime holds."""
    try:
        return at + shift
    except OverflowError:
        return None


def _since(part: _Segment) -> datetime:
    return part.since


def _nowhere(_: datetime) -> bool:
    return False


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
