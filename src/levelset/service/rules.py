"""Which rules a question runs: the registry, the caller's selectors and those of
``levelset.toml``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import cache

from levelset.model import Location, Problem, Workspace
from levelset.model.acceptance import Acceptance
from levelset.model.suggest import did_you_mean
from levelset.rules import builtin_registry
from levelset.rules.registry import Registry, Rule
from levelset.service.errors import UsageError

_TOML_FILE = "levelset.toml"


@cache
def default_registry() -> Registry:
    """The built-in rule registry, with the plug-ins installed (built once)."""
    return builtin_registry()


def chosen_rules(
    registry: Registry, workspace: Workspace, select: Sequence[str], ignore: Sequence[str]
) -> list[Rule]:
    """The rules ``select``/``ignore`` choose; when the caller gives none, those of
    ``levelset.toml``. Raises ``UsageError`` for a selector of the caller's that matches
    no rule (one of ``levelset.toml`` is a problem of the workspace instead)."""
    require_known(registry, select, "--select")
    require_known(registry, ignore, "--ignore")
    settings = workspace.settings
    return registry.select(tuple(select) or settings.select, tuple(ignore) or settings.ignore)


def find_rule(registry: Registry, key: str) -> Rule:
    """A rule by code (``LEV002``) or name (``level-gap``); ``UsageError`` with a
    did-you-mean when there is none."""
    found = registry.get(key)
    if found is None:
        raise UsageError(f"no rule {key!r}{_suggest(registry, key)}")
    return found


def require_known(registry: Registry, selectors: Sequence[str], flag: str) -> None:
    """Raise ``UsageError`` naming the first selector that matches no rule."""
    unknown = _unknown(registry, selectors)
    if unknown:
        first = unknown[0]
        raise UsageError(f"{flag}: {first!r} matches no rule{_suggest(registry, first)}")


def settings_problems(registry: Registry, workspace: Workspace) -> Iterator[Problem]:
    """Selectors in ``levelset.toml`` that match no rule: problems placed at their line."""
    settings = workspace.settings
    for key, selectors in (("select", settings.select), ("ignore", settings.ignore)):
        where = settings.check_locations.get(key, Location(_TOML_FILE))
        for unknown in _unknown(registry, selectors):
            yield Problem(
                where,
                f"[check] {key}: {unknown!r} matches no rule",
                _suggest(registry, unknown).removeprefix("; "),
            )


def acceptance_problems(registry: Registry, acceptances: Iterable[Acceptance]) -> Iterator[Problem]:
    """Accepted findings whose code names no rule: a typo would accept nothing, silently."""
    for acceptance in acceptances:
        if registry.get(acceptance.code) is None:
            yield Problem(
                acceptance.location or Location(_TOML_FILE),
                f"accepted finding {acceptance.code}: no rule has this code",
                _suggest(registry, acceptance.code).removeprefix("; "),
            )


def _unknown(registry: Registry, selectors: Iterable[str]) -> list[str]:
    cleaned = [s.strip() for s in selectors if s.strip()]
    return registry.unknown_selectors(cleaned)


def _suggest(registry: Registry, key: str) -> str:
    names: list[str] = []
    for each in registry:
        names += [each.code, each.name]
    names += sorted({each.family for each in registry})
    return did_you_mean(
        key, names, fold=True, contains=False, otherwise="; `levelset rules` lists them all"
    )
