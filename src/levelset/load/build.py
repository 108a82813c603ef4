"""Model objects from the YAML tree: one function per kind of item.

Each returns ``None`` when the item cannot stand (no id, a required key missing); a bad
optional value is reported and left at its default so the object still takes part in the
other checks.
"""

from __future__ import annotations

from levelset.load import schema
from levelset.load.problems import describe
from levelset.load.reader import Reader
from levelset.load.tree import Map, Seq, Value
from levelset.model import (
    Goal,
    Holder,
    Level,
    Location,
    Match,
    Metric,
    Outcome,
    Partner,
    Person,
    ReferenceCheck,
    Responsibility,
    Seat,
)

_OUTCOMES = {outcome.value: outcome for outcome in Outcome}
_KINDS = ("objective", "key_result")


def _label(reader: Reader, mapping: Map, noun: str) -> tuple[str | None, str]:
    # The id, and how messages name the item: "seat 'ceo'", or "a seat" without an id.
    item_id = reader.ident(mapping, "id", f"a {noun}")
    if item_id is not None and mapping.key_lines is not None:
        reader.problems.remember(noun, item_id, mapping)
    return item_id, (f"{noun} '{item_id}'" if item_id else f"a {noun}")


def read_level(reader: Reader, mapping: Map, rank: int) -> Level | None:
    """A level of a custom scheme; ``rank`` is its place, lowest first, from 1."""
    level_id, label = _label(reader, mapping, "level")
    if not reader.start(mapping, schema.LEVEL, label) or level_id is None:
        return None
    horizon = reader.horizon(mapping, "horizon", label)
    if horizon is None:
        return None
    name = reader.text(mapping, "name", label, level_id)
    return Level(level_id, name, horizon, rank, reader.location(mapping))


def read_seat(reader: Reader, mapping: Map) -> Seat | None:
    """A seat, with its holders."""
    seat_id, label = _label(reader, mapping, "seat")
    complete = reader.start(mapping, schema.SEAT, label)
    level = reader.ident(mapping, "level", label)
    if not complete or seat_id is None or level is None:
        return None
    holders: tuple[Holder, ...] = ()
    if "holders" in mapping:
        holders = _holders(reader, mapping, label)
    return Seat(
        seat_id,
        reader.text(mapping, "title", label),
        level,
        reader.text(mapping, "function", label),
        reader.ident(mapping, "reports_to", label),
        holders,
        reader.location(mapping),
    )


def _holders(reader: Reader, mapping: Map, label: str) -> tuple[Holder, ...]:
    value = mapping["holders"]
    if value is None:
        return ()
    if not isinstance(value, Seq):
        example = f"[{value}]" if isinstance(value, str) else "[dana, {partner: stride, fte: 0.5}]"
        reader.wrong(mapping, "holders", label, "a list of holders", example)
        return ()
    found: list[Holder] = []
    for index, item in enumerate(value):
        holder = read_holder(reader, item, value.line_at(index), label)
        if holder is not None:
            found.append(holder)
    return tuple(found)


def read_holder(reader: Reader, item: Value, line: int, label: str) -> Holder | None:
    """A holder: a person id, or ``{person: id, fte}`` / ``{partner: id, fte}``."""
    if item.__class__ is str or (isinstance(item, int) and not isinstance(item, bool)):
        return Holder(person=str(item), location=Location(reader.file, line))
    if not isinstance(item, Map):
        reader.report(
            line,
            f"{label}: a holder should be a person id or {{person: id, fte: 0.5}}, "
            f"not {describe(item)}",
            "write holders: [dana, {partner: stride, fte: 0.5}]",
        )
        return None
    reader.start(item, schema.HOLDER, f"{label} holder")
    person = reader.ident(item, "person", f"{label} holder")
    partner = reader.ident(item, "partner", f"{label} holder")
    if (person is None) == (partner is None):
        reader.report(
            item.line,
            f"{label}: a holder needs exactly one of 'person' and 'partner'",
            "write {person: dana} or {partner: stride, fte: 0.5}",
        )
        return None
    fte = reader.number(item, "fte", f"{label} holder")
    if fte is not None and not 0 < fte <= 1:
        reader.report(
            item.line_of("fte"),
            f"{label}: holder '{person or partner}' has fte {fte:g}, outside (0, 1]",
            "fte is the share of a full-time role: more than 0, at most 1 (e.g. 0.5)",
        )
        return None
    return Holder(person, partner, 1.0 if fte is None else fte, reader.location(item))


def read_person(reader: Reader, mapping: Map, partner: str | None = None) -> Person | None:
    """An employee, or a partner's person when ``partner`` is given."""
    person_id, label = _label(reader, mapping, "person")
    if not reader.start(mapping, schema.PERSON, label) or person_id is None:
        return None
    cost_rate = reader.number(mapping, "cost_rate", label)
    if cost_rate is not None and cost_rate < 0:
        reader.report(mapping.line_of("cost_rate"), f"{label}: cost_rate is negative")
        cost_rate = None
    return Person(
        person_id,
        reader.text(mapping, "name", label),
        reader.text(mapping, "email", label),
        cost_rate,
        partner,
        reader.location(mapping),
    )


def read_partner(reader: Reader, mapping: Map) -> tuple[Partner, list[Person]] | None:
    """A partner firm and its people."""
    partner_id, label = _label(reader, mapping, "partner")
    if not reader.start(mapping, schema.PARTNER, label) or partner_id is None:
        return None
    people: list[Person] = []
    for item, line in _mappings(reader, mapping, "people", label):
        person = read_person(reader, item, partner_id) if item is not None else None
        if person is not None:
            people.append(person)
        elif item is None:
            reader.report(line, f"{label}: each of its people should be a mapping")
    checks: list[ReferenceCheck] = []
    for item, line in _mappings(reader, mapping, "reference_checks", label):
        check = _reference_check(reader, item, label) if item is not None else None
        if check is not None:
            checks.append(check)
        elif item is None:
            reader.report(line, f"{label}: each reference check should be a mapping")
    partner = Partner(
        partner_id,
        reader.text(mapping, "name", label),
        reader.text(mapping, "function", label),
        reader.ident(mapping, "owner", label),
        reader.ids(mapping, "scope", label),
        tuple(checks),
        tuple(person.id for person in people),
        reader.ids(mapping, "goals", label),
        reader.location(mapping),
    )
    return partner, people


def _mappings(reader: Reader, mapping: Map, key: str, label: str) -> list[tuple[Map | None, int]]:
    # The items of a list of mappings, each with its line; None for an item of another type.
    value = reader.seq(mapping, key, label, f"[{{...}}, {{...}}] (a list of {key})")
    if value is None:
        return []
    return [
        (item if isinstance(item, Map) else None, value.line_at(index))
        for index, item in enumerate(value)
    ]


def _reference_check(reader: Reader, mapping: Map, label: str) -> ReferenceCheck | None:
    label = f"{label} reference check"
    if not reader.start(mapping, schema.REFERENCE_CHECK, label):
        return None
    day = reader.day(mapping, "date", label)
    outcome_text = reader.text(mapping, "outcome", label)
    outcome = _OUTCOMES.get(outcome_text.strip().lower())
    if outcome is None:
        hint = reader.problems.did_you_mean(outcome_text, list(_OUTCOMES), "")
        reader.report(
            mapping.line_of("outcome"),
            f"{label}: outcome '{outcome_text}' is not positive, mixed or negative",
            hint or "write outcome: positive, mixed or negative",
        )
    if day is None or outcome is None:
        return None
    referee = reader.text(mapping, "referee", label)
    return ReferenceCheck(day, referee, outcome, reader.location(mapping))


def read_responsibility(reader: Reader, mapping: Map) -> Responsibility | None:
    """A responsibility with its RACI seats, goals and match rules."""
    resp_id, label = _label(reader, mapping, "responsibility")
    if not reader.start(mapping, schema.RESPONSIBILITY, label) or resp_id is None:
        return None
    match = None
    match_map = reader.mapping(mapping, "match", label, "{project: Finance, task: 'Close*'}")
    if match_map is not None:
        match = _match(reader, match_map, label)
    return Responsibility(
        resp_id,
        reader.text(mapping, "name", label),
        reader.text(mapping, "function", label),
        reader.horizon(mapping, "horizon", label),
        reader.ids(mapping, "accountable", label),
        reader.ids(mapping, "responsible", label),
        reader.ids(mapping, "consulted", label),
        reader.ids(mapping, "informed", label),
        reader.ids(mapping, "goals", label),
        reader.flag(mapping, "strategic", label),
        match,
        reader.location(mapping),
        cadence=reader.horizon(mapping, "cadence", label),
    )


def _match(reader: Reader, mapping: Map, label: str) -> Match:
    label = f"{label} match"
    reader.start(mapping, schema.MATCH, label)

    def pattern(key: str) -> str | None:
        return reader.text(mapping, key, label) or None

    return Match(
        pattern("activity"),
        pattern("project"),
        pattern("task"),
        reader.ids(mapping, "tags", label),
        pattern("calendar"),
        reader.location(mapping),
    )


def read_goal(reader: Reader, mapping: Map) -> Goal | None:
    """An objective or key result."""
    goal_id, label = _label(reader, mapping, "goal")
    if not reader.start(mapping, schema.GOAL, label) or goal_id is None:
        return None
    metric = None
    metric_map = reader.mapping(mapping, "metric", label, "{start: 62, target: 40}")
    if metric_map is not None:
        metric = _metric(reader, metric_map, label)
    weight = reader.number(mapping, "weight", label)
    if weight is not None and weight < 0:
        reader.report(
            mapping.line_of("weight"),
            f"{label}: weight {weight:g} is negative",
            "a weight is 0 or more; 0 leaves the goal out of its parent's progress",
        )
        weight = None
    kind = reader.text(mapping, "kind", label) or None
    if kind is not None and kind not in _KINDS:
        reader.report(
            mapping.line_of("kind"),
            f"{label}: kind '{kind}' is not objective or key_result",
            reader.problems.did_you_mean(kind, _KINDS, "write kind: objective or key_result"),
        )
        kind = None
    return Goal(
        goal_id,
        reader.text(mapping, "title", label),
        reader.ident(mapping, "parent", label),
        reader.ident(mapping, "owner", label),
        reader.period(mapping, "period", label),
        metric,
        1.0 if weight is None else weight,
        kind,
        reader.location(mapping),
    )


def _metric(reader: Reader, mapping: Map, label: str) -> Metric:
    label = f"{label} metric"
    reader.start(mapping, schema.METRIC, label)
    return Metric(
        reader.number(mapping, "start", label),
        reader.number(mapping, "target", label),
        reader.number(mapping, "current", label),
        reader.text(mapping, "unit", label),
        reader.location(mapping),
    )
