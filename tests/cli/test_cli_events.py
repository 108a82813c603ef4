"""The commands over time, end to end on a small workspace with a timesheet:
``plan``, ``trend``, ``line-of-sight``, ``check --save`` and ``diff``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_workspaces import CLEAN, UNOWNED_RESPONSIBILITY, Invoke, WriteWorkspace

#: Four weeks of Tidy Co's timesheet. Ada (the CEO) does the dispatch schedule her
#: operations manager owns, most of all in the first week; nobody logs anything in the
#: week of 2026-07-20 but Cy; "Vendor calls" matches no responsibility.
TIMESHEET = """
    person,date,hours,activity,customer,description
    ada,2026-07-06,20,strategy,,
    ada,2026-07-07,8,dispatch,,
    ada,2026-07-08,2,Vendor calls,,
    ada,2026-07-13,15,strategy,,
    ada,2026-07-14,15,strategy,,
    ada,2026-07-14,3,dispatch,,
    ben,2026-07-06,20,capacity,,
    ben,2026-07-07,15,capacity,,
    cy,2026-07-06,19,dispatch,,
    cy,2026-07-07,19,dispatch,,
    cy,2026-07-20,12,dispatch,,
    cy,2026-07-21,12,dispatch,,
    cy,2026-07-22,12,dispatch,,
    ada,2026-07-27,12,strategy,,
    ada,2026-07-28,13,strategy,,
    ada,2026-07-28,1,Vendor calls,,
"""

WEEKS = ["2026-07-06", "2026-07-13", "2026-07-20", "2026-07-27"]


@pytest.fixture
def timed(write_workspace: WriteWorkspace) -> Path:
    """The clean workspace with a timesheet."""
    return write_workspace({**CLEAN, "data/time/timesheet.csv": TIMESHEET}, "timed")


# -- trend -------------------------------------------------------------------------------


def test_trend_of_others_work_has_every_week_zero_filled(invoke: Invoke, timed: Path) -> None:
    result = invoke("trend", timed, "ada", "--metric", "others-work", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["weeks"] == WEEKS
    assert data["series"][0]["values"] == [8.0, 3.0, 0.0, 0.0]
    assert data["total"]["values"] == [30.0, 33.0, 0.0, 26.0]
    assert data["top_work"] == [{"work": "Dispatch schedule (dispatch)", "hours": 11.0}]


def test_trend_text_reads_in_a_terminal(invoke: Invoke, timed: Path) -> None:
    result = invoke("trend", timed, "Ada Moreno", "--metric", "others-work")
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if line[:10] in WEEKS]
    assert [line[:10] for line in lines] == WEEKS
    assert "█" in lines[0]
    assert lines[0].split()[-2:] == ["8", "30"]
    assert "Ada Moreno (ada): hours a week on work other seats own" in result.stdout


def test_trend_of_unowned_and_of_a_seats_horizon(invoke: Invoke, timed: Path) -> None:
    unowned = json.loads(invoke("trend", timed, "-m", "unowned", "--format", "json").stdout)
    assert unowned["series"][0]["values"] == [2.0, 0.0, 0.0, 1.0]
    assert unowned["top_work"][0]["work"].casefold() == "vendor calls"
    horizon = json.loads(invoke("trend", timed, "ceo", "-m", "horizon", "--format", "json").stdout)
    series = {s["name"]: s["values"] for s in horizon["series"]}
    assert series["in band"] == [20.0, 30.0, 0.0, 25.0]  # strategy, 1y, fits L5
    assert series["below band"] == [8.0, 3.0, 0.0, 0.0]  # dispatch, 3mo
    assert series["unmatched"] == [2.0, 0.0, 0.0, 1.0]


def test_trend_markdown(invoke: Invoke, timed: Path) -> None:
    result = invoke("trend", timed, "dispatch", "-m", "hours", "--format", "markdown")
    assert result.exit_code == 0, result.output
    assert "| 2026-07-06 | 46 |" in result.stdout
    assert "| 2026-07-20 | 36 |" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["adda", "-m", "others-work"], "no person 'adda'; did you mean 'ada'?"),
        (["ada", "-m", "other-work"], "no metric 'other-work'; did you mean 'others-work'?"),
        (["cfo", "-m", "horizon"], "no seat 'cfo'; did you mean 'ceo'?"),
        (["-m", "horizon"], "--metric horizon needs a seat"),
    ],
)
def test_trend_wrong_usage_exits_2_with_a_suggestion(
    invoke: Invoke, timed: Path, args: list[str], message: str
) -> None:
    result = invoke("trend", timed, *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_trend_without_event_data_says_what_it_needs(invoke: Invoke, clean: Path) -> None:
    result = invoke("trend", clean, "ada", "-m", "others-work")
    assert result.exit_code == 2
    assert "trend needs time entries (data/time/*.csv or *.parquet)" in result.stderr


def test_trend_on_an_unreadable_workspace_prints_its_problems(
    invoke: Invoke, write_workspace: WriteWorkspace
) -> None:
    broken = write_workspace({**CLEAN, "extra.yaml": "seats: [oops"}, "broken")
    result = invoke("trend", broken, "-m", "unowned")
    assert result.exit_code == 2
    assert "extra.yaml" in result.stderr


# -- line of sight -------------------------------------------------------------------------


def test_line_of_sight_follows_the_hours_to_the_objective(invoke: Invoke, timed: Path) -> None:
    result = invoke("line-of-sight", timed, "ada")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Company strategy (strategy)  accountable" in out
    assert "Dispatch schedule (dispatch)  others'" in out
    assert "kr-late Cut late dispatches → kr-on-time Deliver 95% on time → obj-growth" in out
    assert "Vendor calls (time)" in out
    data = json.loads(invoke("line-of-sight", timed, "ada", "--format", "json").stdout)
    assert data["hours"] == 89.0
    assert data["tied_to_nothing_hours"] == 3.0
    assert [w["responsibility"] for w in data["work"]] == ["strategy", "dispatch"]


def test_line_of_sight_of_an_unknown_person_or_without_data(
    invoke: Invoke, timed: Path, clean: Path
) -> None:
    unknown = invoke("line-of-sight", timed, "bob")
    assert unknown.exit_code == 2
    assert "no person 'bob'" in unknown.stderr
    no_data = invoke("line-of-sight", clean, "ada")
    assert no_data.exit_code == 2
    assert "line-of-sight needs time entries" in no_data.stderr


# -- plan ------------------------------------------------------------------------------------


def test_plan_works_from_static_findings_without_event_data(
    invoke: Invoke, write_workspace: WriteWorkspace
) -> None:
    vacant = write_workspace(
        {
            **CLEAN,
            "more.yaml": """
                seats:
                  - {id: controller, title: Controller, function: finance, level: L3,
                     reports_to: ceo}
                responsibilities:
                  - {id: close, name: Monthly close, horizon: 1mo, accountable: controller,
                     goals: [kr-late]}
            """,
        },
        "vacant",
    )
    result = invoke("plan", vacant)
    assert result.exit_code == 0, result.output
    assert "fill controller" in result.stdout
    assert "need time entries or calendars" in " ".join(result.stdout.split())
    data = json.loads(invoke("plan", vacant, "--format", "json").stdout)
    assert set(data["plan"]) == {"transfers", "seats", "stop_doing", "partners", "finance"}
    assert data["plan"]["seats"][0]["seat"] == "controller"
    assert "events" not in data
    markdown = invoke("plan", vacant, "--format", "markdown").stdout
    assert markdown.startswith("# Plan for")


def test_plan_with_event_data_says_what_it_read(invoke: Invoke, timed: Path) -> None:
    result = invoke("plan", timed, "--format", "json")
    assert result.exit_code == 0, result.output
    events = json.loads(result.stdout)["events"]
    assert (events["window_start"], events["weeks"], events["time_entries"]) == (
        "2026-07-06",
        4,
        16,
    )


def test_plan_of_an_unreadable_workspace_exits_2(
    invoke: Invoke, write_workspace: WriteWorkspace
) -> None:
    broken = write_workspace({**CLEAN, "extra.yaml": "seats: [oops"}, "broken")
    result = invoke("plan", broken)
    assert result.exit_code == 2
    assert "extra.yaml" in result.stderr


# -- snapshots -----------------------------------------------------------------------------


def test_check_save_then_diff_shows_findings_opened_and_closed(invoke: Invoke, timed: Path) -> None:
    assert "no snapshots" in invoke("diff", timed).stderr
    first = invoke("check", timed, "--save")
    assert first.exit_code == 0, first.output
    assert "saved snapshot" in first.stderr
    one = invoke("diff", timed)
    assert one.exit_code == 2
    assert "only one snapshot" in one.stderr
    (timed / "more.yaml").write_text(UNOWNED_RESPONSIBILITY, encoding="utf-8")
    assert invoke("check", timed, "--save", "--format", "json").exit_code == 1
    # two saves in one second are named 20260706T090000Z and 20260706T090000Z-2
    snapshots = sorted(
        (timed / ".levelset" / "snapshots").glob("*.json"), key=lambda p: (len(p.stem), p.stem)
    )
    assert len(snapshots) == 2
    assert "taken_at" in json.loads(snapshots[1].read_text(encoding="utf-8"))
    result = invoke("diff", timed)
    assert result.exit_code == 0, result.output
    assert "1 opened, 0 closed" in result.stdout
    assert "JOB001 responsibility audit" in result.stdout
    back = json.loads(
        invoke("diff", timed, snapshots[1].stem, snapshots[0].stem, "--format", "json").stdout
    )
    assert [f["code"] for f in back["closed"]] == ["JOB001"]
    listed = invoke("diff", timed, "--list")
    assert snapshots[0].stem in listed.stdout
    assert "2 snapshots" in listed.stdout


def test_diff_with_a_name_that_picks_no_snapshot(invoke: Invoke, timed: Path) -> None:
    invoke("check", timed, "--save")
    invoke("check", timed, "--save")
    result = invoke("diff", timed, "1999")
    assert result.exit_code == 2
    assert "'1999' names no snapshot" in result.stderr


def test_check_save_on_an_unreadable_workspace_saves_nothing(
    invoke: Invoke, write_workspace: WriteWorkspace
) -> None:
    broken = write_workspace({**CLEAN, "extra.yaml": "seats: [oops"}, "broken")
    result = invoke("check", broken, "--save")
    assert result.exit_code == 2
    assert "not saved" in result.stderr
    assert not (broken / ".levelset").exists()


def test_check_engine_url_that_is_not_one_is_a_problem(invoke: Invoke, timed: Path) -> None:
    result = invoke("check", timed, "--engine", "oracle://db", "--format", "json")
    assert result.exit_code == 2
    problems = json.loads(result.stdout)["problems"]
    assert any("oracle://db" in p["message"] for p in problems)
