"""``[data]`` in levelset.toml: window, engine and limits, with problems at their lines."""

from __future__ import annotations

from datetime import date

import pytest

from levelset.load import load_files

ORG = "seats:\n  - {id: ceo, title: CEO, level: L5}\n"


def _load(toml: str):  # type: ignore[no-untyped-def]
    return load_files({"levelset.toml": toml, "org.yaml": ORG})


@pytest.mark.parametrize(
    ("written", "start", "end"),
    [
        ('"2026-07-06..2026-10-25"', date(2026, 7, 6), date(2026, 10, 25)),
        ('"2026-Q3"', date(2026, 7, 1), date(2026, 9, 30)),
        ("{start = 2026-07-06, end = 2026-07-19}", date(2026, 7, 6), date(2026, 7, 19)),
    ],
)
def test_window_is_read_in_each_form(written: str, start: date, end: date) -> None:
    result = _load(f"[data]\nwindow = {written}\n")
    assert not result.problems
    data = result.workspace.settings.data
    assert (data.window_start, data.window_end) == (start, end)


def test_engine_and_limits_are_read() -> None:
    result = _load('[data]\nengine = "postgres://u@h/db"\nmax_entry_hours = 16\nweek_hours = 35\n')
    assert not result.problems
    data = result.workspace.settings.data
    assert (data.engine, data.max_entry_hours, data.week_hours) == ("postgres://u@h/db", 16, 35)


@pytest.mark.parametrize(
    ("written", "kept"),
    [('"2GB"', "2GB"), ('" 1.5 gib "', "1.5GiB"), ('"800MB"', "800MB"), ('"64mb"', "64MB")],
)
def test_the_memory_limit_is_read_as_a_size(written: str, kept: str) -> None:
    result = _load(f"[data]\nmemory_limit = {written}\n")
    assert not result.problems
    assert result.workspace.settings.data.memory_limit == kept


def test_defaults_without_a_data_table() -> None:
    data = _load("").workspace.settings.data
    assert (data.window_start, data.engine, data.max_entry_hours, data.week_hours) == (
        None,
        None,
        24.0,
        40.0,
    )
    assert data.memory_limit is None


@pytest.mark.parametrize(
    ("body", "line", "words"),
    [
        ('window = "2026-10-25..2026-07-06"', 3, "ends"),
        ('window = "2026-02-30..2026-03-01"', 3, "impossible"),
        ('window = "soon"', 3, "window"),
        ("window = {start = 2026-07-06}", 3, "start and end"),
        ("engine = 5", 3, "connection URL"),
        ("week_hours = 0", 3, "above 0"),
        ("max_entry_hours = -4", 3, "above 0"),
        ('windw = "2026-Q3"', 3, "did you mean 'window'"),
        ('memory_limit = "lots"', 3, "64MB or more"),
        ("memory_limit = 2", 3, "64MB or more"),
        ('memory_limit = "2 GBs"', 3, "64MB or more"),
        ('memory_limit = "10MB"', 3, "64MB or more"),
        ('memory_limit = "0GB"', 3, "64MB or more"),
    ],
)
def test_bad_values_are_problems_at_their_line(body: str, line: int, words: str) -> None:
    result = _load(f"# settings\n[data]\n{body}\n")
    assert len(result.problems) == 1, result.problems
    problem = result.problems[0]
    assert (problem.location.file, problem.location.line) == ("levelset.toml", line)
    assert words in f"{problem.message} {problem.hint}"
