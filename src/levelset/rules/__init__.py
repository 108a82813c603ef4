"""The rule catalogue: every built-in rule, registered exactly as a plug-in would be.

A plug-in package adds rules through the ``levelset.rules`` entry point group; each entry
point yields a ``Rule`` or an iterable of them.
"""

from levelset.rules.builtin import BUILTIN_RULES, ENTRY_POINT_GROUP, builtin_registry
from levelset.rules.context import RuleContext
from levelset.rules.registry import (
    DOC_SECTIONS,
    FAMILIES,
    Registry,
    RegistryError,
    Rule,
    rule,
)
from levelset.rules.runner import resolve_options, run_rules, sort_findings

__all__ = [
    "BUILTIN_RULES",
    "DOC_SECTIONS",
    "ENTRY_POINT_GROUP",
    "FAMILIES",
    "Registry",
    "RegistryError",
    "Rule",
    "RuleContext",
    "builtin_registry",
    "resolve_options",
    "rule",
    "run_rules",
    "sort_findings",
]
