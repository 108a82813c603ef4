"""The fast path for one-line items reads exactly what libyaml reads."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from levelset.load.fastyaml import parse_fast
from levelset.load.tree import Map, Seq, Value, parse_yaml


def shape(value: Value) -> object:
    """The value with its type and lines, for comparing two trees exactly."""
    if isinstance(value, Map):
        keys = {key: value.line_of(key) for key in value}
        return ("map", value.line, keys, value.dupes, {k: shape(v) for k, v in value.items()})
    if isinstance(value, Seq):
        return (
            "seq",
            value.line,
            [value.line_at(i) for i in range(len(value))],
            [shape(v) for v in value],
        )
    return (type(value).__name__, value)


def same(text: str) -> Value:
    fast = parse_fast(text)
    slow, problem = parse_yaml(text, "x.yaml")
    if fast is not None:
        assert problem is None
        # Lines of keys in one-line items agree: every key is on the item's line.
        assert shape(fast) == shape(slow), text
    return fast


def test_typical_file_takes_the_fast_path() -> None:
    text = (
        "# people\npeople:\n  - {id: p1, name: Ann Lee, email: ann@x.example, cost_rate: 80}\n"
        "\ngoals:\n  - {id: g, title: G, period: '2026', metric: {start: 1, target: 2.5}}\n"
        "  - {id: h, title: H, period: 2026-Q3, weight: 0}\n"
        "seats:\n- {id: s, title: S, level: L1, holders: [p1, p2], reports_to: ~}\n"
    )
    tree = same(text)
    assert isinstance(tree, Map)
    goals = tree["goals"]
    assert isinstance(goals, Seq)
    assert goals.line_at(1) == 7
    first = goals[0]
    assert isinstance(first, Map)
    assert first["period"] == "2026"  # quoted: stays text
    assert first["metric"] == {"start": 1, "target": 2.5}


def test_fallbacks_agree() -> None:
    for text in (
        "seats:\n  - {id: a, on: b}\n",  # a key YAML reads as a boolean
        "seats:\n  - {id: a, id: b}\n",  # a repeated key
        "seats:\n  - {id: a,  title: b}\n",  # not canonical spacing
        "seats:\n  - {id: \"a\", note: 'it''s'}\n",
        "seats:\n  - {id: a, when: 2026-01-05, n: 0x1F, f: 1e3, t: yes, z: null}\n",
        "seats:\n  - id: a\n    title: b\n",  # block style
        "seats:\n",
        "seats: []\n",
    ):
        same(text)


def test_dates_numbers_and_booleans() -> None:
    tree = same("x:\n  - {d: 2026-01-05, i: 12, f: 0.5, b: true, n: ~, s: 2026-07}\n")
    assert isinstance(tree, Map)
    item = tree["x"][0]  # type: ignore[index]
    assert item == {"d": date(2026, 1, 5), "i": 12, "f": 0.5, "b": True, "n": None, "s": "2026-07"}


ATOMS = st.sampled_from(
    [
        "a",
        "ceo",
        "Dana Reyes",
        "1",
        "0.5",
        "-1",
        "2026",
        "2026-Q3",
        "2026-01-05",
        "yes",
        "No",
        "null",
        "~",
        "1mo..3mo",
        "a:b",
        "a #b",
        "'q'",
        '"d"',
        "[x, y]",
        "[]",
        "{k: v}",
        "@x",
        "x@y",
        "&a",
        "*a",
        "!t",
        "%",
        "a,b",
        "  pad",
        "on",
        "0x1F",
        "1_000",
        ".inf",
        "=",
        "<<",
        "-",
        "? x",
    ]
)
KEYS = st.sampled_from(["id", "name", "on", "yes", "x_1", "k", "null", "1", "a b"])


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.lists(st.tuples(KEYS, ATOMS), min_size=1, max_size=5), min_size=1, max_size=4),
    st.sampled_from([", ", ",", " , "]),
)
def test_random_items_read_the_same_both_ways(items: list[list[tuple[str, str]]], sep: str) -> None:
    body = "".join("  - {" + sep.join(f"{k}: {v}" for k, v in pairs) + "}\n" for pairs in items)
    same("seats:\n" + body)


def test_block_items_read_the_same() -> None:
    text = (
        "seats:\n- id: s\n  title: S\n  level: L1\n  holders:\n  - p1\n  - {partner: f, fte: 0.5}\n"
        "  reports_to:\n- id: t  # a comment\n  title: T\n\n  # between keys\n  level: L2\n"
        "goals:\n  - id: g\n    period: '2026'\n    metric:\n      start: 1\n      target: 2.5\n"
        "    parent: ~\n    goals:\n      - a\n      - 2026-01-05\n"
        "  - id: h\n    note: |\n      two\n      lines\n    on: x\n"
    )
    tree = same(text)
    assert isinstance(tree, Map)
    goals = tree["goals"]
    assert isinstance(goals, Seq)
    first = goals[0]
    assert isinstance(first, Map)
    assert first.line_of("metric") == 17
    assert first["metric"] == {"start": 1, "target": 2.5}


BLOCK_VALUES = st.one_of(
    ATOMS.map(lambda atom: " " + atom),
    st.lists(ATOMS, min_size=1, max_size=3).map(
        lambda atoms: "".join(f"\n  - {atom}" for atom in atoms)
    ),
    st.lists(st.tuples(KEYS, ATOMS), min_size=1, max_size=3).map(
        lambda pairs: "".join(f"\n    {k}: {v}" for k, v in pairs)
    ),
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.lists(st.tuples(KEYS, BLOCK_VALUES), min_size=1, max_size=5), min_size=1),
    st.sampled_from(["", "  "]),
)
def test_random_block_items_read_the_same_both_ways(
    items: list[list[tuple[str, str]]], indent: str
) -> None:
    body = ""
    for pairs in items:
        lines = [f"{k}:{v}".replace("\n", "\n" + indent) for k, v in pairs]
        body += indent + "- " + ("\n" + indent + "  ").join(lines) + "\n"
    same("seats:\n" + body)


def test_blank_and_comment_lines_after_items() -> None:
    text = "seats:\n  - {id: a, level: L1}\n\n  # next\n  - id: b\n    level: L2\n\n# end\ngoals:\n"
    assert same(text) is not None
