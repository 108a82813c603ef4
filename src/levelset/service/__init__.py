"""The service layer: the one door to a workspace for every face.

A ``Session`` loads a workspace once, keeps its engine open, takes its clock from its
caller and answers every question (check, plan, finance, trend, line of sight, the org
and goal trees, snapshots and their diff) with typed results. A question that cannot be
answered raises ``LevelsetError`` (one type; its subclasses name the case), carrying the
exit status and HTTP status a face reports it with. The command line, the Python API
(``levelset.check``) and the web app are thin faces on it.
"""

from levelset.service.data import EventData, FinanceData
from levelset.service.errors import LevelsetError, NoEventData, UsageError, WorkspaceError
from levelset.service.files import Part
from levelset.service.rules import default_registry, find_rule
from levelset.service.session import Session

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
    "find_rule",
]
