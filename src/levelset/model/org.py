"""The organization on paper: seats, people, partners, responsibilities and goals.

Every object is frozen and carries the ``Location`` it was read from, so every problem
and finding can point at a file and line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum

from levelset.model.duration import HorizonRange
from levelset.model.events import DataSettings
from levelset.model.finance import FinanceSettings
from levelset.model.period import Period
from levelset.model.source import Location

_NOWHERE = Location("<none>")


@dataclass(frozen=True, slots=True)
class Holder:
    """Who fills a seat: a person (employee or a partner's person) or a partner firm.

    Exactly one of ``person`` and ``partner`` is set. ``fte`` is the share of a full-time
    role, in (0, 1].
    """

    person: str | None = None
    partner: str | None = None
    fte: float = 1.0
    location: Location = _NOWHERE

    @property
    def ref(self) -> str:
        """The id this holder refers to."""
        return self.person if self.person is not None else (self.partner or "")


@dataclass(frozen=True, slots=True)
class Seat:
    """A role in the structure. A seat with no holders is vacant."""

    id: str
    title: str
    level: str
    function: str = ""
    reports_to: str | None = None
    holders: tuple[Holder, ...] = ()
    location: Location = _NOWHERE

    @property
    def vacant(self) -> bool:
        """True when nobody holds the seat."""
        return not self.holders


@dataclass(frozen=True, slots=True)
class Person:
    """Someone whose time counts: an employee, or a person of a partner firm.

    ``partner`` is the id of the firm for a partner's person, ``None`` for employees.
    ``cost_rate`` is the fully loaded cost of an hour, in the workspace currency.
    """

    id: str
    name: str
    email: str = ""
    cost_rate: float | None = None
    partner: str | None = None
    location: Location = _NOWHERE


class Outcome(Enum):
    """How a reference check came out."""

    POSITIVE = "positive"
    MIXED = "mixed"
    NEGATIVE = "negative"


@dataclass(frozen=True, slots=True)
class ReferenceCheck:
    """A reference taken on a partner before (or while) working with it."""

    date: date
    referee: str
    outcome: Outcome
    location: Location = _NOWHERE


@dataclass(frozen=True, slots=True)
class Partner:
    """An outsourced or fractional firm that holds seats or does work for the organization.

    ``owner`` is the internal seat accountable for the relationship; ``scope`` lists the
    responsibility ids the partner is engaged for; ``goals`` the goals it shares.
    """

    id: str
    name: str
    function: str = ""
    owner: str | None = None
    scope: tuple[str, ...] = ()
    reference_checks: tuple[ReferenceCheck, ...] = ()
    people: tuple[str, ...] = ()
    goals: tuple[str, ...] = ()
    location: Location = _NOWHERE


@dataclass(frozen=True, slots=True)
class Match:
    """How events (time entries, calendar events) are recognised as a responsibility's work.

    Each field is a shell-style pattern (``Close*``), compared without regard to case.
    """

    activity: str | None = None
    project: str | None = None
    task: str | None = None
    tags: tuple[str, ...] = ()
    calendar: str | None = None
    location: Location = _NOWHERE


@dataclass(frozen=True, slots=True)
class Responsibility:
    """An accountability in the RACI sense: exactly one seat should be accountable.

    ``horizon`` is how far ahead the work looks, which places it at a level; ``cadence``
    how often it recurs, which does not.

    ``accountable`` keeps every seat the workspace names, so that a responsibility with
    none or several can be reported rather than silently repaired.
    """

    id: str
    name: str
    function: str = ""
    horizon: HorizonRange | None = None
    accountable: tuple[str, ...] = ()
    responsible: tuple[str, ...] = ()
    consulted: tuple[str, ...] = ()
    informed: tuple[str, ...] = ()
    goals: tuple[str, ...] = ()
    strategic: bool = False
    match: Match | None = None
    location: Location = _NOWHERE
    #: How often the work recurs, apart from how far ahead it looks (``horizon``): a
    #: regional VP's biweekly reviews of her sellers recur every 2 weeks and look 6 to
    #: 12 months ahead, so they are the VP's work.
    cadence: HorizonRange | None = None


@dataclass(frozen=True, slots=True)
class Metric:
    """A key result's measure: where it started, where it should end, where it is now."""

    start: float | None = None
    target: float | None = None
    current: float | None = None
    unit: str = ""
    location: Location = _NOWHERE


@dataclass(frozen=True, slots=True)
class Goal:
    """An objective or a key result. Goals form a tree through ``parent``.

    ``owner`` is a seat id. ``kind`` is ``"objective"`` or ``"key_result"`` when written;
    otherwise a goal with a metric (and no children) is a key result, and one with no
    parent an objective (see ``GoalTree.kind``).
    """

    id: str
    title: str
    parent: str | None = None
    owner: str | None = None
    period: Period | None = None
    metric: Metric | None = None
    weight: float = 1.0
    kind: str | None = None
    location: Location = _NOWHERE


@dataclass(frozen=True, slots=True)
class Settings:
    """What ``levelset.toml`` (and the ``organization`` section) set.

    ``rules`` holds each rule's threshold table as written (``[rules.LEV001]``), keyed by
    code or rule name; the registry checks the values against each rule's options.
    """

    name: str = ""
    level_scheme: str = "default"
    currency: str = "USD"
    fail_on: str = "error"
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    # Where ``select`` and ``ignore`` are written under [check] (when they are).
    check_locations: dict[str, Location] = field(default_factory=dict)
    rules: dict[str, dict[str, object]] = field(default_factory=dict)
    rule_locations: dict[str, Location] = field(default_factory=dict)
    # Where each option of a [rules.X] table is written (else the table's location).
    rule_option_locations: dict[str, dict[str, Location]] = field(default_factory=dict)
    data: DataSettings = field(default_factory=DataSettings)
    finance: FinanceSettings = field(default_factory=FinanceSettings)
    location: Location = _NOWHERE
