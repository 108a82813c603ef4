"""Goal progress rolls up by weight, computed by hand here."""

from __future__ import annotations

import pytest

from levelset.model import Goal, GoalTree, Metric, metric_progress


def test_key_result_progress_is_clamped_share_of_the_way() -> None:
    assert metric_progress(Metric(start=62, target=40, current=55)) == pytest.approx(7 / 22)
    assert metric_progress(Metric(start=0, target=10, current=15)) == 1.0
    assert metric_progress(Metric(start=0, target=10, current=-3)) == 0.0
    assert metric_progress(Metric(start=0, target=10)) is None


def test_objective_progress_is_the_weighted_mean_of_its_children() -> None:
    goals = {
        "obj": Goal("obj", "Grow profitable revenue"),
        # DSO 62 -> 40, now 55: 7/22 of the way
        "kr-dso": Goal("kr-dso", "DSO", parent="obj", weight=1, metric=Metric(62, 40, 55)),
        # margin 18 -> 24, now 21: half way, counted three times
        "kr-margin": Goal("kr-margin", "Margin", parent="obj", weight=3, metric=Metric(18, 24, 21)),
        # not measurable: left out of the mean rather than counted as zero
        "kr-nps": Goal("kr-nps", "NPS", parent="obj", weight=5),
        # a sub-objective with one KR at 100%
        "sub": Goal("sub", "Leads", parent="obj", weight=2, kind="objective"),
        "kr-leads": Goal("kr-leads", "Leads", parent="sub", metric=Metric(250, 400, 460)),
    }
    tree = GoalTree(goals)
    expected = (1 * 7 / 22 + 3 * 0.5 + 2 * 1.0) / (1 + 3 + 2)
    assert tree.progress(goals["obj"]) == pytest.approx(expected)
    assert tree.progress(goals["sub"]) == 1.0
    assert tree.progress(goals["kr-nps"]) is None
    assert tree.kind(goals["sub"]) == "objective"
    assert tree.kind(goals["kr-dso"]) == "key_result"
    assert tree.top(goals["kr-leads"]).id == "obj"


def test_a_target_equal_to_its_start_measures_nothing() -> None:
    # DOT003 reports such a key result as unmeasurable; the roll-up must agree.
    assert metric_progress(Metric(start=5, target=5, current=5)) is None


def test_non_finite_values_measure_nothing() -> None:
    assert metric_progress(Metric(start=0, target=float("inf"), current=3)) is None
    assert metric_progress(Metric(start=float("nan"), target=10, current=3)) is None
