"""Calendar exports under ``data/calendar/`` (or ``calendar/`` of the data folder
``[data] files`` names): every ``*.ics`` file, read into events.

Attendees are resolved to people (employees and partners' people) by e-mail, without
regard to case; anyone else is an outside guest and is simply not counted. A meeting
found in several exports (each attendee exported their own calendar) is kept once for
each UID and RECURRENCE-ID: the copy with the highest SEQUENCE, on a tie the first file
in name order (``icsversions``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from levelset.load.ics import read_ics
from levelset.load.icsversions import Version, settle
from levelset.load.storage import Storage, StoredFile, storage_of, unreadable_file
from levelset.model import Location, Problem
from levelset.model.events import CalendarEvent
from levelset.model.org import Person

__all__ = ["read_calendars"]


def read_calendars(
    root: Path, people: Mapping[str, Person], files: str | None = None
) -> tuple[list[CalendarEvent], list[str], list[Problem]]:
    """Read every ``*.ics`` file under ``root/data/calendar`` (or ``calendar/`` of the
    data folder ``files`` names: ``[data] files``, a path or a storage URL), in name
    order.

    Returns the events (recurring ones not expanded), the files read (as problems name
    them: relative to ``root``, or their URL) and the problems. A file that cannot be
    read is a problem and the other files are still read; an event that cannot be used
    is a problem and left out.
    """
    storage = storage_of(root, files)
    folder = storage.part("calendar")
    problems: list[Problem] = []
    kind, unreadable = storage.kind(folder)
    if unreadable is not None:
        problems.append(unreadable)
    if kind != "folder":
        return [], [], problems
    attendee = _by_email(people)
    owner = _by_name(people)
    events: list[CalendarEvent] = []
    versions: list[Version] = []
    read: list[str] = []
    found, walked = storage.files(folder)
    problems += walked
    calendars = sorted((f for f in found if f.suffix == ".ics"), key=lambda f: f.path)
    for stored in calendars:
        file = stored.shown
        text = _text(storage, stored, problems)
        if text is None:
            continue
        # Whose calendar it is: its X-WR-CALNAME, else its file name (dana.ics).
        parsed = read_ics(text, file, attendee, owner, owner=owner(stored.stem))
        problems.extend(parsed.problems)
        if parsed.is_calendar:
            read.append(file)
        events += parsed.events
        versions += parsed.versions
    return settle(events, versions, one_file=False)[0], read, problems


def _text(storage: Storage, stored: StoredFile, problems: list[Problem]) -> str | None:
    """The file's text, or ``None`` with a problem when it cannot be read."""
    file = stored.shown
    try:
        data = storage.read(stored)
    except OSError as error:
        problems.append(
            unreadable_file(stored, error, "check the file's permissions (a broken link?)")
        )
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        problems.append(
            Problem(
                Location(file, line),
                f"{file} is not UTF-8 text (byte {error.start}); the file is left out",
                "export the calendar again, or save it with UTF-8 encoding",
            )
        )
        return None


def _by_email(people: Mapping[str, Person]) -> Callable[[str], str | None]:
    emails = {p.email.strip().casefold(): p.id for p in people.values() if p.email.strip()}
    return lambda email: emails.get(email.casefold())


def _by_name(people: Mapping[str, Person]) -> Callable[[str], str | None]:
    """Whose calendar a name says: a person's id, e-mail or name, without regard to case."""
    names: dict[str, str] = {}
    for person in people.values():
        for key in (person.name, person.email, person.id):
            if key.strip():
                names.setdefault(key.strip().casefold(), person.id)
    return lambda name: names.get(name.strip().casefold())
