"""Weekly trend series over a hand-made cube: every week present, the right hours in the
right series, on every backend."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pyarrow as pa
import pytest

from levelset.engine import Engine
from levelset.engine.events.trend import TrendBuilder, data_weeks, others_work_ids
from levelset.model import Holder, Person, Responsibility, Seat, Workspace, parse_horizon
from levelset.model.trend import (
    ABOVE,
    BELOW,
    IN_BAND,
    NO_HORIZON,
    UNMATCHED,
    TrendQuery,
    window_weeks,
)

W1, W2, W3, W4 = date(2026, 7, 6), date(2026, 7, 13), date(2026, 7, 20), date(2026, 7, 27)

#: The "not your job" article: a CRO spending a day a week on the reviews her RVPs own.
WORKSPACE = Workspace(
    root=Path("."),
    seats={
        "cro": Seat("cro", "Chief Revenue Officer", "L5", "sales", holders=(Holder("kim"),)),
        "rvp": Seat("rvp", "Regional VP", "L4", "sales", "cro", (Holder("lou"),)),
        "ops": Seat("ops", "Sales ops", "L2", "operations", "cro", (Holder(partner="acct"),)),
    },
    people={
        "kim": Person("kim", "Kim Ito", cost_rate=200.0),
        "lou": Person("lou", "Lou Park"),
        "pat": Person("pat", "Pat Ng", partner="acct"),
    },
    responsibilities={
        "strategy": Responsibility(
            "strategy", "Sales strategy", "sales", parse_horizon("1y"), ("cro",)
        ),
        "reviews": Responsibility(
            "reviews", "Deal reviews", "sales", parse_horizon("1w"), ("rvp",)
        ),
        "forecast": Responsibility(
            "forecast", "Forecast", "sales", parse_horizon("3mo"), ("rvp",), ("cro",)
        ),
        "misc": Responsibility("misc", "Miscellany", accountable=("rvp",)),
    },
)

SCHEMA = pa.schema(
    [
        ("person", pa.string()),
        ("week", pa.date32()),
        ("responsibility", pa.string()),
        ("label", pa.string()),
        ("customer", pa.string()),
        ("source", pa.string()),
        ("recurring", pa.bool_()),
        ("hours", pa.float64()),
        ("cost", pa.float64()),
        ("entries", pa.int64()),
    ]
)

ROWS = [
    ("kim", W1, "reviews", "reviews", None, "time", False, 8.0, 1600.0, 4),
    ("kim", W1, "strategy", "strategy", None, "time", False, 20.0, 4000.0, 5),
    ("kim", W1, "forecast", "forecast", None, "time", False, 2.0, 400.0, 1),
    ("kim", W1, "misc", "misc", None, "time", False, 1.5, 300.0, 1),
    ("kim", W2, "reviews", "reviews", None, "time", False, 6.0, 1200.0, 3),
    ("kim", W2, None, "Vendor calls", None, "time", False, 3.0, 600.0, 2),
    # W3: kim logged nothing
    ("kim", W4, None, "Vendor calls", None, "calendar", True, 1.0, 200.0, 1),
    ("lou", W1, "reviews", "reviews", None, "time", False, 30.0, None, 9),
    ("lou", W2, None, "Expense reports", None, "time", False, 2.0, None, 1),
    ("pat", W2, None, "Data cleanup", None, "time", False, 5.0, None, 2),
]


def _builder(engine: Engine, weeks: tuple[date, ...] = (W1, W2, W3, W4)) -> TrendBuilder:
    columns = {field.name: [row[i] for row in ROWS] for i, field in enumerate(SCHEMA)}
    cube = engine.arrow_table("cube", pa.table(columns, schema=SCHEMA))
    return TrendBuilder(engine, cube, WORKSPACE, weeks)


def test_window_weeks_are_mondays_both_ends_included() -> None:
    assert window_weeks(date(2026, 7, 8), date(2026, 7, 27)) == (W1, W2, W3, W4)
    assert window_weeks(date(2026, 7, 6), date(2026, 7, 6)) == (W1,)


def test_others_work_is_what_none_of_the_persons_seats_owns() -> None:
    # kim's seat is responsible for the forecast, so only reviews and misc are others'
    assert others_work_ids(WORKSPACE, "kim") == ["reviews", "misc"]
    # pat holds ops through the firm: all four are others' work
    assert others_work_ids(WORKSPACE, "pat") == ["strategy", "reviews", "forecast", "misc"]


def test_others_work_week_by_week_with_empty_weeks_zero(engine: Engine) -> None:
    trend = _builder(engine).build(TrendQuery("others-work", "person", "kim"))
    assert trend.weeks == (W1, W2, W3, W4)
    assert trend.primary.values == (9.5, 6.0, 0.0, 0.0)
    assert trend.total is not None
    assert trend.total.values == (31.5, 9.0, 0.0, 1.0)
    assert [(w.work, w.hours) for w in trend.top_work] == [
        ("Deal reviews (reviews)", 14.0),
        ("Miscellany (misc)", 1.5),
    ]


def test_horizon_splits_the_holders_hours_against_the_seat_band(engine: Engine) -> None:
    trend = _builder(engine).build(TrendQuery("horizon", "seat", "cro"))
    series = {s.name: s.values for s in trend.series}
    assert series[IN_BAND] == (20.0, 0.0, 0.0, 0.0)  # 1y fits L5
    assert series[BELOW] == (10.0, 6.0, 0.0, 0.0)  # 1w reviews and the 3mo forecast
    assert series[ABOVE] == (0.0, 0.0, 0.0, 0.0)
    assert series[NO_HORIZON] == (1.5, 0.0, 0.0, 0.0)
    assert series[UNMATCHED] == (0.0, 3.0, 0.0, 1.0)
    assert trend.total is not None
    assert trend.total.values == (31.5, 9.0, 0.0, 1.0)


def test_horizon_of_a_seat_held_by_a_firm_counts_its_people(engine: Engine) -> None:
    trend = _builder(engine).build(TrendQuery("horizon", "seat", "ops"))
    assert {s.name: s.values for s in trend.series}[UNMATCHED] == (0.0, 5.0, 0.0, 0.0)


def test_unowned_org_wide_per_person_and_per_function(engine: Engine) -> None:
    builder = _builder(engine)
    everyone = builder.build(TrendQuery("unowned"))
    assert everyone.primary.values == (0.0, 10.0, 0.0, 1.0)
    assert [(w.work, w.hours) for w in everyone.top_work] == [
        ("Data cleanup", 5.0),
        ("Vendor calls", 4.0),
        ("Expense reports", 2.0),
    ]
    assert builder.build(TrendQuery("unowned", "person", "lou")).primary.values == (
        0.0,
        2.0,
        0.0,
        0.0,
    )
    operations = builder.build(TrendQuery("unowned", "function", "operations"))
    assert operations.primary.values == (0.0, 5.0, 0.0, 0.0)
    assert builder.build(TrendQuery("unowned", "function", "hr")).primary.values == (0.0,) * 4


def test_hours_of_a_person_and_of_a_responsibility(engine: Engine) -> None:
    builder = _builder(engine)
    kim = builder.build(TrendQuery("hours", "person", "kim"))
    assert kim.primary.values == (31.5, 9.0, 0.0, 1.0)
    reviews = builder.build(TrendQuery("hours", "responsibility", "reviews"))
    assert reviews.primary.values == (38.0, 6.0, 0.0, 0.0)
    assert [(w.work, w.hours) for w in reviews.top_work] == [("lou", 30.0), ("kim", 14.0)]


def test_data_weeks_span_the_cube(engine: Engine) -> None:
    builder = _builder(engine)
    assert data_weeks(engine, builder.cube) == (W1, W2, W3, W4)


def test_unknown_metric_is_refused(engine: Engine) -> None:
    with pytest.raises(ValueError, match="unknown metric"):
        _builder(engine).build(TrendQuery("velocity"))
