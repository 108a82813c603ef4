"""``levelset line-of-sight``: a person's hours by responsibility, goal and objective."""

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
from levelset.report.views import LineOfSightView


@click.command("line-of-sight", short_help="Trace a person's hours to the top objectives.")
@click.argument("path", type=click.Path(path_type=Path))
@click.argument("person")
@format_option(LineOfSightView)
@engine_option
@output_option()
def line_of_sight(
    path: Path, person: str, fmt: str, engine: str | None, output: Path | None
) -> None:
    """Show PERSON's hours (id, email or name) by responsibility → goal → top objective,
    and the hours tied to nothing, over the analysis window of PATH."""
    from levelset.service import Session  # noqa: PLC0415 - the engine only when it runs

    with (
        failing_cleanly(path),
        Session(path, engine=engine, progress=progress_printer(), reuse=False) as run,
    ):
        sight = run.line_of_sight(person, on_problem=warn_problem(path))
    emit(LineOfSightView(sight), fmt, output)
