"""``levelset trend``: a weekly series straight from the time and calendar data."""

from __future__ import annotations

from pathlib import Path

import click

from levelset.cli._emit import (
    emit,
    engine_option,
    failing_cleanly,
    format_option,
    output_option,
    progress_printer,
    warn_problem,
)
from levelset.report.views import TrendView

_METRIC_HELP = (
    "others-work: a person's hours on work other seats own; "
    "horizon: a seat's hours below, in and above its level's band; "
    "unowned: hours matching no responsibility (everyone's, a person's or a function's); "
    "hours: a person's or a responsibility's hours."
)


@click.command(short_help="Show a weekly series from the time and calendar data.")
@click.argument("path", type=click.Path(path_type=Path))
@click.argument("subject", required=False)
@click.option(
    "--metric",
    "-m",
    required=True,
    metavar="METRIC",
    help=_METRIC_HELP,
)
@format_option(TrendView)
@engine_option
@output_option()
def trend(
    *,
    path: Path,
    subject: str | None,
    metric: str,
    fmt: str,
    engine: str | None,
    output: Path | None,
) -> None:
    """Show METRIC week by week for SUBJECT (a person, seat, function or responsibility
    id; a person may also be named by email or name).

    \b
    levelset trend PATH dana --metric others-work
    levelset trend PATH cro --metric horizon
    levelset trend PATH --metric unowned
    """
    from levelset.service import Session  # noqa: PLC0415 - the engine only when it runs

    with (
        failing_cleanly(path),
        Session(path, engine=engine, progress=progress_printer(), reuse=False) as run,
    ):
        series = run.trend(metric, subject, on_problem=warn_problem(path))
    emit(TrendView(series), fmt, output)
