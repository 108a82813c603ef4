"""Families register like rules: the built-in five through the same call a plug-in uses,
a plug-in's own family shows in the registry and in the generated catalogue, and a rule
of an unregistered family is refused. The data each rule needs is declared."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from levelset.model import Finding, Severity
from levelset.rules import (
    BUILTIN_RULES,
    FAMILIES,
    Family,
    Registry,
    RegistryError,
    RuleContext,
    RuleData,
    builtin,
    builtin_registry,
    needs,
    rule,
)
from levelset.rules.docs import render_markdown

ZZZ = Family("ZZZ", "Sleep: nobody works at night")


@rule("ZZZ001", "night-work", Severity.INFO)
def _night_work(ctx: RuleContext) -> Iterator[Finding]:
    """Someone works at night.

    What it finds:
        Hours logged at night.

    Why it matters:
        Tired people decide badly.

    Example:
        ```yaml
        seats: []
        ```

    How to fix:
        Go to bed.
    """
    yield from ()


class _EntryPoint:
    def __init__(self, name: str, loaded: object) -> None:
        self.name, self.value, self._loaded = name, f"tests:{name}", loaded

    def load(self) -> object:
        return self._loaded


def test_the_builtin_families_are_registered_in_order() -> None:
    registry = builtin_registry(plugins=False)
    assert list(registry.families) == ["LEV", "DOT", "OUT", "JOB", "FIN"]
    assert dict(registry.families) == FAMILIES
    assert {r.family for r in registry} == set(registry.families)


def test_a_plugin_family_registers_and_appears_in_the_docs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    points = [_EntryPoint("sleep", [_night_work, ZZZ])]  # the rule first: families go first
    monkeypatch.setattr(builtin, "entry_points", lambda group: points)
    registry = builtin_registry()
    assert registry.problems == []
    assert list(registry.families)[-1] == "ZZZ"
    assert registry.families["ZZZ"] == "Sleep: nobody works at night"
    assert registry.get("ZZZ001") is _night_work
    text = render_markdown(registry)
    assert "## ZZZ: Sleep: nobody works at night\n" in text
    assert "| [ZZZ001](#zzz001) | `night-work` | info | Someone works at night. |" in text
    assert "### ZZZ001\n" in text


def test_a_rule_of_an_unregistered_family_is_refused() -> None:
    registry = Registry()
    with pytest.raises(RegistryError, match="family ZZZ, which is not registered"):
        registry.register(_night_work)
    registry.register_family(ZZZ)
    assert registry.register(_night_work) is _night_work
    with pytest.raises(RegistryError, match="registered twice"):
        registry.register_family(Family("ZZZ", "Again"))
    with pytest.raises(RegistryError, match="three capitals"):
        registry.register_family(Family("zz", "Lower"))


def test_a_plugin_rule_without_its_family_becomes_a_problem(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(builtin, "entry_points", lambda group: [_EntryPoint("bad", _night_work)])
    registry = builtin_registry()
    (problem,) = registry.problems
    assert "'bad' could not be loaded" in problem.message
    assert "family ZZZ, which is not registered" in problem.message
    assert registry.get("ZZZ001") is None
    assert "ZZZ" not in registry.families


def test_the_data_rules_need_is_declared() -> None:
    registry = builtin_registry(plugins=False)
    lev001, lev005, fin001 = (registry.get(c) for c in ("LEV001", "LEV005", "FIN001"))
    assert lev001 is not None
    assert lev005 is not None
    assert fin001 is not None
    assert lev001.needs == frozenset()
    assert lev005.needs == {RuleData.EVENTS}
    assert fin001.needs == {RuleData.FINANCE}
    assert needs([lev001]) == frozenset()
    assert registry.needs([lev001, lev005]) == {RuleData.EVENTS}
    assert registry.needs() == {RuleData.EVENTS, RuleData.FINANCE}
    assert registry.needs(registry.select(["FIN"])) == {RuleData.FINANCE}
    assert len(BUILTIN_RULES) == len(registry)
