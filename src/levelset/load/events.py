"""Event files of a workspace: the time files to register and the calendars, parsed.

Read apart from the organization files: a bad row or calendar does not stop the
diagnosis of the organization, it is reported beside it.
"""

from __future__ import annotations

from dataclasses import replace

from levelset.load.calendars import read_calendars
from levelset.load.timefiles import find_time_sources
from levelset.model import Problem, Workspace
from levelset.model.collector import collector_paused
from levelset.model.events import EventFiles

DATA_FOLDER = "data"


def has_event_data(workspace: Workspace) -> bool:
    """True when the workspace has a ``data/time`` or ``data/calendar`` folder."""
    data = workspace.root / DATA_FOLDER
    try:
        return (data / "time").is_dir() or (data / "calendar").is_dir()
    except OSError:  # data/ cannot be searched: read it, so that its problem is told
        return True


def read_event_files(workspace: Workspace) -> tuple[Workspace, list[Problem]]:
    """``workspace`` with its ``events`` read from ``data/``, and the problems found."""
    sources, problems = find_time_sources(workspace.root)
    with collector_paused():  # many small objects, no cycles (see model.collector)
        events, files, calendar_problems = read_calendars(workspace.root, workspace.people)
    found = EventFiles(time=tuple(sources), calendar=tuple(events), calendar_files=tuple(files))
    return replace(workspace, events=found), [*problems, *calendar_problems]
