"""Snapshots of a workspace over time: saving a report, listing them, choosing two to
compare."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from levelset.plan.snapshots import Snapshot
from levelset.service.errors import UsageError


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
        raise UsageError(
            f"{have} of {workspace} to compare; run `levelset check {workspace} --save` "
            "now and again after the next change"
        )
    newer = _named(snapshots, new) if new else snapshots[-1]
    if old:
        return _named(snapshots, old), newer
    earlier = [s for s in snapshots if s.order < newer.order]
    if not earlier:
        raise UsageError(f"no snapshot is older than {newer.name}")
    return earlier[-1], newer


def _named(snapshots: Sequence[Snapshot], wanted: str) -> Snapshot:
    """A snapshot by name, file name or a unique prefix (``20260706``)."""
    stem = Path(wanted).name.removesuffix(".json")
    exact = [s for s in snapshots if s.name == stem]
    found = exact or [s for s in snapshots if s.name.startswith(stem)]
    if len(found) == 1:
        return found[0]
    names = ", ".join(s.name for s in (found or snapshots))
    what = "several snapshots" if found else "no snapshot"
    raise UsageError(f"{wanted!r} names {what}; the snapshots are: {names}")
