"""``levelset line-of-sight``: a person's hours by responsibility, goal and objective."""

from __future__ import annotations

from pathlib import Path

import click

from levelset import analysis
from levelset.cli._emit import (
    emit,
    engine_option,
    failing_cleanly,
    format_option,
    output_option,
    progress_printer,
    warn_problem,
)
from levelset.report.line_of_sight import (
    render_line_of_sight_json,
    render_line_of_sight_markdown,
    render_line_of_sight_text,
)


@click.command("line-of-sight", short_help="Trace a person's hours to the top objectives.")
@click.argument("path", type=click.Path(path_type=Path))
@click.argument("person")
@format_option
@engine_option
@output_option
def line_of_sight(
    path: Path, person: str, fmt: str, engine: str | None, output: Path | None
) -> None:
    """Show PERSON's hours (id, email or name) by responsibility → goal → top objective,
    and the hours tied to nothing, over the analysis window of PATH."""
    with failing_cleanly(path):
        view = analysis.line_of_sight(
            path, person, engine=engine, progress=progress_printer(), on_problem=warn_problem(path)
        )
    emit(
        fmt,
        output,
        text=lambda console: render_line_of_sight_text(view, console),
        json=lambda: render_line_of_sight_json(view),
        markdown=lambda: render_line_of_sight_markdown(view),
    )
