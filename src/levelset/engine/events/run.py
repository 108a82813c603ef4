"""One event run: scan the time files, resolve them, expand the calendars over the
window, build the cube.

``build_cube`` is what ``levelset check`` and the other event commands call. It never
raises on user data: bad rows and files come back as problems, and what could be read is
still counted. The scan of the time files (``scan_events``) can be kept and handed to
``build_cube`` again for the same files and ``[data]`` settings: a caller that holds a
workspace open rebuilds the cube after a YAML change without reading the files again
(``events_key`` tells whether kept scans are still those of the files).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from dateutil.rrule import rrulestr

from levelset.engine.backends import Engine
from levelset.engine.events.cube import Cube, assemble
from levelset.engine.events.meetings import Expansion, expand_meetings, weekly_meetings
from levelset.engine.events.recurrence import LONGEST_SHIFT, MAX_OCCURRENCES
from levelset.engine.events.time_entries import TimeScans, resolve_time, scan_key, scan_time
from levelset.model import Problem, Workspace
from levelset.model.allocation import SeriesAttendance
from levelset.model.events import CalendarEvent

Progress = Callable[[str], None]
_UNTIL = re.compile(r"UNTIL=(\d{8})", re.IGNORECASE)
_COUNT = re.compile(r"(?:^|;)\s*COUNT=(\d{1,9})\s*(?:;|$)", re.IGNORECASE)


@dataclass(frozen=True)
class EventScans:
    """A workspace's event data as read from its files, to be resolved against the
    workspace as often as it changes: every time file scanned (``time``, ``None``
    without time files). ``key`` is what the scans depend on (``events_key``).

    The calendars' last expansion is kept too (``expansion``): a cube built again over
    the same window with the same calendar events does not expand them again. The scans
    are tables of the engine that made them: they are used with that engine only.
    """

    time: TimeScans | None
    key: tuple[Any, ...]
    _expansions: list[Expansion] = field(default_factory=list, repr=False)

    def expansion(
        self, engine: Engine, events: tuple[CalendarEvent, ...], window: tuple[date, date]
    ) -> Expansion:
        """``events`` expanded over ``window``: the kept expansion when it is theirs."""
        kept = self._expansions[-1] if self._expansions else None
        if kept is None or kept.window != window or kept.events != events:
            kept = expand_meetings(engine, events, window)
            self._expansions[:] = [kept]
        return kept

    def fits(self, workspace: Workspace) -> bool:
        """Whether the scans were made of ``workspace``'s time files, window and limits
        (the files' contents aside: compare ``key`` with ``events_key`` for those)."""
        window, max_hours = _window(workspace), workspace.settings.data.max_entry_hours
        sources = workspace.events.time
        if self.time is None:
            return not sources
        time = self.time
        return (time.sources, time.window, time.max_hours) == (sources, window, max_hours)


def events_key(workspace: Workspace) -> tuple[Any, ...]:
    """What scans of ``workspace``'s event data depend on: its time files (each one's
    place, layout, size and modification time), the window of ``[data]`` (when set)
    and ``max_entry_hours``. Scans whose ``key`` equals this are still good."""
    events = workspace.events
    return scan_key(events.time, _window(workspace), workspace.settings.data.max_entry_hours)


def scan_events(
    engine: Engine, workspace: Workspace, progress: Progress | None = None
) -> EventScans:
    """Scan ``workspace``'s time files once, for ``build_cube``."""
    say = progress or (lambda _message: None)
    sources = workspace.events.time
    key = events_key(workspace)
    if not sources:
        return EventScans(None, key)
    count = len(sources)
    say(f"Reading {count} time file{'s' if count != 1 else ''} on {engine.name}")
    max_hours = workspace.settings.data.max_entry_hours
    return EventScans(scan_time(engine, sources, _window(workspace), max_hours), key)


def build_cube(
    engine: Engine,
    workspace: Workspace,
    progress: Progress | None = None,
    *,
    today: date,
    scans: EventScans | None = None,
) -> Cube:
    """The allocation cube of ``workspace``'s events over the analysis window.

    The window is ``[data] window``, else the span of the time entries used, else of the
    calendars; ``today`` (the caller's clock) only when there is no dated fact at all.
    ``scans`` are the time files scanned before (``scan_events``), for this workspace's
    files and settings; without them the files are scanned now. Raises ``ValueError``
    when ``scans`` were made for other files, another window or another limit.
    """
    say = progress or (lambda _message: None)
    if scans is None:
        scans = scan_events(engine, workspace, progress)
    elif not scans.fits(workspace):
        raise ValueError("the scans are of other time files or settings: scan them again")
    events = workspace.events
    problems: list[Problem] = []
    time_table = None
    time_entries = rows = 0
    window = _window(workspace)
    if scans.time is not None:
        timed = resolve_time(engine, workspace, scans.time)
        problems += timed.problems
        time_table, time_entries, rows = timed.table, timed.entries, timed.rows
        if window is None and timed.first is not None and timed.last is not None:
            window = (timed.first, timed.last)
    if window is None:
        window = calendar_span(events.calendar)
    if window is None:  # no usable dated fact at all: an empty cube over one day
        window = (today, today)
    meeting_table = None
    series: tuple[SeriesAttendance, ...] = ()
    occurrences = 0
    if events.calendar:
        say(f"Expanding {len(events.calendar)} calendar events over {window[0]}..{window[1]}")
        expansion = scans.expansion(engine, events.calendar, window)
        met = weekly_meetings(engine, workspace, list(events.calendar), window, expansion)
        problems += met.problems
        meeting_table, occurrences = met.table, met.occurrences
        rows += expansion.attendee_weeks
        series = tuple(met.series)
    say("Computing the allocation cube")
    cube = assemble(
        engine,
        workspace,
        window,
        time=time_table,
        meetings=meeting_table,
        series=series,
        time_entries=time_entries,
        occurrences=occurrences,
        rows=rows,
    )
    cube.problems = problems
    return cube


def _window(workspace: Workspace) -> tuple[date, date] | None:
    """The window ``[data]`` sets, ``None`` when it is to be the span of the data."""
    settings = workspace.settings.data
    if settings.window_start is not None and settings.window_end is not None:
        return (settings.window_start, settings.window_end)
    return None


def calendar_span(
    events: tuple[CalendarEvent, ...] | list[CalendarEvent],
) -> tuple[date, date] | None:
    """The days the calendar events cover: the first start to the last end, the last
    ``UNTIL`` of a series or the day of its last occurrence when a ``COUNT`` ends it
    (moved as far as a ``THISANDFUTURE`` override moves it later), or the last override.
    A series without an end adds only its start: set ``[data] window`` to analyse it
    over a longer time."""
    if not events:
        return None
    first = min(e.start.date() for e in events)
    last = first
    untils: dict[str, date] = {}
    for event in events:
        last = max(last, event.end.date(), *(d.date() for d in event.rdates))
        if event.recurrence_id is not None:
            last = max(last, event.recurrence_id.date())
        if event.rrule and (until := _series_end(event)) is not None:
            untils.setdefault(event.uid, until)
            last = max(last, until)
    for event in events:
        if event.this_and_future and event.recurrence_id is not None and event.uid in untils:
            shift = event.start - event.recurrence_id
            if timedelta(0) < shift <= LONGEST_SHIFT:
                last = max(last, untils[event.uid] + shift)
    return first, last


def _series_end(event: CalendarEvent) -> date | None:
    """The last day of a series whose every RRULE ends (by ``UNTIL`` or ``COUNT``): the
    latest of their ends; ``None`` when one of them does not end (or cannot be read)."""
    ends = [_until(text) or _last_counted(event, text) for text in event.rrules]
    known = [end for end in ends if end is not None]
    return max(known) if known and len(known) == len(ends) else None


def _last_counted(event: CalendarEvent, rule: str) -> date | None:
    """The day of the last occurrence of a ``rule`` of ``event`` that a ``COUNT`` ends,
    so that a calendar of such series is analysed over their whole length (not their
    first occurrences only); ``None`` without a ``COUNT``, past ``MAX_OCCURRENCES`` (the
    expansion reports such a series) or when the rule cannot be expanded (the expansion
    reports it)."""
    found = _COUNT.search(rule)
    if found is None or not 0 < int(found.group(1)) <= MAX_OCCURRENCES:
        return None
    try:
        made = list(rrulestr(rule, dtstart=event.start))
    except (ValueError, TypeError, OverflowError):
        return None
    return made[-1].date() if made else None


def _until(rule: str) -> date | None:
    """The day of a rule's ``UNTIL``; ``None`` without one or when it is not a date
    (the calendar reader reports it)."""
    found = _UNTIL.search(rule)
    if found is None:
        return None
    text = found.group(1)
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        return None
