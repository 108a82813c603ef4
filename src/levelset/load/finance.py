"""Finance files of a workspace: the sources to register, recognised by header.

Read apart from the organization files: a bad finance file does not stop the diagnosis
of the organization, it is reported beside it.
"""

from __future__ import annotations

from dataclasses import replace

from levelset.load.financefiles import find_finance_sources
from levelset.load.storage import storage_of
from levelset.model import Problem, Workspace
from levelset.model.finance import FinanceFiles


def has_finance_data(workspace: Workspace) -> bool:
    """True when the workspace's data folder (``data/``, or ``[data] files``) has a
    ``finance`` folder."""
    storage = storage_of(workspace.root, workspace.settings.data.files)
    kind, _problem = storage.kind(storage.part("finance"))
    # a folder that cannot be searched is read, so that its problem is told
    return kind in ("folder", "unreadable")


def read_finance_files(workspace: Workspace) -> tuple[Workspace, list[Problem]]:
    """``workspace`` with its ``finance`` sources found in the data folder's
    ``finance/``, and the problems found (files that cannot be read or recognised)."""
    sources, problems = find_finance_sources(workspace.root, workspace.settings.data.files)
    return replace(workspace, finance=FinanceFiles(sources=tuple(sources))), problems
