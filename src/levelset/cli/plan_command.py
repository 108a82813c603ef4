"""``levelset plan``: the plan alone — transfers, seats, stop doing, partner actions."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import click

from levelset import analysis, api
from levelset.cli._emit import (
    emit,
    engine_option,
    exit_with_problems,
    failing_cleanly,
    format_option,
    output_option,
    progress_printer,
    warn_problem,
)
from levelset.cli.check import selectors
from levelset.report.plan_view import render_plan_json, render_plan_markdown, render_plan_text


@click.command("plan", short_help="Print the plan: transfers, seats, stop doing, partners.")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--select", multiple=True, metavar="CODE,...", help="Plan from these rules only.")
@click.option("--ignore", multiple=True, metavar="CODE,...", help="Leave these rules out.")
@format_option
@engine_option
@output_option
def plan_command(
    *,
    path: Path,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fmt: str,
    engine: str | None,
    output: Path | None,
) -> None:
    """Print the plan for the workspace at PATH: work to transfer (from whom, to which
    seat, hours a week freed, cost difference), seats to create or fill with the hours
    waiting for them, a stop-doing list and partner actions.

    Without time or calendar data the plan comes from the structure alone. Exit status
    2 when the workspace or its data has problems (they are printed on stderr).
    """
    loaded = api.load(path)
    if loaded.problems:
        exit_with_problems(path, tuple(loaded.problems))
    with failing_cleanly(path):
        report = analysis.plan(
            loaded,
            select=selectors(select),
            ignore=selectors(ignore),
            engine=engine,
            progress=progress_printer(),
        )
    report = dataclasses.replace(report, workspace=path)
    for problem in report.problems:
        warn_problem(path)(problem)
    emit(
        fmt,
        output,
        text=lambda console: render_plan_text(report, console),
        json=lambda: render_plan_json(report),
        markdown=lambda: render_plan_markdown(report),
    )
    sys.exit(2 if report.problems else 0)
