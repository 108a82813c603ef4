"""One VEVENT from its properties: times, recurrence, status and who attends.

The reader (``ics``) collects the content lines of a VEVENT; ``build_event`` turns them
into a ``CalendarEvent``, or records a problem and leaves the event out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, tzinfo
from functools import cache

from dateutil.rrule import rrulestr

from levelset.load.icstime import (
    BadTimeError,
    Moment,
    duration,
    moment,
    normalise_rrule,
    zone_in,
)
from levelset.model import Location, Problem
from levelset.model.events import Attendee, CalendarEvent

__all__ = [
    "MAX_EVENT_HOURS",
    "EventContext",
    "ProblemLog",
    "Prop",
    "Props",
    "build_event",
    "short",
    "this_and_future",
    "unescape",
]

MAX_EVENT_HOURS = 24.0
_ESCAPE = re.compile(r"\\([\\;,nN])")
_RRULE_HINT = "write it as RFC 5545 says, e.g. FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20261231T000000Z"


@dataclass(frozen=True, slots=True)
class Prop:
    """One content line of a VEVENT: its name, line number, parameters and raw value."""

    name: str
    line: int
    params: Mapping[str, str]
    value: str


Props = dict[str, Prop | list[Prop]]


class ProblemLog:
    """The problems of one file, repeated ones grouped: the first line and a count."""

    def __init__(self, file: str) -> None:
        self.file = file
        self._first: dict[str, Problem] = {}
        self._more: dict[str, int] = {}

    def add(self, kind: str, line: int | None, message: str, hint: str) -> None:
        """Record a problem; one of a ``kind`` already seen only counts."""
        if kind in self._first:
            self._more[kind] += 1
        else:
            self._first[kind] = Problem(Location(self.file, line), message, hint)
            self._more[kind] = 0

    def problems(self) -> list[Problem]:
        """The problems in the order first seen, each saying how many more were like it."""
        found = []
        for kind, first in self._first.items():
            more = self._more[kind]
            message = f"{first.message} (and {more} more like it)" if more else first.message
            found.append(Problem(first.location, message, first.hint))
        return found


@dataclass(frozen=True, slots=True)
class EventContext:
    """What building an event needs of its file: the name, the problem log, who is who,
    the calendar owner, the calendar's zone and the zones the file defines (by TZID)."""

    file: str
    log: ProblemLog
    attendee: Callable[[str], str | None]
    owner: str | None
    calendar_zone: tzinfo | None
    zones: Mapping[str, tzinfo]


def build_event(context: EventContext, props: Props, line: int) -> CalendarEvent | None:
    """The event the properties of the VEVENT at ``line`` describe; ``None`` (with a
    problem recorded) when it cannot be used."""
    return _EventBuilder(context, props, line).build()


def period_overrides(
    event: CalendarEvent, props: Props, context: EventContext
) -> list[CalendarEvent]:
    """The occurrences an ``RDATE;VALUE=PERIOD`` gives a length of their own
    (``20260115T110000/PT2H``): each as an override of the series at its start, with its
    own end (RFC 5545 section 3.8.5.2), so it does not take the master's length."""
    builder = _EventBuilder(context, props, event.location.line or 0)
    start_prop = builder.one("DTSTART")  # times are read in the start's zone, as in build
    tzid = start_prop.params.get("TZID") if start_prop is not None else None
    if tzid is not None and (own := zone_in(tzid, context.zones)) is not None:
        builder.zone = own
    made: list[CalendarEvent] = []
    length = event.end - event.start
    for prop in builder.many("RDATE"):
        for value in prop.value.split(","):
            begin, slash, finish = value.partition("/")
            if not slash or not finish.strip():
                continue
            try:
                start = builder.when(prop, begin.strip()).at
                if finish.strip().upper().startswith(("P", "+P")):
                    end = start + duration(finish.strip().lstrip("+"))
                else:
                    end = builder.when(prop, finish.strip()).at
            except (_RejectedError, BadTimeError):
                continue  # the start is reported where the RDATEs are read
            if end > start and end - start != length:
                made.append(
                    replace(
                        event,
                        start=start,
                        end=end,
                        rrule=None,
                        more_rrules=(),
                        rdates=(),
                        exdates=(),
                        recurrence_id=start,
                        this_and_future=False,
                    )
                )
    return made


class _EventBuilder:
    """Turns the collected properties of one VEVENT into a ``CalendarEvent``."""

    def __init__(self, context: EventContext, props: Props, line: int) -> None:
        self.context = context
        self.props = props
        self.line = line
        self.zone: tzinfo | None = context.calendar_zone

    def one(self, name: str) -> Prop | None:
        found = self.props.get(name)
        return found if isinstance(found, Prop) else None

    def many(self, name: str) -> list[Prop]:
        found = self.props.get(name)
        return found if isinstance(found, list) else []

    def problem(self, kind: str, line: int, message: str, hint: str) -> None:
        self.context.log.add(kind, line, f"{message} (the event is left out)", hint)

    def build(self) -> CalendarEvent | None:
        start_prop = self.one("DTSTART")
        if start_prop is None:
            self.problem(
                "no-dtstart",
                self.line,
                "an event without DTSTART",
                "every VEVENT needs a start: export the calendar again",
            )
            return None
        tzid = start_prop.params.get("TZID")
        if tzid is not None and (own := zone_in(tzid, self.context.zones)) is not None:
            self.zone = own
        try:
            start = self.when(start_prop)
            end = self.end(start)
            recurrence_id = self.recurrence_id(start)
            exdates = self.moments("EXDATE", start)
            rdates = self.moments("RDATE", start)
        except _RejectedError:
            return None
        all_day = start.is_date or _flag(self.one("X-MICROSOFT-CDO-ALLDAYEVENT"), "TRUE")
        if end < start.at:
            self.problem(
                "end-before-start",
                (self.one("DTEND") or start_prop).line,
                f"the event ends ({end:%Y-%m-%d %H:%M}) before it starts "
                f"({start.at:%Y-%m-%d %H:%M})",
                "correct DTEND or DTSTART",
            )
            return None
        if not all_day and (end - start.at) > timedelta(hours=MAX_EVENT_HOURS):
            hours = (end - start.at).total_seconds() / 3600
            self.problem(
                "too-long",
                start_prop.line,
                f"an event of {hours:g} hours that is not all-day",
                f"a meeting longer than {MAX_EVENT_HOURS:g} hours is not believable; "
                "make it an all-day event or correct its end",
            )
            return None
        rrules = self.rrules(start)
        if rrules is None:
            return None
        if recurrence_id is not None:
            rrules = ()  # an override repeats nothing of its own (some exporters copy the rule)
        summary = self.one("SUMMARY")
        uid = self.one("UID")
        return CalendarEvent(
            uid=(uid.value.strip() if uid else "") or f"{self.context.file}:{self.line}",
            title=unescape(summary.value).strip() if summary else "",
            start=start.at,
            end=end,
            all_day=all_day,
            transparent=_flag(self.one("TRANSP"), "TRANSPARENT")
            or _flag(self.one("X-MICROSOFT-CDO-BUSYSTATUS"), "FREE"),
            cancelled=_flag(self.one("STATUS"), "CANCELLED"),
            rrule=rrules[0] if rrules else None,
            more_rrules=rrules[1:],
            exdates=tuple(exdates),
            rdates=tuple(rdates),
            recurrence_id=recurrence_id,
            this_and_future=recurrence_id is not None
            and this_and_future(self.one("RECURRENCE-ID")),
            attendees=self.attendees(),
            location=Location(self.context.file, self.line),
        )

    def when(self, prop: Prop, value: str | None = None) -> Moment:
        text = prop.value if value is None else value
        try:
            return moment(text, prop.params, self.zone, self.context.zones)
        except BadTimeError as error:
            self.problem(
                f"bad-time:{prop.name}",
                prop.line,
                f"{prop.name} is {error.message}: {short(text)!r}",
                "write dates as 20260105 and date-times as 20260105T090000 (Z for UTC)",
            )
            raise _RejectedError from None

    def end(self, start: Moment) -> datetime:
        end_prop = self.one("DTEND")
        if end_prop is not None:
            end = self.when(end_prop)
            return end.at
        length = self.one("DURATION")
        if length is not None:
            try:
                return start.at + duration(length.value)
            except BadTimeError as error:
                self.problem(
                    "bad-duration",
                    length.line,
                    f"DURATION is {error.message}: {short(length.value)!r}",
                    "write a duration as PT1H30M, P1D or P1W",
                )
                raise _RejectedError from None
        return start.at + timedelta(days=1) if start.is_date else start.at

    def recurrence_id(self, start: Moment) -> datetime | None:
        prop = self.one("RECURRENCE-ID")
        return None if prop is None else self.like_start(self.when(prop), start)

    def moments(self, name: str, start: Moment) -> list[datetime]:
        found: list[datetime] = []
        for prop in self.many(name):
            for value in prop.value.split(","):
                text = value.split("/", 1)[0].strip()  # an RDATE PERIOD: its start
                if text:
                    found.append(self.like_start(self.when(prop, text), start))
        return found

    @staticmethod
    def like_start(value: Moment, start: Moment) -> datetime:
        """A date given for a timed event means that day at the event's time."""
        if value.is_date and not start.is_date:
            return datetime.combine(value.at.date(), start.at.time())
        return value.at

    def rrules(self, start: Moment) -> tuple[str, ...] | None:
        """The RRULE texts ready for expansion (none when the event does not repeat by
        rule); ``None`` when one cannot be read: a series half expanded would be counted
        as if it were whole."""
        texts = []
        for prop in self.many("RRULE"):
            try:
                text = normalise_rrule(prop.value, self.zone, timed=not start.is_date)
                _check_rrule(text)
            except (BadTimeError, ValueError, TypeError, OverflowError) as error:
                self.problem(
                    "rrule",
                    prop.line,
                    f"a recurrence rule that cannot be read: {short(prop.value)!r} ({error})",
                    _RRULE_HINT,
                )
                return None
            if text not in texts:  # the same rule twice makes the same occurrences
                texts.append(text)
        return tuple(texts)

    def attendees(self) -> tuple[Attendee, ...]:
        people: dict[str, Attendee] = {}
        for prop in self.many("ATTENDEE"):
            if prop.params.get("ROLE", "").upper() == "NON-PARTICIPANT":
                continue
            person = self.context.attendee(_email(prop))
            if person is not None and person not in people:
                declined = prop.params.get("PARTSTAT", "").upper() == "DECLINED"
                people[person] = Attendee(person, declined=declined)
        organizer = self.one("ORGANIZER")
        if organizer is not None:
            person = self.context.attendee(_email(organizer))
            if person is not None:
                known = people.get(person)
                declined = known.declined if known is not None else False
                people[person] = Attendee(person, declined=declined, organizer=True)
        elif not self.many("ATTENDEE") and self.context.owner is not None:
            people[self.context.owner] = Attendee(self.context.owner, organizer=True)
        return tuple(people.values())


class _RejectedError(Exception):
    """The event has a problem already recorded and is left out."""


@cache
def _check_rrule(text: str) -> None:
    """Raise ``ValueError`` when dateutil cannot expand ``text`` (cached: rules repeat)."""
    rrulestr(text, dtstart=datetime(2000, 1, 3, 9, 0))


def unescape(text: str) -> str:
    """Text with RFC 5545 escapes (``\\,`` ``\\;`` ``\\n``) undone."""
    if "\\" not in text:
        return text
    return _ESCAPE.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), text)


def _email(prop: Prop) -> str:
    value = prop.value.strip()
    if value[:7].lower() == "mailto:":
        return value[7:].strip()
    return prop.params.get("EMAIL", value).strip()


def this_and_future(prop: Prop | None) -> bool:
    """True for a RECURRENCE-ID with ``RANGE=THISANDFUTURE``: the override changes that
    occurrence and every later one."""
    return prop is not None and prop.params.get("RANGE", "").strip().upper() == "THISANDFUTURE"


def _flag(prop: Prop | None, expected: str) -> bool:
    return prop is not None and prop.value.strip().upper() == expected


def short(text: str) -> str:
    """``text`` cut to 60 characters, for messages."""
    text = text.strip()
    return text if len(text) <= 60 else text[:57] + "..."
