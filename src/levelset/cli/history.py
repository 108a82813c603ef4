"""``levelset diff``: findings opened and closed between two saved snapshots."""

from __future__ import annotations

from pathlib import Path

import click

from levelset.cli._emit import emit, failing_cleanly, format_option, output_option, warn_problem
from levelset.cli._io import fail
from levelset.report.views import DiffView, SnapshotsView


@click.command(short_help="Show findings opened and closed between two snapshots.")
@click.argument("path", type=click.Path(path_type=Path))
@click.argument("old", required=False)
@click.argument("new", required=False)
@click.option("--list", "list_them", is_flag=True, help="List the snapshots and stop.")
@format_option(DiffView)
@output_option()
def diff(
    *,
    path: Path,
    old: str | None,
    new: str | None,
    list_them: bool,
    fmt: str,
    output: Path | None,
) -> None:
    """Compare two snapshots of PATH saved by `levelset check PATH --save`: findings
    opened, closed, and still open with the figures that changed.

    OLD and NEW name snapshots (as `--list` shows them, or a unique prefix such as a
    date, 20260706); by default the last two.
    """
    from levelset.service import Session  # noqa: PLC0415 - the snapshot store only when it runs

    if not path.is_dir():
        fail(f"{path} is not a workspace folder")
    session = Session(path)
    snapshots, problems = session.snapshots()
    for problem in problems:
        warn_problem(path)(problem)
    if list_them:
        if not snapshots:
            fail(f"{path} has no snapshots yet; run `levelset check {path} --save`")
        emit(SnapshotsView(tuple(snapshots)), "text")
        return
    with failing_cleanly(path):
        changes = session.diff(old, new)
    emit(DiffView(changes), fmt, output)
