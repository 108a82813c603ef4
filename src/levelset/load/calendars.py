"""Calendar exports under ``data/calendar/``: every ``*.ics`` file, read into events.

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
from levelset.load.walk import WHOLE_FILE, data_files, folder_kind
from levelset.model import Location, Problem
from levelset.model.events import CalendarEvent
from levelset.model.org import Person

__all__ = ["CALENDAR_FOLDER", "read_calendars"]

CALENDAR_FOLDER = Path("data") / "calendar"


def read_calendars(
    root: Path, people: Mapping[str, Person]
) -> tuple[list[CalendarEvent], list[str], list[Problem]]:
    """Read every ``*.ics`` file under ``root/data/calendar``, in name order.

    Returns the events (recurring ones not expanded), the files read (relative to
    ``root``) and the problems. A file that cannot be read is a problem and the other
    files are still read; an event that cannot be used is a problem and left out.
    """
    folder = root / CALENDAR_FOLDER
    problems: list[Problem] = []
    kind, unreadable = folder_kind(folder, root)
    if unreadable is not None:
        problems.append(unreadable)
    if kind != "folder":
        return [], [], problems
    attendee = _by_email(people)
    owner = _by_name(people)
    events: list[CalendarEvent] = []
    versions: list[Version] = []
    files: list[str] = []
    paths, walked = data_files(folder, root)
    problems += walked
    calendars = sorted((p for p in paths if p.suffix.lower() == ".ics"), key=lambda p: p.as_posix())
    for path in calendars:
        file = path.relative_to(root).as_posix()
        text = _text(path, file, problems)
        if text is None:
            continue
        # Whose calendar it is: its X-WR-CALNAME, else its file name (dana.ics).
        parsed = read_ics(text, file, attendee, owner, owner=owner(path.stem))
        problems.extend(parsed.problems)
        if parsed.is_calendar:
            files.append(file)
        events += parsed.events
        versions += parsed.versions
    return settle(events, versions, one_file=False)[0], files, problems


def _text(path: Path, file: str, problems: list[Problem]) -> str | None:
    """The file's text, or ``None`` with a problem when it cannot be read."""
    try:
        data = path.read_bytes()
    except OSError as error:
        problems.append(
            Problem(
                Location(file, WHOLE_FILE),
                f"cannot read {file}: {error.strerror}",
                "check the file's permissions (a broken link?)",
            )
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
