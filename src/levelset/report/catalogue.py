"""The rule catalogue (``levelset rules``) and one rule in full (``levelset explain``)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text

from levelset.report.text import SEVERITY_STYLE
from levelset.rules.docs import render_markdown

if TYPE_CHECKING:
    from rich.console import Console

    from levelset.report.formats import Printer
    from levelset.report.views import RulesView, RuleView
    from levelset.rules.registry import Rule


def rule_to_dict(rule: Rule) -> dict[str, object]:
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


def rules_json(view: RulesView) -> str:
    """Every rule as a JSON list, ending with a newline."""
    return json.dumps([rule_to_dict(r) for r in view.registry], indent=2) + "\n"


def rules_markdown(view: RulesView) -> str:
    """The catalogue as Markdown: the text of ``docs/rules.md``."""
    return render_markdown(view.registry)


def _print_rules(view: RulesView, console: Console) -> None:
    # two columns, the summary under the name, so a rule reads on one glance at 80 columns
    table = Table(show_header=True, header_style="bold")
    table.add_column("code", no_wrap=True)
    table.add_column("rule")
    for rule in view.registry:
        code = Text(rule.code, style="bold")
        code.append("\n" + rule.severity.value, style=SEVERITY_STYLE[rule.severity])
        cell = Text(rule.name, style="bold")
        cell.append("\n" + rule.summary)
        table.add_row(code, cell)
    console.print(table)
    console.print(f"{len(view.registry)} rules. `levelset explain CODE` shows one in full.")


def rules_text(view: RulesView) -> Printer:
    """The catalogue for the terminal: code and severity beside name and summary."""
    return lambda console: _print_rules(view, console)


def _print_rule(view: RuleView, console: Console) -> None:
    rule = view.rule
    heading = Text(f"{rule.code} {rule.name}", style="bold")
    heading.append(f"  {rule.severity.value}", style=SEVERITY_STYLE[rule.severity])
    heading.append(f" · family {rule.family} ({view.family_title}) · {rule.status}", style="dim")
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


def rule_text(view: RuleView) -> Printer:
    """One rule in full for the terminal: heading, documentation, options."""
    return lambda console: _print_rule(view, console)
