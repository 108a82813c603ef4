"""``levelset rules`` and ``levelset explain``: the rule catalogue."""

from __future__ import annotations

import json

import click
from rich.table import Table
from rich.text import Text

from levelset import api
from levelset.cli._io import fail, make_console
from levelset.report.text import SEVERITY_STYLE


def rule_to_dict(rule: api.Rule) -> dict[str, object]:
    """A rule as plain data for ``rules --format json``."""
    return {
        "code": rule.code,
        "name": rule.name,
        "family": rule.family,
        "severity": rule.severity.value,
        "status": rule.status,
        "summary": rule.summary,
        "options": dict(rule.options),
    }


@click.command("rules")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
)
def rules_command(fmt: str) -> None:
    """List every rule: code, name, severity and summary."""
    registry = api.default_registry()
    if fmt == "json":
        click.echo(json.dumps([rule_to_dict(r) for r in registry], indent=2))
        return
    if fmt == "markdown":
        click.echo(api.rules_markdown(registry), nl=False)
        return
    # two columns, the summary under the name, so a rule reads on one glance at 80 columns
    table = Table(show_header=True, header_style="bold")
    table.add_column("code", no_wrap=True)
    table.add_column("rule")
    for rule in registry:
        code = Text(rule.code, style="bold")
        code.append("\n" + rule.severity.value, style=SEVERITY_STYLE[rule.severity])
        cell = Text(rule.name, style="bold")
        cell.append("\n" + rule.summary)
        table.add_row(code, cell)
    console = make_console()
    console.print(table)
    console.print(f"{len(registry)} rules. `levelset explain CODE` shows one in full.")


@click.command(short_help="Show a rule's full documentation and options.")
@click.argument("code")
def explain(code: str) -> None:
    """Show the full documentation and options of the rule CODE (or its NAME)."""
    try:
        rule = api.find_rule(code)
    except api.UsageError as error:
        fail(str(error))
    console = make_console()
    heading = Text(f"{rule.code} {rule.name}", style="bold")
    heading.append(f"  {rule.severity.value}", style=SEVERITY_STYLE[rule.severity])
    family = api.FAMILIES.get(rule.family, rule.family)
    heading.append(f" · family {rule.family} ({family}) · {rule.status}", style="dim")
    console.print(heading)
    console.print()
    console.print(Text(rule.doc))
    console.print()
    if not rule.options:
        console.print("Options: none.")
    else:
        console.print(Text(f"Options (set them in levelset.toml under [rules.{rule.code}]):"))
        for name, default in rule.options.items():
            console.print(Text(f"  {name} = {json.dumps(default)}"))
    if rule.needs_events:
        console.print(Text("Needs event data (time entries or calendars) to fire.", style="dim"))
