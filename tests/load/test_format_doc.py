"""docs/format.md documents every key the loader accepts (the schema is the source)."""

from __future__ import annotations

from pathlib import Path

import pytest

from levelset.load.schema import SHAPES

DOC = Path(__file__).resolve().parents[2] / "docs" / "format.md"
KEYS = sorted({(shape.kind, field.name) for shape in SHAPES.values() for field in shape.fields})


@pytest.mark.parametrize(("kind", "key"), KEYS)
def test_every_key_is_documented(kind: str, key: str) -> None:
    text = DOC.read_text(encoding="utf-8")
    # Each key has a row in a reference table: | `key` | ... (toml tables as `[key]`).
    rows = (f"| `{key}` |", f"| `[{key}]` |")
    assert any(row in text for row in rows), f"docs/format.md lacks a row for {kind} key {key}"


def test_every_section_has_a_heading() -> None:
    text = DOC.read_text(encoding="utf-8")
    for section in SHAPES["sections"].names:
        assert f"## `{section}`" in text or f"and `{section}`" in text, section
