"""Views over time and over a person: the plan, weekly trends, line of sight, snapshots.

These sit between the command line and ``levelset.api``: each reads a workspace through
the API (``check`` or ``events``) and hands back plain data for the renderers::

    from levelset import analysis
    trend = analysis.trend("examples/acme", "others-work", "dana")
    print(trend.weeks, trend.primary.values)

Wrong usage (an unknown metric, person or seat) raises ``UsageError`` with a
did-you-mean; a workspace without time or calendar data raises ``NoEventData``; a
workspace that cannot be read raises ``WorkspaceError`` carrying its problems.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from levelset import api
from levelset.engine import Engine
from levelset.engine.trend import METRICS, Trend, TrendBuilder, TrendQuery, data_weeks, window_weeks
from levelset.model import Problem, Report, Workspace
from levelset.plan.line_of_sight import LineOfSight
from levelset.plan.line_of_sight import line_of_sight as follow_line_of_sight
from levelset.plan.snapshots import (
    Snapshot,
    SnapshotDiff,
    SnapshotError,
    read_snapshots,
    write_snapshot,
)
from levelset.plan.snapshots import diff_snapshots as compare_snapshots
from levelset.report.data import report_to_dict

__all__ = [
    "METRICS",
    "NoEventData",
    "SnapshotError",
    "WorkspaceError",
    "diff_snapshots",
    "line_of_sight",
    "list_snapshots",
    "pick_snapshots",
    "plan",
    "save_snapshot",
    "trend",
]

OnProblem = Callable[[Problem], None]

_NEEDS_DATA = (
    "needs time entries (data/time/*.csv or *.parquet) or calendars (data/calendar/*.ics) "
    "in the workspace; docs/format.md describes them"
)
_TITLES = {
    "others-work": "hours a week on work other seats own",
    "horizon": "hours a week by horizon against the seat's band",
    "unowned": "hours a week on work that matches no responsibility",
    "hours": "hours a week",
}


class NoEventData(api.UsageError):
    """The workspace has no time or calendar data, which the view needs."""


class WorkspaceError(Exception):
    """The workspace (or its event data, or the engine) could not be read."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) reading the workspace")
        self.problems = tuple(problems)


def plan(
    target: api.PathLike | Workspace | api.LoadResult,
    *,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    engine: str | None = None,
    progress: api.Progress | None = None,
) -> Report:
    """Check ``target`` and return the report whose ``plan`` is the point.

    The plan needs no event data: without it, transfers and the stop-doing list are
    empty and seats and partner actions still come from the static findings.
    """
    return api.check(target, select=select, ignore=ignore, engine=engine, progress=progress)


def trend(
    target: api.PathLike | api.LoadResult,
    metric: str,
    subject: str | None = None,
    *,
    engine: str | None = None,
    progress: api.Progress | None = None,
    on_problem: OnProblem | None = None,
) -> Trend:
    """The weekly series of ``metric`` for ``subject`` over the analysis window.

    Metrics (see ``METRICS``): ``others-work`` (a person's hours on responsibilities
    none of their seats owns), ``horizon`` (a seat's holders' hours below, in and above
    its band), ``unowned`` (hours matching no responsibility: all, a person's or a
    function's), ``hours`` (a person's or a responsibility's). ``on_problem`` hears of
    rows that could not be used (the figures leave them out).
    """
    kinds = _metric_kinds(metric)
    loaded = _load(target)
    kind, subject_id, name = _subject(loaded.workspace, metric, kinds, subject)
    with api.events(loaded, engine=engine, progress=progress) as run:
        connection = _require_events(run, "trend", on_problem)
        weeks = (
            window_weeks(run.allocation.window_start, run.allocation.window_end)
            if run.allocation is not None
            else data_weeks(connection, run.cube)
        )
        title = f"{name}: {_TITLES[metric]}" if name else _TITLES[metric].capitalize()
        builder = TrendBuilder(connection, run.cube, run.workspace, weeks)
        return builder.build(TrendQuery(metric, kind, subject_id, title))


def line_of_sight(
    target: api.PathLike | api.LoadResult,
    person: str,
    *,
    engine: str | None = None,
    progress: api.Progress | None = None,
    on_problem: OnProblem | None = None,
) -> LineOfSight:
    """``person``'s hours by responsibility → goal → top objective, and what is tied to
    nothing, over the analysis window."""
    loaded = _load(target)
    person_id = _person(loaded.workspace, person)
    with api.events(loaded, engine=engine, progress=progress) as run:
        _require_events(run, "line-of-sight", on_problem)
        if run.allocation is None:  # pragma: no cover - a cube always has its summary
            raise NoEventData(f"line-of-sight {_NEEDS_DATA}")
        return follow_line_of_sight(run.workspace, run.allocation, person_id)


def save_snapshot(report: Report, root: Path, now: datetime | None = None) -> Path:
    """Store ``report`` as a dated snapshot of the workspace at ``root``; the file.

    Raises ``SnapshotError`` when the snapshot folder cannot be written.
    """
    return write_snapshot(root, report_to_dict(report), now or datetime.now(UTC))


def list_snapshots(root: Path) -> tuple[list[Snapshot], list[Problem]]:
    """The snapshots of the workspace at ``root``, oldest first, and unreadable ones."""
    return read_snapshots(root)


def diff_snapshots(old: Snapshot, new: Snapshot) -> SnapshotDiff:
    """Findings opened, closed and still open (with changed figures) from ``old`` to
    ``new``."""
    return compare_snapshots(old, new)


def pick_snapshots(
    snapshots: Sequence[Snapshot],
    old: str | None = None,
    new: str | None = None,
    *,
    workspace: str = "PATH",
) -> tuple[Snapshot, Snapshot]:
    """The two snapshots to compare: by name or unique prefix, by default the last two.

    ``new`` defaults to the latest and ``old`` to the one before ``new``. Raises
    ``UsageError`` when there are fewer than two or a name picks none or several;
    ``workspace`` is the path the message tells the user to check.
    """
    if len(snapshots) < 2:
        have = "there are no snapshots" if not snapshots else "there is only one snapshot"
        raise api.UsageError(
            f"{have} of {workspace} to compare; run `levelset check {workspace} --save` "
            "now and again after the next change"
        )
    newer = _named(snapshots, new) if new else snapshots[-1]
    if old:
        return _named(snapshots, old), newer
    earlier = [s for s in snapshots if s.order < newer.order]
    if not earlier:
        raise api.UsageError(f"no snapshot is older than {newer.name}")
    return earlier[-1], newer


# -- helpers -------------------------------------------------------------------------


def _load(target: api.PathLike | api.LoadResult) -> api.LoadResult:
    loaded = target if isinstance(target, api.LoadResult) else api.load(target)
    if loaded.problems:
        raise WorkspaceError(loaded.problems)
    return loaded


def _require_events(run: api.EventRun, view: str, on_problem: OnProblem | None) -> Engine:
    """The run's engine; raises when the run has no cube, saying why."""
    if run.cube is None or run.engine is None:
        if run.problems:
            raise WorkspaceError(run.problems)
        raise NoEventData(f"{view} {_NEEDS_DATA}")
    for problem in run.problems:
        if on_problem is not None:
            on_problem(problem)
    return run.engine


def _metric_kinds(metric: str) -> tuple[str, ...]:
    kinds = METRICS.get(metric)
    if kinds is None:
        raise api.UsageError(f"no metric {metric!r}{_did_you_mean(metric, METRICS)}")
    return kinds


def _subject(
    workspace: Workspace, metric: str, kinds: tuple[str, ...], subject: str | None
) -> tuple[str, str, str]:
    """``(kind, id, readable name)`` of the subject a metric is asked about."""
    if subject is None or not subject.strip():
        if "organization" in kinds:
            return "organization", "", ""
        raise api.UsageError(f"--metric {metric} needs a {' or '.join(kinds)}: add its id")
    wanted = subject.strip()
    finders = {
        "person": lambda: _find_person(workspace, wanted),
        "seat": lambda: _find(wanted, {s.id: s.title for s in workspace.seats.values()}),
        "function": lambda: _find(wanted, {f: f for f in _functions(workspace)}),
        "responsibility": lambda: _find(
            wanted, {r.id: r.name for r in workspace.responsibilities.values()}
        ),
    }
    candidates: list[str] = []
    for kind in kinds:
        if kind == "organization":
            continue
        found = finders[kind]()
        if found is not None:
            return kind, found, _readable(workspace, kind, found)
        candidates += _ids(workspace, kind)
    described = " or ".join(k for k in kinds if k != "organization")
    raise api.UsageError(f"no {described} {wanted!r}{_did_you_mean(wanted, candidates)}")


def _person(workspace: Workspace, wanted: str) -> str:
    found = _find_person(workspace, wanted.strip())
    if found is None:
        raise api.UsageError(
            f"no person {wanted!r}{_did_you_mean(wanted, _ids(workspace, 'person'))}"
        )
    return found


def _find_person(workspace: Workspace, wanted: str) -> str | None:
    """A person by id, email or name (the last two without regard to case)."""
    if wanted in workspace.people:
        return wanted
    folded = wanted.casefold()
    for person in workspace.people.values():
        if folded in (person.id.casefold(), person.email.casefold(), person.name.casefold()):
            return person.id
    return None


def _find(wanted: str, names: dict[str, str]) -> str | None:
    """An id by itself, or by id or name without regard to case."""
    if wanted in names:
        return wanted
    folded = wanted.casefold()
    for key, name in names.items():
        if folded in (key.casefold(), name.casefold()):
            return key
    return None


def _functions(workspace: Workspace) -> list[str]:
    found = [s.function for s in workspace.seats.values() if s.function]
    found += [r.function for r in workspace.responsibilities.values() if r.function]
    return list(dict.fromkeys(found))


def _ids(workspace: Workspace, kind: str) -> list[str]:
    if kind == "person":
        return list(workspace.people)
    if kind == "seat":
        return list(workspace.seats)
    if kind == "function":
        return _functions(workspace)
    return list(workspace.responsibilities)


def _readable(workspace: Workspace, kind: str, subject: str) -> str:
    if kind == "person":
        return f"{workspace.people[subject].name} ({subject})"
    if kind == "seat":
        return f"{workspace.seats[subject].title} ({subject})"
    if kind == "responsibility":
        return f"{workspace.responsibilities[subject].name} ({subject})"
    return f"the {subject} function"


def _did_you_mean(wanted: str, candidates: Iterable[str]) -> str:
    listed = list(dict.fromkeys(candidates))
    folded = wanted.casefold()
    close = [c for c in listed if folded in c.casefold()][:3]
    close = close or difflib.get_close_matches(wanted, listed, n=3, cutoff=0.6)
    if close:
        return "; did you mean " + " or ".join(repr(c) for c in close) + "?"
    if listed and len(listed) <= 8:
        return "; choose from " + ", ".join(listed)
    return ""


def _named(snapshots: Sequence[Snapshot], wanted: str) -> Snapshot:
    """A snapshot by name, file name or a unique prefix (``20260706``)."""
    stem = Path(wanted).name.removesuffix(".json")
    exact = [s for s in snapshots if s.name == stem]
    found = exact or [s for s in snapshots if s.name.startswith(stem)]
    if len(found) == 1:
        return found[0]
    names = ", ".join(s.name for s in (found or snapshots))
    what = "several snapshots" if found else "no snapshot"
    raise api.UsageError(f"{wanted!r} names {what}; the snapshots are: {names}")
