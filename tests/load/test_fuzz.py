"""Property-based tests: whatever the files hold, the loader returns problems, not errors."""

from __future__ import annotations

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from loadkit import VALID

from levelset.load import LoadResult, load_files
from levelset.load.schema import SHAPES

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

KEYS = sorted({field.name for shape in SHAPES.values() for field in shape.fields})
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 2030),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.sampled_from(["ceo", "dana", "L3", "1mo", "1d..1mo", "2026-Q3", "2026", "x", ""]),
    st.text(max_size=8),
    st.dates(),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=5), inner, max_size=6)
    ),
    max_leaves=25,
)


def assert_sound(result: LoadResult) -> None:
    """Every problem points at a file and says something; the workspace is there."""
    assert result.workspace is not None
    for problem in result.problems:
        assert problem.location.file
        assert problem.message
        assert problem.location.line is None or problem.location.line >= 1


@FUZZ
@given(st.text(max_size=300))
def test_random_text(text: str) -> None:
    assert_sound(load_files({"org.yaml": text, "levelset.toml": text}))


@FUZZ
@given(st.binary(max_size=300))
def test_random_bytes(data: bytes) -> None:
    text = data.decode("utf-8", errors="surrogateescape")
    assert_sound(load_files({"org.yaml": text}))


@FUZZ
@given(
    st.dictionaries(st.sampled_from(sorted(SHAPES["sections"].names)), VALUES, max_size=7),
    st.booleans(),
)
def test_random_structures(data: dict[str, object], flow: bool) -> None:
    text = yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True)
    assert_sound(load_files({"org.yaml": text}))


@FUZZ
@given(st.lists(st.tuples(st.sampled_from(KEYS), SCALARS), max_size=8), st.integers(0, 30))
def test_random_items_in_every_section(pairs: list[tuple[str, object]], where: int) -> None:
    item = yaml.safe_dump([dict(pairs)], default_flow_style=where % 2 == 0)
    sections = sorted(SHAPES["sections"].names)
    section = sections[where % len(sections)]
    text = f"{section}:\n" + "".join(f"  {line}\n" for line in item.splitlines())
    assert_sound(load_files({"org.yaml": VALID, "more.yaml": text}))


LINES = VALID.splitlines()


@FUZZ
@given(st.data())
def test_mutated_valid_workspace(data: st.DataObject) -> None:
    lines = list(LINES)
    for _ in range(data.draw(st.integers(1, 4))):
        index = data.draw(st.integers(0, len(lines) - 1))
        mutation = data.draw(st.sampled_from(["delete", "swap", "garbage", "duplicate"]))
        line = lines[index]
        if mutation == "delete":
            del lines[index]
        elif mutation == "duplicate":
            lines.insert(index, line)
        elif mutation == "swap" and ":" in line:
            head, _, _ = line.rpartition(":")
            value = data.draw(st.sampled_from(["[]", "{}", "3", "yes", "~", "'x'", "[a, b]", "-1"]))
            lines[index] = f"{head}: {value}"
        else:
            junk = data.draw(st.text(max_size=6))
            cut = data.draw(st.integers(0, len(line)))
            lines[index] = line[:cut] + junk + line[cut:]
    assert_sound(load_files({"org.yaml": "\n".join(lines) + "\n"}))
