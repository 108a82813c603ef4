"""The recurrence rules the array path expands: ``FREQ=DAILY`` and ``FREQ=WEEKLY`` with
``INTERVAL``, ``COUNT``, ``UNTIL``, ``WKST`` and plain ``BYDAY``, each occurrence an
arithmetic progression of days (``Progressions``), and the parts a series is cut into by
its ``THISANDFUTURE`` overrides (``Segment``). ``recurrence`` sends every other rule to
dateutil.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime, time, timedelta
from functools import cache
from typing import NamedTuple

import numpy as np

from levelset.model.events import CalendarEvent

_EPOCH = date(1970, 1, 1)
_WEEKDAYS = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}
_FAST_KEYS = frozenset({"FREQ", "INTERVAL", "COUNT", "UNTIL", "WKST", "BYDAY"})
NEVER = 1 << 40  # a COUNT or UNTIL that never ends, in days or occurrences
# A removed occurrence is found by a key: its series and day, days before 1970 too.
_DAY_BIAS = 1 << 20
_KEY_SPAN = 2 * _DAY_BIAS


class Rule(NamedTuple):
    """A rule the array path can expand."""

    interval: int
    times: int  # COUNT
    until: datetime | None
    weekly: bool
    weekdays: tuple[int, ...]  # of a weekly rule; empty: the weekday of the start
    wkst: int


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


class Segment(NamedTuple):
    """A part of a series: the occurrences planned from ``since`` on (up to the next
    part) are those of event ``event``, moved by ``shift`` (a ``THISANDFUTURE`` override)."""

    since: datetime
    event: int
    shift: timedelta


class Progressions:
    """The occurrences of the rules the array path expands, as arithmetic progressions
    of days (one per series, part and weekday) over the window's days ``lo..hi``, and
    the planned occurrences an override or EXDATE removes."""

    def __init__(self, lo: int, hi: int) -> None:
        self.lo, self.hi = lo, hi
        self.progressions: list[tuple[int, ...]] = []  # the fields of a _Progression
        self.removed_keys: list[int] = []

    def add(
        self,
        index: int,
        event: CalendarEvent,
        rule: Rule,
        gone: set[datetime],
        parts: list[Segment] | None,
        *,
        counts: Callable[[int], bool],
    ) -> Callable[[datetime], bool]:
        """Add the progressions of series ``index`` (``parts`` cut by its THISANDFUTURE
        overrides, ``counts`` telling whether a part's event counts as time); return
        whether the rule makes a given start."""
        start_day = day_number(event.start.date())
        tod = event.start.time()
        limit = NEVER
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
                (anchor, period, k_first, k_last, -NEVER, limit, 0, index, index)
                for anchor, k_first, k_last in lines
            ]
        else:
            for part, floor, last, shift in bounds(parts, tod, limit):
                if counts(part):
                    self.progressions += [
                        (anchor, period, k_first, k_last, floor, last, shift, part, index)
                        for anchor, k_first, k_last in lines
                    ]
        for moved in gone:
            if moved.time() == tod:
                day = day_number(moved.date())
                self.removed_keys.append(index * _KEY_SPAN + day + _DAY_BIAS)

        # Whether the rule makes a start: asked of each RDATE and of DTSTART, which is an
        # occurrence even when the rule does not make it (RFC 5545 section 3.8.5.3).
        def planned(at: datetime) -> bool:
            if at.time() != tod:
                return False
            day = day_number(at.date())
            return day <= limit and any(
                (day - anchor) % period == 0 and k_first <= (day - anchor) // period <= k_last
                for anchor, k_first, k_last in lines
            )

        return planned

    def columns(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The occurrences of every progression in the window, less the removed ones:
        the columns of owners, series and days."""
        event, series, planned, day = self._planned()
        if self.removed_keys:
            keys = series * _KEY_SPAN + planned + _DAY_BIAS
            keep = ~np.isin(keys, np.array(self.removed_keys, dtype=np.int64))
            event, series, day = event[keep], series[keep], day[keep]
        return event, series, day

    def _planned(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
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


def bounds(parts: list[Segment], tod: time, limit: int) -> Iterator[tuple[int, int, int, int]]:
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


def rule_parts(text: str) -> dict[str, str]:
    parts = {}
    for part in text.split(";"):
        key, _, value = part.partition("=")
        parts[key.strip().upper()] = value.strip().upper()
    return parts


@cache
def fast_rule(text: str) -> Rule | None:
    """The rule when the array path can expand it, else ``None`` (cached: rules repeat)."""
    parts = rule_parts(text)
    freq = parts.get("FREQ")
    if freq not in ("DAILY", "WEEKLY") or not set(parts) <= _FAST_KEYS:
        return None
    try:
        interval = int(parts.get("INTERVAL", "1"))
        times = int(parts["COUNT"]) if "COUNT" in parts else NEVER
        until = _until(parts["UNTIL"]) if "UNTIL" in parts else None
        byday = parts.get("BYDAY", "")
        weekdays = tuple(_WEEKDAYS[d.strip()] for d in byday.split(",")) if byday else ()
        wkst = _WEEKDAYS[parts.get("WKST", "MO")]
    except (KeyError, ValueError):
        return None  # numbered weekdays (1MO) and the like: dateutil knows them
    if interval < 1 or times < 0 or (freq == "DAILY" and weekdays and interval != 1):
        return None
    # Every day on some weekdays is every week on those weekdays.
    return Rule(interval, times, until, freq == "WEEKLY" or bool(weekdays), weekdays, wkst)


def _until(text: str) -> datetime:
    value = text.rstrip("Z")
    if len(value) == 8:
        return datetime.strptime(value, "%Y%m%d").replace(hour=23, minute=59, second=59)
    return datetime.strptime(value, "%Y%m%dT%H%M%S")


def nowhere(_: datetime) -> bool:
    """A rule that makes no start (a series without one, or one left out)."""
    return False
