"""The service layer: the one door to a workspace for every face.

A ``Session`` loads a workspace once, keeps its engine open, takes its clock from its
caller and answers every question (check, plan, finance, trend, line of sight, the org
and goal trees, snapshots and their diff) with typed results. A question that cannot be
answered raises ``LevelsetError`` (one type; its subclasses name the case), carrying the
exit status and HTTP status a face reports it with. The command line, the Python API
(``levelset.check``) and the web app are thin faces on it.

The names are imported on first use, so that a face that needs only the rule catalogue
(``levelset rules``) does not pay for the loader and the data readers.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from levelset.service.data import EventData, FinanceData
    from levelset.service.discover import find_workspace
    from levelset.service.errors import LevelsetError, NoEventData, UsageError, WorkspaceError
    from levelset.service.files import Part
    from levelset.service.rules import default_registry, find_rule
    from levelset.service.session import Session
    from levelset.service.status import exit_status, fail_on_setting

_HOMES = {
    "EventData": "data",
    "FinanceData": "data",
    "find_workspace": "discover",
    "LevelsetError": "errors",
    "NoEventData": "errors",
    "UsageError": "errors",
    "WorkspaceError": "errors",
    "Part": "files",
    "default_registry": "rules",
    "find_rule": "rules",
    "Session": "session",
    "exit_status": "status",
    "fail_on_setting": "status",
}


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"levelset.service.{home}"), name)
    globals()[name] = value  # once read, a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


__all__ = [
    "EventData",
    "FinanceData",
    "LevelsetError",
    "NoEventData",
    "Part",
    "Session",
    "UsageError",
    "WorkspaceError",
    "default_registry",
    "exit_status",
    "fail_on_setting",
    "find_rule",
    "find_workspace",
]
