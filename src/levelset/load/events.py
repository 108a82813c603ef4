"""Event files of a workspace: the time files to register and the calendars, parsed.

Read apart from the organization files: a bad row or calendar does not stop the
diagnosis of the organization, it is reported beside it.
"""

from __future__ import annotations

from dataclasses import replace

from levelset.load.calendars import read_calendars
from levelset.load.storage import storage_of
from levelset.load.timefiles import find_time_sources
from levelset.model import Problem, Workspace
from levelset.model.collector import collector_paused
from levelset.model.events import EventFiles


def has_event_data(workspace: Workspace) -> bool:
    """True when the workspace's data folder (``data/``, or ``[data] files``) has a
    ``time`` or ``calendar`` folder."""
    storage = storage_of(workspace.root, workspace.settings.data.files)
    # a folder that cannot be searched is read, so that its problem is told
    return any(
        storage.kind(storage.part(part))[0] in ("folder", "unreadable")
        for part in ("time", "calendar")
    )


def read_event_files(workspace: Workspace) -> tuple[Workspace, list[Problem]]:
    """``workspace`` with its ``events`` read from its data folder (``data/``, or
    ``[data] files``), and the problems found."""
    files = workspace.settings.data.files
    sources, problems = find_time_sources(workspace.root, files)
    with collector_paused():  # many small objects, no cycles (see model.collector)
        events, read, calendar_problems = read_calendars(workspace.root, workspace.people, files)
    found = EventFiles(time=tuple(sources), calendar=tuple(events), calendar_files=tuple(read))
    return replace(workspace, events=found), [*problems, *calendar_problems]
