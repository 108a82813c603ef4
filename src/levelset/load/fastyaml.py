"""The fast path for workspace YAML: sections of items, in flow or block style.

    seats:
      - {id: ceo, title: Chief Executive Officer, level: L5, holders: [dana]}
    goals:
    - id: obj-profit
      title: Grow profitable revenue
      owner: ceo

libyaml itself is quick, but handing every event to PyYAML costs microseconds each, and a
large organization has millions of them (composing 50 MB of block YAML takes minutes and
gigabytes). Items of the usual shapes (a one-line flow mapping; a block mapping of
one-line values, lists and one nested mapping, as ``yaml.safe_dump`` writes them) are read
here with regular expressions and resolved with PyYAML's own implicit-tag table, so they
yield exactly the tree ``tree.parse_yaml`` would. Anything else falls back: an item this
module does not fully understand is composed by libyaml alone (its lines are those
indented under its dash), and a file with any other kind of line (a section that is not a
list, anchors, several documents) is read by libyaml entirely.
"""

from __future__ import annotations

import re

import yaml

from levelset.load.tree import Map, Seq, Value, new_map, new_seq, scalar, to_tree
from levelset.load.yamlguard import nesting_problem

_KEY = r"[A-Za-z_][A-Za-z0-9_]*"
# Conservative plain scalars: they cannot start with an indicator and hold no character
# that could end a flow collection, start a comment or a quoted scalar, or separate a key.
# (Trailing spaces, which YAML strips, are ruled out by `_flow_map` instead: cheaper.)
_PLAIN = r"[A-Za-z0-9_.~+(/$][^,\[\]{}:#'\"\\\t\n]*"
_QUOTED = r"'[^'\n]*'"
_LIST = rf"\[(?:{_PLAIN}(?:, {_PLAIN})*)?\]"
_MAP = rf"\{{{_KEY}: {_PLAIN}(?:, {_KEY}: {_PLAIN})*\}}"
_PAIRS = re.compile(rf"({_KEY}): ({_PLAIN}|{_LIST}|{_MAP}|{_QUOTED})")
# Words YAML 1.1 reads as booleans or null rather than text: the only plain scalars
# starting with a letter that are not text.
_WORDS = frozenset(
    word
    for base in ("yes", "no", "true", "false", "on", "off", "null")
    for word in (base, base.capitalize(), base.upper())
)
_SECTION = re.compile(rf"({_KEY}): *")
_DASH = re.compile(r" *- ")
_PAIR_LINE = re.compile(rf"({_KEY}):(?: (.*))?")
_SCALAR = re.compile(rf"{_PLAIN}|{_LIST}|{_MAP}|{_QUOTED}")
_NOT_A_KEY = frozenset((" ", "#", "-", ""))

_RESOLVERS = yaml.resolver.Resolver.yaml_implicit_resolvers
# Values that need a closer look start with one of these (a number, a date, `~`, a list,
# a mapping, a quoted scalar) or are one of ``_WORDS``; all else is text as written.
_SPECIAL = (frozenset(_RESOLVERS) - frozenset("yYnNtTfFoO")) | {"[", "{", "'"}
# An item of a flow list that YAML might read as something other than text.
_MAY_RESOLVE = re.compile("(?:^|, )[" + re.escape("".join(key for key in _RESOLVERS if key)) + "]")
# Characters YAML does not allow in a file (YAML 1.1, 5.1: the printable set).
_REFUSED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
_CACHE: dict[str, Value] = {}
_CACHE_LIMIT = 50_000


class _FallbackError(Exception):
    """This item is not of the fast shape; let libyaml read it."""


def parse_fast(text: str) -> Map | None:
    """The tree of a file made only of sections of items; else ``None``."""
    if "\r" in text or "\t" in text or _REFUSED.search(text):
        return None  # libyaml reads these, or refuses them with a problem at their line
    top = new_map(1, {})
    assert top.key_lines is not None
    lines = text.split("\n")
    count = len(lines)
    items: list[Value] = []
    item_lines: list[int] = []
    prefix = deeper = ""
    skip = 0
    index = 0
    while index < count:
        raw = lines[index]
        index += 1
        if prefix and raw.startswith(prefix):
            # An item runs on over the lines indented deeper than its dash (and over blank
            # and comment lines); usually it is the one line.
            end = index
            while end < count and (lines[end].startswith(deeper) or _blank(lines[end])):
                end += 1
            item = _read_item(lines, index - 1, end, skip)
            if item is None:
                return None
            items.append(item)
            item_lines.append(index)
            index = end
            continue
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if raw[0] not in " -":
            header = _SECTION.fullmatch(raw)
            if header is None:
                return None
            name = header.group(1)
            if not top:
                top.line = index  # libyaml starts the document at its first key
            if name in top:
                top.dupes = (*top.dupes, (name, index))
            top[name] = None  # YAML reads a key with nothing under it as null
            top.key_lines[name] = index
            items, item_lines, prefix = [], [], ""
            continue
        dash = _DASH.match(raw)
        if dash is None or not top or prefix:
            return None
        prefix = dash.group()
        skip = len(prefix)
        deeper = " " * (skip - 1)
        seq = new_seq(index, item_lines)
        top[next(reversed(top.key_lines))] = seq
        items = seq
        index -= 1  # read it again, now as an item
    return top


def _read_item(lines: list[str], first: int, end: int, skip: int) -> Map | None:
    raw = lines[first]
    while end > first + 1 and _blank(lines[end - 1]):
        end -= 1  # blank and comment lines after the item hold nothing of it
    try:
        if end == first + 1 and raw[skip] == "{" and raw[-1] == "}":
            return _flow_map(raw[skip + 1 : -1], first + 1)  # the one-line flow item
        chunk = "\n".join(lines[first:end])
        return _canonical_block(chunk, first, skip) or _block_map(lines, first, end, skip)
    except (_FallbackError, IndexError):
        return _compose_lines(lines, first, end)


def _compose_lines(lines: list[str], first: int, end: int) -> Map | None:
    # The item's lines on their own through libyaml, shifted to where they stand.
    text = "\n".join(lines[first:end])
    if "&" in text or "*" in text or nesting_problem(text, "") is not None:
        return None  # the whole-file parse reports these, with its guards
    try:
        node = yaml.compose(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        return None  # let the whole-file parse report it, with its own context
    if node is None:
        return None
    try:
        tree = to_tree(node)
    except RecursionError:
        return None
    if not isinstance(tree, Seq) or len(tree) != 1 or not isinstance(tree[0], Map):
        return None
    mapping = tree[0]
    _shift(mapping, first)
    return mapping


def _canonical_block(chunk: str, first: int, skip: int) -> Map | None:
    """The item when written as ``yaml.safe_dump`` writes it, or ``None``.

    One regular expression checks the whole item (keys at one column; lists at that
    column or two deeper; one level of nested mapping), a second splits it into keys,
    so Python only walks the keys.
    """
    pad = " " * skip
    chunk = pad + chunk[skip:]  # the first key stands where the dash was
    whole, pairs_of = _block_patterns(skip)
    if (
        whole.fullmatch(chunk) is None
        or " ," in chunk
        or " ]" in chunk
        or " }" in chunk
        or " \n" in chunk
        or chunk[-1] == " "
    ):
        return None
    key_lines: dict[str, int] = {}
    mapping = new_map(first + 1, key_lines)
    line = first + 1
    pairs = pairs_of.findall(chunk)
    for key, text, items, nested in pairs:
        key_lines[key] = line
        line += 1
        if text:
            special = text[0] in _SPECIAL or text in _WORDS
            mapping[key] = _value(text, line - 1) if special else text
        elif items:
            parts = items.split("\n")
            seq = new_seq(line, list(range(line, line + len(parts) - 1)))
            for part in parts[1:]:
                seq.append(_plain(part[part.index("- ") + 2 :]))
            line += len(parts) - 1
            mapping[key] = seq
        else:
            parts = nested.split("\n")[1:]
            inner: dict[str, int] = {}
            child = new_map(line, inner)
            for part in parts:
                name, _, value = part.lstrip(" ").partition(": ")
                if name in child or name in _WORDS:
                    return None
                inner[name] = line
                child[name] = _plain(value)
                line += 1
            mapping[key] = child
    if len(mapping) != len(pairs) or not _WORDS.isdisjoint(mapping):
        return None  # a repeated key, or a key like `on` that YAML reads as true
    return mapping


def _plain(text: str) -> Value:
    return _value(text, 0) if text[0] in _SPECIAL or text in _WORDS else text


_BLOCK_PATTERNS: dict[int, tuple[re.Pattern[str], re.Pattern[str]]] = {}


def _block_patterns(skip: int) -> tuple[re.Pattern[str], re.Pattern[str]]:
    patterns = _BLOCK_PATTERNS.get(skip)
    if patterns is None:
        pad = " " * skip
        atom = f"(?:{_PLAIN}|{_QUOTED})"
        scalar = rf"{_PLAIN}|{_LIST}|{_MAP}|{_QUOTED}"
        items = rf"(?:\n{pad}- {atom})+|(?:\n{pad}  - {atom})+"
        nested = rf"(?:\n{pad}  {_KEY}: {atom})+"
        pair = rf"{pad}{_KEY}:(?: (?:{scalar})|{items}|{nested})"
        patterns = (
            re.compile(rf"{pair}(?:\n{pair})*"),
            re.compile(rf"^{pad}({_KEY}):(?: ({scalar})|({items})|({nested}))$", re.MULTILINE),
        )
        _BLOCK_PATTERNS[skip] = patterns
    return patterns


def _block_map(lines: list[str], first: int, end: int, skip: int) -> Map:
    """A block mapping whose first key follows the dash on line ``first`` (0-based) and
    whose other keys stand below it, at the same column; values are one-line scalars or
    flow collections, or a block list or mapping of those one level down."""
    pad = " " * skip
    key_lines: dict[str, int] = {}
    mapping = new_map(first + 1, key_lines)
    body = lines[first][skip:]
    index = first
    while True:
        pair = _PAIR_LINE.fullmatch(body)
        if pair is None:
            raise _FallbackError
        key, value = pair.groups()
        if key in mapping or key in _WORDS:
            raise _FallbackError
        index += 1
        key_lines[key] = index
        if value is not None:
            mapping[key] = _scalar(value, index)
        else:
            index, mapping[key] = _nested(lines, index, end, skip)
        if index >= end:
            return mapping
        body = lines[index]
        if not body.startswith(pad) or body[skip : skip + 1] in _NOT_A_KEY:
            while index < end and _blank(lines[index]):
                index += 1  # blank and comment lines between keys
            if index >= end:
                return mapping
            body = lines[index]
            if not body.startswith(pad) or body[skip : skip + 1] in _NOT_A_KEY:
                raise _FallbackError
        body = body[skip:]


def _blank(line: str) -> bool:
    stripped = line.lstrip(" ")
    return not stripped or stripped[0] == "#"


def _nested(lines: list[str], index: int, end: int, column: int) -> tuple[int, Value]:
    # What stands under ``key:`` from line ``index``: a block list at the key's column
    # or deeper, a block mapping deeper, or nothing (null). Returns the next line too.
    if index >= end:
        return index, None
    line = lines[index]
    depth = len(line) - len(line.lstrip(" "))
    if depth < column or (depth == column and not line.startswith("- ", depth)):
        if _blank(line):
            raise _FallbackError
        return index, None  # the next key: this one holds null
    if line.startswith("- ", depth):
        dash = line[: depth + 2]
        seq = new_seq(index + 1, [])
        assert seq.item_lines is not None
        while index < end and lines[index].startswith(dash):
            index += 1
            seq.append(_scalar(lines[index - 1][depth + 2 :], index))
            seq.item_lines.append(index)
        return index, seq
    pad = line[:depth]
    key_lines: dict[str, int] = {}
    mapping = new_map(index + 1, key_lines)
    while (
        index < end
        and lines[index].startswith(pad)
        and lines[index][depth : depth + 1] not in _NOT_A_KEY
    ):
        pair = _PAIR_LINE.fullmatch(lines[index], depth)
        index += 1
        if pair is None or pair.group(2) is None:
            raise _FallbackError
        key = pair.group(1)
        if key in mapping or key in _WORDS:
            raise _FallbackError
        key_lines[key] = index
        mapping[key] = _scalar(pair.group(2), index)
    return index, mapping


def _scalar(text: str, line: int) -> Value:
    # A value on one line: a plain or single-quoted scalar or a flow list or mapping of
    # the conservative shapes above, written canonically; else let libyaml read it.
    if (
        _SCALAR.fullmatch(text) is None
        or text[-1] == " "
        or " ," in text
        or " ]" in text
        or " }" in text
    ):
        raise _FallbackError
    if text[0] in _SPECIAL or text in _WORDS:
        return _value(text, line)
    return text


def _flow_map(inner: str, line: int) -> Map:
    # The items must be written canonically, `key: value, key: value`, each piece
    # matching the patterns above; rebuilding the text from the pieces and comparing is
    # how that is checked without a loop in Python.
    pairs = _PAIRS.findall(inner)
    if (
        not pairs
        or " ," in inner
        or " ]" in inner
        or " }" in inner
        or inner[-1] == " "
        or ", ".join(map(": ".join, pairs)) != inner
    ):
        raise _FallbackError
    mapping = Map(pairs)
    if len(mapping) != len(pairs) or not _WORDS.isdisjoint(mapping):
        raise _FallbackError  # a repeated key, or a key like `on` that YAML reads as true
    for key in [key for key, text in pairs if text[0] in _SPECIAL or text in _WORDS]:
        mapping[key] = _value(mapping[key], line)  # type: ignore[arg-type]
    mapping.line, mapping.key_lines, mapping.dupes = line, None, ()
    return mapping


def _value(text: str, line: int) -> Value:
    first = text[0]
    if first == "[":
        body = text[1:-1]
        if not body:
            seq = Seq()
        elif _MAY_RESOLVE.search(body) is None:
            seq = Seq(body.split(", "))  # items that can only be text: the usual ids
        else:
            seq = Seq(map(_resolve, body.split(", ")))
        seq.line, seq.item_lines = line, None
        return seq
    if first == "{":
        return _flow_map(text[1:-1], line)
    if first == "'":
        return text[1:-1]
    return _resolve(text.rstrip())


def _resolve(text: str) -> Value:
    # The same lookup as PyYAML's Resolver.resolve for a plain scalar.
    resolvers = _RESOLVERS.get(text[0])
    if resolvers is None:
        return text
    if text[0] in _LETTERS:
        return _WORD_VALUES.get(text, text)
    if text in _CACHE:
        return _CACHE[text]
    value = _by_table(text)
    if len(_CACHE) >= _CACHE_LIMIT:
        _CACHE.clear()
    _CACHE[text] = value
    return value


def _by_table(text: str) -> Value:
    for tag, pattern in _RESOLVERS.get(text[0], ()):
        if pattern.match(text):
            return scalar(tag, text)
    return text


_LETTERS = frozenset("yYnNtTfFoO")
_WORD_VALUES = {word: _by_table(word) for word in _WORDS}


def _shift(value: Value, delta: int) -> None:
    if isinstance(value, Map):
        value.line += delta
        if value.key_lines is not None:
            value.key_lines = {key: line + delta for key, line in value.key_lines.items()}
        value.dupes = tuple((key, line + delta) for key, line in value.dupes)
        for child in value.values():
            _shift(child, delta)
    elif isinstance(value, Seq):
        value.line += delta
        if value.item_lines is not None:
            value.item_lines = [line + delta for line in value.item_lines]
        for child in value:
            _shift(child, delta)
