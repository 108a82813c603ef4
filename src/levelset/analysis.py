"""Views over time and over a person: the plan, weekly trends, line of sight, snapshots.

Kept for scripts written against it; each function is one call on a
``levelset.service.Session``, which new code should use directly::

    from levelset.service import Session
    with Session("examples/acme") as session:
        trend = session.trend("others-work", "dana")

Every error is a ``levelset.service.LevelsetError``: ``UsageError`` (an unknown metric,
person or seat, with a did-you-mean), ``NoEventData`` (the workspace has no time or
calendar data) and ``WorkspaceError`` (it cannot be read; carries its problems).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from levelset import api
from levelset.engine.trend import METRICS, Trend
from levelset.model import Problem, Report, Workspace
from levelset.plan.line_of_sight import LineOfSight
from levelset.plan.snapshots import Snapshot, SnapshotDiff, SnapshotError, read_snapshots
from levelset.plan.snapshots import diff_snapshots as compare_snapshots
from levelset.service import NoEventData, Session, WorkspaceError
from levelset.service.history import pick_snapshots

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


def plan(
    target: api.PathLike | Workspace | api.LoadResult,
    *,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    engine: str | None = None,
    progress: api.Progress | None = None,
) -> Report:
    """Check ``target`` and return the report whose ``plan`` is the point."""
    with Session(target, engine=engine, progress=progress) as session:
        return session.plan(select, ignore)


def trend(
    target: api.PathLike | api.LoadResult,
    metric: str,
    subject: str | None = None,
    *,
    engine: str | None = None,
    progress: api.Progress | None = None,
    on_problem: OnProblem | None = None,
) -> Trend:
    """The weekly series of ``metric`` for ``subject`` (see ``Session.trend``)."""
    with Session(target, engine=engine, progress=progress) as session:
        return session.trend(metric, subject, on_problem)


def line_of_sight(
    target: api.PathLike | api.LoadResult,
    person: str,
    *,
    engine: str | None = None,
    progress: api.Progress | None = None,
    on_problem: OnProblem | None = None,
) -> LineOfSight:
    """``person``'s hours by responsibility → goal → top objective (see
    ``Session.line_of_sight``)."""
    with Session(target, engine=engine, progress=progress) as session:
        return session.line_of_sight(person, on_problem)


def save_snapshot(report: Report, root: Path, now: datetime | None = None) -> Path:
    """Store ``report`` as a dated snapshot of the workspace at ``root``; the file.

    Raises ``SnapshotError`` when the snapshot folder cannot be written.
    """
    return Session(Workspace(root=root)).save(report, now)


def list_snapshots(root: Path) -> tuple[list[Snapshot], list[Problem]]:
    """The snapshots of the workspace at ``root``, oldest first, and unreadable ones."""
    return read_snapshots(root)


def diff_snapshots(old: Snapshot, new: Snapshot) -> SnapshotDiff:
    """Findings opened, closed and still open (with changed figures) from ``old`` to
    ``new``."""
    return compare_snapshots(old, new)
