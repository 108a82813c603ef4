"""Finance files of a workspace: the sources to register, recognised by header.

Read apart from the organization files: a bad finance file does not stop the diagnosis
of the organization, it is reported beside it.
"""

from __future__ import annotations

from dataclasses import replace

from levelset.load.financefiles import FINANCE_FOLDER, find_finance_sources
from levelset.model import Problem, Workspace
from levelset.model.finance import FinanceFiles


def has_finance_data(workspace: Workspace) -> bool:
    """True when the workspace has a ``data/finance`` folder."""
    try:
        return (workspace.root / FINANCE_FOLDER).is_dir()
    except OSError:  # data/ cannot be searched: read it, so that its problem is told
        return True


def read_finance_files(workspace: Workspace) -> tuple[Workspace, list[Problem]]:
    """``workspace`` with its ``finance`` sources found in ``data/finance``, and the
    problems found (files that cannot be read or recognised)."""
    sources, problems = find_finance_sources(workspace.root)
    return replace(workspace, finance=FinanceFiles(sources=tuple(sources))), problems
