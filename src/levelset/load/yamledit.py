"""Editing a workspace YAML file in place: change a few items, keep every other byte.

A consultant's files carry comments, a chosen key order and a layout (one seat per line,
wrapped by hand). An importer or ``scenario apply`` that rewrote the whole file would
throw that away, so edits here are splices: ruamel.yaml finds where each item of a
top-level list starts, and only the lines of the items that change are written anew
(in the item's own style, flow or block). Untouched lines stay byte for byte, and an
edit that changes nothing leaves the text identical.

Writing is atomic (a temporary file, then a rename) and refuses when the file changed
on disk since it was read, so two tools never overwrite each other's work.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from levelset.load.yamlitem import rewrite_item
from levelset.load.yamlstyle import render_item, render_section

__all__ = ["Entry", "FileChangedError", "YamlEditError", "YamlFile", "plain", "write_atomically"]


class YamlEditError(Exception):
    """A file that cannot be edited: unreadable, not YAML, or not a mapping of sections."""


class FileChangedError(YamlEditError):
    """The file changed between reading and writing; nothing was written."""


@dataclass(frozen=True)
class Entry:
    """One item of a top-level list: its data and the lines it spans (0-based, end excl.)."""

    data: Any
    start: int
    end: int
    indent: int
    flow: bool
    #: Each key's (line, column) from the item's first line, for block-style mappings.
    keys: dict[str, tuple[int, int]] = field(default_factory=dict)


@dataclass
class _Section:
    name: str
    key_line: int
    entries: list[Entry]
    end: int  # the line after the section's last content line
    indent: int = 2
    editable: bool = True
    appended: list[list[str]] = field(default_factory=list)


@dataclass
class YamlFile:
    """A YAML file of top-level sections (``seats:``, ``people:``...) open for editing."""

    path: Path
    original: str
    sections: dict[str, _Section]
    _replaced: dict[int, list[str] | None] = field(default_factory=dict)
    #: Comment lines that open the file when it is new (written only if it was empty).
    preamble: list[str] = field(default_factory=list)

    @classmethod
    def open(cls, path: Path) -> YamlFile:
        """Read ``path`` (an absent file reads as empty) and find its sections' items."""
        try:
            text = path.read_text(encoding="utf-8") if path.exists() else ""
        except (OSError, UnicodeDecodeError) as error:
            raise YamlEditError(f"cannot read {path}: {error}") from error
        return cls(path, text, _sections(text, path))

    # -- reading ---------------------------------------------------------------------

    def has(self, section: str) -> bool:
        """True when the file has a top-level ``section:``."""
        return section in self.sections

    def items(self, section: str) -> list[Any]:
        """The items of ``section`` as plain data (dicts, lists, scalars)."""
        found = self.sections.get(section)
        return [] if found is None else [entry.data for entry in found.entries]

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
            self.sections[section] = _Section(section, -1, [], -1)
        target = self.sections[section]
        if not target.editable:
            raise YamlEditError(
                f"{self.path}: {section} is not a list written one item per line; "
                f"write it as `{section}:` followed by `- ...` items to import into it"
            )
        lines = [f"{' ' * target.indent}# {comment}" for comment in comments]
        lines += render_item(data, indent=target.indent, flow=True)
        target.appended.append(lines)

    # -- writing ---------------------------------------------------------------------

    def text(self) -> str:
        """The file's text with every edit applied."""
        lines = self.original.splitlines(keepends=True)
        out: list[str] = []
        starts = {entry.start: entry for part in self.sections.values() for entry in part.entries}
        ends = {part.end: part for part in self.sections.values() if part.key_line >= 0}
        index = 0
        while index <= len(lines):
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
        current = self.path.read_text(encoding="utf-8") if self.path.exists() else ""
        if _digest(current) != _digest(self.original):
            raise FileChangedError(f"{self.path} changed since it was read; run the command again")
        write_atomically(self.path, self.text())


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename: never half-written."""
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        # mkstemp makes the file private (0600); keep the mode the file had, or give a
        # new one the mode any other file would get.
        os.chmod(temp, _mode(path))
        os.replace(temp, path)
    except OSError:
        Path(temp).unlink(missing_ok=True)
        raise


def _mode(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def plain(value: Any) -> Any:
    """ruamel's round-trip types as plain dicts, lists and scalars, for comparing."""
    if isinstance(value, Mapping):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if isinstance(value, str):
        return str(value)
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    return value


# -- finding the items ---------------------------------------------------------------


def _sections(text: str, path: Path) -> dict[str, _Section]:
    if not text.strip():
        return {}
    try:
        document = YAML(typ="rt").load(text)
    except YAMLError as error:
        raise YamlEditError(f"{path} is not valid YAML: {error}") from error
    if document is None:
        return {}
    if not isinstance(document, CommentedMap):
        raise YamlEditError(f"{path} is not a mapping of sections (seats:, people:, ...)")
    lines = text.splitlines()
    keys = [(str(key), document.lc.key(key)[0]) for key in document]
    found: dict[str, _Section] = {}
    for number, (name, line) in enumerate(keys):
        limit = keys[number + 1][1] if number + 1 < len(keys) else len(lines)
        value = document[name]
        if not isinstance(value, CommentedSeq) or value.fa.flow_style():
            editable = value is None
            end = _last_content(lines, line, limit)
            found[name] = _Section(name, line, [], end, editable=editable)
            continue
        starts = [value.lc.item(i) for i in range(len(value))]
        entries = []
        for i, (start, column) in enumerate(starts):
            stop = starts[i + 1][0] if i + 1 < len(starts) else limit
            item = value[i]
            flow = not isinstance(item, CommentedMap) or bool(item.fa.flow_style())
            places = {} if flow else _key_places(item, start)
            end = _last_content(lines, start, stop)
            entries.append(Entry(plain(item), start, end, column - 2, flow, places))
        indent = entries[0].indent if entries else 2
        end = entries[-1].end if entries else line + 1
        found[name] = _Section(name, line, entries, end, indent)
    return found


def _key_places(item: CommentedMap, start: int) -> dict[str, tuple[int, int]]:
    """Each key's (line from the item's first, column) in a block-style mapping."""
    places = ((str(key), item.lc.key(key)) for key in item)
    return {key: (line - start, column) for key, (line, column) in places}


def _last_content(lines: list[str], start: int, stop: int) -> int:
    """The line after the last line in [start, stop) that is neither blank nor a comment."""
    end = stop
    while end > start + 1 and (not lines[end - 1].strip() or _comment(lines[end - 1])):
        end -= 1
    return end


def _comment(line: str) -> bool:
    return line.lstrip().startswith("#")


def _at(ends: dict[int, _Section], index: int) -> Iterator[_Section]:
    part = ends.get(index)
    if part is not None:
        yield part


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
