"""run_rules: options from levelset.toml, problems instead of tracebacks, sorted findings,
and plug-ins registered through the entry point group."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

from levelset.model import Finding, Location, Seat, Settings, Severity, Workspace
from levelset.model.evidence import Evidence, LevelGapEvidence, NoLineOfSightEvidence
from levelset.rules import (
    Family,
    Registry,
    RegistryError,
    RuleContext,
    builtin,
    builtin_registry,
    rule,
    run_rules,
)

TOML = Location("levelset.toml", 3)


def _workspace(rules: dict[str, dict[str, object]] | None = None) -> Workspace:
    settings = Settings(
        rules=rules or {},
        rule_locations=dict.fromkeys(rules or {}, TOML),
        location=Location("levelset.toml"),
    )
    seats = {
        "ceo": Seat("ceo", "CEO", "L5", location=Location("org.yaml", 2)),
        "vp": Seat("vp", "VP", "L4", reports_to="ceo", location=Location("b.yaml", 1)),
        "lead": Seat("lead", "Lead", "L2", reports_to="ceo", location=Location("a.yaml", 9)),
        "clerk": Seat("clerk", "Clerk", "L1", reports_to="ceo", location=Location("a.yaml", 4)),
    }
    return Workspace(root=Path("acme"), settings=settings, seats=seats)


def _gap_subjects(workspace: Workspace) -> list[str]:
    registry = builtin_registry(plugins=False)
    target = registry.get("LEV002")
    assert target is not None
    findings, problems = run_rules(workspace, [target], registry=registry)
    assert problems == []
    return [f.subject.id for f in findings]


def test_defaults_apply_and_findings_are_sorted_by_place() -> None:
    # clerk (L1) and lead (L2) sit 4 and 3 levels under the CEO; max_gap is 2
    assert _gap_subjects(_workspace()) == ["clerk", "lead"]


def test_options_from_the_toml_overlay_the_defaults_by_code_or_name() -> None:
    assert _gap_subjects(_workspace({"LEV002": {"max_gap": 3}})) == ["clerk"]
    assert _gap_subjects(_workspace({"level-gap": {"max_gap": 0}})) == ["clerk", "lead", "vp"]


def _problems(rules: dict[str, dict[str, object]]) -> list[str]:
    registry = builtin_registry(plugins=False)
    _, problems = run_rules(_workspace(rules), list(registry), registry=registry)
    assert all(p.location == TOML for p in problems)
    return [f"{p.message} | {p.hint}" for p in problems]


def test_an_unknown_option_is_a_problem_with_a_suggestion() -> None:
    (text,) = _problems({"LEV002": {"max_gaps": 1}})
    assert "no option 'max_gaps'" in text
    assert "did you mean 'max_gap'?" in text


def test_a_wrong_type_is_a_problem() -> None:
    (text,) = _problems({"JOB004": {"max_accountabilities": "seven"}})
    assert "must be a whole number" in text
    (flag,) = _problems({"JOB004": {"max_accountabilities": True}})
    assert "must be a whole number" in flag


def test_a_negative_threshold_is_a_problem() -> None:
    (text,) = _problems({"JOB004": {"max_accountabilities": -3}})
    assert "must be 0 or more, not -3" in text
    assert _problems({"JOB004": {"max_accountabilities": 0}}) == []


def test_a_table_naming_no_rule_is_a_problem() -> None:
    (text,) = _problems({"LEV02": {"max_gap": 1}})
    assert "[rules.LEV02] names no rule" in text
    assert "did you mean" in text


@rule("TST001", "always-crashes", Severity.WARNING)
def _crashing(ctx: RuleContext) -> Iterator[Finding]:
    """Crashes.

    What it finds: nothing. Why it matters: tests. Example: none. How to fix: n/a.
    """
    yield ctx.finding("seat", "ceo", "first")
    raise RuntimeError("boom")


def test_a_crashing_rule_becomes_a_problem_and_the_others_still_run() -> None:
    registry = builtin_registry(plugins=False)
    gap = registry.get("LEV002")
    assert gap is not None
    findings, problems = run_rules(_workspace(), [_crashing, gap], registry=registry)
    assert [f.code for f in findings] == [
        "LEV002",
        "LEV002",
    ]  # the crashed rule's partial output is dropped
    (problem,) = problems
    assert "rule TST001 (always-crashes) failed: RuntimeError: boom" in problem.message
    assert "this is a bug in the rule, please report it" in problem.message


class _EntryPoint:
    def __init__(self, name: str, loaded: object) -> None:
        self.name, self.value, self._loaded = name, f"tests:{name}", loaded

    def load(self) -> object:
        if isinstance(self._loaded, Exception):
            raise self._loaded
        return self._loaded


def test_plugins_register_like_builtins_and_broken_ones_become_problems(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    points = [
        _EntryPoint("good", [_crashing, Family("TST", "Tests: rules that exist for tests")]),
        _EntryPoint("broken", ImportError("no module named nowhere")),
        _EntryPoint("wrong", 42),
    ]
    monkeypatch.setattr(builtin, "entry_points", lambda group: points)
    registry = builtin_registry()
    assert registry.get("TST001") is _crashing
    assert len(registry) == len(builtin.BUILTIN_RULES) + 1
    messages = [p.message for p in registry.problems]
    assert len(messages) == 2
    assert "'broken' could not be loaded: no module named nowhere" in messages[0]
    _, problems = run_rules(_workspace(), [], registry=registry)
    assert len(problems) == 2


def test_builtin_codes_are_unique_and_in_their_families() -> None:
    registry = builtin_registry(plugins=False)
    codes = [r.code for r in registry]
    assert codes == [r.code for r in builtin.BUILTIN_RULES]
    assert {c[:3] for c in codes} == {"LEV", "DOT", "OUT", "JOB", "FIN"}
    assert registry.get("level-gap") is registry.get("LEV002")


@rule("TST002", "wrong-evidence", Severity.WARNING, evidence=LevelGapEvidence)
def _wrong_evidence(ctx: RuleContext) -> Iterator[Finding]:
    """Yields evidence of another type than it declares.

    What it finds: nothing. Why it matters: tests. Example: none. How to fix: n/a.
    """
    yield ctx.finding("seat", "ceo", "first", evidence=NoLineOfSightEvidence(["x"]))


def test_a_rule_yielding_evidence_of_another_type_becomes_a_problem() -> None:
    registry = builtin_registry(plugins=False)
    gap = registry.get("LEV002")
    assert gap is not None
    findings, problems = run_rules(_workspace(), [_wrong_evidence, gap], registry=registry)
    assert [f.code for f in findings] == ["LEV002", "LEV002"]  # the others still run
    (problem,) = problems
    assert problem.message == (
        "rule TST002 (wrong-evidence) yielded evidence of type NoLineOfSightEvidence, not "
        "its declared LevelGapEvidence; this is a bug in the rule, please report it"
    )
    assert all(isinstance(f.evidence, LevelGapEvidence) for f in findings)


def test_a_rule_must_declare_an_evidence_type() -> None:
    wrong = dataclasses.replace(_wrong_evidence, evidence=dict)  # type: ignore[arg-type]
    registry = Registry()
    registry.register_family(Family("TST", "Tests"))
    with pytest.raises(RegistryError, match="declares evidence <class 'dict'>, not an Evidence"):
        registry.register(wrong)


def test_every_builtin_rule_declares_its_own_evidence_type() -> None:
    for registered in builtin_registry(plugins=False):
        assert registered.evidence is not Evidence, f"{registered.code} declares no type"
        for cls in registered.evidence.__mro__[: registered.evidence.__mro__.index(Evidence)]:
            # evidence compares as a mapping: equal to a snapshot's plain dictionary
            assert "__eq__" not in vars(cls), f"{cls.__name__} needs eq=False"
