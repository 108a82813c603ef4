"""examples/acme/data: written by scripts/make_acme_data.py, byte for byte, and telling
the stories of the source articles.

The figures are computed here straight from the files (a small ICS reader and the CSV
module), so that the data is checked independently of levelset's importers; the last
tests check that the event rules see the same stories through the public API.
"""

from __future__ import annotations

import csv
import importlib.util
import subprocess
import sys
from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import ModuleType
from zoneinfo import ZoneInfo

import pytest
import yaml
from dateutil.rrule import rrulestr

import levelset
from levelset.model import Report

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "make_acme_data.py"
ACME = ROOT / "examples" / "acme"
DATA = ACME / "data"
START = date(2026, 7, 6)
NEW_YORK = ZoneInfo("America/New_York")
FINANCE_1D_1MO = {"ap-processing", "payroll", "collections", "monthly-close", "bank-reconciliation"}


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_acme_data", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA / "time" / name).open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def _week(day: date) -> int:
    """The 1-based week of the window."""
    return (day - START).days // 7 + 1


# -- the generator ------------------------------------------------------------------------


def test_the_script_rewrites_the_committed_files_byte_for_byte(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    written, committed = _files(tmp_path), _files(DATA)
    assert sorted(written) == sorted(committed)
    changed = [name for name in written if written[name] != committed[name]]
    assert changed == [], "run `uv run python scripts/make_acme_data.py` and commit the result"


def test_the_generator_gives_the_same_text_every_time() -> None:
    generator = _generator()
    assert generator.build() == generator.build()


def test_the_files_stay_small() -> None:
    assert (DATA / "time" / "acme-timesheet.csv").stat().st_size < 1_500_000
    assert sum(len(b) for b in _files(DATA).values()) < 2_000_000


# -- formats ------------------------------------------------------------------------------


def test_calendars_are_folded_with_crlf_as_rfc_5545_says() -> None:
    folded = 0
    for path in sorted((DATA / "calendar").glob("*.ics")):
        raw = path.read_bytes()
        assert raw.startswith(b"BEGIN:VCALENDAR\r\n")
        assert raw.endswith(b"END:VCALENDAR\r\n")
        lines = raw.split(b"\r\n")[:-1]
        assert all(b"\n" not in line and len(line) <= 75 for line in lines), path.name
        folded += sum(line.startswith(b" ") for line in lines)
    assert folded > 100  # attendee lines are long: they are folded, not cut


def test_time_files_have_the_layouts_of_their_tools() -> None:
    first = {
        name: (DATA / "time" / name).read_text(encoding="utf-8").splitlines()[0]
        for name in ("acme-timesheet.csv", "stride-harvest.csv", "brightline-toggl.csv")
    }
    assert first["acme-timesheet.csv"] == "person,date,hours,activity,customer,description"
    assert first["stride-harvest.csv"].startswith("Date,Client,Project,Project Code,Task,Notes")
    assert first["brightline-toggl.csv"].startswith("User,Email,Client,Project,Task,Description")


def test_everyone_in_the_data_is_someone_in_the_workspace() -> None:
    people = yaml.safe_load((ACME / "people.yaml").read_text(encoding="utf-8"))["people"]
    known = {p["id"] for p in people} | {p["email"] for p in people}
    assert {r["person"] for r in _rows("acme-timesheet.csv")} <= known
    partners = yaml.safe_load((ACME / "partners.yaml").read_text(encoding="utf-8"))["partners"]
    partner_people = {p["id"]: p["people"] for p in partners}
    stride = {q["name"] for q in partner_people["stride"]}
    assert {f"{r['First Name']} {r['Last Name']}" for r in _rows("stride-harvest.csv")} == stride
    brightline = {q["email"] for q in partner_people["brightline"]}
    assert {r["Email"] for r in _rows("brightline-toggl.csv")} == brightline


def test_every_day_is_inside_the_window() -> None:
    days = {date.fromisoformat(r["date"]) for r in _rows("acme-timesheet.csv")}
    assert min(days) == START
    assert max(days) == date(2026, 10, 23)  # the last Friday before Sunday 2026-10-25


# -- the stories, in figures --------------------------------------------------------------


def test_the_ceo_spends_about_a_third_of_her_hours_on_short_finance_work() -> None:
    hours: dict[str, float] = defaultdict(float)
    for row in _rows("acme-timesheet.csv"):
        if row["person"] == "dana-reyes":
            hours[row["activity"]] += float(row["hours"])
    share = sum(hours[a] for a in FINANCE_1D_1MO) / sum(hours.values())
    assert 0.28 <= share <= 0.38


def test_stride_logs_a_clear_share_of_hours_outside_its_scope() -> None:
    scope = ("AP processing", "Close: month-end", "Bank reconciliation")
    hours = {"in": 0.0, "out": 0.0}
    for row in _rows("stride-harvest.csv"):
        hours["in" if row["Task"] in scope else "out"] += float(row["Hours"])
    share = hours["out"] / (hours["in"] + hours["out"])
    assert 0.15 <= share <= 0.45


def test_the_biggest_customer_takes_the_most_rush_and_return_hours() -> None:
    hours: dict[str, float] = defaultdict(float)
    for row in _rows("acme-timesheet.csv"):
        if row["activity"] in ("Returns and credits", "order-entry") and row["customer"]:
            hours[row["customer"]] += float(row["hours"])
    ranked = sorted(hours, key=lambda c: -hours[c])
    assert ranked[0] == "cust-northwind"
    assert hours["cust-northwind"] > 2 * hours[ranked[1]]
    assert len(hours) == 10


class _Event:
    """What the story tests need of a VEVENT."""

    def __init__(self, props: list[tuple[str, str]]) -> None:
        self.props = props

    def get(self, name: str) -> str:
        return next((v for k, v in self.props if k.split(";")[0] == name), "")

    def starts(self) -> list[tuple[datetime, float]]:
        """Every (start, hours) of the event in the window, recurrences expanded."""
        start, end = _local(self.get("DTSTART")), _local(self.get("DTEND"))
        hours = (end - start).total_seconds() / 3600
        rule = self.get("RRULE")
        if not rule:
            return [(start, hours)]
        if "UNTIL=" in rule:  # a UTC UNTIL, made local as DTSTART is
            head, until = rule.split("UNTIL=")
            moment = datetime.strptime(until[:16], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
            rule = head + "UNTIL=" + moment.astimezone(NEW_YORK).strftime("%Y%m%dT%H%M%S")
        last = datetime.combine(START + timedelta(weeks=16), datetime.min.time())
        skipped = {_local(v) for k, v in self.props if k.startswith("EXDATE")}
        return [
            (moment, hours)
            for moment in rrulestr(rule, dtstart=start).between(start, last, inc=True)
            if moment not in skipped
        ]

    def attends(self, email: str) -> bool:
        return any(
            value.endswith(email) and "PARTSTAT=DECLINED" not in key
            for key, value in self.props
            if key.startswith("ATTENDEE")
        )


def _local(value: str) -> datetime:
    return datetime.strptime(value[:15], "%Y%m%dT%H%M%S")


def _events() -> Iterator[_Event]:
    for path in sorted((DATA / "calendar").glob("*.ics")):
        text = path.read_bytes().decode("utf-8").replace("\r\n ", "")
        props: list[tuple[str, str]] = []
        for line in text.split("\r\n"):
            if line == "BEGIN:VEVENT":
                props = []
            elif line == "END:VEVENT":
                yield _Event(props)
            elif ":" in line:
                key, _, value = line.partition(":")
                props.append((key, value))


def test_the_cro_hands_her_seller_reviews_to_the_rvps_after_eight_weeks() -> None:
    cro = "maria.okafor@acme-distribution.example"
    weekly: dict[int, float] = defaultdict(float)
    for event in _events():
        if event.get("SUMMARY").startswith("Deal review") and event.attends(cro):
            for start, hours in event.starts():
                weekly[_week(start.date())] += hours
    before = [weekly[w] for w in range(1, 9)]
    after = [weekly[w] for w in range(9, 17)]
    assert 8 <= sum(before) / 8 <= 12  # about a day a week
    assert 2 <= sum(after) / 8 <= 3.5  # about a third of a day
    rvp = "aaron.abbott@acme-distribution.example"
    reviews = [
        start
        for e in _events()
        if e.get("SUMMARY").startswith("Deal review") and e.get("ORGANIZER").endswith(rvp)
        for start, _ in e.starts()
    ]
    assert reviews
    assert min(_week(s.date()) for s in reviews) == 9


def test_the_agency_is_never_in_the_strategy_session_and_the_bookkeeper_is() -> None:
    sessions = [e for e in _events() if e.get("SUMMARY").startswith("Strategy session")]
    assert len(sessions) == 2  # the series and one moved occurrence
    for session in sessions:
        assert session.attends("sam@stride.example")
        assert not any("brightline" in v for _, v in session.props)
    moved = [s for s in sessions if s.get("RECURRENCE-ID")]
    assert len(moved) == 1


def test_the_calendars_give_the_importer_real_work() -> None:
    events = list(_events())
    keys = {k.split(";")[0] for e in events for k, _ in e.props}
    assert {"EXDATE", "RECURRENCE-ID"} <= keys
    assert any(e.get("STATUS") == "CANCELLED" for e in events)
    assert any(k.startswith("DTSTART;VALUE=DATE") for e in events for k, _ in e.props)
    assert any("PARTSTAT=DECLINED" in k for e in events for k, _ in e.props)
    syncs = [e for e in events if e.get("SUMMARY") == "Ops status sync"]
    assert len(syncs) == 1
    assert len(syncs[0].starts()) == 15  # weekly, less Labor Day


# -- the stories, through levelset --------------------------------------------------------


@pytest.fixture(scope="module")
def report() -> Report:
    """One check of acme with its event data."""
    return levelset.check(ACME)


def _subjects(report: Report, code: str) -> set[str]:
    return {f.subject.id for f in report.findings if f.code == code}


def test_acme_with_its_data_checks_without_problems(report: Report) -> None:
    assert report.problems == ()


def test_every_event_rule_fires_on_acme(report: Report) -> None:
    expected = {r.code for r in levelset.default_registry() if r.needs_events}
    assert expected
    assert expected - {f.code for f in report.findings} == set()


@pytest.mark.parametrize(
    ("code", "fires", "quiet"),
    [
        ("LEV005", {"dana-reyes", "maria-okafor"}, {"tom-becker", "aaron-abbott", "brian-patel"}),
        ("LEV006", {"controller"}, {"head-of-marketing"}),
        ("JOB005", {"dana-reyes", "maria-okafor", "luis-lopez"}, {"tom-becker", "joel-abbott"}),
        ("JOB006", {"Returns and credits", "Tariff clause redlines"}, set()),
        ("JOB007", {"Ops status sync"}, {"Strategy session", "Sales leadership meeting"}),
        ("OUT006", {"brightline"}, {"stride", "keystone"}),
        ("OUT007", {"stride"}, {"keystone"}),
        ("DOT007", {"mei-novak", "luis-lopez"}, {"julia-castro", "joel-abbott", "dana-reyes"}),
    ],
)
def test_the_event_rules_tell_the_stories(
    report: Report, code: str, fires: set[str], quiet: set[str]
) -> None:
    found = _subjects(report, code)
    assert fires <= found, f"{code} fired on {sorted(found)}"
    assert not quiet & found, f"{code} should not fire on {sorted(quiet & found)}"
