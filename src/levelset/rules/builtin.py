"""The built-in registry: the explicit list of built-in families and rules, plus
installed plug-ins.

A plug-in package adds rules through the ``levelset.rules`` entry point group; each entry
point yields a ``Rule``, a ``Family`` or an iterable of them (a new family's rules come
with their ``Family``). The built-in catalogue is registered by the same function.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
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
from levelset.rules.registry import Family, Registry, RegistryError, Rule

ENTRY_POINT_GROUP = "levelset.rules"
BUILTIN_FAMILIES: tuple[Family, ...] = (
    lev.FAMILY,
    dot.FAMILY,
    out.FAMILY,
    job.FAMILY,
    fin.FAMILY,
)
#: The built-in families' titles by prefix. Prefer ``registry.families``: it has the
#: plug-ins' families too.
FAMILIES: dict[str, str] = {family.prefix: family.title for family in BUILTIN_FAMILIES}
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
    register_catalogue(registry, (*BUILTIN_FAMILIES, *BUILTIN_RULES))
    if plugins:
        for point in entry_points(group=ENTRY_POINT_GROUP):
            _register_plugin(registry, point)
    return registry


def register_catalogue(registry: Registry, items: Sequence[Family | Rule]) -> None:
    """Register ``items`` in ``registry``: the families first, then the rules, each in the
    order given. The built-in catalogue and every plug-in's go through here."""
    for family in (item for item in items if isinstance(item, Family)):
        registry.register_family(family)
    for each in (item for item in items if isinstance(item, Rule)):
        registry.register(each)


def _register_plugin(registry: Registry, point: EntryPoint) -> None:
    where = Location(f"<plug-in {point.value}>")
    try:
        loaded = point.load()
        found = [loaded] if isinstance(loaded, Rule | Family) else list(_items_in(loaded))
        register_catalogue(registry, found)
    except Exception as error:  # a broken plug-in must not stop the built-in rules
        registry.problems.append(
            Problem(where, f"rule plug-in {point.name!r} could not be loaded: {error}")
        )


def _items_in(loaded: object) -> Iterable[Family | Rule]:
    if not isinstance(loaded, Iterable):
        raise RegistryError("the entry point must yield a Rule, a Family or an iterable of them")
    for item in loaded:
        if not isinstance(item, Rule | Family):
            raise RegistryError(f"{item!r} is neither a Rule nor a Family")
        yield item
