"""The few distinct values of time entries, resolved in Python: dates, people, problems.

A file of millions of entries names a few hundred days and people; these are read here,
one distinct value at a time, rather than in the engine where each backend parses
dates its own way.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from levelset.model import Location, Person, Problem
from levelset.model.events import TimeSource

_BOM = "\ufeff"
_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ].*)?", re.DOTALL)
_LOCAL = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:[T ,].*)?", re.DOTALL)
_FLIPPED = {"mdy": "dmy", "dmy": "mdy"}
_DECIMAL = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
_DECIMAL_COMMA = re.compile(r"\d+,\d+")
_CLOCK = re.compile(r"(\d+):([0-5]?\d)(?::([0-5]?\d))?")
_VALUES_SHOWN = 10  # distinct bad values reported one by one per file and kind


def csv_header(path: Path) -> list[str]:
    """The column names of a CSV file's first line, as the loader read them."""
    with path.open(encoding="utf-8", newline="") as stream:
        line = stream.readline().removeprefix(_BOM)
    rows = list(csv.reader([line]))
    return [name.strip() for name in rows[0]] if rows else []


def read_hours(text: str, max_hours: float) -> tuple[float | None, str]:
    """The hours ``text`` stands for (``1.5``, ``1,5``, ``1:30``, ``01:30:00``) and ``""``,
    or what makes them unusable (the hours, when a number, are returned all the same)."""
    text = text.strip()
    if not text:
        return None, "no hours"
    if _DECIMAL.fullmatch(text) or _DECIMAL_COMMA.fullmatch(text):
        hours = float(text.replace(",", "."))
    elif found := _CLOCK.fullmatch(text):
        whole, minutes, seconds = found.groups()
        hours = int(whole) + int(minutes) / 60 + int(seconds or 0) / 3600
    else:
        return None, "hours not a number"
    if hours < 0:
        return hours, "negative hours"
    if hours > max_hours:
        return hours, "absurd hours"
    return hours, ""


@dataclass(frozen=True, slots=True)
class DateReader:
    """Reads the dates of one file: ISO everywhere, and ``MM/DD/YYYY`` or ``DD/MM/YYYY``
    when the file's format writes dates that way (``order`` is ``mdy`` or ``dmy``)."""

    order: str

    @classmethod
    def for_values(cls, values: Iterable[str], order: str) -> DateReader:
        """The reader for a file's dates: its format's order, unless the dates show the
        other one (``25/01/2026`` is not January's 25th in ``mdy``)."""
        other = _FLIPPED.get(order)
        if other is None:
            return cls(order)
        local = [v for v in values if _LOCAL.fullmatch(v)]
        if any(cls(order).read(v)[0] is None for v in local) and all(
            cls(other).read(v)[0] is not None for v in local
        ):
            return cls(other)
        return cls(order)

    def read(self, value: str) -> tuple[date | None, str]:
        """The date ``value`` stands for and ``""``, or ``None`` and what is wrong."""
        if not value:
            return None, "no date"
        if found := _ISO.fullmatch(value):
            year, month, day = found.groups()
        elif self.order in _FLIPPED and (found := _LOCAL.fullmatch(value)):
            first, second, year = found.groups()
            month, day = (first, second) if self.order == "mdy" else (second, first)
        else:
            return None, "not a date"
        try:
            return date(int(year), int(month), int(day)), ""
        except ValueError:
            return None, "impossible date"


class People:
    """The workspace's people (employees and partners' people) by id, email and name."""

    def __init__(self, people: Iterable[Person]) -> None:
        self._ids: dict[str, str] = {}
        self._emails: dict[str, str] = {}
        self._names: dict[str, list[str]] = {}
        for person in people:
            self._ids.setdefault(person.id.casefold(), person.id)
            if person.email.strip():
                self._emails.setdefault(person.email.strip().casefold(), person.id)
            self._names.setdefault(person.name.strip().casefold(), []).append(person.id)

    def resolve(self, key: str, email: str, name: str) -> tuple[str | None, str, str]:
        """Who an entry is for, from its person id-or-email, email and name columns.

        Returns the person's id, ``""`` and ``""``; or ``None``, the kind of problem
        and the value to show.
        """
        if key:
            found = self._ids.get(key.casefold()) or self._emails.get(key.casefold())
            return (found, "", "") if found else self._by_name(key, key)
        if email and (found := self._emails.get(email.casefold())):
            return found, "", ""
        shown = f"{name} <{email}>" if name and email else email or name
        if name:
            return self._by_name(name, shown)
        return (None, "unknown person", email) if email else (None, "no person", "")

    def _by_name(self, name: str, shown: str) -> tuple[str | None, str, str]:
        ids = self._names.get(name.casefold(), [])
        if len(ids) == 1:
            return ids[0], "", ""
        if ids:
            return None, "ambiguous person", f"{name} ({', '.join(ids)})"
        return None, "unknown person", shown


def engine_error_problem(source: TimeSource, error: str) -> Problem:
    """A file the engine could not read, as one problem at the line it stopped on."""
    file = source.file
    if source.container == "parquet":
        return Problem(
            Location(file),
            f"{file} is a broken Parquet file: {_reason(error)}; none of its entries were used",
            "export the time entries again",
        )
    found = re.search(r"CSV Error on Line: (\d+)|, line (\d+)", error)
    line = int(next(g for g in found.groups() if g)) if found else None
    where = f"line {line}" if line else "the file"
    return Problem(
        Location(file, line),
        f"{file} is a broken CSV file: {_reason(error)}; none of its entries were used",
        f"look at {where} for a quote left open or a comma too many or too few, "
        "or export the file again",
    )


def _reason(error: str) -> str:
    folded = error.casefold()
    if found := re.search(r"Expected Number of Columns: (\d+) Found: (\d+)", error):
        return f"a row has {found.group(2)} columns where the header has {found.group(1)}"
    known = (
        ("unterminated", "a quoted value is never closed"),
        ("extra data after last expected column", "a row has more columns than the header"),
        ("missing data for column", "a row has fewer columns than the header"),
        ("unicode", "it is not UTF-8 text"),
        ("invalid byte sequence", "it is not UTF-8 text"),
        (
            "sniffing",
            "its rows do not follow its header: a quote left open or a row with "
            "a different number of columns",
        ),
    )
    for needle, reason in known:
        if needle in folded:
            return reason
    first = error.strip().splitlines()[0] if error.strip() else "unknown error"
    return first if len(first) <= 120 else first[:117] + "..."


# -- problems from counts ----------------------------------------------------------

_WORDING: dict[str, tuple[str, str]] = {
    "no hours": ("no hours", "fill in the hours of the entry"),
    "hours not a number": (
        "hours {value!r} is not a number",
        "write hours as 1.5 or a duration as 1:30:00",
    ),
    "negative hours": ("negative hours {value!r}", "hours cannot be below zero: correct the entry"),
    "absurd hours": (
        "{value} hours in one entry is not believable",
        "an entry above {max:g} hours is taken for a mistake: correct or split it, "
        "or raise max_entry_hours in [data] of levelset.toml",
    ),
    "no date": ("no date", "fill in the date of the entry as YYYY-MM-DD"),
    "not a date": (
        "date {value!r} is not a date",
        "write dates as YYYY-MM-DD; Clockify's MM/DD/YYYY and DD/MM/YYYY are read too",
    ),
    "impossible date": ("date {value!r} does not exist", "correct the date"),
    "no person": ("no person", "fill in who the entry is for: an id or email of people:"),
    "unknown person": (
        "unknown person {value!r}",
        "add them to people: or to a partner's people: with this email or name, "
        "or correct the entry",
    ),
    "ambiguous person": (
        "{value} names more than one person",
        "give the people different names, or export the entries with emails",
    ),
}


def problems_from_counts(
    counts: Sequence[Mapping[str, Any]], containers: Mapping[str, str], max_hours: float
) -> list[Problem]:
    """Problems from rows of (file, kind, value, first_row, rows): one per value, the
    first ten values of a kind in a file one by one and the rest together."""
    by_kind: dict[tuple[str, str], list[Mapping[str, Any]]] = {}
    for row in sorted(counts, key=lambda r: (r["file"], r["kind"], r["first_row"])):
        by_kind.setdefault((row["file"], row["kind"]), []).append(row)
    problems: list[Problem] = []
    for (file, kind), rows in by_kind.items():
        parquet = containers.get(file) == "parquet"
        message, hint = _WORDING[kind]
        for row in rows[:_VALUES_SHOWN]:
            what = message.format(value=row["value"], max=max_hours)
            problems.append(
                _at(
                    file,
                    row["first_row"],
                    parquet=parquet,
                    what=what,
                    rows=int(row["rows"]),
                    hint=hint,
                    max_hours=max_hours,
                )
            )
        rest = rows[_VALUES_SHOWN:]
        if rest:
            first = min(rest, key=lambda r: r["first_row"])
            what = f"{kind}: {len(rest)} other values like {first['value']!r}"
            total = sum(int(r["rows"]) for r in rest)
            problems.append(
                _at(
                    file,
                    first["first_row"],
                    parquet=parquet,
                    what=what,
                    rows=total,
                    hint=hint,
                    max_hours=max_hours,
                )
            )
    return problems


def _at(
    file: str, row: int, *, parquet: bool, what: str, rows: int, hint: str, max_hours: float
) -> Problem:
    more = rows - 1
    if more:
        what += f" (and {more} more {'row' if more == 1 else 'rows'} like it)"
    if parquet:
        return Problem(Location(file, row), f"row {row}: {what}", hint.format(max=max_hours))
    # A CSV file's header is its first line: data row N is line N + 1.
    return Problem(Location(file, row + 1), what, hint.format(max=max_hours))
