"""What a session has read: every file of a workspace with its content hash, by part.

A workspace's files fall into parts that are recomputed separately: the organization
(``levelset.toml`` and the YAML files beside it), time entries (``data/time``), calendars
(``data/calendar``) and the books (``data/finance``). A file is hashed again only when
its size or modification time changed since the last look, so asking again is cheap
even over gigabytes of event data; the hash, not the time, decides whether it changed.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

_YAML_SUFFIXES = (".yaml", ".yml")
_TOML = "levelset.toml"
_CHUNK = 1 << 20


class Part(Enum):
    """A part of a workspace that is read, and recomputed, on its own."""

    ORGANIZATION = "organization"
    TIME = "time"
    CALENDAR = "calendar"
    FINANCE = "finance"


_DATA_PARTS = {"time": Part.TIME, "calendar": Part.CALENDAR, "finance": Part.FINANCE}


@dataclass(frozen=True, slots=True)
class FileState:
    """One file as last read: its part, size, modification time and content hash."""

    part: Part
    size: int
    mtime_ns: int
    digest: str


@dataclass(frozen=True)
class WorkspaceFiles:
    """Every file of a workspace (path relative to the root → its state)."""

    files: Mapping[str, FileState]

    def digest(self, *parts: Part) -> str:
        """One hash of the files of ``parts`` (all parts when none is named): their
        paths and contents. Equal digests mean equal files."""
        wanted = set(parts) or set(Part)
        hasher = hashlib.blake2b(digest_size=16)
        for path in sorted(self.files):
            state = self.files[path]
            if state.part in wanted:
                hasher.update(f"{path}\0{state.digest}\n".encode())
        return hasher.hexdigest()

    def changed(self, other: WorkspaceFiles) -> frozenset[Part]:
        """The parts whose files differ between ``self`` and ``other`` (added, removed or
        with other contents)."""
        paths = set(self.files) | set(other.files)
        return frozenset(
            (self.files.get(p) or other.files[p]).part
            for p in paths
            if _content(self.files.get(p)) != _content(other.files.get(p))
        )


def scan_files(root: Path, previous: WorkspaceFiles | None = None) -> WorkspaceFiles:
    """The files of the workspace at ``root``; a file whose size and modification time
    are those of ``previous`` keeps its hash (it is not read again)."""
    known = previous.files if previous is not None else {}
    files: dict[str, FileState] = {}
    for path, part in _workspace_files(root):
        relative = path.relative_to(root).as_posix()
        try:
            stat = path.stat()
        except OSError:
            continue  # gone, or unreadable: the loader reports it with its place
        before = known.get(relative)
        if before is not None and (before.size, before.mtime_ns) == (
            stat.st_size,
            stat.st_mtime_ns,
        ):
            files[relative] = before
            continue
        digest = _hash(path)
        if digest is not None:
            files[relative] = FileState(part, stat.st_size, stat.st_mtime_ns, digest)
    return WorkspaceFiles(files)


def _workspace_files(root: Path) -> Iterator[tuple[Path, Part]]:
    """The files the loader and the data readers look at, with their part."""
    try:
        entries = sorted(root.iterdir())
    except OSError:
        return
    for entry in entries:
        if entry.name == _TOML or entry.suffix in _YAML_SUFFIXES:
            yield entry, Part.ORGANIZATION
    for folder, part in _DATA_PARTS.items():
        base = root / "data" / folder
        for current, _dirs, names in os.walk(base):
            for name in sorted(names):
                yield Path(current) / name, part


def _hash(path: Path) -> str | None:
    try:
        with path.open("rb") as stream:
            hasher = hashlib.blake2b(digest_size=16)
            while chunk := stream.read(_CHUNK):
                hasher.update(chunk)
    except OSError:
        return None
    return hasher.hexdigest()


def _content(state: FileState | None) -> str | None:
    return None if state is None else state.digest
