"""The built-in registry: the explicit list of built-in rules, plus installed plug-ins.

A plug-in package adds rules through the ``levelset.rules`` entry point group; each entry
point yields a ``Rule`` or an iterable of them.
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib.metadata import EntryPoint, entry_points

from levelset.model import Location, Problem
from levelset.rules import (
    dot,
    dot_events,
    fin,
    job,
    job_events,
    lev,
    lev_events,
    out,
    out_events,
)
from levelset.rules.registry import Registry, RegistryError, Rule

ENTRY_POINT_GROUP = "levelset.rules"
BUILTIN_RULES: tuple[Rule, ...] = (
    *lev.RULES,
    *lev_events.RULES,
    *dot.RULES,
    *dot_events.RULES,
    *out.RULES,
    *out_events.RULES,
    *job.RULES,
    *job_events.RULES,
    *fin.RULES,
)


def builtin_registry(*, plugins: bool = True) -> Registry:
    """A fresh registry with every built-in rule and, unless ``plugins`` is false, the
    rules of installed plug-ins. A plug-in that fails to load becomes a problem on
    ``registry.problems`` instead of stopping the run."""
    registry = Registry()
    for builtin in BUILTIN_RULES:
        registry.register(builtin)
    if plugins:
        for point in entry_points(group=ENTRY_POINT_GROUP):
            _register_plugin(registry, point)
    return registry


def _register_plugin(registry: Registry, point: EntryPoint) -> None:
    where = Location(f"<plug-in {point.value}>")
    try:
        loaded = point.load()
        found = [loaded] if isinstance(loaded, Rule) else list(_rules_in(loaded))
        for plugin_rule in found:
            registry.register(plugin_rule)
    except Exception as error:  # a broken plug-in must not stop the built-in rules
        registry.problems.append(
            Problem(where, f"rule plug-in {point.name!r} could not be loaded: {error}")
        )


def _rules_in(loaded: object) -> Iterable[Rule]:
    if not isinstance(loaded, Iterable):
        raise RegistryError("the entry point must yield a Rule or an iterable of Rules")
    for item in loaded:
        if not isinstance(item, Rule):
            raise RegistryError(f"{item!r} is not a Rule")
        yield item
