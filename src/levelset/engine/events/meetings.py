"""Meetings as hours: calendar occurrences per person and ISO week, in the engine.

The occurrences (expanded in ``recurrence``) are counted per event and week with array
arithmetic, and go to the engine with the attendees and the meetings (title, matched
responsibility, length, series) as columnar tables; joining them there gives the hours
of every attendee without making a Python object per attendee and occurrence. An
attendee who declined does not count. Each distinct title is matched once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import ibis
import ibis.expr.types as ir
import numpy as np
import pyarrow as pa

from levelset.engine.backends import Columns, Engine
from levelset.engine.events.cube import IN_MEMORY_ROWS
from levelset.engine.events.recurrence import Occurrences, expand
from levelset.model import Problem, Workspace
from levelset.model.allocation import CALENDAR, SeriesAttendance
from levelset.model.events import CalendarEvent
from levelset.model.matching import Matcher

__all__ = ["Expansion", "MeetingWeekly", "expand_meetings", "weekly_meetings"]

_THURSDAY = 3  # 1970-01-01 was a Thursday: day 0 is weekday 3
# An (event, week) pair as one integer key, for counting with numpy; weeks before 1970 too.
_DAY_BIAS = 1 << 20
_WEEK_SPAN = 2 * _DAY_BIAS


@dataclass(frozen=True)
class MeetingWeekly:
    """Meeting hours per person and week, the attendance of recurring series, problems.

    ``table`` has the columns of the allocation cube less ``cost``: ``person``, ``week``
    (the Monday of the ISO week), ``responsibility``, ``label`` (the meeting's title),
    ``customer`` (always null), ``source`` (``calendar``), ``recurring``, ``hours`` and
    ``entries`` (occurrences). ``occurrences`` counts the occurrences in the window that
    count as time.
    """

    table: ir.Table
    series: list[SeriesAttendance] = field(default_factory=list)
    occurrences: int = 0
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class Expansion:
    """Calendar events expanded over a window, in the engine: the occurrences per event
    and week (``occurrences``), the attendees of the events with any (``attendees``),
    those events (``used``), the series of each (``series``), how many occurrences
    count as time (``count``) and the problems of the expansion. ``attendee_weeks`` is
    at most how many rows the weekly table of the meetings has: each attendee of each
    event once for each week the event meets. It depends on the events and the window
    only: a run may keep it for a workspace whose YAML changed."""

    events: tuple[CalendarEvent, ...]
    window: tuple[date, date]
    occurrences: ir.Table
    attendees: ir.Table
    used: np.ndarray
    series: np.ndarray
    count: int
    problems: tuple[Problem, ...]
    attendee_weeks: int = 0


def expand_meetings(
    engine: Engine, events: Sequence[CalendarEvent], window: tuple[date, date]
) -> Expansion:
    """Expand ``events`` over ``window`` (both ends included) into the engine."""
    expanded = expand(events, window)
    used, first, _ = _distinct(expanded.event)
    weeks = _event_weeks(expanded)
    occurrences = engine.arrow_table("occurrences", _weeks_columns(*weeks))
    attendees = engine.small_table("attendees", _attendee_columns(events, used))
    return Expansion(
        tuple(events),
        window,
        occurrences,
        attendees,
        used,
        expanded.series[first],
        len(expanded),
        tuple(expanded.problems),
        _attendee_weeks(events, weeks[0] // _WEEK_SPAN),
    )


def weekly_meetings(
    engine: Engine,
    workspace: Workspace,
    events: Sequence[CalendarEvent],
    window: tuple[date, date],
    expansion: Expansion | None = None,
) -> MeetingWeekly:
    """Expand ``events`` over ``window`` (both ends included) and sum the hours of each
    attendee per ISO week and meeting title. ``expansion`` is the expansion of the same
    events over the same window made before (``expand_meetings``), if there is one."""
    if expansion is None:
        expansion = expand_meetings(engine, events, window)
    titles = _Titles(Matcher(workspace.responsibilities.values()))
    occurrences, attendees = expansion.occurrences, expansion.attendees
    meetings = engine.small_table(
        "meetings", _meeting_columns(events, expansion.used, expansion.series, titles)
    )
    table = _weekly(occurrences, attendees, meetings)
    if expansion.attendee_weeks > IN_MEMORY_ROWS:
        # Computed apart: inside the cube's query its hash tables would take memory
        # beside the time entries' (50 MiB more at the stated scale). A small one is
        # left to the cube, its one reader.
        table = engine.materialize("meeting_weeks", table)
    series = _series(engine, events, titles, occurrences, attendees, meetings)
    return MeetingWeekly(table, series, expansion.count, list(expansion.problems))


class _Titles:
    """The responsibility of each distinct title, matched once."""

    def __init__(self, matcher: Matcher) -> None:
        self._matcher = matcher
        self._found: dict[str, str | None] = {}

    def responsibility(self, title: str) -> str | None:
        if title not in self._found:
            self._found[title] = self._matcher.calendar_event(title)
        return self._found[title]


def _event_weeks(expanded: Occurrences) -> tuple[np.ndarray, np.ndarray]:
    """Each week an event meets in, as one key (``event * _WEEK_SPAN`` plus the biased
    day of its Monday), and how many occurrences it has in that week."""
    day = expanded.day
    monday = day - (day + _THURSDAY) % 7
    keys, _, counts = _distinct(expanded.event * _WEEK_SPAN + monday + _DAY_BIAS)
    return keys, counts


def _attendee_weeks(events: Sequence[CalendarEvent], event_of_week: np.ndarray) -> int:
    """Each event's weeks (one entry of ``event_of_week`` a week it meets in) times its
    attendees, summed."""
    attendees = np.fromiter((len(e.attendees) for e in events), np.int64, len(events))
    return int(attendees[event_of_week].sum())


def _weeks_columns(keys: np.ndarray, counts: np.ndarray) -> pa.Table:
    """How many occurrences each event has in each week (a daily stand-up: five)."""
    return pa.Table.from_pydict(
        {
            "event": _column(keys // _WEEK_SPAN, pa.int64(), np.int64),
            "week": _column(keys % _WEEK_SPAN - _DAY_BIAS, pa.date32(), np.int32),
            "n": _column(counts, pa.int64(), np.int64),
        }
    )


def _column(values: np.ndarray, kind: pa.DataType, dtype: type[np.generic]) -> pa.Array:
    """An Arrow column over the memory of ``values`` (as ``dtype``, ``kind``'s width):
    ``pa.array`` would import pandas, most of a second."""
    data = np.ascontiguousarray(values, dtype=dtype)
    return pa.Array.from_buffers(kind, len(data), [None, pa.py_buffer(data)])


def _distinct(values: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The distinct values in order, where each is first found, and how often it comes.

    By sorting: ``np.unique`` of numpy 2.4 is a hundred times slower on two million keys.
    """
    order = np.argsort(values, kind="stable")
    ordered = values[order]
    if not ordered.shape[0]:
        return ordered, order, order
    starts = np.flatnonzero(np.concatenate([[True], ordered[1:] != ordered[:-1]]))
    counts = np.diff(np.concatenate([starts, [ordered.shape[0]]]))
    return ordered[starts], order[starts], counts


def _attendee_columns(events: Sequence[CalendarEvent], used: np.ndarray) -> Columns:
    event: list[int] = []
    person: list[str] = []
    declined: list[bool] = []
    for index in used.tolist():
        for attendee in events[index].attendees:
            event.append(index)
            person.append(attendee.person)
            declined.append(attendee.declined)
    return {
        "event": (pa.int64(), event),
        "person": (pa.string(), person),
        "declined": (pa.bool_(), declined),
    }


def _meeting_columns(
    events: Sequence[CalendarEvent], used: np.ndarray, series: np.ndarray, titles: _Titles
) -> Columns:
    """Per event: its title, the responsibility it matched, its length and its series."""
    indices = used.tolist()
    chosen = [events[i] for i in indices]
    return {
        "event": (pa.int64(), indices),
        "series": (pa.int64(), [None if s < 0 else s for s in series.tolist()]),
        "label": (pa.string(), [e.title for e in chosen]),
        "responsibility": (pa.string(), [titles.responsibility(e.title) for e in chosen]),
        "hours": (pa.float64(), [e.hours for e in chosen]),
    }


def _weekly(occurrences: ir.Table, attendees: ir.Table, meetings: ir.Table) -> ir.Table:
    present = attendees.filter(~attendees.declined)
    joined = occurrences.join(present, "event").join(meetings, "event")
    grouped = joined.group_by(
        person=joined.person,
        week=joined.week,
        responsibility=joined.responsibility,
        label=joined.label,
        recurring=joined.series.notnull(),
    ).aggregate(hours=(joined.hours * joined.n).sum(), entries=joined.n.sum())
    return grouped.select(
        "person",
        "week",
        "responsibility",
        "label",
        customer=ibis.null().cast("string"),
        source=ibis.literal(CALENDAR),
        recurring=grouped.recurring,
        hours=grouped.hours.cast("float64"),
        entries=grouped.entries.cast("int64"),
    )


def _series(
    engine: Engine,
    events: Sequence[CalendarEvent],
    titles: _Titles,
    *tables: ir.Table,
) -> list[SeriesAttendance]:
    """The attendance of every recurring series with occurrences in the window.

    ``tables`` are the occurrences per event and week, the attendees and the meetings.
    """
    occurrences, attendees, meetings = tables
    recurring = meetings.filter(meetings.series.notnull()).select("event", "series", "hours")
    joined_events = occurrences.join(recurring, "event")
    per_event = joined_events.group_by(["series", "event", "hours"]).aggregate(
        n=joined_events.n.sum()
    )
    # A series split by a THISANDFUTURE override has parts of other lengths: the
    # length of the series is the average of its held occurrences'.
    held = per_event.group_by("series").aggregate(
        occurrences=per_event.n.sum(), hours=(per_event.hours * per_event.n).sum()
    )
    joined = per_event.join(attendees, "event")
    people = joined.group_by(["series", "person"]).aggregate(
        invited=joined.n.sum(),
        attended=ibis.ifelse(joined.declined, 0, joined.n).sum(),
    )
    invited: dict[int, dict[str, int]] = {}
    attended: dict[int, dict[str, int]] = {}
    for row in engine.rows(people.order_by(["series", "person"])):
        invited.setdefault(row["series"], {})[row["person"]] = int(row["invited"])
        if row["attended"]:
            attended.setdefault(row["series"], {})[row["person"]] = int(row["attended"])
    found = []
    for row in engine.rows(held.order_by("series")):
        index = int(row["series"])
        master = events[index]
        found.append(
            SeriesAttendance(
                uid=master.uid,
                title=master.title,
                responsibility=titles.responsibility(master.title),
                occurrences=int(row["occurrences"]),
                hours=float(row["hours"]) / int(row["occurrences"]),
                invited=invited.get(index, {}),
                attended=attended.get(index, {}),
                file=master.location.file,
                line=master.location.line,
            )
        )
    return found
