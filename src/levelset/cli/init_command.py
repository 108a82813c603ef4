"""``levelset init``: scaffold a small commented workspace to start from."""

from __future__ import annotations

from pathlib import Path

import click

from levelset.cli._io import fail


@click.command(short_help="Scaffold a small commented workspace.")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--name", help="The organization's name [default: the folder's name].")
def init(path: Path, name: str | None) -> None:
    """Create a small, commented workspace in PATH (a new or empty folder)."""
    # The scaffold itself, not ``api.init`` (the same call): importing the API imports the
    # loader and the event readers, which a new workspace does not need.
    from levelset import scaffold  # noqa: PLC0415 - nothing else to import

    try:
        written = scaffold.write_workspace(path, name)
    except scaffold.ScaffoldError as error:
        fail(str(error))
    click.echo(f"Created a workspace in {path}:")
    for file in written:
        click.echo(f"  {file.relative_to(path).as_posix()}")
    click.echo(f"Next: edit the files, then run `levelset check {path}`.")
