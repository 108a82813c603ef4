"""One event run: register the time and calendar data, settle the window, build the cube.

``build_cube`` is what ``levelset check`` and the other event commands call. It never
raises on user data: bad rows and files come back as problems, and what could be read is
still counted.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from levelset.engine.connection import Engine
from levelset.engine.cube import Cube, assemble
from levelset.engine.meetings import weekly_meetings
from levelset.engine.recurrence import LONGEST_SHIFT
from levelset.engine.timeentries import weekly_time
from levelset.model import Problem, Workspace
from levelset.model.events import CalendarEvent

Progress = Callable[[str], None]
_UNTIL = re.compile(r"UNTIL=(\d{8})", re.IGNORECASE)


def build_cube(engine: Engine, workspace: Workspace, progress: Progress | None = None) -> Cube:
    """The allocation cube of ``workspace``'s events over the analysis window."""
    say = progress or (lambda _message: None)
    events = workspace.events
    settings = workspace.settings.data
    explicit = None
    if settings.window_start is not None and settings.window_end is not None:
        explicit = (settings.window_start, settings.window_end)
    problems: list[Problem] = []
    time_table = None
    time_entries = 0
    window = explicit
    if events.time:
        count = len(events.time)
        say(f"Reading {count} time file{'s' if count != 1 else ''} on {engine.name}")
        timed = weekly_time(engine, workspace, list(events.time), explicit)
        problems += timed.problems
        time_table, time_entries = timed.table, timed.entries
        if window is None and timed.first is not None and timed.last is not None:
            window = (timed.first, timed.last)
    if window is None:
        window = calendar_span(events.calendar)
    if window is None:  # no usable dated fact at all: an empty cube over one day
        window = (date.today(), date.today())
    meeting_table = None
    series: tuple = ()  # type: ignore[type-arg]
    occurrences = 0
    if events.calendar:
        say(f"Expanding {len(events.calendar)} calendar events over {window[0]}..{window[1]}")
        met = weekly_meetings(engine, workspace, list(events.calendar), window)
        problems += met.problems
        meeting_table, occurrences = met.table, met.occurrences
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
    )
    cube.problems = problems
    return cube


def calendar_span(
    events: tuple[CalendarEvent, ...] | list[CalendarEvent],
) -> tuple[date, date] | None:
    """The days the calendar events cover: the first start to the last end, the last
    ``UNTIL`` of a series (moved as far as a ``THISANDFUTURE`` override moves it later),
    or the last override. A series without an end adds only its start: set ``[data]
    window`` to analyse it over a longer time."""
    if not events:
        return None
    first = min(e.start.date() for e in events)
    last = first
    untils: dict[str, date] = {}
    for event in events:
        last = max(last, event.end.date(), *(d.date() for d in event.rdates))
        if event.recurrence_id is not None:
            last = max(last, event.recurrence_id.date())
        if event.rrule and (until := _until(event.rrule)) is not None:
            untils.setdefault(event.uid, until)
            last = max(last, until)
    for event in events:
        if event.this_and_future and event.recurrence_id is not None and event.uid in untils:
            shift = event.start - event.recurrence_id
            if timedelta(0) < shift <= LONGEST_SHIFT:
                last = max(last, untils[event.uid] + shift)
    return first, last


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
