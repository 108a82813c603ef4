"""How levelset writes a workspace item: the house style of Acme's files.

One item per line in flow style (``- {id: ceo, title: ..., holders: [dana]}``), wrapped
at 92 columns with the continuation lined up inside the brace, and long lists wrapped
inside their bracket; or, for an item a person wrote in block style, one key per line.
Text is quoted only when YAML would read it as something else.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import date
from typing import Any

__all__ = ["WIDTH", "render_item", "render_section", "scalar_text"]

#: The column lines are wrapped at, as in the examples.
WIDTH = 92

# Text YAML would read as a number, a boolean, null or a date, or that holds a character
# with a meaning in flow style: written in double quotes.
_NOT_TEXT = re.compile(
    r"""^(?:[-+]?(?:\d[\d_]*)?\.?\d[\d_]*(?:[eE][-+]?\d+)?|[-+]?\.(?:inf|nan)
    |0x[0-9a-f]+|0o[0-7]+|y|n|yes|no|true|false|on|off|null|~|\d{4}-\d\d-\d\d.*)$""",
    re.IGNORECASE | re.VERBOSE,
)
_PLAIN = re.compile(r"^[A-Za-z0-9_./$(][^,\[\]{}#:&*!|>'\"%`]*$")


def render_section(name: str) -> list[str]:
    """The line that opens a new top-level section."""
    return [f"{name}:"]


def render_item(data: Mapping[str, Any], *, indent: int, flow: bool) -> list[str]:
    """The lines of one list item (``- ...``) at ``indent`` spaces, wrapped to ``WIDTH``."""
    if not flow:
        return _block(data, indent)
    writer = _Lines(" " * indent + "- {")
    pairs = [(key, value) for key, value in data.items() if value is not None]
    base = indent + 3
    for number, (key, value) in enumerate(pairs):
        close = "}" if number == len(pairs) - 1 else ", "
        whole = f"{key}: {inline(value)}{close}"
        if not isinstance(value, list) or writer.fits(whole) or not value:
            writer.put(whole, base)
            continue
        first = f"{key}: [{inline(value[0])}" + ("]" + close if len(value) == 1 else ", ")
        if len(writer.current) > WIDTH * 2 // 3 or not writer.fits(first):
            # a list opened near the edge would run down the right, or its first element
            # would go alone on a line indented to the bracket
            writer.break_line(base)
        writer.put(f"{key}: [", base)
        column = len(writer.current)
        for position, element in enumerate(value):
            end = "]" + close if position == len(value) - 1 else ", "
            writer.put(inline(element) + end, column)
    if not pairs:
        writer.current += "}"
    return writer.done()


def inline(value: Any) -> str:
    """A value in flow style: ``[a, b]``, ``{k: v}`` or a scalar."""
    if isinstance(value, Mapping):
        inner = ", ".join(f"{k}: {inline(v)}" for k, v in value.items() if v is not None)
        return "{" + inner + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(inline(element) for element in value) + "]"
    return scalar_text(value)


def scalar_text(value: Any) -> str:
    """A scalar as YAML reads it back: numbers and dates bare, text quoted when needed."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    if _PLAIN.match(text) and not _NOT_TEXT.match(text) and text == text.strip():
        return text
    return json.dumps(text, ensure_ascii=False)


def _block(data: Mapping[str, Any], indent: int) -> list[str]:
    lines = []
    for number, (key, value) in enumerate(item for item in data.items() if item[1] is not None):
        lead = " " * indent + ("- " if number == 0 else "  ")
        lines.append(f"{lead}{key}: {inline(value)}")
    return lines or [" " * indent + "- {}"]


class _Lines:
    """Greedy wrapping: a piece goes on the current line if it fits, else on a new one."""

    def __init__(self, first: str) -> None:
        self.lines: list[str] = []
        self.current = first
        self._fresh = len(first)

    def fits(self, piece: str) -> bool:
        return len(self.current) + len(piece.rstrip()) <= WIDTH

    def put(self, piece: str, indent: int) -> None:
        if not self.fits(piece) and len(self.current) > self._fresh:
            self.break_line(indent)
        self.current += piece

    def break_line(self, indent: int) -> None:
        self.lines.append(self.current.rstrip())
        self.current = " " * indent
        self._fresh = indent

    def done(self) -> list[str]:
        return [*self.lines, self.current.rstrip()]
