"""What an import returns: the edited files (not yet written), problems and a summary."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from levelset.load.importers.workspace import WorkspaceFiles
from levelset.model import Problem
from levelset.model.levels import DEFAULT

__all__ = ["ImportOutcome", "scheme_levels"]


@dataclass(frozen=True)
class ImportOutcome:
    """An import's result. Nothing is written until ``files.write()`` is called."""

    files: WorkspaceFiles
    problems: tuple[Problem, ...]
    summary: tuple[str, ...]
    #: Lines naming the seats whose proposed level the consultant should confirm.
    to_confirm: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        """True when writing would change (or create) a file."""
        return bool(self.files.changed()) or any(not p.exists() for p in self.files.extra)


def scheme_levels(root: Path) -> tuple[str, ...]:
    """The level ids of the workspace's scheme, lowest first (the default scheme's when
    the workspace does not exist yet)."""
    if not root.is_dir():
        return tuple(level.id for level in DEFAULT.levels)
    from levelset.load import load_workspace  # noqa: PLC0415 - the loader imports a lot

    scheme = load_workspace(root).workspace.scheme
    return tuple(level.id for level in scheme.levels)
