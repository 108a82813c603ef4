"""``levelset rules`` and ``levelset explain``: the rule catalogue.

Both read the rule registry (``levelset.rules``) directly rather than through the API:
importing the API imports the loader and the event readers, and these commands compute
nothing, so they must start fast.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

import click

from levelset.cli._emit import emit, format_option
from levelset.cli._io import fail
from levelset.report.views import RulesView, RuleView

if TYPE_CHECKING:
    from levelset.rules.registry import Registry


@cache
def _registry() -> Registry:
    """The built-in rules and those of installed plug-ins (as ``api.default_registry``)."""
    from levelset.rules import builtin_registry  # noqa: PLC0415 - the rules when run

    return builtin_registry()


def _families() -> dict[str, str]:
    from levelset.rules import FAMILIES  # noqa: PLC0415 - the rules when run

    return dict(FAMILIES)


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
        # the did-you-mean lives with the API; importing it is worth it only on a miss
        from levelset import api  # noqa: PLC0415

        try:
            rule = api.find_rule(code, registry)
        except api.UsageError as error:
            fail(str(error))
    title = _families().get(rule.family, rule.family)
    emit(RuleView(rule, title), "text")
