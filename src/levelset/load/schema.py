"""The accepted keys of every mapping in a workspace: the single source of the format.

Unknown-key and missing-key problems are found from these tables, and a test checks that
``docs/format.md`` mentions every key listed here, so the reference cannot drift.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Field:
    """One key of a mapping: its name, the type written in it, and whether it is needed."""

    name: str
    type: str
    required: bool
    description: str


@dataclass(frozen=True, slots=True)
class Shape:
    """The keys a kind of mapping accepts, and the word users know it by.

    ``names`` (every accepted key) and ``required`` (the keys that must be given) are
    derived from ``fields`` once, since they are consulted for every item read.
    """

    kind: str
    noun: str
    fields: tuple[Field, ...]
    names: frozenset[str]
    required: tuple[str, ...]


def _shape(kind: str, noun: str, *rows: tuple[str, str, bool, str]) -> Shape:
    fields = tuple(Field(*row) for row in rows)
    names = frozenset(f.name for f in fields)
    return Shape(kind, noun, fields, names, tuple(f.name for f in fields if f.required))


ORGANIZATION = _shape(
    "organization",
    "organization",
    ("name", "text", False, "the organization's name, shown in reports"),
    ("level_scheme", "default | requisite | custom", False, "which level scheme seats use"),
    ("currency", "text", False, "currency of cost rates and figures, e.g. USD"),
)

CHECK = _shape(
    "check",
    "check settings",
    ("fail_on", "info | warning | error", False, "lowest severity that makes check fail"),
    ("select", "list of codes or families", False, "only run these rules (e.g. LEV, DOT002)"),
    ("ignore", "list of codes or families", False, "never run these rules"),
)

DATA = _shape(
    "data",
    "data settings",
    ("window", "period, date range or {start, end}", False, "the weeks analysed"),
    ("engine", "connection URL", False, "duckdb:// (default) or postgres://..."),
    ("max_entry_hours", "number", False, "hours above which one time entry is absurd"),
    ("week_hours", "number", False, "hours in a working week (hours shown as days)"),
    ("memory_limit", "size", False, "what in-process DuckDB may hold in memory, default 640MB"),
    ("files", "path or storage URL", False, "where the data folder is, default data/"),
)

FINANCE = _shape(
    "finance",
    "finance settings",
    ("as_of", "date", False, "the day receivables are aged and DSO measured at"),
    ("cost_of_capital", "number in [0, 1)", False, "annual rate money owed costs, default 0.10"),
    ("aging_buckets", "list of days", False, "edges of the aging buckets, default [30, 60, 90]"),
    ("dso_days", "whole number", False, "days simple and best possible DSO look back, default 90"),
    ("gross_margin", "number in [0, 1]", False, "margin of invoices without cost of goods"),
)

TOML = _shape(
    "toml",
    "levelset.toml",
    ("organization", "table", False, "the organization table, as in YAML"),
    ("check", "table", False, "which rules run and what fails the check"),
    ("rules", "table of tables", False, "thresholds per rule: [rules.LEV001] or [rules.name]"),
    ("data", "table", False, "event data: analysis window, engine, limits"),
    ("finance", "table", False, "finance figures: as-of day, cost of capital, aging, DSO"),
)

SECTIONS = _shape(
    "sections",
    "YAML file",
    ("organization", "mapping", False, "the organization (may also stand in levelset.toml)"),
    ("levels", "list of levels", False, "a custom level scheme, lowest level first"),
    ("seats", "list of seats", False, "roles in the structure"),
    ("people", "list of people", False, "employees"),
    ("partners", "list of partners", False, "outsourced or fractional firms"),
    ("responsibilities", "list of responsibilities", False, "accountabilities (RACI)"),
    ("goals", "list of goals", False, "objectives and key results"),
    ("accepted", "list of accepted findings", False, "findings the team lives with for now"),
)

ACCEPTED = _shape(
    "accepted",
    "accepted finding",
    ("code", "rule code", True, "the finding's code, e.g. LEV002"),
    ("subject", "id or kind:id", True, "what the finding is about, e.g. cfo or seat:cfo"),
    ("by", "text", True, "who decided to live with it"),
    ("why", "text", True, "why, in a sentence"),
    ("until", "date", True, "the last day it is accepted; after it the finding is back"),
    ("message", "text", False, "the finding's message; once it changes, the finding is back"),
)

LEVEL = _shape(
    "level",
    "level",
    ("id", "id", True, "how seats name the level, e.g. L3"),
    ("name", "text", False, "a readable name, e.g. Manager (defaults to the id)"),
    ("horizon", "range", True, "the band of time horizons the level owns, e.g. 3mo..6mo"),
)

SEAT = _shape(
    "seat",
    "seat",
    ("id", "id", True, "unique among seats"),
    ("title", "text", True, "the role's title"),
    ("function", "text", False, "the function it belongs to, e.g. finance"),
    ("level", "level id", True, "the level of the seat"),
    ("reports_to", "seat id", False, "the seat above it"),
    ("holders", "list of holders", False, "who fills the seat; none means vacant"),
)

HOLDER = _shape(
    "holder",
    "holder",
    ("person", "person id", False, "an employee or a partner's person"),
    ("partner", "partner id", False, "a partner firm as a whole"),
    ("fte", "number in (0, 1]", False, "share of a full-time role, default 1"),
)

PERSON = _shape(
    "person",
    "person",
    ("id", "id", True, "unique among people and partners' people"),
    ("name", "text", True, "full name"),
    ("email", "text", False, "e-mail address; time and calendar data may name people by it"),
    ("cost_rate", "number", False, "fully loaded cost of an hour, in the workspace currency"),
)

REFERENCE_CHECK = _shape(
    "reference_check",
    "reference check",
    ("date", "date", True, "when the reference was taken, e.g. 2026-01-10"),
    ("referee", "text", False, "who gave the reference"),
    ("outcome", "positive | mixed | negative", True, "how it came out"),
)

PARTNER = _shape(
    "partner",
    "partner",
    ("id", "id", True, "unique among partners"),
    ("name", "text", True, "the firm's name"),
    ("function", "text", False, "the function it serves"),
    ("owner", "seat id", False, "the internal seat accountable for the relationship"),
    ("scope", "list of responsibility ids", False, "what the partner is engaged for"),
    ("reference_checks", "list of reference checks", False, "vetting done"),
    ("people", "list of people", False, "the firm's people who work for the organization"),
    ("goals", "list of goal ids", False, "goals shared with the partner"),
)

MATCH = _shape(
    "match",
    "match",
    ("activity", "pattern", False, "time entry activity"),
    ("project", "pattern", False, "time entry project"),
    ("task", "pattern", False, "time entry task"),
    ("tags", "list of patterns", False, "time entry tags"),
    ("calendar", "pattern", False, "calendar event title"),
)

RESPONSIBILITY = _shape(
    "responsibility",
    "responsibility",
    ("id", "id", True, "unique among responsibilities"),
    ("name", "text", True, "what the outcome is"),
    ("function", "text", False, "the function it belongs to"),
    ("horizon", "duration or range", False, "how far ahead the work reaches, e.g. 1mo"),
    ("cadence", "duration or range", False, "how often the work recurs, e.g. 2w"),
    ("accountable", "seat id or list of seat ids", False, "the one seat that owns it"),
    ("responsible", "list of seat ids", False, "seats that do the work"),
    ("consulted", "list of seat ids", False, "seats asked before decisions"),
    ("informed", "list of seat ids", False, "seats kept up to date"),
    ("goals", "list of goal ids", False, "goals it contributes to"),
    ("strategic", "true | false", False, "its meetings are strategy sessions"),
    ("match", "match", False, "how time entries and calendar events are recognised"),
)

METRIC = _shape(
    "metric",
    "metric",
    ("start", "number", False, "value when the period began"),
    ("target", "number", False, "value to reach"),
    ("current", "number", False, "value now"),
    ("unit", "text", False, "what is measured, e.g. days"),
)

PERIOD = _shape(
    "period",
    "period",
    ("start", "date", True, "first day"),
    ("end", "date", True, "last day"),
)

GOAL = _shape(
    "goal",
    "goal",
    ("id", "id", True, "unique among goals"),
    ("title", "text", True, "the goal as people say it"),
    ("parent", "goal id", False, "the goal it contributes to"),
    ("owner", "seat id", False, "the seat that owns the goal"),
    ("period", "period", False, "when it is due: 2026, 2026-Q3, 2026-07 or {start, end}"),
    ("metric", "metric", False, "how a key result is measured"),
    ("weight", "number >= 0", False, "weight in the parent's progress, default 1"),
    ("kind", "objective | key_result", False, "otherwise inferred from the tree"),
)

#: Every shape, keyed by kind, for the docs test and for tools.
SHAPES: dict[str, Shape] = {
    shape.kind: shape
    for shape in (
        TOML,
        ORGANIZATION,
        CHECK,
        DATA,
        FINANCE,
        SECTIONS,
        LEVEL,
        SEAT,
        HOLDER,
        PERSON,
        PARTNER,
        REFERENCE_CHECK,
        RESPONSIBILITY,
        MATCH,
        GOAL,
        METRIC,
        PERIOD,
        ACCEPTED,
    )
}
