"""Times in iCalendar files: dates, date-times, zones, durations and the RRULE's UNTIL.

levelset keeps every time as a naive wall-clock time in the event's own zone, because a
week is a matter of local dates. A ``TZID`` time is kept as written; a UTC time (``Z``)
is turned into the event's zone when it is known: an IANA name ``zoneinfo`` knows, a
Windows zone name that Outlook writes (mapped to its IANA name), or a zone the file
defines itself in a ``VTIMEZONE`` (``icszones``). Else it is kept in UTC.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from functools import cache, lru_cache
from zoneinfo import ZoneInfo

# The Windows names Exchange and Outlook write most often, with their IANA zones.
_WINDOWS_ZONES = {
    "pacific standard time": "America/Los_Angeles",
    "mountain standard time": "America/Denver",
    "central standard time": "America/Chicago",
    "eastern standard time": "America/New_York",
    "atlantic standard time": "America/Halifax",
    "e. south america standard time": "America/Sao_Paulo",
    "gmt standard time": "Europe/London",
    "greenwich standard time": "Atlantic/Reykjavik",
    "w. europe standard time": "Europe/Berlin",
    "romance standard time": "Europe/Paris",
    "central europe standard time": "Europe/Budapest",
    "central european standard time": "Europe/Warsaw",
    "e. europe standard time": "Europe/Chisinau",
    "fle standard time": "Europe/Helsinki",
    "gtb standard time": "Europe/Bucharest",
    "russian standard time": "Europe/Moscow",
    "india standard time": "Asia/Kolkata",
    "china standard time": "Asia/Shanghai",
    "singapore standard time": "Asia/Singapore",
    "tokyo standard time": "Asia/Tokyo",
    "aus eastern standard time": "Australia/Sydney",
    "new zealand standard time": "Pacific/Auckland",
    "utc": "UTC",
    "coordinated universal time": "UTC",
}
_NO_ZONES: Mapping[str, tzinfo] = {}
_DURATION = re.compile(
    r"^([+-])?P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$", re.IGNORECASE
)


class BadTimeError(ValueError):
    """A date, date-time or duration that cannot be read; ``message`` says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True, slots=True)
class Moment:
    """A point in time as written: a wall-clock ``at``, and whether it was a plain date."""

    at: datetime
    is_date: bool = False


@cache
def zone(name: str) -> ZoneInfo | None:
    """The zone a ``TZID`` or ``X-WR-TIMEZONE`` names, ``None`` when it is not known."""
    text = name.strip().strip('"')
    candidates = [text, _WINDOWS_ZONES.get(text.casefold(), "")]
    # Some exporters prefix the IANA name with their own path (/mozilla.org/.../Europe/Paris).
    pieces = [p for p in text.split("/") if p]
    candidates += ["/".join(pieces[-2:]), "/".join(pieces[-3:])]
    for candidate in candidates:
        if not candidate:
            continue
        try:
            return ZoneInfo(candidate)
        except (KeyError, ValueError, OSError):  # ZoneInfoNotFoundError is a KeyError
            continue
    return None


def zone_in(name: str, defined: Mapping[str, tzinfo]) -> tzinfo | None:
    """The zone ``name`` names: a known one, else one the file defines (``defined``, by
    TZID), else ``None``."""
    known = zone(name)
    if known is not None or not defined:
        return known
    return defined.get(zone_key(name))


def zone_key(name: str) -> str:
    """A TZID as written, without the quotes a parameter value may have."""
    return name.strip().strip('"')


def moment(
    text: str,
    params: Mapping[str, str],
    event_zone: tzinfo | None,
    defined: Mapping[str, tzinfo] = _NO_ZONES,
) -> Moment:
    """Read a DATE or DATE-TIME value; raise ``BadTimeError`` when it is neither.

    A UTC value is turned into ``event_zone``; a ``TZID`` value in another zone than the
    event's is turned into the event's (a flight that lands in another zone). ``defined``
    holds the zones the file defines in VTIMEZONEs.
    """
    tzid = params.get("TZID")
    own = None if tzid is None or event_zone is None else zone_in(tzid, defined)
    return _moment(text, own, event_zone)


@lru_cache(maxsize=1 << 16)
def _moment(text: str, own: tzinfo | None, event_zone: tzinfo | None) -> Moment:
    # Cached: calendars repeat the same few hundred start times again and again.
    value = text.strip()
    size = len(value)
    try:
        if size == 8 and value.isdigit():
            return Moment(datetime(int(value[:4]), int(value[4:6]), int(value[6:8])), True)
        if (
            size in (15, 16)
            and value[8] in "Tt"
            and value[:8].isdigit()
            and value[9:15].isdigit()
            and (size == 15 or value[15] in "Zz")
        ):
            at = datetime(
                int(value[:4]),
                int(value[4:6]),
                int(value[6:8]),
                int(value[9:11]),
                int(value[11:13]),
                int(value[13:15]),
            )
        else:
            raise BadTimeError("not a date or date-time")
    except ValueError as error:
        if isinstance(error, BadTimeError):
            raise
        raise BadTimeError("not a real date or time") from None
    if size == 16:
        return Moment(shift(at, UTC, event_zone))
    if own is not None and event_zone is not None and own is not event_zone:
        return Moment(shift(at, own, event_zone))
    return Moment(at)


def shift(at: datetime, source: tzinfo, target: tzinfo | None) -> datetime:
    """The wall-clock time in ``target`` of ``at`` read in ``source`` (unchanged without
    a target)."""
    if target is None:
        return at
    return at.replace(tzinfo=source).astimezone(target).replace(tzinfo=None)


def duration(text: str) -> timedelta:
    """Read a DURATION value (``PT1H30M``, ``P1D``, ``P2W``); raise ``BadTimeError`` otherwise."""
    found = _DURATION.match(text.strip())
    if found is None or not any(found.groups()[1:]):
        raise BadTimeError("not a length of time")
    weeks, days, hours, minutes, seconds = (int(g or 0) for g in found.groups()[1:])
    try:
        length = timedelta(weeks=weeks, days=days, hours=hours, minutes=minutes, seconds=seconds)
    except OverflowError:  # P999999999999999999W: longer than any calendar can hold
        raise BadTimeError("a length of time too long to be a meeting") from None
    if found.group(1) == "-":
        raise BadTimeError("a negative length of time")
    return length


@lru_cache(maxsize=1 << 14)
def normalise_rrule(text: str, event_zone: tzinfo | None, *, timed: bool) -> str:
    """The RRULE ready for expansion against naive wall-clock starts.

    ``UNTIL`` in UTC becomes the event's wall-clock time (dateutil refuses a UTC ``UNTIL``
    with a naive start); a date ``UNTIL`` of a timed event covers that whole day;
    extension parts (``X-...``) are dropped. Raises ``BadTimeError`` for an unreadable UNTIL.
    """
    parts = []
    for part in text.strip().split(";"):
        if not part.strip():
            continue
        key, sep, value = part.partition("=")
        key = key.strip().upper()
        if key.startswith("X-"):
            continue
        if key == "UNTIL" and sep:
            until = moment(value, {}, event_zone)
            if until.is_date:
                value = until.at.strftime("%Y%m%dT235959" if timed else "%Y%m%d")
            else:
                value = until.at.strftime("%Y%m%dT%H%M%S")
        parts.append(f"{key}{sep}{value.strip()}")
    return ";".join(parts)
