"""The allocation: how every person's hours fall across the organization's work.

The engine computes the allocation cube (person × responsibility × customer × ISO week
→ hours, cost) once per run, over the analysis window. Rules read this summary of it:
one row per person and piece of work, summed over the window, plus the attendance of
recurring calendar series. It is plain data, so rules never touch the engine and a test
can build an allocation by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

TIME = "time"
CALENDAR = "calendar"


@dataclass(frozen=True, slots=True)
class WorkRow:
    """Hours one person spent on one piece of work over the window.

    ``responsibility`` is the id the work matched, or ``None`` when it matched none; then
    ``label`` says what the work was called (the activity, project and task, or the
    meeting's title). ``source`` is ``time`` (time entries) or ``calendar`` (meetings).
    ``recurring`` is true for a calendar series. ``weeks`` counts the ISO weeks with any of
    these hours. ``cost`` is the hours at the person's cost rate, ``None`` without a rate.
    """

    person: str
    responsibility: str | None
    label: str | None
    source: str
    hours: float
    weeks: int
    cost: float | None = None
    recurring: bool = False


@dataclass(frozen=True, slots=True)
class SeriesAttendance:
    """Who was invited to, and who attended, the occurrences of a recurring series.

    ``occurrences`` counts the held (not cancelled) occurrences inside the window and
    ``hours`` is their average length (a series a ``THISANDFUTURE`` override changed
    has parts of other lengths);
    ``invited`` and ``attended`` map a person id to how many of them they were invited to
    and did not decline. ``responsibility`` is the work the series matched, if any.
    ``file``/``line`` say where the series is defined.
    """

    uid: str
    title: str
    responsibility: str | None
    occurrences: int
    hours: float
    invited: dict[str, int] = field(default_factory=dict)
    attended: dict[str, int] = field(default_factory=dict)
    file: str = ""
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Allocation:
    """The summary of the allocation cube that rules and the plan read.

    ``weeks`` is the number of ISO weeks the window touches (at least one), so that
    ``hours / weeks`` is hours a week. ``time_entries`` and ``occurrences`` count the
    time entries and calendar occurrences that were used; ``engine`` names the backend.
    """

    window_start: date
    window_end: date
    weeks: int
    rows: tuple[WorkRow, ...] = ()
    series: tuple[SeriesAttendance, ...] = ()
    time_entries: int = 0
    occurrences: int = 0
    engine: str = "duckdb"

    def per_week(self, hours: float) -> float:
        """``hours`` over the window as hours a week."""
        return hours / max(self.weeks, 1)

    def by_person(self) -> dict[str, list[WorkRow]]:
        """The rows of each person, in the order of the rows."""
        grouped: dict[str, list[WorkRow]] = {}
        for row in self.rows:
            grouped.setdefault(row.person, []).append(row)
        return grouped

    def total_hours(self, person: str | None = None) -> float:
        """All hours (of one person, when given)."""
        return sum(r.hours for r in self.rows if person is None or r.person == person)
