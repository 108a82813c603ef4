"""What a partner firm may see of the organization, as plain typed data.

Computed by ``service.audience.partner_slice`` (the one place the cut is made), shown by
the web app's partner pages and rendered for sharing by the report layer
(``report.partner_slice``: ``levelset partner``).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SliceSeat:
    """A seat the partner holds."""

    id: str
    title: str
    level: str
    function: str
    reports_to: str | None


@dataclass(frozen=True)
class SliceWork:
    """A responsibility in the partner's scope or held by one of its seats.

    ``role`` is ``accountable``, ``responsible`` or ``scope`` (engaged for it, holding
    no seat named on it)."""

    id: str
    name: str
    role: str
    in_scope: bool


@dataclass(frozen=True)
class SharedGoal:
    """A goal the partner shares, and its chain of titles up to the top."""

    id: str
    title: str
    path: tuple[str, ...]
    reaches_objective: bool


@dataclass(frozen=True)
class SliceFinding:
    """A finding about the partner, one of its seats or one of its people: what a
    reader needs, without the rule's evidence (which may name other seats' figures)."""

    code: str
    severity: str
    subject_kind: str
    subject_id: str
    message: str
    recommendation: str


@dataclass(frozen=True)
class StrategySession:
    """A recurring meeting of a strategic responsibility, and the partner's part in it."""

    title: str
    responsibility: str
    held: int
    invited: int
    attended: int


@dataclass(frozen=True)
class PersonHours:
    """One of the partner's own people: hours a week over the window, by work."""

    person: str
    name: str
    hours_per_week: float
    outside_scope_per_week: float
    by_work: tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class PartnerSlice:
    """Everything a partner may see of the organization, and nothing more.

    ``sessions`` and ``hours`` are ``None`` without time or calendar data (``missing``
    says why)."""

    organization: str
    partner: str
    name: str
    function: str
    owner: str | None
    seats: tuple[SliceSeat, ...]
    work: tuple[SliceWork, ...]
    goals: tuple[SharedGoal, ...]
    findings: tuple[SliceFinding, ...]
    sessions: tuple[StrategySession, ...] | None
    hours: tuple[PersonHours, ...] | None
    missing: str = ""
