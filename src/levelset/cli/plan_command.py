"""``levelset plan``: the plan alone — transfers, seats, stop doing, partner actions."""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path

import click
from rich.console import Console

from levelset import api
from levelset.cli._emit import (
    FORMAT_CHOICES,
    emit,
    engine_option,
    exit_with_problems,
    failing_cleanly,
    output_option,
    progress_printer,
    warn_problem,
)
from levelset.cli._io import write_atomically
from levelset.cli.check import selectors
from levelset.model import Report
from levelset.model.comparison import ScenarioComparison
from levelset.plan.scenario import plan_scenario
from levelset.report.plan_view import plan_view_to_dict, render_plan_markdown, render_plan_text
from levelset.report.scenario import (
    applied_markdown,
    applied_to_dict,
    render_applied_text,
    render_scenario_file,
)
from levelset.service import Session
from levelset.service.scenarios import compare_with


@click.command("plan", short_help="Print the plan: transfers, seats, stop doing, partners.")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--select", multiple=True, metavar="CODE,...", help="Plan from these rules only.")
@click.option("--ignore", multiple=True, metavar="CODE,...", help="Leave these rules out.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice((*FORMAT_CHOICES, "scenario")),
    default="text",
    show_default=True,
    help="How to print it; scenario: as a scenario file for `levelset scenario`.",
)
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
    chosen, left_out = selectors(select), selectors(ignore)
    with failing_cleanly(path), Session(loaded, engine=engine, progress=progress_printer()) as s:
        report = s.plan(chosen, left_out)
        scenario = plan_scenario(loaded.workspace, report.plan, report.findings)
        # The plan is verified by applying it: what it closes and what it opens.
        applied = compare_with(
            s, report, loaded.workspace, scenario, select=chosen, ignore=left_out
        )
    report = dataclasses.replace(report, workspace=path)
    for problem in report.problems:
        warn_problem(path)(problem)
    if fmt == "scenario":  # the plan as operations, to edit and apply
        text = render_scenario_file(scenario)
        if output is None:
            click.echo(text, nl=False)
        else:
            write_atomically(output, text)
            click.echo(f"wrote scenario to {output}", err=True)
        sys.exit(2 if report.problems else 0)
    emit(
        fmt,
        output,
        text=lambda console: _text(report, applied, console),
        json=lambda: _json(report, applied),
        markdown=lambda: render_plan_markdown(report) + "\n" + applied_markdown(applied),
    )
    sys.exit(2 if report.problems else 0)


def _json(report: Report, applied: ScenarioComparison) -> str:
    """The plan view's JSON with what applying the plan closes and opens."""
    return (
        json.dumps(
            {**plan_view_to_dict(report), "applied": applied_to_dict(applied)},
            indent=2,
            ensure_ascii=False,
        )
        + "\n"
    )


def _text(report: Report, applied: ScenarioComparison, console: Console) -> None:
    render_plan_text(report, console)
    render_applied_text(applied, console)
