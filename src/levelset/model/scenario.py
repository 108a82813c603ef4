"""Scenarios: changes to an organization, written down as values before anyone acts.

A scenario is an ordered list of operations, each a frozen value that says what it
changes and where it was written (``location``), so a problem with it points at its
line. The operations are the small, complete set a leadership team reaches for: fill or
vacate a seat, create or retire one, change whom a seat reports to, move
accountability, add or remove a responsible or consulted seat, tie work to goals,
change a partner's scope, owner or shared goals, hand work from one
seat (or person) to another, and stop a recurring meeting. Applying a scenario to a
workspace and its measured hours is ``levelset.model.scenario_apply``'s work; reading
one from YAML is the loader's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeAlias

from levelset.model.source import NOWHERE, Location

#: The roles ``add-role`` and ``remove-role`` change (accountability moves on its own).
ROLES = ("responsible", "consulted")


@dataclass(frozen=True, slots=True)
class FillSeat:
    """Put a holder in a seat: a person or a partner firm, or ``None`` for a hire not yet
    named (the seat then counts as filled by whoever is hired, and is a seat to fill)."""

    seat: str
    person: str | None = None
    partner: str | None = None
    fte: float = 1.0
    location: Location = NOWHERE


@dataclass(frozen=True, slots=True)
class VacateSeat:
    """Take a holder (or, with ``holder`` unset, every holder) out of a seat."""

    seat: str
    holder: str | None = None
    location: Location = NOWHERE


@dataclass(frozen=True, slots=True)
class CreateSeat:
    """A new, vacant seat; the seats in ``manages`` report to it from now on."""

    seat: str
    title: str
    level: str
    function: str = ""
    reports_to: str | None = None
    manages: tuple[str, ...] = ()
    location: Location = NOWHERE


@dataclass(frozen=True, slots=True)
class RetireSeat:
    """Remove a seat; the seats that reported to it report to its manager."""

    seat: str
    location: Location = NOWHERE


@dataclass(frozen=True, slots=True)
class ReportTo:
    """Make a seat report to another (``None``: to nobody)."""

    seat: str
    reports_to: str | None
    location: Location = NOWHERE


@dataclass(frozen=True, slots=True)
class MoveAccountability:
    """Make ``to`` the one seat accountable for a responsibility."""

    responsibility: str
    to: str
    location: Location = NOWHERE


@dataclass(frozen=True, slots=True)
class AddRole:
    """Name a seat responsible for or consulted on a responsibility."""

    responsibility: str
    role: str
    seat: str
    location: Location = NOWHERE


@dataclass(frozen=True, slots=True)
class RemoveRole:
    """Take a seat off the responsible or consulted seats of a responsibility."""

    responsibility: str
    role: str
    seat: str
    location: Location = NOWHERE


@dataclass(frozen=True, slots=True)
class TieGoals:
    """Tie a responsibility to goals (or untie it from some)."""

    responsibility: str
    add: tuple[str, ...] = ()
    remove: tuple[str, ...] = ()
    location: Location = NOWHERE


@dataclass(frozen=True, slots=True)
class ChangeScope:
    """Add responsibilities to a partner's scope, or take them out."""

    partner: str
    add: tuple[str, ...] = ()
    remove: tuple[str, ...] = ()
    location: Location = NOWHERE


@dataclass(frozen=True, slots=True)
class ChangeOwner:
    """Make ``owner`` the internal seat accountable for a partner relationship."""

    partner: str
    owner: str
    location: Location = NOWHERE


@dataclass(frozen=True, slots=True)
class ChangeGoals:
    """Add goals a partner shares, or take them out."""

    partner: str
    add: tuple[str, ...] = ()
    remove: tuple[str, ...] = ()
    location: Location = NOWHERE


@dataclass(frozen=True, slots=True)
class HandWork:
    """Hand a piece of work from a seat (or one person) to another seat.

    The hours already measured follow the work: what ``from_`` logged or met on
    ``responsibility`` moves to the holders of ``to`` (up to ``hours_per_week`` when
    given). Nothing in the workspace files changes: who does the work is measured, not
    declared.
    """

    responsibility: str
    from_: str
    to: str
    hours_per_week: float | None = None
    location: Location = NOWHERE


@dataclass(frozen=True, slots=True)
class StopMeeting:
    """Stop a recurring meeting: its hours are freed. Named by the responsibility its
    series match or, for a meeting tied to nothing, by its title."""

    meeting: str
    location: Location = NOWHERE


Operation: TypeAlias = (
    FillSeat
    | VacateSeat
    | CreateSeat
    | RetireSeat
    | ReportTo
    | MoveAccountability
    | AddRole
    | RemoveRole
    | TieGoals
    | ChangeScope
    | ChangeOwner
    | ChangeGoals
    | HandWork
    | StopMeeting
)

#: The YAML name of each operation (``op: fill-seat``), in the order the format lists them.
OPERATION_NAMES: dict[str, type[Operation]] = {
    "fill-seat": FillSeat,
    "vacate-seat": VacateSeat,
    "create-seat": CreateSeat,
    "retire-seat": RetireSeat,
    "report-to": ReportTo,
    "move-accountability": MoveAccountability,
    "add-role": AddRole,
    "remove-role": RemoveRole,
    "tie-goals": TieGoals,
    "change-scope": ChangeScope,
    "change-owner": ChangeOwner,
    "change-goals": ChangeGoals,
    "hand-work": HandWork,
    "stop-meeting": StopMeeting,
}

_NAME_OF = {kind: name for name, kind in OPERATION_NAMES.items()}


def operation_name(operation: Operation) -> str:
    """The YAML name of ``operation`` (``fill-seat``)."""
    return _NAME_OF[type(operation)]


@dataclass(frozen=True, slots=True)
class Scenario:
    """A named, ordered list of operations. ``notes`` carry advice that is no operation
    (check a partner's references, reprice a customer): shown, never applied."""

    name: str = ""
    operations: tuple[Operation, ...] = ()
    notes: tuple[str, ...] = ()
    location: Location = NOWHERE


def describe(operation: Operation) -> str:
    """One line saying what ``operation`` does, in the workspace's ids."""
    match operation:
        case FillSeat(seat=seat, person=person, partner=partner):
            who = person or partner
            return f"fill {seat} with {who}" if who else f"fill {seat} (hire)"
        case VacateSeat(seat=seat, holder=holder):
            return f"take {holder} out of {seat}" if holder else f"vacate {seat}"
        case CreateSeat(seat=seat, level=level, reports_to=boss, manages=manages):
            over = f", over {', '.join(manages)}" if manages else ""
            under = f" reporting to {boss}" if boss else ""
            return f"create {seat} at {level}{under}{over}"
        case RetireSeat(seat=seat):
            return f"retire {seat}"
        case ReportTo(seat=seat, reports_to=boss):
            return f"make {seat} report to {boss}" if boss else f"make {seat} report to nobody"
        case MoveAccountability(responsibility=resp, to=to):
            return f"make {to} accountable for {resp}"
        case AddRole(responsibility=resp, role=role, seat=seat):
            return f"make {seat} {role} for {resp}"
        case RemoveRole(responsibility=resp, role=role, seat=seat):
            return f"take {seat} off the {role} seats of {resp}"
        case TieGoals(responsibility=resp, add=add, remove=remove):
            return _change(f"the goals of {resp}", add, remove)
        case ChangeScope(partner=partner, add=add, remove=remove):
            return _change(f"{partner}'s scope", add, remove)
        case ChangeOwner(partner=partner, owner=owner):
            return f"make {owner} the owner of {partner}"
        case ChangeGoals(partner=partner, add=add, remove=remove):
            return _change(f"{partner}'s shared goals", add, remove)
        case HandWork(responsibility=resp, from_=giver, to=to, hours_per_week=hours):
            amount = f" ({hours:g} h a week)" if hours is not None else ""
            return f"hand {resp} from {giver} to {to}{amount}"
        case StopMeeting(meeting=meeting):
            return f"stop {meeting}"
    raise TypeError(f"not an operation: {operation!r}")  # pragma: no cover


def _change(what: str, add: tuple[str, ...], remove: tuple[str, ...]) -> str:
    parts = [f"add {', '.join(add)} to" for _ in (1,) if add]
    parts += [f"take {', '.join(remove)} out of" for _ in (1,) if remove]
    return f"{' and '.join(parts)} {what}" if parts else f"leave {what} as it is"
