"""The problems of time files: a file the engine could not read, and the rows that
cannot be used, counted by file, kind of flaw and value, told with their first line."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from levelset.engine.reading import error_line
from levelset.model import Location, Problem
from levelset.model.events import TimeSource

_VALUES_SHOWN = 10  # distinct bad values reported one by one per file and kind


def engine_error_problem(source: TimeSource, error: str) -> Problem:
    """A file the engine could not read, as one problem at the line it stopped on."""
    file = source.file
    if source.container == "parquet":
        return Problem(
            Location(file, 1),  # the whole file: where an editor or annotation can point
            f"{file} is a broken Parquet file: {_reason(error)}; none of its entries were used",
            "export the time entries again",
        )
    line = error_line(source.path, error)
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
        ("codec can't decode", "it is not UTF-8 text"),
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
    first ten values of a kind in a file one by one and the rest together. A
    ``first_row`` of ``None`` (a file that could not be read again for line numbers)
    places the problem at the file."""
    by_kind: dict[tuple[str, str], list[Mapping[str, Any]]] = {}
    for row in sorted(counts, key=lambda r: (r["file"], r["kind"], r["first_row"] or 0)):
        by_kind.setdefault((row["file"], row["kind"]), []).append(row)
    problems: list[Problem] = []
    for (file, kind), rows in by_kind.items():
        parquet = containers.get(file) == "parquet"
        if kind == "not a date" and (local := _local_dates(file, rows, parquet=parquet)):
            problems.append(local)  # one problem for the file's date format, with the fix
            continue
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
            first = min(rest, key=lambda r: r["first_row"] or 0)
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


_LOCAL_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")


def _local_dates(file: str, rows: Sequence[Mapping[str, Any]], *, parquet: bool) -> Problem | None:
    """One problem when every date of a file that is not read is written day first or
    month first (a Toggl export with a DD/MM/YYYY date format): the file's format is
    the fault, not each row; ``None`` otherwise."""
    found = [_LOCAL_DATE.fullmatch(str(row["value"]).strip()) for row in rows]
    if not all(found):
        return None
    firsts = [int(f.group(1)) for f in found if f]
    seconds = [int(f.group(2)) for f in found if f]
    order = "day" if max(firsts) > 12 else "month" if max(seconds) > 12 else "day or month"
    total = sum(int(row["rows"]) for row in rows)
    first = min(rows, key=lambda r: r["first_row"] or 0)
    telling = [  # a value that shows the order (13/07/2026), else the first
        row["value"]
        for row, f in zip(rows, found, strict=True)
        if f and int(f.group(1 if order == "day" else 2)) > 12
    ]
    example = telling[0] if telling else first["value"]
    entries = f"{total} entr{'y' if total == 1 else 'ies'}"
    what = (
        f"{file} writes its dates {order} first (like {example!r}), which its "
        f"layout does not read: its {entries} with such dates were left out"
    )
    hint = (
        "export it again with dates as YYYY-MM-DD (in Toggl: Profile settings, Date "
        "format), or write the dates of the file as YYYY-MM-DD"
    )
    return _at(file, first["first_row"], parquet=parquet, what=what, rows=1, hint=hint, max_hours=0)


def _at(
    file: str, row: int | None, *, parquet: bool, what: str, rows: int, hint: str, max_hours: float
) -> Problem:
    more = rows - 1
    if more:
        what += f" (and {more} more {'row' if more == 1 else 'rows'} like it)"
    if row is None:
        return Problem(Location(file), what, hint.format(max=max_hours))
    if parquet:
        return Problem(Location(file, row), f"row {row}: {what}", hint.format(max=max_hours))
    # A CSV file's header is its first line: data row N is line N + 1.
    return Problem(Location(file, row + 1), what, hint.format(max=max_hours))
