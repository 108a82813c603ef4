"""Reading a scenario file: a YAML list of operations, each problem at its line.

A scenario file is read like any workspace file (the same tree, the same ``Reader``, the
same wording of problems) but lives outside the workspace's own YAML files, since the
workspace reads every YAML file directly in its folder: keep scenarios in a
``scenarios/`` folder of the workspace or anywhere else. The format::

    name: Fill the controller seat
    operations:
      - {op: fill-seat, seat: controller}
      - {op: hand-work, responsibility: ap-approval, from: ceo, to: controller}
    notes: [Check Brightline's references before renewing]
"""

from __future__ import annotations

from pathlib import Path

from levelset.load.problems import Problems, describe
from levelset.load.reader import Reader
from levelset.load.schema import Field, Shape
from levelset.load.tree import Map, Seq, parse_yaml
from levelset.model import Location, Problem
from levelset.model.scenario import (
    OPERATION_NAMES,
    AddRole,
    ChangeGoals,
    ChangeOwner,
    ChangeScope,
    CreateSeat,
    FillSeat,
    HandWork,
    MoveAccountability,
    Operation,
    RemoveRole,
    ReportTo,
    RetireSeat,
    Scenario,
    StopMeeting,
    TieGoals,
    VacateSeat,
)


def _shape(kind: str, noun: str, *rows: tuple[str, str, bool, str]) -> Shape:
    fields = tuple(Field(*row) for row in rows)
    names = frozenset(f.name for f in fields)
    return Shape(kind, noun, fields, names, tuple(f.name for f in fields if f.required))


SCENARIO = _shape(
    "scenario",
    "scenario",
    ("name", "text", False, "what the scenario is, shown in its report"),
    ("operations", "list of operations", True, "the changes, applied in order"),
    ("notes", "list of text", False, "advice that is no operation: shown, never applied"),
)

_OP = ("op", "operation name", True, "which operation: fill-seat, hand-work, ...")
_SEAT = ("seat", "seat id", True, "the seat")
_RESP = ("responsibility", "responsibility id", True, "the responsibility")
_PARTNER = ("partner", "partner id", True, "the partner")
_CHANGE = (
    ("add", "list of ids", False, "ids to add"),
    ("remove", "list of ids", False, "ids to take out"),
)

#: The keys of each operation, by its name.
OPERATIONS: dict[str, Shape] = {
    "fill-seat": _shape(
        "fill-seat",
        "fill-seat operation",
        _OP,
        _SEAT,
        ("person", "person or partner id", False, "who fills it; none for a hire"),
        ("partner", "partner id", False, "a partner firm that fills it"),
        ("fte", "number in (0, 1]", False, "the share of a full-time role, 1 if not given"),
    ),
    "vacate-seat": _shape(
        "vacate-seat",
        "vacate-seat operation",
        _OP,
        _SEAT,
        ("holder", "person or partner id", False, "the holder to take out; all if not given"),
    ),
    "create-seat": _shape(
        "create-seat",
        "create-seat operation",
        _OP,
        _SEAT,
        ("title", "text", True, "the new seat's title"),
        ("level", "level id", True, "its level"),
        ("function", "text", False, "its function"),
        ("reports_to", "seat id", False, "its manager's seat"),
        ("manages", "list of seat ids", False, "seats that report to it from now on"),
    ),
    "retire-seat": _shape("retire-seat", "retire-seat operation", _OP, _SEAT),
    "report-to": _shape(
        "report-to",
        "report-to operation",
        _OP,
        _SEAT,
        ("reports_to", "seat id", False, "the seat it reports to; none for the top"),
    ),
    "move-accountability": _shape(
        "move-accountability",
        "move-accountability operation",
        _OP,
        _RESP,
        ("to", "seat id", True, "the seat accountable from now on"),
    ),
    "add-role": _shape(
        "add-role",
        "add-role operation",
        _OP,
        _RESP,
        ("role", "responsible | consulted", True, "the role"),
        _SEAT,
    ),
    "remove-role": _shape(
        "remove-role",
        "remove-role operation",
        _OP,
        _RESP,
        ("role", "responsible | consulted", True, "the role"),
        _SEAT,
    ),
    "tie-goals": _shape("tie-goals", "tie-goals operation", _OP, _RESP, *_CHANGE),
    "change-scope": _shape("change-scope", "change-scope operation", _OP, _PARTNER, *_CHANGE),
    "change-owner": _shape(
        "change-owner",
        "change-owner operation",
        _OP,
        _PARTNER,
        ("owner", "seat id", True, "the internal seat that owns the relationship"),
    ),
    "change-goals": _shape("change-goals", "change-goals operation", _OP, _PARTNER, *_CHANGE),
    "hand-work": _shape(
        "hand-work",
        "hand-work operation",
        _OP,
        _RESP,
        ("from", "seat, person or partner id", True, "who does the work today"),
        ("to", "seat id", True, "the seat that takes it"),
        ("hours_per_week", "number", False, "how much of it moves; all if not given"),
    ),
    "stop-meeting": _shape(
        "stop-meeting",
        "stop-meeting operation",
        _OP,
        ("meeting", "responsibility id or title", True, "the recurring meeting to stop"),
    ),
}


def read_scenario(path: str | Path) -> tuple[Scenario, tuple[Problem, ...]]:
    """The scenario in the file at ``path`` and the problems reading it (with lines)."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeError) as error:
        why = getattr(error, "strerror", None) or str(error)
        problem = Problem(Location(str(file)), f"cannot read the scenario: {why}")
        return Scenario(), (problem,)
    return parse_scenario(text, str(file))


def parse_scenario(text: str, file: str = "scenario.yaml") -> tuple[Scenario, tuple[Problem, ...]]:
    """The scenario written in ``text``; problems are placed in ``file``."""
    tree, problem = parse_yaml(text, file)
    if problem is not None:
        return Scenario(), (problem,)
    problems = Problems()
    reader = Reader(file, problems)
    if not isinstance(tree, Map):
        problems.add(
            file,
            getattr(tree, "line", 1),
            f"a scenario should be a mapping with operations:, not {describe(tree)}",
            "start with operations: and list one operation a line under it",
        )
        return Scenario(), tuple(problems.items)
    reader.start(tree, SCENARIO, "scenario")
    operations: list[Operation] = []
    items = reader.seq(tree, "operations", "scenario", "[{op: fill-seat, seat: controller}]")
    for index, item in enumerate(items or []):
        line = items.line_at(index) if isinstance(items, Seq) else tree.line
        if not isinstance(item, Map):
            reader.report(line, f"operation {index + 1} should be a mapping, not {describe(item)}")
            continue
        operation = _operation(reader, item, index + 1)
        if operation is not None:
            operations.append(operation)
    notes = tuple(_notes(reader, tree))
    scenario = Scenario(
        name=reader.text(tree, "name", "scenario"),
        operations=tuple(operations),
        notes=notes,
        location=Location(file, 1),
    )
    return scenario, tuple(problems.items)


def _notes(reader: Reader, tree: Map) -> list[str]:
    value = reader.seq(tree, "notes", "scenario", "[a note]")
    return [str(item) for item in value or [] if isinstance(item, str | int | float)]


def _operation(reader: Reader, item: Map, number: int) -> Operation | None:
    name = item.get("op")
    label = f"operation {number}"
    if not isinstance(name, str) or name not in OPERATIONS:
        close = reader.problems.suggest(str(name), OPERATIONS) if name is not None else None
        hint = f"did you mean '{close}'? " if close else ""
        reader.report(
            item.line_of("op") if name is not None else item.line,
            f"{label}: " + (f"unknown op '{name}'" if name is not None else "'op' is missing"),
            f"{hint}operations are: {', '.join(OPERATIONS)}",
        )
        return None
    label = f"{label} ({name})"
    if not reader.start(item, OPERATIONS[name], label):
        return None
    where = reader.location(item)

    def one(key: str) -> str:
        return reader.ident(item, key, label) or ""

    def some(key: str) -> tuple[str, ...]:
        return reader.ids(item, key, label)

    kind = OPERATION_NAMES[name]
    if kind is FillSeat:
        fte = reader.number(item, "fte", label)
        return FillSeat(
            one("seat"), one("person") or None, one("partner") or None, fte or 1.0, where
        )
    if kind is VacateSeat:
        return VacateSeat(one("seat"), one("holder") or None, where)
    if kind is CreateSeat:
        return CreateSeat(
            one("seat"),
            reader.text(item, "title", label),
            one("level"),
            reader.text(item, "function", label),
            one("reports_to") or None,
            some("manages"),
            where,
        )
    if kind is RetireSeat:
        return RetireSeat(one("seat"), where)
    if kind is ReportTo:
        return ReportTo(one("seat"), one("reports_to") or None, where)
    if kind is MoveAccountability:
        return MoveAccountability(one("responsibility"), one("to"), where)
    if kind is AddRole or kind is RemoveRole:
        role = reader.text(item, "role", label)
        return kind(one("responsibility"), role, one("seat"), where)
    if kind is TieGoals:
        return TieGoals(one("responsibility"), some("add"), some("remove"), where)
    if kind is ChangeScope or kind is ChangeGoals:
        return kind(one("partner"), some("add"), some("remove"), where)
    if kind is ChangeOwner:
        return ChangeOwner(one("partner"), one("owner"), where)
    if kind is HandWork:
        hours = reader.number(item, "hours_per_week", label)
        return HandWork(one("responsibility"), one("from"), one("to"), hours, where)
    assert kind is StopMeeting
    return StopMeeting(reader.text(item, "meeting", label), where)


__all__ = ["OPERATIONS", "SCENARIO", "parse_scenario", "read_scenario"]
