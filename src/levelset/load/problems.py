"""Collecting problems: one way to word them, with did-you-mean suggestions."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Collection, Iterable, Sequence
from datetime import date

from levelset.load.tree import Map, Seq, Value
from levelset.model import Location, Problem

# difflib compares a word with every candidate; on a namespace of 100,000 ids that is a
# tenth of a second per lookup, so a workspace full of bad references stops suggesting
# once this many candidates have been compared.
_SUGGESTION_BUDGET = 3_000_000


class Problems:
    """The problems found while loading, in the order they were found."""

    def __init__(self) -> None:
        self.items: list[Problem] = []
        self._budget = _SUGGESTION_BUDGET
        # The line of each key of objects written across several lines (block style),
        # so that a bad reference found later points at its own line. One-line items
        # need none: every key is on the object's line.
        self._key_lines: dict[tuple[str, str], dict[str, int]] = {}

    def remember(self, noun: str, item_id: str, mapping: Map) -> None:
        """Keep the key lines of an object, when they differ from its first line."""
        if mapping.key_lines is not None:
            self._key_lines.setdefault((noun, item_id), mapping.key_lines)

    def key_line(self, noun: str, item_id: str, key: str, default: int | None) -> int | None:
        """The line ``key`` of object ``noun``/``item_id`` was written on."""
        lines = self._key_lines.get((noun, item_id))
        return default if lines is None else lines.get(key, default)

    def add(self, file: str, line: int | None, message: str, hint: str = "") -> None:
        """Record a problem at ``file:line``."""
        self.items.append(Problem(Location(file, line), message, hint))

    def suggest(self, word: str, choices: Collection[str]) -> str | None:
        """The closest of ``choices`` to ``word``, if one is close enough."""
        if not choices or self._budget <= 0:
            return None
        self._budget -= len(choices)
        found = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
        return found[0] if found else None

    def unknown_keys(
        self,
        file: str,
        section: str,
        keys: Iterable[str],
        accepted: Sequence[str],
        line_of: Callable[[str], int | None],
    ) -> None:
        """A problem for each of ``keys`` that is not ``accepted`` in ``[section]``."""
        listed = ", ".join(accepted)
        for key in keys:
            if key not in accepted:
                self.add(
                    file,
                    line_of(key),
                    f"unknown key '{key}' in [{section}]",
                    self.did_you_mean(key, accepted, f"accepted keys are: {listed}"),
                )

    def did_you_mean(self, word: str, choices: Collection[str], otherwise: str) -> str:
        """A hint: ``did you mean 'x'?`` when something is close, else ``otherwise``."""
        close = self.suggest(word, choices)
        return f"did you mean '{close}'?" if close is not None else otherwise


def describe(value: Value) -> str:
    """How a value reads in a message: ``text 'dana'``, ``a list``, ``the number 3``."""
    if isinstance(value, Map):
        return "a mapping"
    if isinstance(value, Seq):
        return "a list"
    if isinstance(value, bool):
        return f"{str(value).lower()} (YAML reads yes/no/on/off as true/false)"
    if value is None:
        return "nothing"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, date):
        return f"the date {value.isoformat()}"
    return f"text {_short(value)!r}"


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."
