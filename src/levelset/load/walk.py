"""The files of a data folder (``data/time``, ``data/calendar``, ``data/finance``), and a
problem for each part of it that cannot be looked into.

``Path.rglob`` raises on a folder that can be listed but not searched, and passes over
one that cannot be listed at all without a word; either would lose data silently or
stop the load. This walk never raises: a folder it cannot enter is a problem at its
path, and the rest is still read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from levelset.model import Location, Problem

#: Where a problem of a whole file is placed (a file that cannot be read, is empty, is
#: not of a kind levelset reads, or whose name is not UTF-8): its first line, so that an
#: editor or a CI annotation can jump to the file; the message says it is the whole file.
#: A folder has no lines: its problems name the folder alone.
WHOLE_FILE = 1


def data_files(folder: Path, root: Path) -> tuple[list[Path], list[Problem]]:
    """The files under ``folder`` (hidden files and folders left out), in path order,
    and a problem for each folder or entry that cannot be read; paths in problems are
    relative to the workspace ``root``."""
    found: list[Path] = []
    problems: list[Problem] = []

    def unreadable(error: OSError) -> None:
        where = Path(error.filename) if error.filename else folder
        problems.append(_problem(where, root, error))

    for current, folders, names in os.walk(folder, onerror=unreadable):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        here = Path(current)
        for name in names:
            if name.startswith("."):
                continue  # .DS_Store, editors' swap files
            path = here / name
            if not is_utf8(path.as_posix()):
                problems.append(not_utf8_name(path, root))
                continue
            try:
                if path.is_dir():  # a link to a folder: os.walk does not follow it
                    continue
            except OSError as error:  # a folder that can be listed but not searched
                problems.append(_problem(path, root, error))
                continue
            found.append(path)
    found.sort(key=lambda p: p.parts)  # as Path sorts them: a folder before its sibling files
    return found, problems


def _problem(path: Path, root: Path, error: OSError) -> Problem:
    try:
        shown = path.relative_to(root).as_posix()
    except ValueError:
        shown = path.as_posix()
    return Problem(
        Location(shown),
        f"cannot read {shown}: {error.strerror or error}",
        "check the folder's permissions (it must be readable and searchable, r and x)",
    )


def folder_kind(folder: Path, root: Path) -> tuple[str, Problem | None]:
    """``"missing"``, ``"folder"`` or ``"file"`` for a data folder's path, or
    ``"unreadable"`` with its problem when even that cannot be told (the folder above it
    cannot be searched)."""
    try:
        mode = folder.stat().st_mode
    except FileNotFoundError:
        return "missing", None
    except NotADirectoryError:
        return "missing", None
    except OSError as error:
        return "unreadable", _problem(folder, root, error)
    return ("folder" if stat.S_ISDIR(mode) else "file"), None


def is_utf8(name: str) -> bool:
    """False for a name with bytes that are not UTF-8 (held as surrogate escapes)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def printable(name: str) -> str:
    """``name`` with each byte that is not UTF-8 shown as ``\\xNN``: reports stay text."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def not_utf8_name(path: Path, root: Path) -> Problem:
    """The problem of a file whose name is not UTF-8: no engine, report or editor can
    name it reliably, so it is left out and named as best it can be."""
    try:
        shown = printable(path.relative_to(root).as_posix())
    except ValueError:
        shown = printable(path.as_posix())
    return Problem(
        Location(shown, WHOLE_FILE),
        f"the name of {shown} is not UTF-8 text, so the file was not read",
        "rename the file with UTF-8 characters (letters, digits, '-' and '_' are safest)",
    )
