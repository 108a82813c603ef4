"""docs/rules.md is generated from the registry; every rule documents itself fully."""

from __future__ import annotations

from pathlib import Path

import pytest

from levelset.rules import DOC_SECTIONS, builtin_registry
from levelset.rules.docs import REGENERATE, main, render_markdown

DOCS = Path(__file__).parents[2] / "docs" / "rules.md"
REGISTRY = builtin_registry(plugins=False)


def test_docs_rules_md_is_current() -> None:
    current = DOCS.read_text(encoding="utf-8") if DOCS.exists() else ""
    assert current == render_markdown(REGISTRY), (
        f"docs/rules.md is stale; regenerate it with `{REGENERATE}`"
    )


@pytest.mark.parametrize("code", [r.code for r in REGISTRY])
def test_every_rule_doc_has_its_sections_options_and_an_example(code: str) -> None:
    target = REGISTRY.get(code)
    assert target is not None
    assert target.summary.endswith(".")
    for section in DOC_SECTIONS:
        assert f"\n{section}:\n" in target.doc, f"{code} lacks a {section!r} section"
    assert "```yaml" in target.doc, f"{code}'s Example has no YAML snippet"
    for option in target.options:
        assert f"`{option}`" in target.doc, f"{code} does not document option {option}"


def test_rendered_index_lists_every_rule_with_its_options() -> None:
    text = render_markdown(REGISTRY)
    for target in REGISTRY:
        assert f"| [{target.code}](#{target.code.lower()}) | `{target.name}` |" in text
        assert f"### {target.code}\n" in text
        for option, value in target.options.items():
            assert f"- `{option}` (default `{value!r}`)" in text


def test_main_writes_the_file(tmp_path: Path) -> None:
    output = tmp_path / "out" / "rules.md"
    assert main([str(output)]) == 0
    assert output.read_text(encoding="utf-8") == render_markdown(REGISTRY)
