"""Editing a workspace YAML file in place: change a few items, keep every other byte.

A consultant's files carry comments, a chosen key order and a layout (one seat per line,
wrapped by hand). An importer or ``scenario apply`` that rewrote the whole file would
throw that away, so edits here are splices: ruamel.yaml finds where each item of a
top-level list starts, and only the lines of the items that change are written anew
(in the item's own style, flow or block). Untouched lines stay byte for byte, and an
edit that changes nothing leaves the text identical.

Writing is atomic (a temporary file, then a rename) and refuses when the file changed
on disk since it was read, so two tools never overwrite each other's work. Several files
are written all or nothing (``write_all``): an import or a scenario that touches three
files never leaves one of them half done.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from levelset.load.yamlitem import (
    Entry,
    Section,
    YamlEditError,
    find_sections,
    plain,
    rewrite_item,
)
from levelset.load.yamlstyle import render_item, render_section

__all__ = [
    "Entry",
    "FileChangedError",
    "YamlEditError",
    "YamlFile",
    "plain",
    "write_all",
    "write_atomically",
]


class FileChangedError(YamlEditError):
    """The file changed between reading and writing; nothing was written."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} changed since it was read; run the command again")
        self.path = path


@dataclass
class YamlFile:
    """A YAML file of top-level sections (``seats:``, ``people:``...) open for editing."""

    path: Path
    original: str
    sections: dict[str, Section]
    _replaced: dict[int, list[str] | None] = field(default_factory=dict)
    #: Items to add after an item's lines, by the line after them.
    _inserted: dict[int, list[list[str]]] = field(default_factory=dict)
    #: Comment lines that open the file when it is new (written only if it was empty).
    preamble: list[str] = field(default_factory=list)

    @classmethod
    def open(cls, path: Path) -> YamlFile:
        """Read ``path`` (an absent file reads as empty) and find its sections' items."""
        try:
            # Bytes decoded, not read_text: its newline translation would turn the
            # untouched \r\n lines of a file written on Windows into \n ones.
            text = path.read_bytes().decode("utf-8") if path.exists() else ""
        except (OSError, UnicodeDecodeError) as error:
            raise YamlEditError(f"cannot read {path}: {error}") from error
        return cls(path, text, find_sections(text, path))

    # -- reading ---------------------------------------------------------------------

    def has(self, section: str) -> bool:
        """True when the file has a top-level ``section:``."""
        return section in self.sections

    def items(self, section: str) -> list[Any]:
        """The items of ``section`` as plain data (dicts, lists, scalars)."""
        found = self.sections.get(section)
        return [] if found is None else [entry.data for entry in found.entries]

    def find(self, section: str, item_id: str) -> int | None:
        """The index of the item of ``section`` whose ``id`` is ``item_id``, if any."""
        for index, item in enumerate(self.items(section)):
            if isinstance(item, Mapping) and str(item.get("id")) == item_id:
                return index
        return None

    def entry(self, section: str, index: int) -> Entry:
        """Item ``index`` of ``section`` as written: its lines and its style."""
        return self.sections[section].entries[index]

    # -- editing ---------------------------------------------------------------------

    def replace(self, section: str, index: int, data: Mapping[str, Any]) -> None:
        """Write item ``index`` of ``section`` anew from ``data``, in its own style."""
        entry = self.sections[section].entries[index]
        if plain(entry.data) == plain(data):
            return
        written = self.original.splitlines()[entry.start : entry.end]
        self._replaced[entry.start] = rewrite_item(
            written, entry.keys, entry.data, plain(data), indent=entry.indent, flow=entry.flow
        )

    def remove(self, section: str, index: int) -> None:
        """Take item ``index`` out of ``section`` (comment lines above it stay)."""
        self._replaced[self.sections[section].entries[index].start] = None

    def append(self, section: str, data: Mapping[str, Any], comments: Sequence[str] = ()) -> None:
        """Add an item at the end of ``section`` (the section is made when absent)."""
        if section not in self.sections:
            self.sections[section] = Section(section, -1, [], -1)
        target = self.sections[section]
        if not target.editable:
            raise YamlEditError(
                f"{self.path}: {section} is not a list written one item per line; "
                f"write it as `{section}:` followed by `- ...` items to import into it"
            )
        lines = [f"{' ' * target.indent}# {comment}" for comment in comments]
        lines += render_item(data, indent=target.indent, flow=True)
        target.appended.append(lines)

    def insert_after(
        self, section: str, index: int, data: Mapping[str, Any], *, flow: bool
    ) -> None:
        """Add an item right after item ``index`` of ``section`` (before the comments
        that follow it), at its indentation, in flow or block style."""
        entry = self.entry(section, index)
        lines = render_item(data, indent=entry.indent, flow=flow)
        self._inserted.setdefault(entry.end, []).append(lines)

    # -- writing ---------------------------------------------------------------------

    def text(self) -> str:
        """The file's text with every edit applied."""
        lines = self.original.splitlines(keepends=True)
        out: list[str] = []
        starts = {entry.start: entry for part in self.sections.values() for entry in part.entries}
        ends = {part.end: part for part in self.sections.values() if part.key_line >= 0}
        index = 0
        while index <= len(lines):
            out.extend(f"{line}\n" for block in self._inserted.get(index, []) for line in block)
            for part in _at(ends, index):
                out.extend(f"{line}\n" for block in part.appended for line in block)
            if index == len(lines):
                break
            entry = starts.get(index)
            if entry is not None and entry.start in self._replaced:
                new = self._replaced[entry.start]
                out.extend(f"{line}\n" for line in new or [])
                index = entry.end
                continue
            out.append(lines[index])
            index += 1
        text = "".join(out)
        if not self.original.strip() and self.preamble:
            text = "".join(f"# {line}".rstrip() + "\n" for line in self.preamble) + text
        fresh = [part for part in self.sections.values() if part.key_line < 0 and part.appended]
        for part in fresh:
            if text and not text.endswith("\n"):
                text += "\n"
            if text.strip():
                text += "\n"
            text += "".join(f"{line}\n" for line in render_section(part.name))
            text += "".join(f"{line}\n" for block in part.appended for line in block)
        return text

    @property
    def changed(self) -> bool:
        """True when the edits change the file's text."""
        return self.text() != self.original

    def write(self) -> None:
        """Write the edited text atomically; refuse if the file changed since it was read."""
        self.check()
        write_atomically(self.path, self.text())

    def check(self) -> None:
        """``FileChangedError`` when the file on disk is no longer the one read."""
        current = self.path.read_bytes() if self.path.exists() else b""
        if _digest(current) != _digest(self.original.encode("utf-8")):
            raise FileChangedError(self.path)


def write_all(files: Sequence[YamlFile]) -> list[Path]:
    """Write every file of ``files`` whose text the edits change, all or nothing; the
    paths written.

    Every new text goes to a temporary file beside its file first; then each file is
    checked again (``FileChangedError``, nothing written, when one changed since it was
    read), and only then are the temporary files renamed into place. A rename that fails
    puts back the files already replaced and raises its ``OSError``.
    """
    changed = [file for file in files if file.changed]
    temps: dict[Path, str] = {}
    try:
        for file in changed:
            temps[file.path] = _temporary(file.path, file.text())
        for file in changed:
            file.check()
        _swap(temps)
    finally:
        for temp in temps.values():
            Path(temp).unlink(missing_ok=True)
    return list(temps)


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename: never half-written."""
    temp = _temporary(path, text)
    try:
        os.replace(temp, path)
    except OSError:
        Path(temp).unlink(missing_ok=True)
        raise


def _temporary(path: Path, text: str) -> str:
    """``text`` in a new temporary file beside ``path``, with the mode ``path`` has."""
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        # mkstemp makes the file private (0600); keep the mode the file had, or give a
        # new one the mode any other file would get.
        os.chmod(temp, _mode(path))
    except OSError:
        Path(temp).unlink(missing_ok=True)
        raise
    return temp


def _swap(temps: Mapping[Path, str]) -> None:
    """Rename every temporary file into place; on a failure put the old ones back."""
    originals = {path: path.read_bytes() if path.exists() else None for path in temps}
    done: list[Path] = []
    try:
        for path, temp in temps.items():
            os.replace(temp, path)
            done.append(path)
    except OSError:
        for path in done:
            old = originals[path]
            if old is None:
                path.unlink(missing_ok=True)
            else:
                path.write_bytes(old)
        raise


def _mode(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _at(ends: dict[int, Section], index: int) -> Iterator[Section]:
    part = ends.get(index)
    if part is not None:
        yield part


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
