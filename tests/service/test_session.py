"""The service session: one load, one engine, answers kept until the files change."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pytest

from levelset.service import LevelsetError, NoEventData, Part, Session, UsageError, WorkspaceError

ROOT = Path(__file__).resolve().parents[2]


def _codes(session: Session) -> set[str]:
    return {f.code for f in session.check().findings}


def _touch(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    stat = path.stat()  # a later modification time, even on a coarse clock
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10_000_000))


def test_asking_again_without_a_change_computes_nothing_again(workspace: Path) -> None:
    with Session(workspace) as session:
        first = session.check()
        engine = session.engine
        second = session.check()
        assert (session.computed["events"], session.computed["finance"]) == (1, 0)
        assert session.engine is engine is not None  # kept open between questions
    assert [f.message for f in first.findings] == [f.message for f in second.findings]


def test_a_yaml_change_is_read_again_and_changes_the_answer(workspace: Path) -> None:
    with Session(workspace) as session:
        before = session.check()
        assert "JOB006" in {f.code for f in before.findings}  # routing: nobody owns it
        hash_before = session.content_hash
        org = workspace / "org.yaml"
        _touch(
            org,
            org.read_text(encoding="utf-8")
            + "  - {id: routing, name: Route planning, horizon: 1mo, accountable: ops}\n",
        )
        assert session.refresh() == {Part.ORGANIZATION}
        assert session.content_hash != hash_before
        assert "JOB006" not in _codes(session)
        # The kept scan of the time file was resolved against the new responsibilities:
        # the file was not read again.
        assert (session.computed["events"], session.computed["event files"]) == (2, 1)


def test_the_content_hash_follows_the_contents_not_the_time(workspace: Path) -> None:
    with Session(workspace) as session:
        before = session.content_hash
        org = workspace / "org.yaml"
        _touch(org, org.read_text(encoding="utf-8"))  # same text, a new modification time
        assert session.refresh() == frozenset()
        assert session.content_hash == before


def test_a_changed_time_file_computes_the_events_again(workspace: Path) -> None:
    with Session(workspace) as session:
        session.check()
        entries = workspace / "data" / "time" / "entries.csv"
        _touch(entries, entries.read_text(encoding="utf-8").replace(",routing,", ",dispatch,"))
        assert session.refresh() == {Part.TIME}
        assert "JOB006" not in _codes(session)
        assert session.computed["events"] == 2


def test_rules_that_read_no_hours_read_no_data(workspace: Path) -> None:
    # A time file that cannot be read at all: a check that reads it reports it.
    (workspace / "data" / "time" / "entries.csv").write_bytes(b"\xff\xfe not a csv \x00")
    with Session(workspace) as session:
        report = session.check(select=["LEV001", "JOB001"])
        assert report.problems == ()
        assert (session.computed["events"], session.computed["finance"]) == (0, 0)
        assert session.check(select=["JOB006"]).problems  # this one reads the hours


def test_the_clock_is_the_callers(tmp_path: Path, workspace: Path) -> None:
    # Time files with no usable date leave the analysis window at the session's day.
    entries = workspace / "data" / "time" / "entries.csv"
    entries.write_text("person,date,hours,activity,customer,description\n", encoding="utf-8")
    with Session(workspace, today=date(2031, 3, 4)) as session:
        allocation = session.events().allocation
        assert allocation is not None
        assert (allocation.window_start, allocation.window_end) == (date(2031, 3, 4),) * 2


def test_one_error_type_with_its_statuses(workspace: Path, tmp_path: Path) -> None:
    with Session(workspace) as session:
        with pytest.raises(UsageError, match="no person 'cyy'; did you mean 'cy'") as unknown:
            session.line_of_sight("cyy")
        with pytest.raises(UsageError, match="no metric 'hour'; did you mean 'hours'"):
            session.trend("hour", "cy")
        with pytest.raises(UsageError, match="--select: 'LEVV' matches no rule"):
            session.check(select=["LEVV"])
    assert isinstance(unknown.value, LevelsetError)
    assert (unknown.value.exit_status, unknown.value.http_status) == (2, 400)

    (workspace / "data" / "time" / "entries.csv").unlink()
    with Session(workspace) as session, pytest.raises(NoEventData) as missing:
        session.trend("hours", "cy")
    assert "needs time entries" in missing.value.message

    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "org.yaml").write_text("seats: [\n", encoding="utf-8")
    with Session(broken) as session, pytest.raises(WorkspaceError) as unread:
        session.trend("hours", "cy")
    assert unread.value.http_status == 422
    assert unread.value.problems[0].location.file == "org.yaml"


def test_a_settings_change_computes_the_figures_again_from_the_kept_books(
    tmp_path: Path,
) -> None:
    acme = tmp_path / "acme"
    shutil.copytree(ROOT / "examples" / "acme", acme)
    with Session(acme) as session:
        before = session.finance().finance
        toml = acme / "levelset.toml"
        _touch(
            toml,
            toml.read_text(encoding="utf-8").replace(
                "cost_of_capital = 0.10", "cost_of_capital = 0.30"
            ),
        )
        after = session.finance().finance
        assert session.computed["finance"] == 2
        assert session.computed["finance files"] == 1  # the books were not read again
    assert before is not None
    assert after is not None
    carrying = [sum(c.carrying_cost for c in f.customers) for f in (before, after)]
    assert carrying[1] == pytest.approx(3 * carrying[0])
