"""YAML text to a light tree of plain values that remembers line numbers.

Mappings become ``Map`` (a dict with the line it starts on and the line of each key) and
sequences ``Seq``; scalars become ``str``, ``int``, ``float``, ``bool``, ``None`` or
``date``. The tree is built from libyaml's node graph (``yaml.compose`` with the C loader)
rather than PyYAML's generic constructor, which is several times slower; ``fastyaml``
builds the same tree directly for the one-line items that generated files are made of.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from typing import TypeAlias

import yaml

from levelset.model import Location, Problem

Value: TypeAlias = "str | int | float | bool | date | Map | Seq | None"

_TAG = "tag:yaml.org,2002:"
_CHARACTER_WORDS = {0: "a NUL byte", 0x7F: "DEL", 0xFEFF: "a byte order mark"}


class Map(dict[str, "Value"]):
    """A YAML mapping: keys are text; ``line`` is where it starts (1-based)."""

    # Set by ``new_map``; kept off ``__init__`` so that the fast path can build a Map
    # from pairs in C and then set the three slots.
    __slots__ = ("dupes", "key_lines", "line")
    line: int
    #: None when every key sits on ``line`` (a one-line flow mapping).
    key_lines: dict[str, int] | None
    #: Keys given more than once, with the line of the repeat.
    dupes: tuple[tuple[str, int], ...]

    def line_of(self, key: str) -> int:
        """The line a key (and so its value) is written on."""
        if self.key_lines is None:
            return self.line
        return self.key_lines.get(key, self.line)


class Seq(list["Value"]):
    """A YAML sequence; ``line`` is where it starts, ``item_lines`` where each item does."""

    __slots__ = ("item_lines", "line")
    line: int
    item_lines: list[int] | None

    def line_at(self, index: int) -> int:
        """The line item ``index`` starts on."""
        if self.item_lines is None:
            return self.line
        return self.item_lines[index]


def new_map(line: int, key_lines: dict[str, int] | None = None) -> Map:
    """An empty ``Map`` starting on ``line``."""
    mapping = Map()
    mapping.line, mapping.key_lines, mapping.dupes = line, key_lines, ()
    return mapping


def new_seq(line: int, item_lines: list[int] | None = None) -> Seq:
    """An empty ``Seq`` starting on ``line``."""
    seq = Seq()
    seq.line, seq.item_lines = line, item_lines
    return seq


def parse_yaml(text: str, file: str) -> tuple[Value, Problem | None]:
    """Parse YAML text into the tree; on malformed YAML, ``None`` and a problem with a line."""
    # Import here: the guard imports this module's neighbours, not the other way round.
    from levelset.load.yamlguard import expansion_problem, nesting_problem  # noqa: PLC0415

    deep = nesting_problem(text, file)
    if deep is not None:
        return None, deep
    try:
        node = yaml.compose(text, Loader=yaml.CSafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else None
        what = error.problem or error.context or "malformed YAML"
        return None, Problem(
            Location(file, line),
            f"malformed YAML: {what}",
            "fix the YAML syntax at this line (indentation, a missing ':' or bracket, "
            "or quotes around text that holds ': ' or '#')",
        )
    except yaml.reader.ReaderError as error:  # a character YAML refuses: at its line
        line = text.count("\n", 0, max(error.position, 0)) + 1
        return None, Problem(
            Location(file, line),
            f"a character YAML does not allow: #x{error.character:04x} "
            f"({_CHARACTER_WORDS.get(error.character, 'a control character')})"
            if isinstance(error.character, int)
            else f"cannot read the YAML: {error.reason}",
            "delete it; in a double-quoted string it may be written as an escape, e.g. \\t",
        )
    except (yaml.YAMLError, UnicodeError, ValueError) as error:
        return None, Problem(
            Location(file), f"cannot read the YAML: {error}", "save the file as UTF-8 YAML"
        )
    if node is None:
        return None, None
    if "*" in text:  # only an alias can make the tree larger than the text
        bomb = expansion_problem(node, file)
        if bomb is not None:
            return None, bomb
    try:
        return to_tree(node), None
    except RecursionError:
        return None, Problem(
            Location(file, node.start_mark.line + 1),
            "the YAML is nested too deeply to read",
            "flatten the structure; workspace files need only a few levels",
        )


def to_tree(node: yaml.Node) -> Value:
    """Turn a composed node into the tree of plain values."""
    if isinstance(node, yaml.ScalarNode):
        return scalar(node.tag, node.value)
    line = node.start_mark.line + 1
    if isinstance(node, yaml.SequenceNode):
        items = node.value
        seq = new_seq(line, [item.start_mark.line + 1 for item in items])
        seq.extend(to_tree(item) for item in items)
        return seq
    mapping = new_map(line, {})
    assert mapping.key_lines is not None
    for key_node, value_node in node.value:
        key = to_tree(key_node)
        name = key if isinstance(key, str) else _key_text(key)
        key_line = key_node.start_mark.line + 1
        if name in mapping:
            mapping.dupes = (*mapping.dupes, (name, key_line))
        mapping[name] = to_tree(value_node)
        mapping.key_lines[name] = key_line
    return mapping


def _key_text(key: Value) -> str:
    # A key written as a number, a boolean, a date or a collection: keep it as text so
    # that it is reported as an unknown key rather than lost.
    if isinstance(key, Map | Seq):
        return "<a mapping or list used as a key>"
    if key is None:
        return "null"
    if isinstance(key, bool):
        return str(key).lower()
    return str(key)


_BOOLS = {
    "yes": True,
    "true": True,
    "on": True,
    "no": False,
    "false": False,
    "off": False,
}
_TIMESTAMP_DATE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")


def scalar(tag: str, text: str) -> str | int | float | bool | date | None:
    """The value of a scalar of a YAML 1.1 core tag; text when it cannot be converted."""
    if not tag.startswith(_TAG):
        return text
    kind = tag[len(_TAG) :]
    try:
        if kind == "str":
            return text
        if kind == "int":
            return _int(text)
        if kind == "float":
            return _float(text)
        if kind == "bool":
            return _BOOLS.get(text.lower(), bool(text))
        if kind == "null":
            return None
        if kind == "timestamp":
            return _timestamp(text)
    except ValueError:
        return text
    return text


def _int(text: str) -> int:
    cleaned = text.replace("_", "")
    sign = -1 if cleaned.startswith("-") else 1
    digits = cleaned.lstrip("+-")
    if ":" in digits:  # YAML 1.1 sexagesimal, e.g. 1:30
        total = 0
        for part in digits.split(":"):
            total = total * 60 + int(part)
        return sign * total
    if digits.startswith("0b"):
        return sign * int(digits[2:], 2)
    if digits.startswith("0x"):
        return sign * int(digits[2:], 16)
    if digits.startswith("0") and len(digits) > 1:
        return sign * int(digits, 8)
    return sign * int(digits)


def _float(text: str) -> float:
    cleaned = text.replace("_", "").lower()
    if cleaned.endswith(".inf"):
        return -math.inf if cleaned.startswith("-") else math.inf
    if cleaned == ".nan":
        return math.nan
    if ":" in cleaned:
        sign = -1.0 if cleaned.startswith("-") else 1.0
        total = 0.0
        for part in cleaned.lstrip("+-").split(":"):
            total = total * 60 + float(part)
        return sign * total
    return float(cleaned)


def _timestamp(text: str) -> date:
    if _TIMESTAMP_DATE.match(text):
        year, month, day = (int(part) for part in text.split("-"))
        return date(year, month, day)
    # A date with a time: levelset only needs the day.
    cleaned = text.replace("t", "T").replace(" ", "T", 1).replace("Z", "+00:00")
    cleaned = re.sub(r"\s+", "", cleaned)
    return datetime.fromisoformat(cleaned).date()
