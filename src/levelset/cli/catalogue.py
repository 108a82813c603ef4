"""``levelset rules`` and ``levelset explain``: the rule catalogue.

Both read the rule registry (``levelset.rules``) directly rather than through the API:
importing the API imports the loader and the event readers, and these commands compute
nothing, so they must start fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from levelset.cli._emit import emit, format_option
from levelset.cli._io import fail
from levelset.report.views import RulesView, RuleView

if TYPE_CHECKING:
    from levelset.rules.registry import Registry


def _registry() -> Registry:
    """The built-in rules and those of installed plug-ins."""
    from levelset.service import default_registry  # noqa: PLC0415 - the rules when run

    return default_registry()


def _families() -> dict[str, str]:
    """Every family's title by prefix: the built-in ones and the plug-ins'."""
    return dict(_registry().families)


@click.command("rules")
@format_option(RulesView, None)
def rules_command(fmt: str) -> None:
    """List every rule: code, name, severity and summary."""
    emit(RulesView(_registry(), _families()), fmt)


@click.command(short_help="Show a rule's full documentation and options.")
@click.argument("code")
def explain(code: str) -> None:
    """Show the full documentation and options of the rule CODE (or its NAME)."""
    registry = _registry()
    rule = registry.get(code)
    if rule is None:
        from levelset.service import UsageError, find_rule  # noqa: PLC0415 - on a miss

        try:
            rule = find_rule(registry, code)
        except UsageError as error:
            fail(str(error))
    title = _families().get(rule.family, rule.family)
    emit(RuleView(rule, title), "text")
