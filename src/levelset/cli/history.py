"""``levelset diff``: findings opened and closed between two saved snapshots."""

from __future__ import annotations

from pathlib import Path

import click

from levelset import analysis
from levelset.cli._emit import emit, failing_cleanly, format_option, output_option, warn_problem
from levelset.cli._io import fail, make_console
from levelset.report.history import (
    render_diff_json,
    render_diff_markdown,
    render_diff_text,
    render_snapshots_text,
)


@click.command(short_help="Show findings opened and closed between two snapshots.")
@click.argument("path", type=click.Path(path_type=Path))
@click.argument("old", required=False)
@click.argument("new", required=False)
@click.option("--list", "list_them", is_flag=True, help="List the snapshots and stop.")
@format_option
@output_option
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
    if not path.is_dir():
        fail(f"{path} is not a workspace folder")
    snapshots, problems = analysis.list_snapshots(path)
    for problem in problems:
        warn_problem(path)(problem)
    if list_them:
        if not snapshots:
            fail(f"{path} has no snapshots yet; run `levelset check {path} --save`")
        render_snapshots_text(snapshots, make_console())
        return
    with failing_cleanly(path):
        older, newer = analysis.pick_snapshots(snapshots, old, new, workspace=str(path))
    changes = analysis.diff_snapshots(older, newer)
    emit(
        fmt,
        output,
        text=lambda console: render_diff_text(changes, console),
        json=lambda: render_diff_json(changes),
        markdown=lambda: render_diff_markdown(changes),
    )
