"""What the view commands share: output to the terminal or a file, progress, errors."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

import click
from rich.console import Console
from rich.text import Text

from levelset import analysis, api
from levelset.cli._io import fail, make_console, write_atomically
from levelset.model import Problem, Report
from levelset.report import print_problems
from levelset.report._common import problem_line

FORMAT_CHOICES = ("text", "json", "markdown")

format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMAT_CHOICES),
    default="text",
    show_default=True,
    help="How to print it.",
)
output_option = click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to FILE instead of the terminal.",
)
engine_option = click.option(
    "--engine",
    metavar="URL",
    help="Where to compute the event figures: duckdb:// (in-process) or "
    "postgres://user:password@host:port/database [default: [data] engine of "
    "levelset.toml, else duckdb://].",
)


def emit(
    fmt: str,
    output: Path | None,
    *,
    text: Callable[[Console], None],
    json: Callable[[], str],
    markdown: Callable[[], str],
) -> None:
    """Print (or write to ``output``) the view in ``fmt``; text goes through rich."""
    if fmt == "json":
        rendered = json()
    elif fmt == "markdown":
        rendered = markdown()
    elif output is None:
        text(make_console())
        return
    else:
        buffer = io.StringIO()
        text(make_console(buffer))
        rendered = buffer.getvalue()
    if output is None:
        click.echo(rendered, nl=False)
        return
    write_atomically(output, rendered)
    click.echo(f"wrote {fmt} to {output}", err=True)


def progress_printer() -> api.Progress | None:
    """Tell a person at a terminal what a long event run is doing (on stderr)."""
    console = make_console(stderr=True)
    if not console.is_terminal:
        return None
    return lambda message: console.print(Text(f"{message}…", style="dim"))


def warn_problem(path: Path) -> Callable[[Problem], None]:
    """Print a problem in the event data on stderr: the figures leave its rows out."""

    def warn(problem: Problem) -> None:
        line = problem_line(path, problem.location, problem.message, problem.hint)
        click.echo(f"warning: {line}", err=True)

    return warn


def exit_with_problems(path: Path, problems: tuple[Problem, ...]) -> NoReturn:
    """Print the problems that stopped a view and exit 2."""
    report = Report(workspace=path, problems=problems)
    print_problems(make_console(stderr=True), report, problems)
    sys.exit(2)


@contextmanager
def failing_cleanly(path: Path) -> Iterator[None]:
    """Turn the view errors of ``analysis`` into one clear message and exit status 2."""
    try:
        yield
    except analysis.WorkspaceError as error:
        exit_with_problems(path, error.problems)
    except api.UsageError as error:
        fail(str(error))
