"""The rule catalogue: every built-in family and rule, registered exactly as a plug-in
would be.

A plug-in package adds rules through the ``levelset.rules`` entry point group; each entry
point yields a ``Rule``, a ``Family`` or an iterable of them.
"""

from levelset.rules.builtin import (
    BUILTIN_FAMILIES,
    BUILTIN_RULES,
    ENTRY_POINT_GROUP,
    FAMILIES,
    builtin_registry,
    register_catalogue,
)
from levelset.rules.context import RuleContext
from levelset.rules.registry import (
    DOC_SECTIONS,
    Family,
    Registry,
    RegistryError,
    Rule,
    RuleData,
    needs,
    rule,
)
from levelset.rules.runner import resolve_options, rules_run, run_rules, sort_findings

__all__ = [
    "BUILTIN_FAMILIES",
    "BUILTIN_RULES",
    "DOC_SECTIONS",
    "ENTRY_POINT_GROUP",
    "FAMILIES",
    "Family",
    "Registry",
    "RegistryError",
    "Rule",
    "RuleContext",
    "RuleData",
    "builtin_registry",
    "needs",
    "register_catalogue",
    "resolve_options",
    "rule",
    "rules_run",
    "run_rules",
    "sort_findings",
]
