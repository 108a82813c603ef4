"""``levelset report``: the report a consultant hands over, one self-contained HTML file."""

from __future__ import annotations

from pathlib import Path

import click

from levelset.cli._emit import emit, engine_option, failing_cleanly, progress_printer
from levelset.report.formats import default_formats
from levelset.report.views import ReportView


@click.command("report", short_help="Write one HTML file with the findings, plan and charts.")
@click.argument("path", type=click.Path(path_type=Path))
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to FILE [default: the terminal].",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(default_formats().names_for(ReportView)),
    default="html",
    show_default=True,
    help="html: one page that opens offline in any browser and prints cleanly; "
    "json: the data its charts are drawn from.",
)
@engine_option
def report_command(*, path: Path, output: Path | None, fmt: str, engine: str | None) -> None:
    """Write the report of the workspace at PATH: a summary with the figures a CEO asks
    for first, the findings (filterable), the plan, the org chart, the goal tree, where
    the leadership's hours go, the partners and the finance charts.

    levelset report PATH -o report.html

    The file holds its scripts, styles and data: it works opened from disk, offline.
    Exit status 2 when the workspace cannot be read.
    """
    from levelset.service import Session  # noqa: PLC0415 - the engine only when it runs
    from levelset.service.report import report_view  # noqa: PLC0415

    with (
        Session(path, engine=engine, progress=progress_printer()) as session,
        failing_cleanly(path),
    ):
        view = report_view(session, path)
    emit(view, fmt, output, noun="report")
