"""``levelset scenario``: what a scenario would change; ``levelset scenario apply``:
write it into the workspace's YAML files."""

from __future__ import annotations

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
from levelset.cli._io import exit_with_problems, fail
from levelset.cli.check import selectors
from levelset.report.views import ScenarioView


class _ScenarioGroup(click.Group):
    """``levelset scenario WORKSPACE FILE`` shows; ``levelset scenario apply ...`` writes."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help"):
            args = ["show", *args]
        return super().parse_args(ctx, args)


@click.group(
    "scenario",
    cls=_ScenarioGroup,
    short_help="Show what a scenario closes, opens and costs; apply it.",
)
def scenario_command() -> None:
    """Try a scenario (a YAML file of operations; docs/format.md describes it) on a
    workspace: `levelset scenario WORKSPACE FILE` shows the findings it closes, opens and
    keeps, the hours a week it frees or adds per person, the cost difference and the
    seats to fill. `levelset scenario apply WORKSPACE FILE` writes it into the workspace.

    FILE may be `plan`: the workspace's own plan (`levelset plan WORKSPACE --format
    scenario -o FILE` writes it to a file to edit first).
    """


@scenario_command.command("show")
@click.argument("path", type=click.Path(path_type=Path))
@click.argument("file")
@click.option("--select", multiple=True, metavar="CODE,...", help="Check these rules only.")
@click.option("--ignore", multiple=True, metavar="CODE,...", help="Leave these rules out.")
@format_option(ScenarioView)
@engine_option
@output_option()
def show(
    *,
    path: Path,
    file: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fmt: str,
    engine: str | None,
    output: Path | None,
) -> None:
    """What the scenario in FILE does to the workspace at PATH. Exit status 2 when the
    workspace or the scenario has problems, 1 when an operation could not apply."""
    from levelset.service import Session  # noqa: PLC0415 - the engine only when it runs

    with failing_cleanly(path), Session(path, engine=engine, progress=progress_printer()) as s:
        loaded = s.loaded
        if loaded.problems:
            exit_with_problems(path, loaded.problems)
        source = file if file == "plan" and not Path(file).is_file() else Path(file)
        comparison = s.scenario(source, selectors(select), selectors(ignore))
    emit(ScenarioView(comparison), fmt, output)
    sys.exit(1 if comparison.applied.problems else 0)


@scenario_command.command("apply")
@click.argument("path", type=click.Path(path_type=Path))
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
def apply(*, path: Path, file: Path) -> None:
    """Write the scenario in FILE into the YAML files of the workspace at PATH: only the
    items it changes are rewritten, every other line stays as it is. Nothing is written
    when an operation cannot apply or a file changed while it was being written."""
    from levelset.service import Session  # noqa: PLC0415 - the loader only when it runs
    from levelset.service.scenarios import write_scenario  # noqa: PLC0415

    with failing_cleanly(path):
        done = write_scenario(Session(path, reuse=False), file)
    if done.refused:
        for problem in done.refused:
            warn_problem(path)(problem)
        fail("nothing was written: fix the operations above first")
    for note in done.unwritten:
        click.echo(f"not written: {note}", err=True)
    names = ", ".join(p.name for p in done.written) or "nothing to change"
    click.echo(f"wrote {names}")
