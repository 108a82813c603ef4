"""``levelset tree`` and ``levelset org``: the goal tree and the seat tree."""

from __future__ import annotations

from pathlib import Path

import click

from levelset.cli._io import load_or_exit, make_console
from levelset.report import goal_tree, org_tree


@click.command(short_help="Print the goal tree with owners and progress.")
@click.argument("path", type=click.Path(path_type=Path))
def tree(path: Path) -> None:
    """Print the goal tree of PATH: owners, periods, metrics and rolled-up progress."""
    workspace = load_or_exit(path)
    make_console().print(goal_tree(workspace))


@click.command(short_help="Print the seat tree: levels, holders, vacancies.")
@click.argument("path", type=click.Path(path_type=Path))
def org(path: Path) -> None:
    """Print the seat tree of PATH: levels, holders, VACANT seats and partners."""
    workspace = load_or_exit(path)
    make_console().print(org_tree(workspace))
