"""Snapshots: stored atomically under .levelset/snapshots, read back in time order, and
compared finding by finding (opened, closed, still open with changed figures)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from levelset.plan.snapshots import (
    SNAPSHOT_FOLDER,
    SnapshotError,
    diff_snapshots,
    read_snapshots,
    write_snapshot,
)
from levelset.report.history import compared_note, diff_to_dict

MONDAY = datetime(2026, 7, 6, 9, 0, tzinfo=UTC)
NEXT_MONDAY = datetime(2026, 7, 13, 9, 0, tzinfo=UTC)


def _finding(code: str, kind: str, subject: str, **evidence: Any) -> dict[str, Any]:
    return {
        "code": code,
        "rule": code.lower(),
        "severity": "warning",
        "subject": {"kind": kind, "id": subject},
        "message": f"{code} on {subject}",
        "evidence": evidence,
        "recommendation": "",
        "location": None,
    }


def _report(*findings: dict[str, Any]) -> dict[str, Any]:
    return {"workspace": "acme", "problems": [], "findings": list(findings), "plan": {}}


def test_written_under_the_workspace_with_the_time_taken(tmp_path: Path) -> None:
    path = write_snapshot(tmp_path, _report(_finding("JOB005", "person", "kim")), MONDAY)
    assert path == tmp_path / SNAPSHOT_FOLDER / "20260706T090000Z.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["taken_at"] == "2026-07-06T09:00:00+00:00"
    assert data["findings"][0]["code"] == "JOB005"
    # nothing but the snapshot is left behind (no temporary files)
    assert [p.name for p in path.parent.iterdir()] == [path.name]


def test_a_second_snapshot_in_the_same_second_does_not_replace_the_first(
    tmp_path: Path,
) -> None:
    first = write_snapshot(tmp_path, _report(), MONDAY)
    second = write_snapshot(tmp_path, _report(_finding("LEV001", "seat", "ceo")), MONDAY)
    assert first != second
    assert second.name == "20260706T090000Z-2.json"
    assert json.loads(first.read_text(encoding="utf-8"))["findings"] == []
    third = write_snapshot(tmp_path, _report(), MONDAY)
    snapshots, _ = read_snapshots(tmp_path)
    # in the order they were saved, although "-2" sorts before ".json" by name
    assert [s.path for s in snapshots] == [first, second, third]


def test_local_times_are_stored_in_utc(tmp_path: Path) -> None:
    from datetime import timedelta, timezone  # noqa: PLC0415 - only this test needs it

    local = datetime(2026, 7, 6, 11, 0, tzinfo=timezone(timedelta(hours=2)))
    assert write_snapshot(tmp_path, _report(), local).stem == "20260706T090000Z"


def test_read_back_oldest_first_with_unreadable_files_as_problems(tmp_path: Path) -> None:
    write_snapshot(tmp_path, _report(), NEXT_MONDAY)
    write_snapshot(tmp_path, _report(_finding("JOB005", "person", "kim")), MONDAY)
    (tmp_path / SNAPSHOT_FOLDER / "broken.json").write_text("{not json", encoding="utf-8")
    snapshots, problems = read_snapshots(tmp_path)
    assert [s.taken_at for s in snapshots] == [MONDAY, NEXT_MONDAY]
    assert snapshots[0].findings[0].key == ("JOB005", "person", "kim")
    assert len(problems) == 1
    assert problems[0].location.file == ".levelset/snapshots/broken.json"


def test_no_folder_means_no_snapshots(tmp_path: Path) -> None:
    assert read_snapshots(tmp_path) == ([], [])


def test_an_unwritable_folder_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    (tmp_path / ".levelset").write_text("a file where the folder should be", encoding="utf-8")
    with pytest.raises(SnapshotError, match="cannot write"):
        write_snapshot(tmp_path, _report(), MONDAY)


def test_diff_opened_closed_and_changed_figures(tmp_path: Path) -> None:
    write_snapshot(
        tmp_path,
        _report(
            _finding("JOB005", "person", "kim", hours_per_week=8.0, share=0.2),
            _finding("LEV001", "responsibility", "payroll"),
            _finding("DOT002", "goal", "obj-people"),
        ),
        MONDAY,
    )
    write_snapshot(
        tmp_path,
        _report(
            _finding("JOB005", "person", "kim", hours_per_week=5.5, share=0.2),
            _finding("DOT002", "goal", "obj-people"),
            _finding("JOB006", "activity", "vendor-calls"),
        ),
        NEXT_MONDAY,
    )
    (old, new), _ = read_snapshots(tmp_path)
    diff = diff_snapshots(old, new)
    assert [f.key for f in diff.opened] == [("JOB006", "activity", "vendor-calls")]
    assert [f.key for f in diff.closed] == [("LEV001", "responsibility", "payroll")]
    assert [item.finding.key for item in diff.still_open] == [
        ("JOB005", "person", "kim"),
        ("DOT002", "goal", "obj-people"),
    ]
    (changed,) = diff.changed
    assert [(c.name, c.old, c.new) for c in changed.changes] == [("hours_per_week", 8.0, 5.5)]


def test_a_rule_firing_twice_on_one_subject_is_counted_twice(tmp_path: Path) -> None:
    twice = _finding("OUT004", "partner", "stride")
    write_snapshot(tmp_path, _report(twice, twice), MONDAY)
    write_snapshot(tmp_path, _report(twice), NEXT_MONDAY)
    (old, new), _ = read_snapshots(tmp_path)
    diff = diff_snapshots(old, new)
    assert len(diff.closed) == 1
    assert len(diff.still_open) == 1


def test_checks_of_other_rules_are_compared_only_on_the_rules_both_ran(
    tmp_path: Path,
) -> None:
    everything = {
        **_report(_finding("LEV001", "seat", "ceo"), _finding("FIN001", "customer", "acme")),
        "rules": ["FIN001", "LEV001"],
    }
    write_snapshot(tmp_path, everything, MONDAY)
    # The next check ran --select LEV and found LEV002 too: FIN001 was not run, not closed.
    leveling = {
        **_report(_finding("LEV001", "seat", "ceo"), _finding("LEV002", "seat", "cfo")),
        "rules": ["LEV001", "LEV002"],
    }
    write_snapshot(tmp_path, leveling, NEXT_MONDAY)
    (old, new), _ = read_snapshots(tmp_path)
    diff = diff_snapshots(old, new)
    assert diff.closed == ()
    assert diff.opened == ()  # LEV002 did not run in the older check either
    assert [item.finding.code for item in diff.still_open] == ["LEV001"]
    assert (diff.old_only, diff.new_only) == (("FIN001",), ("LEV002",))
    assert compared_note(diff) == (
        "Only the rules both checks ran are compared (other --select or --ignore, or data "
        "missing): FIN001 ran only in 20260706T090000Z; LEV002 ran only in 20260713T090000Z."
    )
    assert diff_to_dict(diff)["not_compared"] == {"old_only": ["FIN001"], "new_only": ["LEV002"]}


def test_snapshots_that_do_not_say_which_rules_ran_compare_every_finding(
    tmp_path: Path,
) -> None:
    write_snapshot(tmp_path, _report(_finding("FIN001", "customer", "acme")), MONDAY)
    write_snapshot(tmp_path, {**_report(), "rules": ["LEV001"]}, NEXT_MONDAY)
    (old, new), _ = read_snapshots(tmp_path)
    assert old.rules is None
    assert [f.code for f in diff_snapshots(old, new).closed] == ["FIN001"]
