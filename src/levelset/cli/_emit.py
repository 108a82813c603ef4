"""What the view commands share: the ``--format``, ``-o`` and ``--engine`` options,
rendering a view through the format registry, progress and failing cleanly.

A command parses its arguments, makes one call that produces a result, builds a view
(``report.views``) and hands it to ``emit``. The heavy imports (the API, rich) happen
inside the functions, so that ``levelset --help`` imports none of them.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from levelset.cli._io import exit_with_problems, fail, make_console, write_atomically
from levelset.report.formats import default_formats

if TYPE_CHECKING:
    from levelset.model import Problem

F = TypeVar("F", bound=Callable[..., Any])

#: A progress callback: told what a long event run is doing.
Progress = Callable[[str], None]


def format_option(view: type[Any], help_text: str | None = "How to print it.") -> Callable[[F], F]:
    """``--format``: the registered formats that can render ``view``, ``text`` first."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(default_formats().names_for(view)),
        default="text",
        show_default=True,
        help=help_text,
    )


def output_option(help_text: str = "Write to FILE instead of the terminal.") -> Callable[[F], F]:
    """``--output``/``-o``: write the rendering to a file (atomically) instead."""
    return click.option(
        "--output",
        "-o",
        type=click.Path(dir_okay=False, path_type=Path),
        help=help_text,
    )


engine_option = click.option(
    "--engine",
    metavar="URL",
    help="Where to compute the event figures: duckdb:// (in-process), "
    "postgres://user:password@host:port/database, spark (in-process Spark) or "
    "sc://host:port (Spark Connect) [default: [data] engine of levelset.toml, else duckdb://].",
)


def emit(view: object, fmt: str, output: Path | None = None, *, noun: str = "") -> None:
    """Print ``view`` in the format ``fmt``, or write it to ``output`` (saying so on
    stderr: ``wrote json report to FILE`` with ``noun="report"``).

    Text goes through rich: in colour on a terminal, plain and 120 wide when piped.
    """
    rendering = default_formats().render(fmt, view)
    if isinstance(rendering, str):
        rendered = rendering
    elif output is None:
        rendering(make_console())
        return
    else:
        buffer = io.StringIO()
        rendering(make_console(buffer))
        rendered = buffer.getvalue()
    if output is None:
        click.echo(rendered, nl=False)
        return
    write_atomically(output, rendered)
    click.echo(f"wrote {fmt}{f' {noun}' if noun else ''} to {output}", err=True)


def progress_printer() -> Progress | None:
    """Tell a person at a terminal what a long event run is doing (on stderr)."""
    from rich.text import Text  # noqa: PLC0415 - rich only when a command runs

    console = make_console(stderr=True)
    if not console.is_terminal:
        return None
    return lambda message: console.print(Text(f"{message}…", style="dim"))


def warn_problem(path: Path) -> Callable[[Problem], None]:
    """Print a problem in the event data on stderr: the figures leave its rows out."""
    from levelset.report._common import problem_line  # noqa: PLC0415

    def warn(problem: Problem) -> None:
        line = problem_line(path, problem.location, problem.message, problem.hint)
        click.echo(f"warning: {line}", err=True)

    return warn


@contextmanager
def failing_cleanly(path: Path) -> Iterator[None]:
    """Turn the service's one error into a clear message and its exit status: the
    problems (with their places) of an unreadable workspace, or a line for wrong usage."""
    from levelset.service import LevelsetError  # noqa: PLC0415 - only for commands that compute

    try:
        yield
    except LevelsetError as error:
        if error.problems:
            exit_with_problems(path, error.problems, error.exit_status)
        fail(error.message, error.exit_status)
