"""A scenario against the workspace as it is: what it closes, opens and keeps, whose
hours it frees or adds, what it costs, and which seats it leaves to fill.

The session checks the workspace once (``Session.check``); the scenario is applied to
that check's workspace and allocation (``model.scenario_apply``: the hours measured
follow the work, no event is read again) and the same rules run on the result.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from levelset.load.scenario import read_scenario
from levelset.model import Finding, Problem, Report, Workspace
from levelset.model.allocation import Allocation
from levelset.model.comparison import HoursChange, ScenarioComparison, SeatToFill
from levelset.model.index import OrgIndex
from levelset.model.scenario import Operation, Scenario
from levelset.model.scenario_apply import HIRE_PREFIX, Applied, apply_scenario
from levelset.plan import build_plan
from levelset.plan.scenario import plan_scenario
from levelset.rules import run_rules
from levelset.service.errors import LevelsetError, UsageError, WorkspaceError
from levelset.service.rules import chosen_rules

if TYPE_CHECKING:
    from levelset.service.session import Session

#: What ``Session.scenario`` takes: a scenario, its operations, a file, or "plan".
ScenarioSource = Scenario | Sequence[Operation] | str | os.PathLike[str]

#: Identity of a finding across the two checks.
FindingKey = tuple[str, str, str]


def compare(
    session: Session,
    source: ScenarioSource,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
) -> ScenarioComparison:
    """``source`` against the session's workspace, with the rules ``select``/``ignore``
    choose (as ``Session.check``). ``"plan"`` is the workspace's own plan.

    ``WorkspaceError`` when the workspace or the scenario file cannot be read.
    """
    before = session.check(select, ignore)
    if before.problems and not before.findings and not session.loaded.ok:
        raise WorkspaceError(before.problems)
    workspace = session.loaded.workspace
    scenario, read_problems = _scenario(source, workspace, before)
    if read_problems:
        raise WorkspaceError(read_problems)
    return compare_with(session, before, workspace, scenario, select=select, ignore=ignore)


def compare_with(
    session: Session,
    before: Report,
    workspace: Workspace,
    scenario: Scenario,
    *,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
) -> ScenarioComparison:
    """``scenario`` against a check already made (``before``) of ``workspace``."""
    applied = apply_scenario(workspace, scenario, before.allocation)
    rules = chosen_rules(session.registry, workspace, select, ignore)
    after, rule_problems = run_rules(
        applied.workspace,
        rules,
        registry=session.registry,
        index=OrgIndex(applied.workspace),
        allocation=applied.allocation,
        finance=before.finance,
    )
    old = {_key(f): f for f in before.findings}
    new = {_key(f): f for f in after}
    return ScenarioComparison(
        scenario=scenario,
        workspace=before.workspace,
        closed=tuple(f for k, f in old.items() if k not in new),
        opened=tuple(f for k, f in new.items() if k not in old),
        kept=tuple(f for k, f in new.items() if k in old),
        hours=_hours(workspace, before.allocation, applied),
        cost_before=_cost(before.allocation),
        cost_after=_cost(applied.allocation),
        seats_to_fill=_seats_to_fill(workspace, applied),
        problems=(*applied.problems, *rule_problems),
        applied=applied,
    )


@dataclass(frozen=True)
class VerifiedPlan:
    """The plan of a check (``report.plan``), the same plan as operations
    (``scenario``), and what applying them closes, opens and frees (``applied``; ``None``
    when the workspace could not be read)."""

    report: Report
    scenario: Scenario
    applied: ScenarioComparison | None


def verified_plan(
    session: Session, select: Sequence[str] = (), ignore: Sequence[str] = ()
) -> VerifiedPlan:
    """The workspace's plan, verified by applying it: the rules run again on the result.
    A workspace that could not be read has no plan to apply (``applied`` is ``None``)."""
    report = session.check(select, ignore)
    if not session.loaded.ok:
        return VerifiedPlan(report, Scenario(), None)
    workspace = session.loaded.workspace
    scenario = plan_scenario(workspace, report.plan, report.findings)
    applied = compare_with(session, report, workspace, scenario, select=select, ignore=ignore)
    return VerifiedPlan(report, scenario, applied)


@dataclass(frozen=True)
class WrittenScenario:
    """What ``write_scenario`` did: the files written and the operations it could not
    write; or, when ``refused`` holds the operations that cannot apply, nothing."""

    written: tuple[Path, ...] = ()
    unwritten: tuple[str, ...] = ()
    refused: tuple[Problem, ...] = ()


def write_scenario(session: Session, file: str | os.PathLike[str]) -> WrittenScenario:
    """Write the scenario in ``file`` into the workspace's YAML files, all or nothing:
    only the items it changes are rewritten. Nothing is written when an operation cannot
    apply (``refused``). ``WorkspaceError`` when the workspace or the scenario cannot be
    read; ``LevelsetError`` when a file changed while it was being written."""
    loaded = session.loaded
    if loaded.problems:
        raise WorkspaceError(loaded.problems)
    scenario, problems = read_scenario(Path(file))
    if problems:
        raise WorkspaceError(problems)
    return write_operations(session, scenario)


def write_operations(
    session: Session, scenario: Scenario, expected: Mapping[str, str] | None = None
) -> WrittenScenario:
    """Write ``scenario`` into the workspace's YAML files, all or nothing (as
    ``write_scenario``). ``expected`` maps a file's name to the content hash it must still
    have (``service.files``' version of an organization file): ``LevelsetError``, and
    nothing written, when one of the files to write changed since."""
    loaded = session.loaded
    if loaded.problems:
        raise WorkspaceError(loaded.problems)
    refused = apply_scenario(loaded.workspace, scenario).problems
    if refused:
        return WrittenScenario(refused=tuple(refused))
    # The YAML editor (ruamel.yaml) only when writing: every check imports this module.
    from levelset.load.scenario_write import (  # noqa: PLC0415
        ScenarioWriteError,
        edit_workspace,
        write_edit,
    )

    try:
        edit = edit_workspace(loaded.workspace.root, loaded.workspace, scenario)
        written = write_edit(edit, expected)
    except ScenarioWriteError as error:
        raise LevelsetError(str(error)) from None
    return WrittenScenario(tuple(written), tuple(edit.unwritten))


def replan(comparison: ScenarioComparison) -> Scenario:
    """The plan the applied scenario's findings call for, as a scenario: what is left to
    do after it (empty when the scenario did everything its plan asks)."""
    findings = (*comparison.kept, *comparison.opened)
    workspace = comparison.applied.workspace
    return plan_scenario(workspace, build_plan(workspace, findings), findings)


def _scenario(
    source: ScenarioSource, workspace: Workspace, before: Report
) -> tuple[Scenario, tuple[Problem, ...]]:
    if isinstance(source, Scenario):
        return source, ()
    if isinstance(source, str) and source == "plan":
        return plan_scenario(workspace, before.plan, before.findings), ()
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        if not path.is_file():
            raise UsageError(f"no scenario file {path}")
        return read_scenario(path)
    return Scenario(operations=tuple(source)), ()


def _key(finding: Finding) -> FindingKey:
    return finding.code, finding.subject.kind, finding.subject.id


def _hours(
    workspace: Workspace, allocation: Allocation | None, applied: Applied
) -> tuple[HoursChange, ...]:
    if allocation is None or applied.allocation is None:
        return ()
    weeks = max(allocation.weeks, 1)
    totals: dict[str, list[float]] = {}
    for index, rows in enumerate((allocation.rows, applied.allocation.rows)):
        for row in rows:
            totals.setdefault(row.person, [0.0, 0.0])[index] += row.hours / weeks
    people = applied.workspace.people
    changes = [
        HoursChange(
            person,
            people[person].name if person in people else person,
            round(old, 2),
            round(new, 2),
        )
        for person, (old, new) in totals.items()
        if abs(new - old) >= 0.01
    ]
    return tuple(sorted(changes, key=lambda c: (c.change, c.person)))


def _cost(allocation: Allocation | None) -> float | None:
    if allocation is None:
        return None
    priced = [row.cost for row in allocation.rows if row.cost is not None]
    if not priced:
        return None
    return round(sum(priced) / max(allocation.weeks, 1), 2)


def _seats_to_fill(workspace: Workspace, applied: Applied) -> tuple[SeatToFill, ...]:
    """Seats filled by a hire not yet named, and vacant seats that are accountable for
    work, new, or waiting for handed hours."""
    result: list[SeatToFill] = []
    owned: dict[str, list[str]] = {}
    for resp in applied.workspace.responsibilities.values():
        for seat_id in resp.accountable:
            owned.setdefault(seat_id, []).append(resp.name)
    for seat in applied.workspace.seats.values():
        hired = any((h.person or "").startswith(HIRE_PREFIX) for h in seat.holders)
        waiting = applied.waiting.get(seat.id, 0.0)
        new = seat.id not in workspace.seats
        if not (hired or (seat.vacant and (owned.get(seat.id) or waiting or new))):
            continue
        work = owned.get(seat.id, [])
        if seat.id not in workspace.seats:
            reason = "a new seat"
        elif hired:
            reason = "filled by a hire"
        else:
            reason = "vacant"
        if work:
            reason += f", accountable for {', '.join(work)}"
        result.append(SeatToFill(seat.id, seat.title, seat.level, reason, round(waiting, 2)))
    return tuple(result)


__all__ = [
    "HoursChange",
    "ScenarioComparison",
    "ScenarioSource",
    "SeatToFill",
    "VerifiedPlan",
    "WrittenScenario",
    "compare",
    "compare_with",
    "replan",
    "verified_plan",
    "write_operations",
    "write_scenario",
]
