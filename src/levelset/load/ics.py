"""A small RFC 5545 reader: the VEVENTs of one iCalendar file as ``CalendarEvent`` objects.

It reads line by line and keeps line numbers, so that every problem points at its line
(the ``icalendar`` library gives none). Only what levelset needs is read: the times,
the recurrence (each ``RRULE`` kept as text, ``EXDATE``/``RDATE``/``RECURRENCE-ID``), the
title, the status, the transparency, who attends, and ``SEQUENCE`` and ``DTSTAMP`` to
keep the newest copy of an event given twice (``icsversions``). A ``VTIMEZONE`` is read
only when its ``TZID`` names no zone ``zoneinfo`` knows (``icszones``); ``VALARM``,
``VTODO`` and other blocks are passed over.

Times are kept as naive wall-clock times in the event's own zone: a ``TZID`` time as
written, a floating time as written, a UTC (``Z``) time turned into the zone of the
event's ``DTSTART`` (or the calendar's ``X-WR-TIMEZONE``) when that zone is known.
"""

from __future__ import annotations

import difflib
import itertools
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import tzinfo

from levelset.load.icsevent import (
    EventContext,
    ProblemLog,
    Prop,
    Props,
    build_event,
    period_overrides,
    short,
    unescape,
)
from levelset.load.icstime import zone_in
from levelset.load.icsversions import Version, settle, version_of
from levelset.load.icszones import defined_zones
from levelset.load.walk import WHOLE_FILE
from levelset.model import Problem
from levelset.model.events import CalendarEvent

__all__ = ["ParsedCalendar", "read_ics"]

_NO_PARAMS: dict[str, str] = {}
# The properties of a VEVENT that are read; every other one is passed over unparsed.
_READ = frozenset(
    {
        "UID",
        "SUMMARY",
        "DTSTART",
        "DTEND",
        "DURATION",
        "RRULE",
        "EXDATE",
        "RDATE",
        "RECURRENCE-ID",
        "STATUS",
        "TRANSP",
        "ATTENDEE",
        "ORGANIZER",
        "X-MICROSOFT-CDO-BUSYSTATUS",
        "X-MICROSOFT-CDO-ALLDAYEVENT",
        "SEQUENCE",
        "DTSTAMP",
    }
)
# RFC 5545 allows several RRULEs in one event (a second "SHOULD NOT" be given, but some
# exporters do): the series is their union, so every one is kept.
_REPEATED = frozenset({"EXDATE", "RDATE", "ATTENDEE", "RRULE"})
# Blocks that hold no event: a VEVENT begun inside one means its END was lost.
_NO_EVENTS = frozenset({"VTODO", "VJOURNAL", "VFREEBUSY", "VALARM"})


@dataclass(slots=True)
class ParsedCalendar:
    """What one file holds: its events, its problems, its name and zone.

    ``is_calendar`` is false when the file is empty or not an iCalendar file at all.
    ``versions`` tell the copies of an event in several files apart, one per event.
    """

    is_calendar: bool = False
    events: list[CalendarEvent] = field(default_factory=list)
    versions: list[Version] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    name: str | None = None
    zone: str | None = None


def read_ics(
    text: str,
    file: str,
    attendee: Callable[[str], str | None],
    owner_of: Callable[[str], str | None] = lambda _: None,
    *,
    owner: str | None = None,
) -> ParsedCalendar:
    """Parse the text of ``file`` (shown in problems).

    ``attendee`` resolves an e-mail address to a person id (``None`` for an outside
    guest). An event that names nobody (no ``ATTENDEE``, no ``ORGANIZER``) belongs to the
    calendar's owner: the person ``owner_of`` finds for the calendar's name
    (``X-WR-CALNAME``), else ``owner``; with no owner it has no attendees.
    """
    return _Reader(file, attendee, owner_of, owner).read(text)


class _Reader:
    def __init__(
        self,
        file: str,
        attendee: Callable[[str], str | None],
        owner_of: Callable[[str], str | None],
        owner: str | None,
    ) -> None:
        self.file = file
        self.attendee = attendee
        self.owner_of = owner_of
        self.owner = owner
        self.log = ProblemLog(file)
        self.result = ParsedCalendar()
        self.calendar_zone: tzinfo | None = None
        self.zones: dict[str, tzinfo] = {}

    def read(self, text: str) -> ParsedCalendar:
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        lines = _content_lines(text)
        first = next(lines, None)
        if first is None:
            self.log.add("empty", WHOLE_FILE, f"{self.file} is empty", "export the calendar again")
        elif first[1].strip().upper() != "BEGIN:VCALENDAR":
            self.log.add(
                "not-calendar",
                first[0],
                f"{self.file} is not an iCalendar file: it starts with {short(first[1])!r}",
                "export the calendar as .ics (iCalendar), or move the file out of data/calendar",
            )
        else:
            self.result.is_calendar = True
            self.zones = defined_zones(text, self.log)
            self._components(itertools.chain([first], lines))
            self.result.events, self.result.versions = settle(
                self.result.events, self.result.versions, one_file=True
            )
        self.result.problems = self.log.problems()
        return self.result

    def _components(self, lines: Iterator[tuple[int, str]]) -> None:
        """Walk the BEGIN/END blocks; read calendar properties and top-level VEVENTs."""
        stack: list[tuple[str, int]] = []
        event: Props | None = None
        for number, line in lines:
            # Most lines are properties: look closer only at those that may be BEGIN/END.
            head = line[:6].upper() if line[0] in "BbEe" else ""
            if head == "BEGIN:":
                kind = line[6:].strip().upper()
                if kind == "VEVENT" and any(k == "VEVENT" for k, _ in stack):
                    self._close_to("VEVENT", stack, report_last=True)
                    event = None
                elif kind == "VEVENT" and len(stack) > 1 and stack[-1][0] in _NO_EVENTS:
                    # A block left open (its END misspelled: END:VTOOD) holds no event:
                    # it ends here, said once, and the events after it are still read.
                    while len(stack) > 1:
                        self._unterminated(stack.pop())
                if not stack and kind != "VCALENDAR":
                    self._outside(number, line)
                stack.append((kind, number))
                if kind == "VEVENT" and len(stack) == 2 and stack[0][0] == "VCALENDAR":
                    event = {}
            elif head[:4] == "END:":
                kind = line[4:].strip().upper()
                if not any(k == kind for k, _ in stack):
                    close = difflib.get_close_matches(kind, [k for k, _ in stack], n=1)
                    self.log.add(
                        "stray-end",
                        number,
                        f"END:{kind} without a BEGIN:{kind}"
                        + (f" (is it END:{close[0]}?)" if close else ""),
                        "repair the file or export it again",
                    )
                    continue
                began = self._close_to(kind, stack, report_last=False)
                if kind == "VEVENT" and event is not None:
                    if not any(k == "VEVENT" for k, _ in stack):
                        self._event(event, began)
                    event = None
            elif len(stack) == 1 and stack[0][0] == "VCALENDAR":
                self._calendar_property(line)
            elif event is not None and len(stack) == 2:
                self._event_property(event, number, line)
            elif not stack:
                self._outside(number, line)
        for block in reversed(stack):
            self._unterminated(block)

    def _close_to(self, kind: str, stack: list[tuple[str, int]], *, report_last: bool) -> int:
        """Pop blocks up to the last ``kind`` (blocks left open inside it are problems);
        return the line where that block began."""
        while True:
            begun = stack.pop()
            if begun[0] == kind:
                if report_last:
                    self._unterminated(begun)
                return begun[1]
            self._unterminated(begun)

    def _outside(self, number: int, line: str) -> None:
        self.log.add(
            "outside",
            number,
            f"a line outside BEGIN:VCALENDAR ... END:VCALENDAR: {short(line)!r}",
            "repair the file or export it again",
        )

    def _unterminated(self, begun: tuple[str, int]) -> None:
        kind, number = begun
        left_out = " (the event is left out)" if kind == "VEVENT" else ""
        self.log.add(
            f"unterminated:{kind}",
            number,
            f"BEGIN:{kind} has no END:{kind}{left_out}",
            "the file is cut short or damaged: export the calendar again",
        )

    def _calendar_property(self, line: str) -> None:
        name = _name(line)
        if name not in ("X-WR-CALNAME", "X-WR-TIMEZONE"):
            return
        split = _split(line)
        if split is None:
            return
        value = unescape(split[2]).strip()
        if name == "X-WR-CALNAME":
            self.result.name = value
            self.owner = self.owner_of(value) or self.owner
        else:
            self.result.zone = value
            self.calendar_zone = zone_in(value, self.zones)

    def _event_property(self, event: Props, number: int, line: str) -> None:
        colon = line.find(":")
        if colon <= 0:
            self.log.add(
                "malformed",
                number,
                f"a line that is not NAME:value: {short(line)!r}",
                "repair the file or export it again",
            )
            return
        semi = line.find(";", 0, colon)
        name = line[: colon if semi == -1 else semi].upper()
        if name not in _READ:
            return
        if semi == -1:
            prop = Prop(name, number, _NO_PARAMS, line[colon + 1 :])
        elif '"' not in line[semi:colon]:
            prop = Prop(name, number, _params(line[semi + 1 : colon]), line[colon + 1 :])
        else:
            split = _split_quoted(line, semi)
            if split is None:
                self.log.add(
                    "malformed",
                    number,
                    f"a line with an unclosed quote: {short(line)!r}",
                    "repair the file or export it again",
                )
                return
            prop = Prop(name, number, split[1], split[2])
        if name in _REPEATED:
            listed = event.setdefault(name, [])
            if isinstance(listed, list):
                listed.append(prop)
        else:
            event.setdefault(name, prop)

    # -- building an event ---------------------------------------------------------

    def _event(self, props: Props, line: int) -> None:
        context = EventContext(
            self.file, self.log, self.attendee, self.owner, self.calendar_zone, self.zones
        )
        built = build_event(context, props, line)
        if built is not None:
            self.result.events.append(built)
            self.result.versions.append(version_of(props))
            if built.recurrence_id is None and "RDATE" in props:
                for own in period_overrides(built, props, context):
                    self.result.events.append(own)
                    self.result.versions.append(version_of(props))


def _content_lines(text: str) -> Iterator[tuple[int, str]]:
    """Unfolded content lines (of text with ``\\n`` line ends) with the number of their
    first physical line.

    A line that starts with a space or a tab continues the one before it. Blank lines
    are passed over.
    """
    pending: str | None = None
    start = 0
    extra: list[str] = []
    for number, raw in enumerate(text.split("\n"), 1):
        if not raw:
            continue
        if raw[0] in " \t" and pending is not None:
            extra.append(raw[1:])
            continue
        if pending is not None:
            if extra:
                pending += "".join(extra)
                extra = []
            yield start, pending
        pending, start = raw, number
    if pending is not None:
        yield start, pending + "".join(extra)


def _name(line: str) -> str:
    """The property name of a content line, upper case."""
    end = len(line)
    for mark in (";", ":"):
        found = line.find(mark)
        if 0 <= found < end:
            end = found
    return line[:end].strip().upper()


def _split(line: str) -> tuple[str, Mapping[str, str], str] | None:
    """``NAME;PARAM=value;...:value`` as name, parameters and value; ``None`` if malformed."""
    colon = line.find(":")
    if colon <= 0:
        return None
    semi = line.find(";", 0, colon)
    if semi == -1:
        return line[:colon].strip().upper(), _NO_PARAMS, line[colon + 1 :]
    if '"' not in line[semi:colon]:
        return line[:semi].strip().upper(), _params(line[semi + 1 : colon]), line[colon + 1 :]
    return _split_quoted(line, semi)


def _params(text: str) -> dict[str, str]:
    params = {}
    for part in text.split(";"):
        key, _, value = part.partition("=")
        params[key.upper()] = value
    return params


def _split_quoted(line: str, semi: int) -> tuple[str, Mapping[str, str], str] | None:
    """The slow path: parameter values in double quotes may hold ``;``, ``:`` and ``,``."""
    params: dict[str, str] = {}
    parts: list[str] = []
    current: list[str] = []
    quoted = False
    for index in range(semi + 1, len(line)):
        char = line[index]
        if char == '"':
            quoted = not quoted
        elif not quoted and char in ";:":
            parts.append("".join(current))
            current = []
            if char == ":":
                for part in parts:
                    key, _, value = part.partition("=")
                    params[key.strip().upper()] = value
                return line[:semi].strip().upper(), params, line[index + 1 :]
        else:
            current.append(char)
    return None
