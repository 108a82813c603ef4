"""The ``levelset`` command. One module per command group keeps each one small."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import click

from levelset.cli._process import leave, may_leave, tune_collector
from levelset.cli.catalogue import explain, rules_command
from levelset.cli.check import check
from levelset.cli.finance import finance_command
from levelset.cli.history import diff
from levelset.cli.import_command import import_group
from levelset.cli.init_command import init
from levelset.cli.line_of_sight import line_of_sight
from levelset.cli.partner_command import partner
from levelset.cli.plan_command import plan_command
from levelset.cli.report_command import report_command
from levelset.cli.scenario_command import scenario_command
from levelset.cli.trend import trend
from levelset.cli.views import org, tree
from levelset.report.formats import default_formats
from levelset.version import __version__

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint


class _Levelset(click.Group):
    """The ``levelset`` group, with the commands of the ``levelset.commands`` entry point
    group (the web app's ``serve`` and ``users``) loaded only when named or listed: the
    command line never imports the web app, and a check does not pay for loading it.

    Run as the process's own command line, it tunes the cyclic collector and ends the
    process without the interpreter's teardown (``cli._process``)."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """``click.Group.main``; with the process's own arguments (``args`` not given,
        standalone), the collector tuned and the process left as ``_process.leave``
        says (unless a plugged command, the web app, ran: it ends as it always has)."""
        if args is not None or not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        tune_collector()
        try:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        except SystemExit as done:
            if self._plugged_ran or not may_leave():
                raise
            leave(done.code)

    _plugged_ran = False

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *(p.name for p in _plugged())})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        found = super().get_command(ctx, cmd_name)
        if found is not None:
            return found
        for point in _plugged():
            if point.name == cmd_name:
                self._plugged_ran = True
                return _load(point)
        return None


def _plugged() -> list[EntryPoint]:
    """The entry points of the ``levelset.commands`` group (not loaded)."""
    from importlib.metadata import entry_points  # noqa: PLC0415

    return list(entry_points(group="levelset.commands"))


def _load(point: EntryPoint) -> click.Command | None:
    """The command ``point`` names; ``None``, said on stderr, when it cannot be loaded."""
    try:
        command = point.load()
    except Exception as error:  # a broken plug-in must not stop the CLI
        click.echo(f"warning: command {point.name!r} could not be loaded: {error}", err=True)
        return None
    return command if isinstance(command, click.Command) else None


@click.group(cls=_Levelset, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="levelset")
def main() -> None:
    """levelset: every outcome at the right level, with one accountable owner.

    Check an organization written as plain files (a workspace folder) against the rules
    of leveling, connecting the dots, outsourced functions and "not your job".
    """
    # a format plug-in that failed to load is left out of --format; say why, once a run
    for problem in default_formats().problems:
        click.echo(f"warning: {problem}", err=True)


for command in (
    check,
    plan_command,
    scenario_command,
    finance_command,
    trend,
    line_of_sight,
    partner,
    diff,
    report_command,
    rules_command,
    explain,
    init,
    tree,
    org,
    import_group,
):
    main.add_command(command)


__all__ = ["main"]
