"""Event data as the loader finds it: time files to register, calendar events parsed.

Time entries can run to tens of millions of rows, so the loader does not read them: it
recognises each file's layout by its header and hands a ``TimeSource`` to the engine,
which reads the file in place. Calendar files are small enough to parse in Python; their
events (recurring ones not yet expanded) are ``CalendarEvent`` objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum

from levelset.model.source import Location

_NOWHERE = Location("")


class TimeFormat(Enum):
    """The layouts of time files levelset recognises by their header."""

    LEVELSET = "levelset"
    TOGGL = "toggl"
    CLOCKIFY = "clockify"
    HARVEST = "harvest"

    @property
    def label(self) -> str:
        """How the format is named to people."""
        return _LABELS[self]


_LABELS = {
    TimeFormat.LEVELSET: "levelset time CSV",
    TimeFormat.TOGGL: "Toggl Track detailed export",
    TimeFormat.CLOCKIFY: "Clockify detailed report",
    TimeFormat.HARVEST: "Harvest detailed time report",
}


@dataclass(frozen=True, slots=True)
class TimeSource:
    """One time file: where it is, which layout it has and which column plays which role.

    ``columns`` maps a role (``person_id``, ``email``, ``name``, ``first_name``,
    ``last_name``, ``date``, ``hours``, ``duration``, ``activity``, ``project``, ``task``,
    ``tags``, ``customer``, ``description``) to the column's name in the file.
    ``container`` is ``csv`` or ``parquet``. ``file`` is the path shown in problems
    (relative to the workspace, or the file's URL when the data folder is a storage
    URL). ``path`` is where the file is read from: a local path, or a storage URL as
    written (text, since ``pathlib`` would fold ``s3a://`` into ``s3a:/``; see
    ``model.storage``). ``delimiter`` separates a CSV file's columns: ``;`` in the CSV
    of a spreadsheet whose decimal separator is the comma.
    """

    path: str
    file: str
    format: TimeFormat
    container: str
    columns: dict[str, str] = field(default_factory=dict)
    date_order: str = "ymd"
    delimiter: str = ","


@dataclass(frozen=True, slots=True)
class Attendee:
    """Someone invited to a calendar event, resolved to a person of the workspace."""

    person: str
    declined: bool = False
    organizer: bool = False


@dataclass(frozen=True, slots=True)
class CalendarEvent:
    """A VEVENT: a single event, the master of a recurring series, or an override.

    Times are naive wall-clock times in the event's own time zone (an ISO week is a
    matter of local dates). ``rrule`` is the RRULE value, with a UTC or date ``UNTIL``
    turned into the event's wall-clock time; ``exdates`` and ``rdates`` the excluded and
    added starts; ``recurrence_id`` is set on an override of one occurrence of the series
    with the same ``uid``, and ``this_and_future`` when the override changes that
    occurrence and every later one (``RANGE=THISANDFUTURE``). Events that do not count as
    time (all-day, free, cancelled) are kept with their flags so that rules can tell
    an invitation from a meeting held.
    """

    uid: str
    title: str
    start: datetime
    end: datetime
    all_day: bool = False
    transparent: bool = False
    cancelled: bool = False
    rrule: str | None = None
    # The RRULEs after the first: RFC 5545 allows several, the series is their union.
    more_rrules: tuple[str, ...] = ()
    exdates: tuple[datetime, ...] = ()
    rdates: tuple[datetime, ...] = ()
    recurrence_id: datetime | None = None
    this_and_future: bool = False
    attendees: tuple[Attendee, ...] = ()
    location: Location = _NOWHERE

    @property
    def rrules(self) -> tuple[str, ...]:
        """Every RRULE of the series (usually one); empty when it does not repeat by rule."""
        return (self.rrule, *self.more_rrules) if self.rrule else ()

    @property
    def hours(self) -> float:
        """The length of one occurrence, in hours."""
        return (self.end - self.start).total_seconds() / 3600.0

    @property
    def counts_as_time(self) -> bool:
        """True for a busy, timed, not cancelled event."""
        return not (self.all_day or self.transparent or self.cancelled)


@dataclass(frozen=True, slots=True)
class EventFiles:
    """What ``data/`` holds: time files to read and calendar events already parsed."""

    time: tuple[TimeSource, ...] = ()
    calendar: tuple[CalendarEvent, ...] = ()
    calendar_files: tuple[str, ...] = ()

    def is_empty(self) -> bool:
        """True when the workspace has no time or calendar data."""
        return not (self.time or self.calendar or self.calendar_files)


@dataclass(frozen=True, slots=True)
class DataSettings:
    """``[data]`` in ``levelset.toml``: the analysis window, the engine, limits.

    ``window_start``/``window_end`` bound the analysis (both included); when unset the
    window is the span of the data. ``engine`` is a connection URL (``duckdb://`` for
    the in-process default, ``postgres://user:pw@host:port/db``). ``max_entry_hours`` is
    the most one time entry may hold before it is reported as absurd. ``week_hours`` is
    a working week, used to speak of hours as days (``8`` hours = a day when it is 40).
    ``memory_limit`` is what in-process DuckDB may hold in memory before it spills to
    disk (``"2GB"``), ``None`` for the engine's default. ``files`` is where the data
    folder is (``time/``, ``calendar/``, ``finance/`` below it) as written: a path
    relative to the workspace, an absolute one, or a storage URL (``s3a://bucket/data``);
    ``None`` for the workspace's ``data/``. ``files_location`` is its line.
    """

    window_start: date | None = None
    window_end: date | None = None
    engine: str | None = None
    max_entry_hours: float = 24.0
    week_hours: float = 40.0
    memory_limit: str | None = None
    location: Location = _NOWHERE
    files: str | None = None
    files_location: Location = _NOWHERE
