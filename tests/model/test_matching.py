"""Calendar titles and time entries matched to responsibilities by their ``match`` rules."""

from __future__ import annotations

import fnmatch

import pytest
from hypothesis import given
from hypothesis import strategies as st

from levelset.model.matching import Matcher
from levelset.model.org import Match, Responsibility


def _matcher(*calendars: str | None) -> Matcher:
    return Matcher(
        Responsibility(f"r{n}", f"Work {n}", match=Match(calendar=pattern))
        for n, pattern in enumerate(calendars)
    )


@pytest.mark.parametrize(
    ("title", "found"),
    [
        ("Forecast review", "r1"),  # r0 does not fit; r1 does
        ("Weekly forecast review", "r2"),
        ("Pipeline review: EMEA", "r0"),  # r0 and r2 both fit: the first in file order
        ("  PIPELINE review  ", "r0"),  # without regard to case or the spaces around
        ("Lunch", None),
        ("", None),
    ],
)
def test_a_title_goes_to_the_first_responsibility_whose_pattern_fits(
    title: str, found: str | None
) -> None:
    matcher = _matcher("pipeline review*", "forecast*", "*review*", None)
    assert matcher.calendar_event(title) == found


def test_no_calendar_patterns_match_nothing() -> None:
    assert _matcher(None, None).calendar_event("Forecast review") is None


def _first_fitting(patterns: list[str], title: str) -> str | None:
    """What the rule says, written as plainly as possible: the first pattern that fits."""
    folded = title.strip().casefold()
    for n, pattern in enumerate(patterns):
        if pattern.strip() and fnmatch.fnmatchcase(folded, pattern.strip().casefold()):
            return f"r{n}"
    return None


_PATTERN = st.text(alphabet="ab*?[]! \n", max_size=6)
_TITLE = st.text(alphabet="abAB \n[]!", max_size=8)


@given(st.lists(_PATTERN, max_size=6), st.lists(_TITLE, min_size=1, max_size=5))
def test_matching_all_patterns_at_once_finds_what_one_by_one_would(
    patterns: list[str], titles: list[str]
) -> None:
    matcher = _matcher(*patterns)
    for title in titles:
        assert matcher.calendar_event(title) == _first_fitting(patterns, title)


def test_an_activity_that_is_a_responsibilitys_own_name_counts_as_it() -> None:
    matcher = Matcher(
        [
            Responsibility("payroll", "Payroll approval"),
            Responsibility("close", "Month-end close"),
            Responsibility("a", "Shared name"),
            Responsibility("b", "Shared name"),
        ]
    )
    assert matcher.time_entry("Payroll approval") == "payroll"
    assert matcher.time_entry("  PAYROLL   approval ") == "payroll"  # any case, spaces collapsed
    assert matcher.time_entry("month-end close") == "close"
    assert matcher.time_entry("payroll") == "payroll"  # the id, as before
    assert matcher.time_entry("Payroll") == "payroll"
    assert matcher.time_entry("Payroll approvals") is None
    assert matcher.time_entry("shared name") is None  # two responsibilities: neither
