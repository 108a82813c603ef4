"""``levelset tree`` and ``levelset org``: the goal tree and the seat tree."""

from __future__ import annotations

from pathlib import Path

import click

from levelset.cli._emit import emit, format_option, output_option
from levelset.cli._io import load_or_exit
from levelset.report.views import GoalTreeView, OrgView


@click.command(short_help="Print the goal tree with owners and progress.")
@click.argument("path", type=click.Path(path_type=Path))
@format_option(GoalTreeView)
@output_option()
def tree(path: Path, fmt: str, output: Path | None) -> None:
    """Print the goal tree of PATH: owners, periods, metrics and rolled-up progress."""
    from levelset.report.trees import goal_tree_view  # noqa: PLC0415 - the model when it runs

    emit(goal_tree_view(load_or_exit(path), path), fmt, output)


@click.command(short_help="Print the seat tree: levels, holders, vacancies.")
@click.argument("path", type=click.Path(path_type=Path))
@format_option(OrgView)
@output_option()
def org(path: Path, fmt: str, output: Path | None) -> None:
    """Print the seat tree of PATH: levels, holders, VACANT seats and partners."""
    from levelset.report.trees import org_view  # noqa: PLC0415 - the model when it runs

    emit(org_view(load_or_exit(path), path), fmt, output)
