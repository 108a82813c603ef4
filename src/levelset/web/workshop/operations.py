"""The changes a workshop form or a JSON request makes, as pydantic models.

Each model names its operation in ``op`` (the scenario file's name, ``fill-seat``) and
turns into the model's frozen operation (``operation()``). Whether the ids exist is not
checked here: applying the scenario says which operation cannot apply and why, as it
does for a scenario file.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from levelset.model.scenario import (
    OPERATION_NAMES,
    AddRole,
    ChangeOwner,
    ChangeScope,
    FillSeat,
    HandWork,
    MoveAccountability,
    Operation,
    RemoveRole,
    ReportTo,
    StopMeeting,
    VacateSeat,
)

Id = Annotated[str, Field(min_length=1, max_length=200)]


class _Change(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FillSeatIn(_Change):
    """Put a person or a partner in a seat (neither: a hire not yet named)."""

    op: Literal["fill-seat"] = "fill-seat"
    seat: Id
    person: Id | None = None
    partner: Id | None = None
    fte: float = Field(default=1.0, gt=0, le=1, allow_inf_nan=False)

    def operation(self) -> Operation:
        """The model's operation."""
        return FillSeat(self.seat, self.person, self.partner, self.fte)


class VacateSeatIn(_Change):
    """Take a holder (or every holder) out of a seat."""

    op: Literal["vacate-seat"] = "vacate-seat"
    seat: Id
    holder: Id | None = None

    def operation(self) -> Operation:
        """The model's operation."""
        return VacateSeat(self.seat, self.holder)


class ReportToIn(_Change):
    """Make a seat report to another (none: to nobody)."""

    op: Literal["report-to"] = "report-to"
    seat: Id
    reports_to: Id | None = None

    def operation(self) -> Operation:
        """The model's operation."""
        return ReportTo(self.seat, self.reports_to)


class MoveAccountabilityIn(_Change):
    """Make a seat the one accountable for a responsibility."""

    op: Literal["move-accountability"] = "move-accountability"
    responsibility: Id
    to: Id

    def operation(self) -> Operation:
        """The model's operation."""
        return MoveAccountability(self.responsibility, self.to)


class RoleIn(_Change):
    """Name a seat responsible or consulted (``add-role``), or take it off (``remove-role``)."""

    op: Literal["add-role", "remove-role"]
    responsibility: Id
    role: Literal["responsible", "consulted"]
    seat: Id

    def operation(self) -> Operation:
        """The model's operation."""
        kind = AddRole if self.op == "add-role" else RemoveRole
        return kind(self.responsibility, self.role, self.seat)


class ChangeScopeIn(_Change):
    """Add responsibilities to a partner's scope, or take them out."""

    op: Literal["change-scope"] = "change-scope"
    partner: Id
    add: tuple[Id, ...] = ()
    remove: tuple[Id, ...] = ()

    def operation(self) -> Operation:
        """The model's operation."""
        return ChangeScope(self.partner, self.add, self.remove)


class ChangeOwnerIn(_Change):
    """Make a seat the owner of a partner relationship."""

    op: Literal["change-owner"] = "change-owner"
    partner: Id
    owner: Id

    def operation(self) -> Operation:
        """The model's operation."""
        return ChangeOwner(self.partner, self.owner)


class HandWorkIn(_Change):
    """Hand a piece of work from a seat or person to another seat (the hours follow)."""

    op: Literal["hand-work"] = "hand-work"
    responsibility: Id
    from_: Id = Field(alias="from")
    to: Id
    hours_per_week: float | None = Field(default=None, gt=0, le=168, allow_inf_nan=False)

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    def operation(self) -> Operation:
        """The model's operation."""
        return HandWork(self.responsibility, self.from_, self.to, self.hours_per_week)


class StopMeetingIn(_Change):
    """Stop a recurring meeting (named by its responsibility or its title)."""

    op: Literal["stop-meeting"] = "stop-meeting"
    meeting: Id

    def operation(self) -> Operation:
        """The model's operation."""
        return StopMeeting(self.meeting)


OperationIn = Annotated[
    FillSeatIn
    | VacateSeatIn
    | ReportToIn
    | MoveAccountabilityIn
    | RoleIn
    | ChangeScopeIn
    | ChangeOwnerIn
    | HandWorkIn
    | StopMeetingIn,
    Field(discriminator="op"),
]

_ADAPTER: TypeAdapter[OperationIn] = TypeAdapter(OperationIn)

#: The fields a form may send that hold several ids.
_LISTS = ("add", "remove")


def from_form(fields: Mapping[str, list[str]]) -> OperationIn:
    """The change a workshop form sent (every field as the list of its values; empty
    fields are left out). ``pydantic.ValidationError`` when it is not one."""
    data: dict[str, object] = {}
    for key, values in fields.items():
        kept = [v.strip() for v in values if v.strip()]
        if key == "csrftoken" or not kept:
            continue
        # A list may come as several values (a select) or as ids in one text field.
        data[key] = (
            [i for v in kept for i in re.split(r"[,\s]+", v) if i] if key in _LISTS else kept[-1]
        )
    return _ADAPTER.validate_python(data)


def validation_message(error: Exception) -> str:
    """A pydantic error as one line a person can act on."""
    errors = getattr(error, "errors", None)
    if not callable(errors):
        return str(error)
    parts = []
    for item in errors():
        where = ".".join(str(p) for p in item.get("loc", ()) if p not in _OP_TAGS)
        parts.append(f"{where}: {item.get('msg', '')}" if where else str(item.get("msg", "")))
    return "; ".join(parts)


#: The operation names pydantic puts in the place of an error (left out of messages).
_OP_TAGS = frozenset(OPERATION_NAMES)
