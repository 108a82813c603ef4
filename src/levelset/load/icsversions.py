"""Which copy of an event counts.

An updated invitation exported next to the old one holds the same UID (and the same
RECURRENCE-ID, or none) twice: the copy with the highest ``SEQUENCE`` counts (RFC 5545
section 3.8.7.4), on a tie in one file the later ``DTSTAMP``, then the later in the file.
Across files (each attendee exported their own calendar) a tie goes to the first file in
name order: there ``DTSTAMP`` is often the time of the export, not of the event. The
other copies are dropped without a problem: they are not wrong, only out of date, and a
calendar application would drop them too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from levelset.load.icsevent import Prop, Props
from levelset.model.events import CalendarEvent

__all__ = ["Version", "settle", "version_of"]


@dataclass(frozen=True, slots=True)
class Version:
    """What tells the copies of one event apart: ``SEQUENCE`` and ``DTSTAMP`` as written
    (always UTC, so its text sorts as its time)."""

    sequence: int = 0
    stamp: str = ""


def version_of(props: Props) -> Version:
    """The SEQUENCE and DTSTAMP of a VEVENT's properties."""
    sequence = props.get("SEQUENCE")
    stamp = props.get("DTSTAMP")
    number = sequence.value.strip() if isinstance(sequence, Prop) else ""
    return Version(
        int(number) if number.isdigit() and len(number) < 19 else 0,  # int() has a limit
        stamp.value.strip().upper() if isinstance(stamp, Prop) else "",
    )


def settle(
    events: Sequence[CalendarEvent], versions: Sequence[Version], *, one_file: bool
) -> tuple[list[CalendarEvent], list[Version]]:
    """The events that count, in their order, with their versions: one per UID and
    RECURRENCE-ID. In ``one_file`` a tie of SEQUENCE goes to the later DTSTAMP, then to
    the later event; else to the earlier event."""
    best: dict[tuple[str, datetime | None], int] = {}
    for index, event in enumerate(events):
        key = (event.uid, event.recurrence_id)
        other = best.get(key)
        if other is None or _newer(versions[index], versions[other], one_file=one_file):
            best[key] = index
    if len(best) == len(events):
        return list(events), list(versions)
    kept = sorted(best.values())
    return [events[i] for i in kept], [versions[i] for i in kept]


def _newer(version: Version, than: Version, *, one_file: bool) -> bool:
    """Whether ``version``, found after ``than``, replaces it."""
    if not one_file:
        return version.sequence > than.sequence
    mine, theirs = (version.sequence, version.stamp), (than.sequence, than.stamp)
    return mine >= theirs
