"""Reading scenario files: the operations as values, each problem at its line."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from levelset.load.scenario import OPERATIONS, SCENARIO, parse_scenario, read_scenario
from levelset.model import Location
from levelset.model.scenario import (
    OPERATION_NAMES,
    AddRole,
    CreateSeat,
    FillSeat,
    HandWork,
    StopMeeting,
)

DOC = Path(__file__).resolve().parents[2] / "docs" / "format.md"


def _parse(text: str) -> tuple[object, list[str]]:
    scenario, problems = parse_scenario(textwrap.dedent(text).lstrip("\n"), "s.yaml")
    return scenario, [str(p) for p in problems]


def test_operations_are_read_in_order_with_their_lines() -> None:
    scenario, problems = parse_scenario(
        textwrap.dedent(
            """\
            name: Try it
            operations:
              - {op: fill-seat, seat: controller}
              - op: create-seat
                seat: lead
                title: Lead
                level: L2
                manages: [a, b]
              - {op: hand-work, responsibility: close, from: ceo, to: lead, hours_per_week: 2}
              - {op: add-role, responsibility: close, role: consulted, seat: ceo}
              - {op: stop-meeting, meeting: Friday sync}
            notes: [call the bank]
            """
        ),
        "s.yaml",
    )
    assert problems == ()
    assert scenario.name == "Try it"
    assert scenario.notes == ("call the bank",)
    assert scenario.operations == (
        FillSeat("controller", location=Location("s.yaml", 3)),
        CreateSeat("lead", "Lead", "L2", "", None, ("a", "b"), Location("s.yaml", 4)),
        HandWork("close", "ceo", "lead", 2.0, Location("s.yaml", 9)),
        AddRole("close", "consulted", "ceo", Location("s.yaml", 10)),
        StopMeeting("Friday sync", Location("s.yaml", 11)),
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "operations:\n  - {op: fil-seat, seat: x}\n",
            "s.yaml:2: operation 1: unknown op 'fil-seat' (did you mean 'fill-seat'?",
        ),
        (
            "operations:\n  - {op: fill-seat}\n",
            "s.yaml:2: operation 1 (fill-seat): 'seat' is missing",
        ),
        (
            "operations:\n  - {op: fill-seat, seat: x, seats: y}\n",
            "s.yaml:2: operation 1 (fill-seat): unknown key 'seats' (did you mean 'seat'?",
        ),
        ("operations:\n  - {op: fill-seat, seat: [\n", "s.yaml:3: malformed YAML"),
        ("- a\n", "s.yaml:1: a scenario should be a mapping with operations:"),
        ("name: x\n", "s.yaml:1: scenario: 'operations' is missing"),
        (
            "operations:\n  - {op: hand-work, responsibility: r, from: a, to: b, "
            "hours_per_week: lots}\n",
            "s.yaml:2: operation 1 (hand-work): 'hours_per_week' should be a number",
        ),
    ],
)
def test_problems_point_at_their_line(text: str, expected: str) -> None:
    _scenario, problems = _parse(text)
    assert any(p.startswith(expected) for p in problems), problems


def test_a_missing_file_is_a_problem(tmp_path: Path) -> None:
    scenario, problems = read_scenario(tmp_path / "nope.yaml")
    assert scenario.operations == ()
    assert "cannot read the scenario" in problems[0].message


def test_every_operation_has_a_shape_and_every_key_is_documented() -> None:
    assert set(OPERATIONS) == set(OPERATION_NAMES)
    text = DOC.read_text(encoding="utf-8")
    keys = {f.name for shape in (SCENARIO, *OPERATIONS.values()) for f in shape.fields}
    for key in sorted(keys):
        assert f"| `{key}` |" in text, key
    for name in OPERATIONS:
        assert f"`{name}`" in text, name
