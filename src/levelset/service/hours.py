"""The session's questions about hours: a weekly trend and a person's line of sight,
both read from the events the session keeps (the cube in its engine)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from levelset.model import Problem
from levelset.model.suggest import did_you_mean
from levelset.model.trend import METRICS, Trend, TrendQuery, window_weeks
from levelset.plan.line_of_sight import LineOfSight
from levelset.plan.line_of_sight import line_of_sight as follow_line_of_sight
from levelset.service.data import EventData
from levelset.service.errors import NoEventData, UsageError, WorkspaceError

if TYPE_CHECKING:
    from levelset.engine import Engine

OnProblem = Callable[[Problem], None]

NEEDS_DATA = (
    "needs time entries (data/time/*.csv or *.parquet) or calendars (data/calendar/*.ics) "
    "in the workspace; docs/format.md describes them"
)
#: What each trend metric's chart is titled.
TREND_TITLES = {
    "others-work": "hours a week on work other seats own",
    "horizon": "hours a week by horizon against the seat's band",
    "unowned": "hours a week on work that matches no responsibility",
    "hours": "hours a week",
}


def metric_kinds(metric: str) -> tuple[str, ...]:
    """The kinds of subject ``metric`` is asked about; ``UsageError`` for no such metric."""
    kinds = METRICS.get(metric)
    if kinds is None:
        raise UsageError(f"no metric {metric!r}{did_you_mean(metric, METRICS)}")
    return kinds


def require_events(events: EventData, view: str, on_problem: OnProblem | None) -> EventData:
    """``events`` when they have a cube (its problems told to ``on_problem``), else an
    error saying why ``view`` cannot have them."""
    if events.cube is None or events.allocation is None:
        if events.problems:
            raise WorkspaceError(events.problems)
        raise NoEventData(f"{view} {NEEDS_DATA}")
    for problem in events.problems:
        if on_problem is not None:
            on_problem(problem)
    return events


def weekly_trend(
    engine: Engine, events: EventData, metric: str, subject: tuple[str, str, str]
) -> Trend:
    """The weekly series of ``metric`` for ``subject`` (kind, id, readable name) over the
    analysis window, computed on the cube."""
    from levelset.engine.events.trend import TrendBuilder  # noqa: PLC0415 - slow to import

    assert events.allocation is not None  # required by require_events
    kind, subject_id, name = subject
    weeks = window_weeks(events.allocation.window_start, events.allocation.window_end)
    title = f"{name}: {TREND_TITLES[metric]}" if name else TREND_TITLES[metric].capitalize()
    builder = TrendBuilder(engine, events.cube, events.workspace, weeks)
    return builder.build(TrendQuery(metric, kind, subject_id, title))


def person_line_of_sight(events: EventData, person_id: str) -> LineOfSight:
    """A person's hours by responsibility → goal → top objective over the window."""
    assert events.allocation is not None  # required by require_events
    return follow_line_of_sight(events.workspace, events.allocation, person_id)
