"""What a session has read: every file of a workspace, by part, and how to tell whether
it changed.

A workspace's files fall into parts that are recomputed separately: the organization
(``levelset.toml`` and the YAML files beside it), time entries (``data/time``), calendars
(``data/calendar``) and the books (``data/finance``); the data folder is the one
``[data] files`` names when it is set, a storage URL's listed through ``load.storage``
(a listing per part on each look gives sizes and modification times). The
organization's files are small and hashed on every look, so a file saved again
unchanged changes nothing. Data files can be gigabytes: they are told apart by size and
modification time (a file saved again unchanged is read again, which is only ever too
careful), and their contents are hashed only when the content hash is asked for
(``content_hash``), once per version.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from levelset.load.datasettings import files_setting
from levelset.load.storage import StoredFile, open_stored, stamp_of, storage_of
from levelset.model.storage import is_url

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
    """One file as last seen: its part, size and modification time, and its version
    (the content hash of an organization file; size and time of a data file);
    ``where`` a data file is read from (a local path or a storage URL)."""

    part: Part
    size: int
    mtime_ns: int
    version: str
    where: str = ""


@dataclass(frozen=True)
class WorkspaceFiles:
    """Every file of a workspace at ``root`` (its name, relative to the workspace or a
    storage URL → its state)."""

    root: Path
    files: Mapping[str, FileState]
    _hashes: dict[tuple[str, str], str] = field(default_factory=dict, compare=False)

    def key(self, *parts: Part) -> str:
        """What the files of ``parts`` (every part when none is named) are now: equal
        keys mean the files were not changed (see the module's docstring)."""
        wanted = set(parts) or set(Part)
        hasher = hashlib.blake2b(digest_size=16)
        for path in sorted(self.files):
            state = self.files[path]
            if state.part in wanted:
                hasher.update(f"{path}\0{state.version}\n".encode("utf-8", "surrogateescape"))
        return hasher.hexdigest()

    def content_hash(self) -> str:
        """One hash of every file's path and contents (data files are read for it once
        per version, then remembered; a file at a storage URL is not downloaded for it:
        its size and modification time stand for its contents)."""
        hasher = hashlib.blake2b(digest_size=16)
        for path in sorted(self.files):
            state = self.files[path]
            digest = state.version
            if state.part is not Part.ORGANIZATION and not is_url(state.where):
                known = self._hashes.get((path, state.version))
                digest = known or _hash(state.where) or state.version
                self._hashes[(path, state.version)] = digest
            hasher.update(f"{path}\0{digest}\n".encode("utf-8", "surrogateescape"))
        return hasher.hexdigest()

    def changed(self, before: WorkspaceFiles) -> frozenset[Part]:
        """The parts whose files differ from ``before`` (added, removed or changed)."""
        paths = set(self.files) | set(before.files)
        return frozenset(
            (self.files.get(p) or before.files[p]).part
            for p in paths
            if _version(self.files.get(p)) != _version(before.files.get(p))
        )

    def carry(self, before: WorkspaceFiles) -> None:
        """Keep the content hashes ``before`` already computed (for unchanged versions)."""
        self._hashes.update(before._hashes)


def scan_files(root: Path, previous: WorkspaceFiles | None = None) -> WorkspaceFiles:
    """The files of the workspace at ``root``; an organization file whose size and
    modification time are those of ``previous`` is not read again."""
    known = previous.files if previous is not None else {}
    files: dict[str, FileState] = {}
    for name, file, part in _workspace_files(root):
        try:
            stamp = file.stamp or stamp_of(file.path)
        except OSError:
            continue  # gone, or unreadable: the loader reports it with its place
        before = known.get(name)
        if before is not None and (before.size, before.mtime_ns) == stamp:
            files[name] = before
            continue
        if part is Part.ORGANIZATION:
            version = _hash(file.path)
            if version is None:
                continue
        else:
            version = f"{stamp[0]}:{stamp[1]}"
        files[name] = FileState(part, stamp[0], stamp[1], version, file.path)
    found = WorkspaceFiles(root, files)
    if previous is not None:
        found.carry(previous)
    return found


def _workspace_files(root: Path) -> Iterator[tuple[str, StoredFile, Part]]:
    """The files the loader and the data readers look at: each one's name, where it is
    and its part."""
    try:
        entries = sorted(root.iterdir())
    except OSError:
        return
    for entry in entries:
        if entry.name == _TOML or (
            entry.suffix in _YAML_SUFFIXES and not entry.name.startswith(".")
        ):
            yield entry.name, StoredFile(str(entry), entry.name), Part.ORGANIZATION
    storage = storage_of(root, files_setting(root))
    for folder, part in _DATA_PARTS.items():
        found, _problems = storage.files(storage.part(folder))  # the loader tells them
        for file in found:
            yield file.shown, file, part


def _hash(where: str) -> str | None:
    try:
        with open_stored(where) as stream:
            return hashlib.file_digest(stream, lambda: hashlib.blake2b(digest_size=16)).hexdigest()
    except OSError:
        return None


def _version(state: FileState | None) -> str | None:
    return None if state is None else state.version
