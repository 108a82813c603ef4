"""``levelset import``: bring a client's roster, goals sheet and RACI matrix in.

Every subcommand reads the file, merges it into the workspace's YAML (keeping what was
written by hand), and then: writes at once into a new workspace; into an existing one,
shows the diff and writes only with ``--yes``; with ``--dry-run``, only shows.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

from levelset.cli._io import fail

_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)
_INTO = click.Path(file_okay=False, path_type=Path)
_Command = TypeVar("_Command", bound=Callable[..., None])


def _options(command: _Command) -> _Command:
    command = click.option(
        "--yes", "-y", is_flag=True, help="Write the changes into an existing workspace."
    )(command)
    command = click.option(
        "--dry-run", is_flag=True, help="Show what would change; write nothing."
    )(command)
    command = click.option(
        "--into",
        "workspace",
        type=_INTO,
        default=Path("."),
        show_default=True,
        help="The workspace folder (made when it does not exist).",
    )(command)
    return click.argument("file", type=_FILE)(command)


@click.group("import", short_help="Import a roster, goals or a RACI matrix.")
def import_group() -> None:
    """Bring the organization in from the files a client already has: an HRIS roster
    export, a goals spreadsheet, a RACI matrix (CSV or XLSX)."""


@import_group.command("roster", short_help="People and seats from an HRIS roster export.")
@_options
def roster(file: Path, workspace: Path, dry_run: bool, yes: bool) -> None:
    """People and seats from a roster export (BambooHR, Rippling, Gusto, HiBob, Workday,
    or a sheet with name, email, title, department and manager)."""
    _run("import_roster", file, workspace, dry_run=dry_run, yes=yes)


@import_group.command("goals", short_help="Goals from an objectives and key results sheet.")
@_options
def goals(file: Path, workspace: Path, dry_run: bool, yes: bool) -> None:
    """Goals from a spreadsheet of objectives and key results (owner, period, start,
    target, current, unit), owners matched to seats by their holder's name or e-mail."""
    _run("import_goals", file, workspace, dry_run=dry_run, yes=yes)


@import_group.command("responsibilities", short_help="Responsibilities from a RACI matrix.")
@_options
def responsibilities(file: Path, workspace: Path, dry_run: bool, yes: bool) -> None:
    """Responsibilities from a RACI matrix: a row per piece of work, a column per seat
    or person, cells R, A, C or I."""
    _run("import_responsibilities", file, workspace, dry_run=dry_run, yes=yes)


def _run(importer: str, file: Path, workspace: Path, *, dry_run: bool, yes: bool) -> None:
    """Run the importer named ``importer`` (of ``load.importers``), show what it found,
    and write the files when the user consents."""
    # The readers (openpyxl, ruamel.yaml) only when an import runs: --help stays fast.
    from levelset.load import importers  # noqa: PLC0415
    from levelset.load.yamledit import YamlEditError  # noqa: PLC0415

    chosen = {
        "import_roster": importers.import_roster,
        "import_goals": importers.import_goals,
        "import_responsibilities": importers.import_responsibilities,
    }[importer]
    try:
        outcome = chosen(file, workspace)
    except (importers.SheetError, YamlEditError) as error:
        fail(str(error))
    for line in outcome.summary:
        click.echo(line)
    for problem in outcome.problems:
        where = f"{problem.location.file}:{problem.location.line or ''}".rstrip(":")
        hint = f" ({problem.hint})" if problem.hint else ""
        click.echo(f"{where}: {problem.message}{hint}")
    if outcome.to_confirm:
        click.echo(f"Confirm the level of {len(outcome.to_confirm)} new seats:")
        for line in outcome.to_confirm:
            click.echo(f"  {line}")
    if not outcome.changed:
        click.echo(f"Nothing to change: {workspace} already holds what {file.name} says.")
        return
    fresh = not any(f.original.strip() for f in outcome.files.files)
    if dry_run or not (fresh or yes):
        click.echo(outcome.files.diff(), nl=False)
        if dry_run:
            click.echo("Dry run: nothing written.")
        else:
            click.echo(f"{workspace} exists: run again with --yes to write these changes.")
        return
    try:
        written = outcome.files.write()
    except (OSError, YamlEditError) as error:
        fail(f"nothing more written: {error}")
    click.echo(f"Wrote {', '.join(str(path) for path in written)}.")
    click.echo(f"Next: levelset check {workspace}")
