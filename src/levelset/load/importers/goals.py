"""``import goals``: a goals spreadsheet into the workspace's ``goals``, a tree through
``parent``.

The sheet has a row per key result (objective, key result, owner, period, start, target,
current, unit) and may have a row per objective (its key result cell empty) giving the
objective's owner and period. An empty objective cell continues the one above, as merged
cells in a spreadsheet read. Owners are matched to seats by their holder's name or
e-mail, or the seat's id or title. Run again, goals are updated in place and keys written
by hand (weight, kind) kept.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from levelset.load.importers.layouts import Layout, needs, recognise, role_columns
from levelset.load.importers.lookup import SeatFinder
from levelset.load.importers.outcome import ImportOutcome
from levelset.load.importers.sheets import Row, SheetError, read_sheet
from levelset.load.importers.workspace import WorkspaceFiles
from levelset.model import Location, Problem
from levelset.model.text import slug

__all__ = ["GOAL_LAYOUTS", "import_goals"]

GOAL_LAYOUTS = (
    Layout(
        "goals sheet",
        required={"objective": ("objective", "objective title", "objective name", "objectives")},
        optional={
            "key_result": ("key result", "key result title", "key result name", "kr"),
            "owner": ("owner", "owner email", "owner email id", "owner name", "assignee"),
            "period": ("period", "quarter", "cycle", "timeframe", "time period"),
            "start": ("start", "start value", "metric start value", "baseline", "initial value"),
            "target": ("target", "target value", "metric target value", "goal value"),
            "current": ("current", "current value", "metric current value", "actual"),
            "unit": ("unit", "units", "metric unit"),
            "parent": ("parent", "parent objective", "aligned to"),
        },
    ),
)

_QUARTER = re.compile(r"^(?:q([1-4])\s*[-/ ]?\s*(\d{4})|(\d{4})\s*[-/ ]?\s*q([1-4]))$", re.I)


def import_goals(source: Path, root: Path) -> ImportOutcome:
    """Merge the goals sheet ``source`` into the workspace ``root``."""
    sheet = read_sheet(source)
    layout = recognise(GOAL_LAYOUTS, sheet.header)
    if layout is None:
        raise SheetError(needs(GOAL_LAYOUTS, sheet.header, "goals sheet"))
    columns = role_columns(layout, sheet.header)
    files = WorkspaceFiles(root)
    seats = SeatFinder(files)
    problems: list[Problem] = []
    existing = [p for p in files.items("goals") if isinstance(p.data, dict) and "id" in p.data]
    taken = {str(p.data["id"]) for p in existing}
    by_title = {str(p.data.get("title", "")).casefold(): str(p.data["id"]) for p in existing}
    wanted: dict[str, dict[str, Any]] = {}
    objective = ""
    for row in sheet.rows:
        objective = row.get(columns.get("objective")) or objective
        result = row.get(columns.get("key_result"))
        if not objective:
            problems.append(_problem(sheet.name, row, "a key result with no objective above"))
            continue
        obj_id = _goal_id("obj", objective, by_title, taken, wanted)
        goal = wanted.setdefault(obj_id, {"id": obj_id, "title": objective})
        if result:
            kr_id = _goal_id("kr", result, by_title, taken, wanted)
            goal = wanted.setdefault(kr_id, {"id": kr_id, "title": result, "parent": obj_id})
        elif parent := row.get(columns.get("parent")):
            goal["parent"] = _goal_id("obj", parent, by_title, taken, wanted)
        _fill(goal, row, columns=columns, seats=seats, problems=problems, file=sheet.name)
    placed = {str(p.data["id"]): n for n, p in enumerate(existing)}
    updates: dict[int, dict[str, Any] | None] = {}
    home = files.home("goals", "goals.yaml", [f"Written by `levelset import goals {source.name}`."])
    added = 0
    for goal_id, goal in wanted.items():
        if goal_id in placed:
            old = existing[placed[goal_id]].data
            updates[placed[goal_id]] = {**old, **goal}
        else:
            home.append("goals", goal)
            added += 1
    files.sync("goals", existing, updates)
    summary = (
        f"{source.name}: {len(wanted)} goals, {added} new, {len(wanted) - added} already there",
    )
    return ImportOutcome(files, tuple(problems), summary)


def _goal_id(
    kind: str, title: str, by_title: dict[str, str], taken: set[str], wanted: dict[str, Any]
) -> str:
    key = title.casefold()
    if key in by_title:
        return by_title[key]
    words = slug(title).split("-")
    while len(words) > 1 and len("-".join(words)) > 36:
        words.pop()  # whole words, so that the id still reads
    base = f"{kind}-{'-'.join(words)}"
    goal_id, number = base, 2
    while goal_id in taken:
        goal_id, number = f"{base}-{number}", number + 1
    taken.add(goal_id)
    by_title[key] = goal_id
    return goal_id


def _fill(
    goal: dict[str, Any],
    row: Row,
    *,
    columns: dict[str, str],
    seats: SeatFinder,
    problems: list[Problem],
    file: str,
) -> None:
    owner = row.get(columns.get("owner"))
    if owner:
        seat, why = seats.find(owner)
        if seat is None:
            problems.append(_problem(file, row, f"the owner {why}", "name the seat's holder"))
        else:
            goal["owner"] = seat
    period = _period(row.get(columns.get("period")))
    if period is not None:
        goal["period"] = period
    metric: dict[str, Any] = {}
    for role in ("start", "target", "current"):
        text = row.get(columns.get(role))
        if not text:
            continue
        number, unit = _number(text)
        if number is None:
            problems.append(_problem(file, row, f"the {role} {text!r} is not a number"))
            continue
        metric[role] = number
        if unit and "unit" not in metric:
            metric["unit"] = unit
    if unit_text := row.get(columns.get("unit")):
        metric["unit"] = unit_text
    if metric:
        order = ("start", "target", "current", "unit")
        goal["metric"] = {key: metric[key] for key in order if key in metric}


def _period(text: str) -> str | int | None:
    if not text:
        return None
    if text.isdigit() and len(text) == 4:
        return int(text)
    found = _QUARTER.match(text.strip())
    if found:
        quarter = found.group(1) or found.group(4)
        year = found.group(2) or found.group(3)
        return f"{year}-Q{quarter}"
    return text


def _number(text: str) -> tuple[int | float | None, str]:
    cleaned = text.replace(",", "").replace(" ", "")
    unit = ""
    if cleaned.endswith("%"):
        cleaned, unit = cleaned[:-1], "%"
    if cleaned.startswith("$"):
        cleaned, unit = cleaned[1:], "$"
    try:
        value = float(cleaned)
    except ValueError:
        return None, ""
    return (int(value) if value.is_integer() else value), unit


def _problem(file: str, row: Row, message: str, hint: str = "") -> Problem:
    return Problem(Location(file, row.line), message, hint)
