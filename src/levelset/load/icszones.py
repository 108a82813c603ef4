"""Zones an iCalendar file defines itself: its ``VTIMEZONE`` blocks.

A ``TZID`` is most often a name ``zoneinfo`` knows (an IANA or a Windows name: see
``icstime.zone``), and then its ``VTIMEZONE`` is passed over. Some exporters (Lotus Notes,
Outlook's "Customized Time Zone") name a zone of their own and define it in the file,
with ``STANDARD`` and ``DAYLIGHT`` parts (``DTSTART``, ``TZOFFSETFROM``, ``TZOFFSETTO``,
``RRULE`` or ``RDATE``). dateutil's ``tzical`` reads those; the lines it does not know
(``X-LIC-LOCATION``, ``TZURL``) are left out first, since it refuses them.

The blocks are found in the whole text before any event is read, so that an event may
come before the zone it names.
"""

from __future__ import annotations

import io
import string
from datetime import datetime, tzinfo

from dateutil.tz import tzical

from levelset.load.icsevent import ProblemLog
from levelset.load.icstime import BadTimeError, zone, zone_key

__all__ = ["defined_zones"]

_BEGIN, _END = "BEGIN:VTIMEZONE", "END:VTIMEZONE"
# The lines of a VTIMEZONE that tzical reads.
_KEPT = frozenset(
    {"BEGIN", "END", "TZID", "DTSTART", "RRULE", "RDATE", "TZOFFSETFROM", "TZOFFSETTO", "TZNAME"}
)
_ASCII_UPPER = str.maketrans(string.ascii_lowercase, string.ascii_uppercase)


def defined_zones(text: str, log: ProblemLog) -> dict[str, tzinfo]:
    """The zones the VTIMEZONEs of ``text`` (with ``\\n`` line ends) define, by TZID, for
    the TZIDs that name no known zone; one that cannot be read is a problem in ``log``."""
    zones: dict[str, tzinfo] = {}
    upper = text.upper()
    if len(upper) != len(text):  # "ß" is "SS": keep the places, upper-case ASCII only
        upper = text.translate(_ASCII_UPPER)
    begin = upper.find(_BEGIN)
    while begin != -1:
        end = upper.find(_END, begin)
        stop = len(text) if end == -1 else end + len(_END)
        if begin == 0 or text[begin - 1] == "\n":
            lines = _unfolded(text[begin:stop])
            name = _tzid(lines)
            if name and zone(name) is None and name not in zones:
                try:
                    zones[name] = defined_zone(lines)
                except BadTimeError as error:
                    log.add(
                        "vtimezone",
                        text.count("\n", 0, begin) + 1,
                        f"a VTIMEZONE that cannot be read ({error.message}): times in "
                        f"{name!r} are kept as written",
                        "export the calendar again, or name an IANA zone such as "
                        "Europe/Berlin in TZID",
                    )
        begin = upper.find(_BEGIN, stop)
    return zones


def defined_zone(lines: list[str]) -> tzinfo:
    """The zone a VTIMEZONE defines, from its unfolded lines (``BEGIN:VTIMEZONE`` to
    ``END:VTIMEZONE``); raise ``BadTimeError`` when it cannot be read."""
    kept = []
    for line in lines:
        head, colon, value = line.partition(":")
        name = head.split(";", 1)[0].strip().upper()
        if colon and name in _KEPT:
            value = value.strip()
            kept.append(f"{name}:{value.upper() if name in ('BEGIN', 'END') else value}")
    try:
        found = tzical(io.StringIO("\n".join(kept)))
        names = found.keys()
        if len(names) != 1:
            raise ValueError("no zone")
        own: tzinfo = found.get(names[0])
        # Before its first onset and long after it: fails now rather than on a time later
        # (an offset of a day or more too: datetime checks it).
        for year in (1800, 2200):
            datetime(year, 1, 1, tzinfo=own).utcoffset()
    except (ValueError, TypeError, KeyError, IndexError, OverflowError) as error:
        raise BadTimeError(str(error) or type(error).__name__) from None
    return own


def _unfolded(block: str) -> list[str]:
    """The content lines of a block: a line that starts with a space or a tab continues
    the one before it."""
    lines: list[str] = []
    for raw in block.split("\n"):
        if raw[:1] in (" ", "\t") and lines:
            lines[-1] += raw[1:]
        elif raw.strip():
            lines.append(raw)
    return lines


def _tzid(lines: list[str]) -> str:
    """The TZID of a VTIMEZONE, ``""`` when it has none."""
    for line in lines:
        head, colon, value = line.partition(":")
        if colon and head.split(";", 1)[0].strip().upper() == "TZID":
            return zone_key(value)
    return ""
