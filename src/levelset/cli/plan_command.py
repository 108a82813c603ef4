"""``levelset plan``: the plan alone — transfers, seats, stop doing, partner actions — and
what applying it closes and opens."""

from __future__ import annotations

import dataclasses
import sys
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
from levelset.cli._io import exit_with_problems
from levelset.cli.check import selectors
from levelset.report.views import PlanView


@click.command("plan", short_help="Print the plan: transfers, seats, stop doing, partners.")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--select", multiple=True, metavar="CODE,...", help="Plan from these rules only.")
@click.option("--ignore", multiple=True, metavar="CODE,...", help="Leave these rules out.")
@format_option(PlanView, "How to print it; scenario: as a scenario file for `levelset scenario`.")
@engine_option
@output_option()
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
    waiting for them, a stop-doing list and partner actions; then the plan applied as a
    scenario: the findings it closes and any it opens.

    Without time or calendar data the plan comes from the structure alone. Exit status
    2 when the workspace or its data has problems (they are printed on stderr).
    """
    from levelset.service import Session  # noqa: PLC0415 - the engine only when it runs

    with Session(path, engine=engine, progress=progress_printer(), reuse=False) as session:
        if session.loaded.problems:
            exit_with_problems(path, session.loaded.problems)
        with failing_cleanly(path):
            verified = session.verified_plan(selectors(select), selectors(ignore))
    report = dataclasses.replace(verified.report, workspace=path)
    for problem in report.problems:
        warn_problem(path)(problem)
    emit(PlanView(report, verified.scenario, verified.applied), fmt, output)
    sys.exit(2 if report.problems else 0)
