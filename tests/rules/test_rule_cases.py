"""Rule cases as data: ``cases/<CODE>.yaml`` holds workspaces on which the rule must
find exactly the listed subjects, run through the loader like a real workspace."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from levelset.load import load_files
from levelset.rules import builtin_registry, run_rules

CASES = Path(__file__).parent / "cases"
REGISTRY = builtin_registry(plugins=False)


@dataclass(frozen=True)
class Case:
    """One workspace and the subjects the rule must find in it."""

    code: str
    name: str
    files: dict[str, str]
    expect: frozenset[str]


def _read(path: Path) -> list[Case]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["rule"] == path.stem, f"{path.name} declares rule {data['rule']}"
    return [
        Case(
            code=data["rule"],
            name=item["name"],
            files=dict(item["files"]),
            expect=frozenset(e["subject"] for e in item["expect"]),
        )
        for item in data["cases"]
    ]


ALL_CASES = [case for path in sorted(CASES.glob("*.yaml")) for case in _read(path)]


@pytest.mark.parametrize("case", ALL_CASES, ids=[f"{c.code}: {c.name}" for c in ALL_CASES])
def test_case(case: Case) -> None:
    loaded = load_files(case.files)
    assert not loaded.problems, [str(p) for p in loaded.problems]
    target = REGISTRY.get(case.code)
    assert target is not None, f"no rule {case.code}"
    findings, problems = run_rules(loaded.workspace, [target], registry=REGISTRY)
    assert not problems, [str(p) for p in problems]
    found = {f"{f.subject.kind}/{f.subject.id}" for f in findings}
    assert found == case.expect
    for finding in findings:
        assert finding.code == case.code
        assert finding.message
        assert finding.recommendation
        assert finding.location is not None
        assert finding.location.file in case.files


def test_every_rule_has_passing_and_failing_cases() -> None:
    by_code: dict[str, list[Case]] = {}
    for case in ALL_CASES:
        by_code.setdefault(case.code, []).append(case)
    for registered in REGISTRY:
        cases = by_code.get(registered.code, [])
        assert any(c.expect for c in cases), f"{registered.code} has no failing case"
        assert any(not c.expect for c in cases), f"{registered.code} has no passing case"
    assert set(by_code) <= {r.code for r in REGISTRY}, "a case file names no registered rule"
