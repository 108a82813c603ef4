"""What every command shares: the console, failing cleanly, writing files safely.

rich and the API are imported inside the functions: every command module imports this
one, and ``levelset --help`` must stay fast.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import IO, TYPE_CHECKING, NoReturn

import click

if TYPE_CHECKING:
    from rich.console import Console

    from levelset.model import Problem, Workspace

#: Width used when the output is not a terminal, so piped tables are not squeezed to 80.
PIPE_WIDTH = 120


def make_console(file: IO[str] | None = None, *, stderr: bool = False) -> Console:
    """A rich console: colour only on a terminal, a fixed width when piped."""
    from rich.console import Console  # noqa: PLC0415 - rich only when something is printed

    console = Console(file=file, stderr=stderr, highlight=False, soft_wrap=False)
    if not console.is_terminal and "COLUMNS" not in os.environ:
        console.width = PIPE_WIDTH
    return console


def fail(message: str, status: int = 2) -> NoReturn:
    """Report wrong usage or an unreadable input as one line on stderr and exit 2."""
    click.echo(f"error: {message}", err=True)
    sys.exit(status)


def exit_with_problems(path: Path, problems: tuple[Problem, ...], status: int = 2) -> NoReturn:
    """Print the problems that stopped a command (``file:line: message``) and exit 2."""
    from levelset.model import Report  # noqa: PLC0415 - imported when there are problems
    from levelset.report.text import print_problems  # noqa: PLC0415

    report = Report(workspace=path, problems=problems)
    print_problems(make_console(stderr=True), report, problems)
    sys.exit(status)


def load_or_exit(path: Path) -> Workspace:
    """Load the workspace; when it cannot be read, print its problems and exit 2."""
    from levelset.service import Session  # noqa: PLC0415 - the loader only for commands that load

    loaded = Session(path).loaded
    if loaded.problems:
        exit_with_problems(path, loaded.problems)
    return loaded.workspace


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename: never half-written."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, temp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        fail(f"cannot write {path}: {error.strerror or error}")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        # mkstemp makes the file private (0600): give it the mode the file had, or the
        # one the user's umask gives any new file, as a shell redirection would.
        os.chmod(temp, file_mode(path))
        os.replace(temp, path)
    except OSError as error:
        Path(temp).unlink(missing_ok=True)
        fail(f"cannot write {path}: {error.strerror or error}")


def file_mode(path: Path) -> int:
    """The mode to write ``path`` with: the one it has, else what the umask allows."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        return umask_mode()


def umask_mode() -> int:
    """The mode a new file gets under the user's umask (0644 under the usual 022)."""
    umask = os.umask(0)  # the only way to read it is to set it: set it straight back
    os.umask(umask)
    return 0o666 & ~umask
