"""``levelset check``: diagnose a workspace and print the report."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from levelset.cli._emit import emit, engine_option, format_option, output_option, progress_printer
from levelset.model import Severity
from levelset.report.views import CheckView

if TYPE_CHECKING:
    from levelset.model import Report
    from levelset.service import Session


def selectors(values: tuple[str, ...]) -> tuple[str, ...]:
    """``--select LEV,DOT001 --select OUT`` → ``("LEV", "DOT001", "OUT")``."""
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def _save(session: Session, report: Report, *, readable: bool) -> None:
    """Store the report as a snapshot, or say on stderr why it was not stored."""
    if not readable:
        click.echo("not saved: the workspace could not be read", err=True)
        return
    from levelset.plan.snapshots import SnapshotError  # noqa: PLC0415 - only with --save

    try:
        saved = session.save(report)
    except SnapshotError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(2)
    click.echo(f"saved snapshot {saved.stem} to {saved.parent}", err=True)


@click.command(short_help="Check a workspace; print findings and a plan.")
@click.argument("path", type=click.Path(path_type=Path), required=False)
@format_option(CheckView, "How to print the report.")
@click.option(
    "--select",
    multiple=True,
    metavar="CODE,...",
    help="Only these rules: codes (LEV002), families (LEV), prefixes or names.",
)
@click.option("--ignore", multiple=True, metavar="CODE,...", help="Skip these rules.")
@click.option(
    "--fail-on",
    type=click.Choice([s.value for s in Severity]),
    default=None,
    help="Exit 1 when a finding is at least this severe [default: fail_on of "
    "levelset.toml, else error].",
)
@click.option(
    "--exit-zero",
    is_flag=True,
    help="Exit 0 even when findings reach the failing severity (problems still exit 2).",
)
@output_option("Write the report to FILE instead of the terminal.")
@click.option(
    "--save",
    is_flag=True,
    help="Also store the report as a dated snapshot in PATH/.levelset/snapshots "
    "(`levelset diff PATH` compares the last two).",
)
@engine_option
def check(
    *,
    path: Path | None,
    fmt: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str | None,
    exit_zero: bool,
    output: Path | None,
    save: bool,
    engine: str | None,
) -> None:
    """Check the workspace at PATH and print findings and a plan.

    Without PATH, the workspace the command stands in, or the nearest folder above it
    that holds a levelset.toml.

    Exit status: 0 when no finding reaches the failing severity, 1 when one does,
    2 when the workspace cannot be read or the command is used wrongly. With
    --exit-zero, findings never fail the command (for a first look, or a report job).
    """
    from levelset.service import (  # noqa: PLC0415 - the engine and rules only when checking
        Session,
        UsageError,
        exit_status,
        fail_on_setting,
        find_workspace,
    )

    if path is None:
        path = find_workspace()
    with Session(path, engine=engine, progress=progress_printer(), reuse=False) as session:
        try:
            verified = session.verified_plan(selectors(select), selectors(ignore))
        except UsageError as error:
            raise click.UsageError(str(error)) from None
        report = verified.report
        report = dataclasses.replace(report, workspace=path)
        loaded = session.loaded
        threshold = Severity.parse(fail_on) if fail_on else fail_on_setting(loaded.workspace)
        families = dict(session.registry.families)
        view = CheckView(report, families=families, applied=verified.applied)
        emit(view, fmt, output, noun="report")
        if save:
            _save(session, report, readable=not loaded.problems)
    status = exit_status(report, threshold)
    sys.exit(0 if exit_zero and status == 1 else status)
