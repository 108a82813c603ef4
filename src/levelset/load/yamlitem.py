"""Rewriting one item of a YAML list while keeping what a person wrote around its keys.

An item written one key per line (block style) is rewritten key by key: lines of keys
whose value did not change stay byte for byte, comment lines between keys stay, and a
changed key keeps the comment at the end of its line. An item written in flow style is
rendered anew, keeping the comment at the end of its last line.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from levelset.load.yamlstyle import inline, render_item

__all__ = ["rewrite_item", "trailing_comment"]


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
