"""The output of every view command on ``examples/acme`` is held byte for byte.

The files under ``tests/golden/acme/`` were written by the command line before the core was
redesigned (service layer, engine backends, typed evidence, view formats); the redesign
must not change a byte a user sees. When a change *means* to alter the output, rewrite the
golden files with ``scripts/write_golden.py`` and review the diff.
"""

from __future__ import annotations

import pytest
from e2e_kit import ROOT, Run

GOLDEN = ROOT / "tests" / "golden" / "acme"

#: golden file stem → the command's arguments after ``examples/acme``.
COMMANDS: dict[str, tuple[str, ...]] = {
    "check": ("check", "examples/acme", "--exit-zero"),
    "plan": ("plan", "examples/acme"),
    "finance": ("finance", "examples/acme"),
    "trend": ("trend", "examples/acme", "maria-okafor", "--metric", "others-work"),
    "line-of-sight": ("line-of-sight", "examples/acme", "dana-reyes"),
}
CASES = [
    pytest.param(stem, fmt, suffix, id=f"{stem}-{fmt}")
    for stem in COMMANDS
    for fmt, suffix in (("json", "json"), ("markdown", "md"))
]


@pytest.mark.parametrize(("stem", "fmt", "suffix"), CASES)
def test_output_matches_golden_file(
    run: Run, monkeypatch: pytest.MonkeyPatch, stem: str, fmt: str, suffix: str
) -> None:
    monkeypatch.chdir(ROOT)  # the reports name the workspace as it was given: examples/acme
    result = run(*COMMANDS[stem], "--format", fmt)
    assert result.exit_code == 0, result.output
    expected = (GOLDEN / f"{stem}.{suffix}").read_text(encoding="utf-8")
    assert result.stdout == expected


@pytest.mark.parametrize("view", ["org", "tree"])
def test_tree_views_match_golden_file(run: Run, monkeypatch: pytest.MonkeyPatch, view: str) -> None:
    monkeypatch.chdir(ROOT)
    result = run(view, "examples/acme")
    assert result.exit_code == 0, result.output
    assert result.stdout == (GOLDEN / f"{view}.txt").read_text(encoding="utf-8")
