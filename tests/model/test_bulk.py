"""Instances made a field at a time are the ones ``__init__`` makes, and as frozen; where
many rows were read."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import pytest

from levelset.model.bulk import from_columns, locations
from levelset.model.finance import CustomerFigures
from levelset.model.source import Location


def test_the_same_instances_as_init_makes_with_defaults_for_missing_columns() -> None:
    made = from_columns(
        CustomerFigures,
        {
            "customer": ["a", "b"],
            "name": ["A", "B"],
            "revenue": [10.0, 20.0],
            "location": [Location("c.csv", 2), Location("c.csv", 3)],
        },
        2,
    )
    assert made == [
        CustomerFigures("a", "A", revenue=10.0, location=Location("c.csv", 2)),
        CustomerFigures("b", "B", revenue=20.0, location=Location("c.csv", 3)),
    ]
    twin = CustomerFigures("a", "A", revenue=10.0, location=Location("c.csv", 2))
    assert hash(made[0]) == hash(twin)
    assert (made[1].days_to_pay, made[1].segment) == (None, "")
    with pytest.raises(dataclasses.FrozenInstanceError):
        made[0].revenue = 1.0  # type: ignore[misc]


def test_a_default_factory_makes_one_value_per_instance() -> None:
    @dataclass(frozen=True, slots=True)
    class Tagged:
        name: str
        tags: list[str] = field(default_factory=list)

    first, second = from_columns(Tagged, {"name": ["x", "y"]}, 2)
    assert (first, second) == (Tagged("x"), Tagged("y"))
    assert first.tags is not second.tags


def test_classes_it_cannot_make_and_columns_that_do_not_fit_are_refused() -> None:
    @dataclass(frozen=True)
    class Unslotted:
        name: str

    @dataclass(frozen=True, slots=True)
    class Checked:
        name: str

        def __post_init__(self) -> None:
            assert self.name

    @dataclass(frozen=True, slots=True)
    class Required:
        name: str
        count: int

    with pytest.raises(TypeError, match="not a frozen dataclass with slots"):
        from_columns(Unslotted, {"name": ["x"]}, 1)
    with pytest.raises(TypeError, match="__post_init__"):
        from_columns(Checked, {"name": ["x"]}, 1)
    with pytest.raises(TypeError, match="no column and no default"):
        from_columns(Required, {"name": ["x"]}, 1)
    with pytest.raises(TypeError, match="no field colour"):
        from_columns(Required, {"name": ["x"], "count": [1], "colour": ["red"]}, 1)
    with pytest.raises(TypeError, match="count: 2 values for 1 instances"):
        from_columns(Required, {"name": ["x"], "count": [1, 2]}, 1)


def test_locations_of_rows_read_from_no_file_are_nowhere() -> None:
    found = locations(["c.csv", None, "", "d.csv"], [2, 3, 4, None])
    assert found == [Location("c.csv", 2), Location(""), Location(""), Location("d.csv")]
