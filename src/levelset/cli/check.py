"""``levelset check``: diagnose a workspace and print the report."""

from __future__ import annotations

import dataclasses
import io
import sys
from pathlib import Path

import click

from levelset import analysis, api
from levelset.cli._emit import engine_option, progress_printer
from levelset.cli._io import make_console, write_atomically
from levelset.model import Report, Severity
from levelset.report import FORMATS, render_github, render_json, render_markdown, render_text


def selectors(values: tuple[str, ...]) -> tuple[str, ...]:
    """``--select LEV,DOT001 --select OUT`` → ``("LEV", "DOT001", "OUT")``."""
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def _render(report: Report, fmt: str, to_file: bool) -> str | None:
    """The report as text; ``None`` when it was printed straight to the terminal."""
    families = dict(api.FAMILIES)
    if fmt == "json":
        return render_json(report)
    if fmt == "markdown":
        return render_markdown(report, families)
    if fmt == "github":
        return render_github(report)
    if to_file:
        buffer = io.StringIO()
        render_text(report, make_console(buffer), families)
        return buffer.getvalue()
    render_text(report, make_console(), families)
    return None


def _save(path: Path, report: Report, *, readable: bool) -> None:
    """Store the report as a snapshot, or say on stderr why it was not stored."""
    if not readable:
        click.echo("not saved: the workspace could not be read", err=True)
        return
    try:
        saved = analysis.save_snapshot(report, path)
    except analysis.SnapshotError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(2)
    click.echo(f"saved snapshot {saved.stem} to {saved.parent}", err=True)


@click.command(short_help="Check a workspace; print findings and a plan.")
@click.argument("path", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="How to print the report.",
)
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
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to FILE instead of the terminal.",
)
@click.option(
    "--save",
    is_flag=True,
    help="Also store the report as a dated snapshot in PATH/.levelset/snapshots "
    "(`levelset diff PATH` compares the last two).",
)
@engine_option
def check(
    *,
    path: Path,
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

    Exit status: 0 when no finding reaches the failing severity, 1 when one does,
    2 when the workspace cannot be read or the command is used wrongly. With
    --exit-zero, findings never fail the command (for a first look, or a report job).
    """
    loaded = api.load(path)
    try:
        report = api.check(
            loaded,
            select=selectors(select),
            ignore=selectors(ignore),
            engine=engine,
            progress=progress_printer(),
        )
    except api.UsageError as error:
        raise click.UsageError(str(error)) from None
    report = dataclasses.replace(report, workspace=path)
    threshold = Severity.parse(fail_on) if fail_on else api.fail_on_setting(loaded.workspace)
    text = _render(report, fmt, to_file=output is not None)
    if output is not None and text is not None:
        write_atomically(output, text)
        click.echo(f"wrote {fmt} report to {output}", err=True)
    elif text is not None:
        click.echo(text, nl=False)
    if save:
        _save(path, report, readable=not loaded.problems)
    status = api.exit_status(report, threshold)
    sys.exit(0 if exit_zero and status == 1 else status)
