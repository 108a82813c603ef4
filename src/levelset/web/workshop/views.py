"""A draft as the pages and the JSON API show it: pydantic models built from the draft
and the service's ``ScenarioComparison`` (nothing recomputed here)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel

from levelset.model import Finding, Problem
from levelset.model.comparison import ScenarioComparison
from levelset.model.scenario import describe
from levelset.report.scenario import operation_dict, scenario_headline
from levelset.web.workshop.drafts import (
    Applied,
    Changed,
    Draft,
    Invalid,
    Outcome,
    Refused,
    Saved,
)


class FindingOut(BaseModel):
    """A finding: its code, severity, subject and message."""

    code: str
    severity: str
    kind: str
    subject: str
    message: str


class HoursOut(BaseModel):
    """A person's hours a week in the data, before and after."""

    person: str
    name: str
    before: float
    after: float
    change: float


class SeatToFillOut(BaseModel):
    """A seat the scenario leaves to fill, and why."""

    seat: str
    title: str
    level: str
    reason: str
    hours_per_week: float


class ComparisonOut(BaseModel):
    """What the draft does to the workspace as it is now."""

    headline: str
    closed: list[FindingOut]
    opened: list[FindingOut]
    kept: int
    hours: list[HoursOut]
    hours_freed: float
    cost_before: float | None
    cost_after: float | None
    cost_difference: float | None
    seats_to_fill: list[SeatToFillOut]
    problems: list[str]


class OperationOut(BaseModel):
    """One change of the draft: as the scenario file writes it, and in words."""

    index: int
    text: str
    operation: dict[str, Any]


class OutcomeOut(BaseModel):
    """What the last save or apply did. ``changed``: refused, the workspace changed
    since the draft was made (``files``, and the findings that change ``opened`` and
    ``closed``); ``refused``: operations cannot apply (``problems``); nothing written."""

    kind: Literal["applied", "saved", "refused", "changed", "invalid"]
    written: list[str] = []
    unwritten: list[str] = []
    path: str = ""
    problems: list[str] = []
    files: list[str] = []
    opened: list[FindingOut] = []
    closed: list[FindingOut] = []
    reason: str = ""
    message: str = ""


class DraftOut(BaseModel):
    """A draft: its changes, what they do, and whether the workspace changed since."""

    id: str
    name: str
    origin: str
    file_name: str
    operations: list[OperationOut]
    notes: list[str]
    changed_files: list[str]
    comparison: ComparisonOut
    outcome: OutcomeOut | None


class DraftSummary(BaseModel):
    """A draft in the list of the caller's drafts."""

    id: str
    name: str
    origin: str
    changes: int


def finding_out(finding: Finding) -> FindingOut:
    """The finding as the API shows it."""
    return FindingOut(
        code=finding.code,
        severity=finding.severity.value,
        kind=finding.subject.kind,
        subject=finding.subject.id,
        message=finding.message,
    )


def comparison_out(comparison: ScenarioComparison) -> ComparisonOut:
    """The service's comparison, field for field."""
    return ComparisonOut(
        headline=scenario_headline(comparison),
        closed=[finding_out(f) for f in comparison.closed],
        opened=[finding_out(f) for f in comparison.opened],
        kept=len(comparison.kept),
        hours=[HoursOut(**_hours(h)) for h in comparison.hours],
        hours_freed=round(-sum(h.change for h in comparison.hours if h.change < 0), 2),
        cost_before=comparison.cost_before,
        cost_after=comparison.cost_after,
        cost_difference=comparison.cost_difference,
        seats_to_fill=[
            SeatToFillOut(
                seat=s.seat,
                title=s.title,
                level=s.level,
                reason=s.reason,
                hours_per_week=s.hours_per_week,
            )
            for s in comparison.seats_to_fill
        ],
        problems=[_problem(p) for p in comparison.problems],
    )


def draft_out(
    draft: Draft, comparison: ScenarioComparison, changed: tuple[str, ...], file_name: str
) -> DraftOut:
    """The draft, its comparison and the files changed since it was made."""
    return DraftOut(
        id=draft.id,
        name=draft.name,
        origin=draft.origin,
        file_name=file_name,
        operations=[
            OperationOut(index=n, text=describe(op), operation=operation_dict(op))
            for n, op in enumerate(draft.operations)
        ],
        notes=list(draft.notes),
        changed_files=list(changed),
        comparison=comparison_out(comparison),
        outcome=outcome_out(draft.outcome),
    )


def summary(draft: Draft) -> DraftSummary:
    """The draft in a list."""
    return DraftSummary(
        id=draft.id, name=draft.name, origin=draft.origin, changes=len(draft.operations)
    )


def outcome_out(outcome: Outcome | None) -> OutcomeOut | None:
    """What the last save or apply did, or None."""
    match outcome:
        case Applied(written=written, unwritten=unwritten):
            return OutcomeOut(kind="applied", written=list(written), unwritten=list(unwritten))
        case Saved(path=path):
            return OutcomeOut(kind="saved", path=path)
        case Refused(problems=problems):
            return OutcomeOut(kind="refused", problems=[_problem(p) for p in problems])
        case Changed(files=files, opened=opened, closed=closed, reason=reason):
            return OutcomeOut(
                kind="changed",
                files=list(files),
                opened=[finding_out(f) for f in opened],
                closed=[finding_out(f) for f in closed],
                reason=reason,
            )
        case Invalid(message=message):
            return OutcomeOut(kind="invalid", message=message)
    return None


def _hours(change: Any) -> dict[str, Any]:
    return {
        "person": change.person,
        "name": change.name,
        "before": change.before,
        "after": change.after,
        "change": change.change,
    }


def _problem(problem: Problem) -> str:
    return str(problem)
