"""The structured fuzz suite CI runs, bounded: mutated workspaces through the commands,
generated rows through each importer, and every case that ever failed (the corpus).

The long campaign is ``scripts/fuzz.py`` (``--cases 10000 --seed N``); a failure it
prints is a manifest: save it under ``tests/fuzz/corpus/`` and it is replayed here.
"""

from __future__ import annotations

import csv
import io
import json
import time
from datetime import date
from pathlib import Path

import fuzzkit
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from levelset.load.financefiles import find_finance_sources
from levelset.load.ics import read_ics
from levelset.load.timefiles import find_time_sources

CORPUS = Path(__file__).parent / "corpus"
SEED = fuzzkit.seed_workspace()


def bounded(examples: int) -> settings:
    """At most ``examples`` cases, the same on every CI run (the campaign explores)."""
    return settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        derandomize=True,
    )


#: Values every column may hold: the plausible, the nasty and the random.
CELLS = st.one_of(
    st.sampled_from(fuzzkit.NASTY_VALUES),
    st.sampled_from(["dana", "lee", "strategy", "2026-01-05", "01/05/2026", "1.5", "1:30"]),
    st.text(max_size=12),
    st.integers(-(10**30), 10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.dates(min_value=date(1, 1, 1)).map(date.isoformat),
)


def _csv(header: list[str], rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8", "surrogateescape")


def _assert_sound(outcome: fuzzkit.Outcome) -> None:
    assert outcome.ok, "\n".join(outcome.failures)


@bounded(60)
@given(case=st.integers(0, 2**31))
def test_mutated_workspaces_never_crash(
    tmp_path_factory: pytest.TempPathFactory, case: int
) -> None:
    files, _done = fuzzkit.mutate(SEED, case)
    root = tmp_path_factory.mktemp("case") / "ws"
    fuzzkit.write_workspace(files, root)
    _assert_sound(fuzzkit.run_case(root))


@bounded(8)
@given(case=st.integers(0, 2**31))
def test_mutated_data_through_the_engine(
    tmp_path_factory: pytest.TempPathFactory, case: int
) -> None:
    files, _done = fuzzkit.mutate(SEED, case)
    root = tmp_path_factory.mktemp("engine") / "ws"
    fuzzkit.write_workspace(files, root)
    _assert_sound(fuzzkit.run_case(root, engine=True))


@bounded(60)
@given(
    header=st.lists(
        st.sampled_from(["person", "date", "hours", "activity", "project", "", "Duration", "x"]),
        min_size=1,
        max_size=7,
    ),
    rows=st.lists(st.lists(CELLS, max_size=8), max_size=6),
)
def test_any_time_csv_is_recognised_or_a_problem(
    tmp_path_factory: pytest.TempPathFactory, header: list[str], rows: list[list[str]]
) -> None:
    root = tmp_path_factory.mktemp("time")
    folder = root / "data" / "time"
    folder.mkdir(parents=True)
    (folder / "t.csv").write_bytes(_csv(header, rows))
    sources, problems = find_time_sources(root)
    assert len(sources) + len(problems) >= 1
    assert all(p.location.file.startswith("data/time") for p in problems)


@bounded(60)
@given(
    header=st.lists(
        st.sampled_from(
            ["invoice", "customer", "issued", "due", "amount", "cogs", "Num", "Open Balance", ""]
        ),
        min_size=1,
        max_size=7,
    ),
    rows=st.lists(st.lists(CELLS, max_size=8), max_size=6),
)
def test_any_finance_csv_is_recognised_or_a_problem(
    tmp_path_factory: pytest.TempPathFactory, header: list[str], rows: list[list[str]]
) -> None:
    root = tmp_path_factory.mktemp("finance")
    folder = root / "data" / "finance"
    folder.mkdir(parents=True)
    (folder / "invoices.csv").write_bytes(_csv(header, rows))
    sources, problems = find_finance_sources(root)
    assert len(sources) + len(problems) >= 1
    assert all(p.location.file.startswith("data/finance") for p in problems)


ICS_LINES = st.sampled_from(
    [
        "BEGIN:VEVENT",
        "END:VEVENT",
        "END:VTOOD",
        "DTSTART:20260105T090000Z",
        "DTSTART;VALUE=DATE:20260105",
        "DTSTART;TZID=Europe/Paris:20260105T090000",
        "DTEND:20260105T100000Z",
        "DURATION:PT1H",
        "DURATION:P999999999999999999W",
        "RRULE:FREQ=WEEKLY;COUNT=8",
        "RRULE:FREQ=DAILY;UNTIL=20260201T000000Z",
        "RRULE:FREQ=SECONDLY;COUNT=999999999",
        "RRULE:FREQ=YEARLY;BYMONTH=13",
        "EXDATE:20260112T090000Z",
        "RDATE;VALUE=PERIOD:20260120T090000Z/PT2H",
        "RECURRENCE-ID:20260112T090000Z",
        "SUMMARY:Weekly review",
        "ATTENDEE:mailto:dana@example.com",
        "ORGANIZER:mailto:lee@example.com",
        " folded continuation",
        "UID:a",
        "UID:b",
        "BEGIN:VTIMEZONE",
        "END:VTIMEZONE",
    ]
)


@bounded(150)
@given(body=st.lists(ICS_LINES | st.text(max_size=30), max_size=25))
def test_any_calendar_text_reads_or_gives_problems(body: list[str]) -> None:
    text = "\r\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", *body, "END:VCALENDAR"])
    started = time.monotonic()
    parsed = read_ics(text, "data/calendar/x.ics", lambda _email: "dana")
    assert time.monotonic() - started < 10
    for problem in parsed.problems:
        assert problem.location.file == "data/calendar/x.ics"


@pytest.mark.parametrize("case", sorted(CORPUS.glob("*.json")), ids=lambda p: p.stem)
def test_every_case_that_ever_failed(tmp_path: Path, case: Path) -> None:
    manifest = case.read_text(encoding="utf-8")
    root = tmp_path / "ws"
    fuzzkit.write_workspace(fuzzkit.from_manifest_json(manifest), root)
    started = time.monotonic()
    about = json.loads(manifest)
    outcome = fuzzkit.run_case(root, engine=about.get("engine", False))
    assert time.monotonic() - started < 120  # a hang, or a blow-up, once
    _assert_sound(outcome)
    # What the case once got wrong without crashing, said in its manifest:
    expect = about.get("expect", [])
    if "every problem has a line" in expect:
        assert outcome.problems_without_line == [], outcome.problems_without_line
    if "a problem" in expect:
        assert outcome.problems, "the case must be reported"
    if "no problems" in expect:
        assert outcome.problems == [], outcome.problems
    if "no bug" in expect:
        assert not [p for p in outcome.problems if "this is a bug" in p], outcome.problems


def test_a_case_is_the_same_workspace_every_time() -> None:
    assert fuzzkit.mutate(SEED, 12345) == fuzzkit.mutate(SEED, 12345)
    files, _ = fuzzkit.mutate(SEED, 12345)
    manifest = fuzzkit.to_manifest_json(files)
    assert fuzzkit.from_manifest_json(manifest) == files
