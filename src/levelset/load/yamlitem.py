"""Rewriting one item of a YAML list while keeping what a person wrote around its keys.

An item written one key per line (block style) is rewritten key by key: lines of keys
whose value did not change stay byte for byte, comment lines between keys stay, and a
changed key keeps the comment at the end of its line. A list written one element per
line stays so: the elements kept keep their lines, new ones get a line each. An item
written in flow style is rendered anew, keeping the comment at the end of its last line.

Where each item is comes from ruamel.yaml (``find_sections``), which is used for that
only: the text written is never ruamel's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from levelset.load.yamlstyle import inline, render_item

__all__ = [
    "Entry",
    "Section",
    "YamlEditError",
    "find_sections",
    "plain",
    "rewrite_item",
    "trailing_comment",
]


class YamlEditError(Exception):
    """A file that cannot be edited: unreadable, not YAML, or not a mapping of sections."""


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
class Section:
    """A top-level key of a file: its items, and the items to add at its end."""

    name: str
    key_line: int
    entries: list[Entry]
    end: int  # the line after the section's last content line
    indent: int = 2
    editable: bool = True
    appended: list[list[str]] = field(default_factory=list)


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


def rewrite_item(
    lines: list[str],
    keys: Mapping[str, tuple[int, int]],
    old: Mapping[str, Any],
    new: Mapping[str, Any],
    *,
    indent: int,
    flow: bool,
) -> list[str]:
    """The lines of an item that was ``old``, written as ``lines``, now ``new``.

    ``keys`` gives each key's (line, column), lines counted from the item's first.
    """
    first = next(iter(keys), None)
    wanted = {key: value for key, value in new.items() if value is not None}
    if flow or not keys or first not in wanted:
        fresh = render_item(wanted, indent=indent, flow=flow)
        fresh[-1] += trailing_comment(lines[-1]) if flow else ""
        return fresh
    order = sorted(keys, key=lambda key: keys[key][0])
    out: list[str] = []
    for number, key in enumerate(order):
        line, column = keys[key]
        stop = keys[order[number + 1]][0] if number + 1 < len(order) else len(lines)
        end = _content_end(lines, line, stop)
        if key not in wanted:
            pass  # a key taken away: its lines go, the comments after them stay
        elif old.get(key) == wanted[key]:
            out.extend(lines[line:end])
        elif end > line + 1 and _opens_block_list(lines[line], column, key):
            out.extend(_block_list(lines[line:end], old.get(key), wanted[key], column))
        else:
            comment = trailing_comment(lines[line]) if end == line + 1 else ""
            out.append(f"{lines[line][:column]}{key}: {inline(wanted[key])}{comment}")
        out.extend(lines[end:stop])
    lead = " " * (keys[first][1])
    out.extend(f"{lead}{key}: {inline(value)}" for key, value in wanted.items() if key not in keys)
    return out


def trailing_comment(line: str) -> str:
    """The comment at the end of ``line`` with the spaces before it, or ``""``."""
    quote = ""
    for position, char in enumerate(line):
        if quote:
            if char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char == "#" and position > 0 and line[position - 1] in " \t":
            start = position
            while start > 0 and line[start - 1] in " \t":
                start -= 1
            return line[start:]
    return ""


def _content_end(lines: list[str], start: int, stop: int) -> int:
    end = stop
    while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].lstrip()[:1] == "#"):
        end -= 1
    return end


def _opens_block_list(line: str, column: int, key: str) -> bool:
    """True when ``line`` is ``key:`` alone (a comment aside): its value is below it."""
    return line[column : len(line) - len(trailing_comment(line))].strip() == f"{key}:"


def _block_list(written: list[str], old: Any, new: Any, column: int) -> list[str]:
    """A block list (``key:`` then a ``- element`` line each) that held ``old``, now
    ``new``: elements kept keep their lines (and the comments after them), new ones are
    written one a line at the elements' indentation."""
    head, body = written[0], written[1:]
    starts = [n for n, text in enumerate(body) if text.lstrip().startswith("-")]
    pad = _indent(body[starts[0]]) if starts else column + 2
    starts = [n for n in starts if _indent(body[n]) == pad]
    if not isinstance(old, list) or not isinstance(new, list) or len(starts) != len(old):
        return [f"{head[:column]}{_key(head, column)}: {inline(new)}{trailing_comment(head)}"]
    bounds = [*starts, len(body)]
    unused = [(value, body[bounds[n] : bounds[n + 1]]) for n, value in enumerate(old)]
    out = [head, *body[: bounds[0]]]
    for value in new:
        match = next((n for n, (was, _) in enumerate(unused) if was == value), None)
        if match is None:
            out.append(f"{' ' * pad}- {inline(value)}")
        else:
            out.extend(unused.pop(match)[1])
    return out


def _key(line: str, column: int) -> str:
    return line[column:].split(":", 1)[0]


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def find_sections(text: str, path: Path) -> dict[str, Section]:
    """Each top-level section of ``text`` (read from ``path``) and where its items are."""
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
    found: dict[str, Section] = {}
    for number, (name, line) in enumerate(keys):
        limit = keys[number + 1][1] if number + 1 < len(keys) else len(lines)
        value = document[name]
        if not isinstance(value, CommentedSeq) or value.fa.flow_style():
            editable = value is None
            end = _last_content(lines, line, limit)
            found[name] = Section(name, line, [], end, editable=editable)
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
        found[name] = Section(name, line, entries, end, indent)
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
