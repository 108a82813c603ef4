"""Limits on YAML a workspace file can hold, checked before libyaml composes it.

PyYAML composes recursively: a flow list nested 50,000 deep overflows the C stack and
kills the process (no exception to catch), and a "billion laughs" of a few hundred bytes
(aliases of aliases) expands without limit when the tree is built. A workspace needs a
handful of levels and no expansion worth speaking of, so both are refused with a problem
at the line where the limit is crossed.
"""

from __future__ import annotations

import re

import yaml

from levelset.model import Location, Problem

#: Deeper than any workspace needs (a goal's metric sits 4 levels down), far below
#: where composing recursively could overflow a stack.
MAX_DEPTH = 100
#: The tree built from the YAML may hold this many values more than the text spells out
#: (aliases reuse a value); beyond it, an alias bomb.
MAX_EXPANSION = 100_000

_DEEP_INDENT = re.compile(rf"^ {{{MAX_DEPTH // 2},}}\S", re.MULTILINE)
_COMPACT_NESTING = re.compile(rf"(?:[-?][ \t]+){{{MAX_DEPTH // 4},}}")
_HINT = "flatten the structure; workspace files need only a few levels"


def nesting_problem(text: str, file: str) -> Problem | None:
    """A problem when the YAML nests collections deeper than ``MAX_DEPTH``; else None.

    Cheap bounds first (brackets, indentation, ``- - -`` runs), so ordinary files cost a
    few scans in C; only a file that might be deep is walked event by event (libyaml's
    parser keeps its own stack, so the walk cannot overflow).
    """
    if (
        text.count("[") + text.count("{") < MAX_DEPTH
        and _DEEP_INDENT.search(text) is None
        and _COMPACT_NESTING.search(text) is None
    ):
        return None
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    return Problem(
                        Location(file, mark.line + 1 if mark is not None else None),
                        f"the YAML is nested more than {MAX_DEPTH} levels deep here",
                        _HINT,
                    )
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except (yaml.YAMLError, UnicodeError, ValueError):
        return None  # malformed: composing reports it, with its line
    return None


def expansion_problem(node: yaml.Node, file: str) -> Problem | None:
    """A problem when aliases make the tree much larger than the text, or loop back."""
    sizes: dict[int, int] = {}  # what each node expands to, once known
    open_nodes: set[int] = set()  # nodes whose values are being walked: an alias loop
    # A post-order walk with an explicit stack: a deep tree cannot overflow it.
    stack: list[tuple[yaml.Node, bool]] = [(node, False)]
    while stack:
        current, done = stack.pop()
        key = id(current)
        if done:
            open_nodes.discard(key)
            sizes[key] = 1 + sum(sizes[id(child)] for child in _children(current))
            if sizes[key] > len(sizes) + MAX_EXPANSION:
                return _bomb(current, file)
            continue
        if key in sizes:
            continue
        open_nodes.add(key)
        stack.append((current, True))
        for child in _children(current):
            if id(child) in open_nodes:
                return _loop(child, file)
            if id(child) not in sizes:
                stack.append((child, False))
    return None


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _bomb(node: yaml.Node, file: str) -> Problem:
    return Problem(
        Location(file, node.start_mark.line + 1),
        f"the YAML's aliases expand to more than {MAX_EXPANSION:,} values",
        "write the values out, or use an anchor (&name) and alias (*name) a few times only",
    )


def _loop(node: yaml.Node, file: str) -> Problem:
    return Problem(
        Location(file, node.start_mark.line + 1),
        "the YAML refers to itself: an alias (*name) inside the value its anchor names",
        "write the value out instead of the alias",
    )
