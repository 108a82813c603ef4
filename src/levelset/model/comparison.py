"""What a scenario does, set against the workspace as it is: plain data every face
renders (``service.scenarios`` computes it)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from levelset.model.findings import Finding
from levelset.model.scenario import Scenario
from levelset.model.scenario_apply import Applied
from levelset.model.source import Problem


@dataclass(frozen=True, slots=True)
class HoursChange:
    """A person's hours a week in the data, before and after the scenario."""

    person: str
    name: str
    before: float
    after: float

    @property
    def change(self) -> float:
        """Hours a week added (positive) or freed (negative)."""
        return round(self.after - self.before, 2)


@dataclass(frozen=True, slots=True)
class SeatToFill:
    """A seat the scenario leaves for someone to fill, and why."""

    seat: str
    title: str
    level: str
    reason: str
    hours_per_week: float = 0.0


@dataclass(frozen=True)
class ScenarioComparison:
    """A scenario set against the workspace as it is.

    ``closed``/``opened``/``kept`` are findings (``kept`` as they read after the
    scenario); ``cost_before``/``cost_after`` the priced hours a week of the data (``None``
    without event data or rates); ``problems`` those of reading the scenario and of the
    operations that could not apply.
    """

    scenario: Scenario
    workspace: Path
    closed: tuple[Finding, ...]
    opened: tuple[Finding, ...]
    kept: tuple[Finding, ...]
    hours: tuple[HoursChange, ...]
    cost_before: float | None
    cost_after: float | None
    seats_to_fill: tuple[SeatToFill, ...]
    problems: tuple[Problem, ...]
    applied: Applied

    @property
    def cost_difference(self) -> float | None:
        """The cost a week the scenario adds (negative: saves); ``None`` when unknown."""
        if self.cost_before is None or self.cost_after is None:
            return None
        return round(self.cost_after - self.cost_before, 2)
