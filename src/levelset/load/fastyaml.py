"""A fast path for the shape generated workspaces take: sections of one-line flow items.

    seats:
      - {id: ceo, title: Chief Executive Officer, level: L5, holders: [dana]}

libyaml itself is quick, but handing every event to Python costs microseconds each, and a
large organization has millions of them. Lines of this shape are read here with regular
expressions and resolved with PyYAML's own implicit-tag table, so they yield exactly the
tree ``tree.parse_yaml`` would. Anything else falls back: an item this module does not
fully understand is composed by libyaml alone, and a file with any other kind of line
(block mappings, multi-line items, anchors, several documents) is read by libyaml entirely.
"""

from __future__ import annotations

import re

import yaml

from levelset.load.tree import Map, Seq, Value, new_map, new_seq, scalar, to_tree

_KEY = r"[A-Za-z_][A-Za-z0-9_]*"
# Conservative plain scalars: they cannot start with an indicator and hold no character
# that could end a flow collection, start a comment or a quoted scalar, or separate a key.
# (Trailing spaces, which YAML strips, are ruled out by `_flow_map` instead: cheaper.)
_PLAIN = r"[A-Za-z0-9_.~+(/$][^,\[\]{}:#'\"\\\t]*"
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
_ITEM = re.compile(r"( *)- (\{.*\}) *")

_RESOLVERS = yaml.resolver.Resolver.yaml_implicit_resolvers
# Values that need a closer look start with one of these (a number, a date, `~`, a list,
# a mapping, a quoted scalar) or are one of ``_WORDS``; all else is text as written.
_SPECIAL = (frozenset(_RESOLVERS) - frozenset("yYnNtTfFoO")) | {"[", "{", "'"}
# An item of a flow list that YAML might read as something other than text.
_MAY_RESOLVE = re.compile("(?:^|, )[" + re.escape("".join(key for key in _RESOLVERS if key)) + "]")
_CACHE: dict[str, Value] = {}
_CACHE_LIMIT = 50_000


class _FallbackError(Exception):
    """This item is not of the fast shape; let libyaml read it."""


def parse_fast(text: str) -> Map | None:
    """The tree of a file made only of sections of one-line flow items; else ``None``."""
    if "\r" in text or "\t" in text:
        return None
    top = new_map(1, {})
    assert top.key_lines is not None
    items: list[Value] = []
    lines: list[int] = []
    prefix = ""
    skip = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        if prefix and raw.startswith(prefix) and raw.endswith("}"):
            try:  # the common case, inline: this loop runs once per item
                items.append(_flow_map(raw[skip:-1], number))
            except _FallbackError:
                mapping = _compose(raw[skip - 1 :], number)
                if mapping is None:
                    return None
                items.append(mapping)
            lines.append(number)
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
                top.line = number  # libyaml starts the document at its first key
            if name in top:
                top.dupes = (*top.dupes, (name, number))
            top[name] = None  # YAML reads a key with nothing under it as null
            top.key_lines[name] = number
            items, lines, prefix = [], [], ""
            continue
        item = _ITEM.fullmatch(raw)
        if item is None or not top or (prefix and not raw.startswith(prefix)):
            return None
        if not prefix:
            prefix = item.group(1) + "- {"
            skip = len(prefix)
            seq = new_seq(number, lines)
            top[next(reversed(top.key_lines))] = seq
            items = seq
        mapping = _item(item.group(2), number)
        if mapping is None:
            return None
        items.append(mapping)
        lines.append(number)
    return top


def _item(flow: str, line: int) -> Map | None:
    try:
        return _flow_map(flow[1:-1], line)
    except _FallbackError:
        return _compose(flow, line)


def _compose(flow: str, line: int) -> Map | None:
    # One item on its own through libyaml, its lines shifted to where it stands. Anchors
    # and aliases reach across items, so an item that may hold one sends the whole file.
    if "&" in flow or "*" in flow:
        return None
    try:
        node = yaml.compose(flow, Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        return None  # let the whole-file parse report it, with its own context
    if node is None:
        return None
    tree = to_tree(node)
    if not isinstance(tree, Map):
        return None
    _shift(tree, line - 1)
    return tree


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
