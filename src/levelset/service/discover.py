"""Which workspace a command means when it is given no path: the one it stands in, or
the nearest folder above that holds a ``levelset.toml``, as ruff and git find theirs."""

from __future__ import annotations

import os
from pathlib import Path

_TOML_FILE = "levelset.toml"
_YAML_SUFFIXES = (".yaml", ".yml")


def find_workspace(start: Path | None = None) -> Path:
    """The workspace for a command run in ``start`` (the current folder by default).

    ``start`` itself when it holds ``levelset.toml`` or a YAML file; otherwise the nearest
    folder above it with a ``levelset.toml``; otherwise ``start`` (whose check then says
    it has no YAML files). The path is relative to ``start`` when that is shorter, so
    that reports name files as the user sees them (``../org.yaml``).
    """
    here = Path() if start is None else start
    absolute = here.resolve()
    if _is_workspace(absolute):
        return here
    for folder in absolute.parents:
        if _is_file(folder / _TOML_FILE):
            return Path(os.path.relpath(folder, absolute)) if start is None else folder
    return here


def _is_workspace(folder: Path) -> bool:
    if _is_file(folder / _TOML_FILE):
        return True
    try:
        return any(
            entry.suffix in _YAML_SUFFIXES and not entry.name.startswith(".")
            for entry in folder.iterdir()
        )
    except OSError:  # a folder that cannot be listed is checked, and its problem shown
        return True


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:
        return False
