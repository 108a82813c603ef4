"""Reading typed values out of the YAML tree, with a problem for each one that is wrong.

A ``Reader`` serves one file. Its getters return a default (and record a problem) when a
value has the wrong type, so the object can still be built and other checks continue.
"""

from __future__ import annotations

import math
from datetime import date

from levelset.load.problems import Problems, describe
from levelset.load.schema import PERIOD, Shape
from levelset.load.tree import Map, Seq
from levelset.model import (
    HorizonRange,
    Location,
    Period,
    parse_horizon,
    parse_period,
    period_between,
)

# Horizons and periods repeat across thousands of items; parse each text once.
_HORIZONS: dict[str, HorizonRange | str] = {}
_PERIODS: dict[str, Period | str] = {}
_STR = {str}


class Reader:
    """Reads the mappings of one file, reporting problems against that file."""

    def __init__(self, file: str, problems: Problems) -> None:
        self.file = file
        self.problems = problems

    def location(self, mapping: Map) -> Location:
        """Where a mapping starts."""
        return Location(self.file, mapping.line)

    def report(self, line: int, message: str, hint: str = "") -> None:
        """Record a problem at ``line`` of this file."""
        self.problems.add(self.file, line, message, hint)

    def start(self, mapping: Map, shape: Shape, label: str) -> bool:
        """Check the keys of a mapping; False when a required key is missing."""
        if not mapping.dupes and mapping.keys() <= shape.names:
            get = mapping.get
            for key in shape.required:
                if get(key) is None:
                    break
            else:
                return True  # the usual case, without building any message
        for key, line in mapping.dupes:
            self.report(line, f"{label}: '{key}' is given twice", "keep only one of them")
        extra = mapping.keys() - shape.names
        for key in sorted(extra):
            accepted = ", ".join(f.name for f in shape.fields)
            close = self.problems.suggest(key, shape.names)
            hint = f"did you mean '{close}'? " if close else ""
            self.report(
                mapping.line_of(key),
                f"{label}: unknown key '{key}'",
                f"{hint}{shape.noun} keys are: {accepted}",
            )
        complete = True
        for key in shape.required:
            if mapping.get(key) is None:
                field = next(f for f in shape.fields if f.name == key)
                self.report(
                    mapping.line,
                    f"{label}: '{key}' is missing",
                    f"add {key}: <{field.type}> ({field.description})",
                )
                complete = False
        return complete

    def wrong(self, mapping: Map, key: str, label: str, expected: str, example: str) -> None:
        """Report a value of the wrong type."""
        value = mapping[key]
        self.report(
            mapping.line_of(key),
            f"{label}: '{key}' should be {expected}, not {describe(value)}",
            f"write it like {key}: {example}",
        )

    def ident(self, mapping: Map, key: str, label: str) -> str | None:
        """An id: text or a whole number; ``None`` when absent or wrong."""
        value = mapping.get(key)
        if value.__class__ is str and value:
            return value
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        self.wrong(mapping, key, label, "an id", "ceo")
        return None

    def text(self, mapping: Map, key: str, label: str, default: str = "") -> str:
        """Text; numbers and dates are taken as written. ``default`` when absent or wrong."""
        value = mapping.get(key)
        if value.__class__ is str:
            return value
        if value is None:
            return default
        if isinstance(value, int | float | date) and not isinstance(value, bool):
            return value.isoformat() if isinstance(value, date) else str(value)
        self.wrong(mapping, key, label, "text", "'text in quotes'")
        return default

    def ids(self, mapping: Map, key: str, label: str) -> tuple[str, ...]:
        """A list of ids; a single id is taken as a list of one."""
        value = mapping.get(key)
        if value is None:
            return ()
        if value.__class__ is str or (isinstance(value, int) and not isinstance(value, bool)):
            return (str(value),)
        if not isinstance(value, Seq):
            self.wrong(mapping, key, label, "a list of ids", "[a, b]")
            return ()
        if set(map(type, value)) <= _STR:
            return tuple(value)  # type: ignore[arg-type]  # all text: the usual case
        found: list[str] = []
        for index, item in enumerate(value):
            if item.__class__ is str or (isinstance(item, int) and not isinstance(item, bool)):
                found.append(str(item))
            else:
                self.report(
                    value.line_at(index),
                    f"{label}: each item of '{key}' should be an id, not {describe(item)}",
                    f"write it like {key}: [a, b]",
                )
        return tuple(found)

    def number(self, mapping: Map, key: str, label: str) -> float | None:
        """A finite number; ``None`` when absent or wrong.

        Every number of the format is read here, so ``.inf``, ``.nan`` and integers too
        large for a float are refused in one place rather than by each key's own check.
        """
        value = mapping.get(key)
        if value is None:
            return None
        if not isinstance(value, int | float) or isinstance(value, bool):
            self.wrong(mapping, key, label, "a number", "12.5")
            return None
        try:
            number = float(value)
        except OverflowError:  # an integer of hundreds of digits
            number = math.inf
        if math.isfinite(number):
            return number
        self.report(
            mapping.line_of(key),
            f"{label}: '{key}' must be a finite number, not {_non_finite(value)}",
            f"write an ordinary number, like {key}: 12.5; figures cannot be made from .inf or .nan",
        )
        return None

    def flag(self, mapping: Map, key: str, label: str) -> bool:
        """true or false; False when absent or wrong."""
        value = mapping.get(key)
        if value is None or isinstance(value, bool):
            return bool(value)
        self.wrong(mapping, key, label, "true or false", "true")
        return False

    def mapping(self, mapping: Map, key: str, label: str, example: str) -> Map | None:
        """A nested mapping; ``None`` when absent or wrong."""
        value = mapping.get(key)
        if value is None or isinstance(value, Map):
            return value
        self.wrong(mapping, key, label, "a mapping", example)
        return None

    def seq(self, mapping: Map, key: str, label: str, example: str) -> Seq | None:
        """A nested list; ``None`` when absent or wrong."""
        value = mapping.get(key)
        if value is None or isinstance(value, Seq):
            return value
        self.wrong(mapping, key, label, "a list", example)
        return None

    def horizon(self, mapping: Map, key: str, label: str) -> HorizonRange | None:
        """A duration (``1mo``) or a range (``1mo..3mo``); ``None`` when absent or bad."""
        value = mapping.get(key)
        if value is None:
            return None
        if value.__class__ is not str:
            self.wrong(mapping, key, label, "a duration such as 1mo or a range", "1mo..3mo")
            return None
        parsed = _HORIZONS.get(value)
        if parsed is None:
            try:
                parsed = parse_horizon(value)
            except ValueError as error:
                parsed = str(error)
            _HORIZONS[value] = parsed
        if isinstance(parsed, str):
            self.report(
                mapping.line_of(key),
                f"{label}: bad {key}: {parsed}",
                "durations are 3d, 2w, 1mo, 1y; a range is written 1mo..3mo",
            )
            return None
        return parsed

    def period(self, mapping: Map, key: str, label: str) -> Period | None:
        """``2026``, ``2026-Q3``, ``2026-07`` or ``{start, end}``; ``None`` when absent or bad."""
        value = mapping.get(key)
        if value is None:
            return None
        if isinstance(value, Map):
            return self._period_between(value, label)
        if isinstance(value, bool) or not isinstance(value, str | int):
            self.wrong(mapping, key, label, "a period", "2026-Q3")
            return None
        text = str(value)
        parsed = _PERIODS.get(text)
        if parsed is None:
            try:
                parsed = parse_period(text)
            except ValueError as error:
                parsed = str(error)
            _PERIODS[text] = parsed
        if isinstance(parsed, str):
            self.report(mapping.line_of(key), f"{label}: bad {key}: {parsed}")
            return None
        return parsed

    def _period_between(self, value: Map, label: str) -> Period | None:
        if not self.start(value, PERIOD, f"{label} period"):
            return None
        start, end = self.day(value, "start", label), self.day(value, "end", label)
        if start is None or end is None:
            return None
        try:
            return period_between(start, end)
        except ValueError as error:
            self.report(value.line, f"{label}: bad period: {error}")
            return None

    def day(self, mapping: Map, key: str, label: str) -> date | None:
        """A calendar date written 2026-01-31; ``None`` when absent or wrong."""
        value = mapping.get(key)
        if isinstance(value, date):
            return value
        if value is not None:
            self.wrong(mapping, key, label, "a date", "2026-01-31")
        return None


def _non_finite(value: int | float) -> str:
    # How YAML spells the value, so that the user finds what they wrote.
    if isinstance(value, int):
        return f"a number of {len(str(abs(value)))} digits"
    if math.isnan(value):
        return ".nan"
    return "-.inf" if value < 0 else ".inf"
