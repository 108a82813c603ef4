"""``import responsibilities``: a RACI matrix as people keep it in a spreadsheet.

A row per piece of work (its name in the first column, or one headed "responsibility",
"activity" or "task"); optional "function" and "horizon" columns; every other column a
seat or a person (matched to the seat they hold); cells R, A, C or I, or several
("A/R"). A row with no A, or several, is a problem and is written as it stands, so that
``check`` reports it too. Run again, the R, A, C and I of each row are replaced and
every other key (goals, match, strategic...) kept.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from levelset.load.importers.lookup import SeatFinder
from levelset.load.importers.outcome import ImportOutcome
from levelset.load.importers.sheets import Row, SheetError, fold, read_sheet
from levelset.load.importers.workspace import WorkspaceFiles
from levelset.model import Location, Problem
from levelset.model.text import slug

__all__ = ["import_responsibilities"]

_NAME = ("responsibility", "responsibilities", "activity", "task", "deliverable", "work")
_ROLES = {"R": "responsible", "A": "accountable", "C": "consulted", "I": "informed"}
_KEYS = ("accountable", "responsible", "consulted", "informed")


def import_responsibilities(source: Path, root: Path) -> ImportOutcome:
    """Merge the RACI matrix ``source`` into the workspace ``root``."""
    sheet = read_sheet(source)
    files = WorkspaceFiles(root)
    finder = SeatFinder(files)
    folded = [fold(name) for name in sheet.header]
    name_column = next((n for n, f in enumerate(folded) if f in _NAME), 0)
    extra = {f: sheet.header[n] for n, f in enumerate(folded) if f in {"function", "horizon"}}
    problems: list[Problem] = []
    seat_columns = _seat_columns(
        sheet.header, finder, {name_column}, set(extra), problems=problems, file=sheet.name
    )
    existing = [
        p for p in files.items("responsibilities") if isinstance(p.data, dict) and "id" in p.data
    ]
    by_key = {str(p.data["id"]): n for n, p in enumerate(existing)}
    by_key |= {str(p.data.get("name", "")).casefold(): n for n, p in enumerate(existing)}
    home = files.home(
        "responsibilities",
        "responsibilities.yaml",
        [f"Written by `levelset import responsibilities {source.name}`."],
    )
    updates: dict[int, dict[str, Any] | None] = {}
    added = 0
    taken = {str(p.data["id"]) for p in existing}
    for row in sheet.rows:
        name = " ".join(row.get(sheet.header[name_column]).split())
        if not name:
            continue
        where = Location(sheet.name, row.line)
        roles = _roles(row, seat_columns, where, problems)
        accountable = roles.pop("accountable")
        if len(accountable) != 1:
            what = "no A" if not accountable else f"{len(accountable)} A's"
            problems.append(
                Problem(where, f"{name!r} has {what}", "exactly one seat should be accountable")
            )
        data: dict[str, Any] = {}
        for key, column in extra.items():
            if row.get(column):
                data[key] = row.get(column).casefold() if key == "function" else row.get(column)
        if accountable:
            data["accountable"] = accountable[0] if len(accountable) == 1 else accountable
        data |= {key: seats for key, seats in roles.items() if seats}
        index = by_key.get(name.casefold())
        if index is not None:
            old = {k: v for k, v in existing[index].data.items() if k not in _KEYS}
            updates[index] = {**old, **data}
            continue
        base, number = slug(name), 2
        new_id = base
        while new_id in taken:
            new_id, number = f"{base}-{number}", number + 1
        taken.add(new_id)
        by_key[name.casefold()] = -1
        home.append("responsibilities", {"id": new_id, "name": name, **data})
        added += 1
    files.sync("responsibilities", existing, updates)
    summary = (
        f"{source.name}: {len(seat_columns)} seats, {added} new responsibilities, "
        f"{len(updates)} updated",
    )
    return ImportOutcome(files, tuple(problems), summary)


def _roles(
    row: Row, seat_columns: dict[str, str], where: Location, problems: list[Problem]
) -> dict[str, list[str]]:
    """The seats of each RACI role in ``row``; a problem for a cell that is not R/A/C/I."""
    roles: dict[str, list[str]] = {key: [] for key in _KEYS}
    for column, seat in seat_columns.items():
        cell = row.get(column).upper()
        letters = re.findall(r"[A-Z]", cell)
        if any(letter not in _ROLES for letter in letters):
            problems.append(Problem(where, f"{column}: {cell!r} is not R, A, C or I"))
        for letter in dict.fromkeys(letters):
            if letter in _ROLES and seat not in roles[_ROLES[letter]]:
                roles[_ROLES[letter]].append(seat)
    return roles


def _seat_columns(
    header: tuple[str, ...],
    finder: SeatFinder,
    skip: set[int],
    other: set[str],
    *,
    problems: list[Problem],
    file: str,
) -> dict[str, str]:
    """The seat each column names; raises ``SheetError`` when none names one."""
    columns: dict[str, str] = {}
    for number, column in enumerate(header):
        if number in skip or fold(column) in other or not column:
            continue
        seat, why = finder.find(column)
        if seat is None:
            problems.append(Problem(Location(file, 1), f"the column {why}; left out"))
        else:
            columns[column] = seat
    if not columns:
        raise SheetError(
            f"{file}: no column names a seat or a person holding one; a RACI matrix has the work "
            "in its first column and a column per seat (id or title) or person"
        )
    return columns
