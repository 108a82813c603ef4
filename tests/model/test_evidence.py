"""Typed evidence reads as the plain mapping every renderer shows: its fields in order,
lists where a field holds several values, equal to the same figures in a dictionary."""

from __future__ import annotations

import dataclasses
import json

import pytest

from levelset.model.evidence import (
    FunctionHoursOutOfSightEvidence,
    LevelGapEvidence,
    PersonHoursOutOfSightEvidence,
)


def _gap() -> LevelGapEvidence:
    return LevelGapEvidence(
        from_level="L1",
        to_level="L5",
        manager="ceo",
        gap=4,
        missing_levels=["L2", "L3", "L4"],
        max_gap=2,
    )


def test_evidence_is_a_mapping_of_its_fields_in_order() -> None:
    evidence = _gap()
    assert list(evidence) == [
        "from_level",
        "to_level",
        "manager",
        "gap",
        "missing_levels",
        "max_gap",
    ]
    assert evidence["missing_levels"] == ["L2", "L3", "L4"]
    assert isinstance(evidence["missing_levels"], list)
    assert evidence.get("nothing") is None
    assert "manager" in evidence
    assert "nothing" not in evidence
    with pytest.raises(KeyError):
        evidence["nothing"]
    assert json.dumps(dict(evidence)) == (
        '{"from_level": "L1", "to_level": "L5", "manager": "ceo", "gap": 4, '
        '"missing_levels": ["L2", "L3", "L4"], "max_gap": 2}'
    )


def test_evidence_is_frozen_and_keeps_its_lists_as_tuples() -> None:
    evidence = _gap()
    assert evidence.missing_levels == ("L2", "L3", "L4")
    with pytest.raises(dataclasses.FrozenInstanceError):
        evidence.gap = 1  # type: ignore[misc]
    evidence["missing_levels"].append("L9")  # type: ignore[union-attr]  # a copy
    assert evidence.missing_levels == ("L2", "L3", "L4")


def test_evidence_equals_the_same_figures_in_a_dictionary() -> None:
    evidence = _gap()
    assert evidence == json.loads(json.dumps(dict(evidence)))
    assert evidence == _gap()
    assert evidence != {**dict(evidence), "gap": 3}


def test_each_shape_of_a_rules_evidence_has_only_its_own_keys() -> None:
    figures = {
        "share": 0.5,
        "hours_per_week": 20.0,
        "total_hours_per_week": 40.0,
        "work": ["(unmatched)"],
        "work_hours_per_week": [20.0],
        "max_share": 0.25,
    }
    person = PersonHoursOutOfSightEvidence(**figures, function="sales")  # type: ignore[arg-type]
    team = FunctionHoursOutOfSightEvidence(
        **figures,  # type: ignore[arg-type]
        worst_people=["kim"],
        worst_hours_per_week=[12.0],
    )
    assert list(person) == [*figures, "function"]
    assert list(team) == [*figures, "worst_people", "worst_hours_per_week"]
    assert "worst_people" not in person
