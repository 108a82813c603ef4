"""Importers: the files a client already has (an HRIS roster export, a goals sheet, a
RACI matrix) merged into a workspace's YAML, keeping everything written by hand."""

from __future__ import annotations

from levelset.load.importers.goals import import_goals
from levelset.load.importers.outcome import ImportOutcome
from levelset.load.importers.raci import import_responsibilities
from levelset.load.importers.roster_import import import_roster
from levelset.load.importers.sheets import SheetError

__all__ = [
    "ImportOutcome",
    "SheetError",
    "import_goals",
    "import_responsibilities",
    "import_roster",
]
