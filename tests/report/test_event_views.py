"""Renderers of the views over time, on hand-made data: the weekly trend, the line of
sight, the snapshot diff, the plan, and the events line of the check report."""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime
from pathlib import Path

from rich.console import Console

from levelset.model import (
    Goal,
    Holder,
    Person,
    Plan,
    Report,
    Responsibility,
    Seat,
    SeatAction,
    StopDoing,
    Transfer,
    Workspace,
)
from levelset.model.allocation import Allocation, WorkRow
from levelset.model.trend import Series, Trend, WorkShare
from levelset.plan.line_of_sight import LineOfSight, line_of_sight
from levelset.plan.snapshots import (
    FigureChange,
    Snapshot,
    SnapshotDiff,
    SnapshotFinding,
    StillOpen,
)
from levelset.report import render_json, render_markdown, render_text
from levelset.report.history import render_diff_json, render_diff_markdown, render_diff_text
from levelset.report.line_of_sight import (
    render_line_of_sight_json,
    render_line_of_sight_markdown,
    render_line_of_sight_text,
)
from levelset.report.plan_view import (
    NO_EVENTS,
    render_plan_json,
    render_plan_markdown,
    render_plan_text,
)
from levelset.report.trend import (
    BAR_WIDTH,
    render_trend_json,
    render_trend_markdown,
    render_trend_text,
    sparkline,
)

W1, W2, W3 = date(2026, 7, 6), date(2026, 7, 13), date(2026, 7, 20)

TREND = Trend(
    metric="others-work",
    subject_kind="person",
    subject="kim",
    title="Kim Ito (kim): hours a week on work other seats own",
    weeks=(W1, W2, W3),
    series=(Series("others' work", (8.0, 4.0, 0.0)),),
    total=Series("all hours", (40.0, 38.5, 20.0)),
    top_work=(WorkShare("Deal reviews (reviews)", 12.0),),
)

ALLOCATION = Allocation(
    window_start=W1,
    window_end=date(2026, 7, 26),
    weeks=3,
    rows=(
        WorkRow("kim", None, "Vendor calls", "time", 3.0, 1),
        WorkRow("lou", "reviews", "reviews", "time", 30.0, 3),
    ),
    time_entries=12345,
    occurrences=67,
    engine="duckdb",
)

PLAN = Plan(
    transfers=(
        Transfer("Deal reviews", "kim", "rvp", 8.0, cost_difference=-400.0, reason="RVPs own it"),
    ),
    seats=(SeatAction("fill", "controller", "Controller", "L3", hours_per_week=5.9),),
    stop_doing=(StopDoing("Ops sync", ("kim", "lou"), 2.5, "tied to nothing"),),
)


def _text(draw: object) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, width=120, color_system=None)
    draw(console)  # type: ignore[operator]
    return buffer.getvalue()


# -- trend ---------------------------------------------------------------------------


def test_trend_text_has_a_bar_and_figures_for_every_week() -> None:
    text = _text(lambda c: render_trend_text(TREND, c))
    rows = {line.split()[0]: line for line in text.splitlines() if line.startswith("2026-")}
    assert list(rows) == ["2026-07-06", "2026-07-13", "2026-07-20"]
    # the longest week fills the bar; the primary series is a share of it
    assert rows["2026-07-06"].count("█") + rows["2026-07-06"].count("·") == BAR_WIDTH
    assert rows["2026-07-06"].count("█") == round(8 / 40 * BAR_WIDTH)
    assert rows["2026-07-13"].split()[-2:] == ["4", "38.5"]
    assert "█" not in rows["2026-07-20"]
    assert "average 4 h/week over 3 weeks" in text
    assert "peak 8 in the week of 2026-07-06" in text
    assert "Deal reviews (reviews)" in text


def test_sparkline_scales_to_the_largest_week() -> None:
    assert sparkline((0.0, 4.0, 8.0)) == "▁▅█"
    assert sparkline((0.0, 0.0)) == "▁▁"


def test_trend_json_keeps_weeks_and_series_in_order() -> None:
    data = json.loads(render_trend_json(TREND))
    assert data["weeks"] == ["2026-07-06", "2026-07-13", "2026-07-20"]
    assert data["subject"] == {"kind": "person", "id": "kim"}
    assert data["series"] == [{"name": "others' work", "values": [8.0, 4.0, 0.0]}]
    assert data["total"]["values"] == [40.0, 38.5, 20.0]
    assert data["top_work"] == [{"work": "Deal reviews (reviews)", "hours": 12.0}]


def test_trend_markdown_is_a_table_a_row_a_week() -> None:
    text = render_trend_markdown(TREND)
    assert "| week of | others' work | all hours |" in text
    assert "| 2026-07-13 | 4 | 38.5 |" in text


# -- line of sight ---------------------------------------------------------------------


def _view() -> LineOfSight:
    workspace = Workspace(
        root=Path("."),
        seats={"ceo": Seat("ceo", "CEO", "L5", holders=(Holder("dana"),))},
        people={"dana": Person("dana", "Dana Reyes")},
        responsibilities={
            "plan": Responsibility("plan", "Annual plan", accountable=("ceo",), goals=("kr-x",)),
            "payables": Responsibility("payables", "Payables run", responsible=("ceo",)),
        },
        goals={
            "obj": Goal("obj", "Grow profit"),
            "kr-x": Goal("kr-x", "Close in 10 days", parent="obj"),
        },
    )
    allocation = Allocation(
        window_start=W1,
        window_end=date(2026, 7, 19),
        weeks=2,
        rows=(
            WorkRow("dana", "plan", "plan", "time", 24.0, 2),
            WorkRow("dana", "payables", "payables", "time", 4.0, 2),
            WorkRow("dana", None, "Vendor calls", "time", 6.0, 2),
        ),
    )
    return line_of_sight(workspace, allocation, "dana")


def test_line_of_sight_renders_the_chain_and_what_is_tied_to_nothing() -> None:
    view = _view()
    text = _text(lambda c: render_line_of_sight_text(view, c))
    assert "Dana Reyes (dana), ceo: 17 h/week over 2 weeks" in text
    assert "12 h/week  Annual plan (plan)  accountable" in text
    assert "kr-x Close in 10 days → obj Grow profit" in text
    assert "Payables run (payables)  responsible  tied to no goal" in text
    assert "3 h/week  Vendor calls (time)" in text
    assert "12 h/week  obj Grow profit" in text
    assert "Tied to nothing: 5 h/week (29% of the hours)" in text
    data = json.loads(render_line_of_sight_json(view))
    assert data["tied_to_nothing_hours"] == 10.0
    assert data["work"][0]["goals"][0]["path"] == ["kr-x", "obj"]
    markdown = render_line_of_sight_markdown(view)
    assert "| 12 | Annual plan (`plan`) | accountable | kr-x → obj |" in markdown
    assert "| 2 | Payables run (`payables`) | responsible | tied to no goal |" in markdown
    assert "**Tied to nothing: 5 h/week.**" in markdown


# -- snapshot diff ---------------------------------------------------------------------


def _diff() -> SnapshotDiff:
    kim = SnapshotFinding("JOB005", "warning", "person", "kim", "Kim does RVP work", {})
    payroll = SnapshotFinding("LEV001", "warning", "responsibility", "payroll", "Too low", {})
    old = Snapshot(Path("a/20260706T090000Z.json"), datetime(2026, 7, 6, 9, tzinfo=UTC))
    new = Snapshot(Path("a/20260713T090000Z.json"), datetime(2026, 7, 13, 9, tzinfo=UTC))
    still = StillOpen(kim, (FigureChange("hours_per_week", 8.0, 5.5),))
    return SnapshotDiff(old, new, opened=(), closed=(payroll,), still_open=(still,))


def test_diff_renders_closed_and_changed_figures() -> None:
    diff = _diff()
    text = _text(lambda c: render_diff_text(diff, c))
    assert "20260706T090000Z → 20260713T090000Z: 0 opened, 1 closed, 1 still open" in text
    assert "LEV001 responsibility payroll: Too low" in text
    assert "hours_per_week 8 → 5.5" in text
    data = json.loads(render_diff_json(diff))
    assert data["closed"][0]["subject"] == {"kind": "responsibility", "id": "payroll"}
    assert data["still_open"][0]["changes"] == [{"name": "hours_per_week", "old": 8.0, "new": 5.5}]
    assert "### Closed" in render_diff_markdown(diff)


# -- the plan and the check report -------------------------------------------------------


def test_plan_view_shows_transfers_with_hours_and_cost() -> None:
    report = Report(workspace=Path("acme"), plan=PLAN, allocation=ALLOCATION)
    text = _text(lambda c: render_plan_text(report, c))
    assert "Events: 2026-07-06..2026-07-26 (3 weeks), 12,345 time entries, 67 meeting" in text
    row = next(line for line in text.splitlines() if "Deal reviews" in line)
    assert [cell.strip() for cell in row.split("│")[1:6]] == [
        "Deal reviews",
        "kim",
        "rvp",
        "8",
        "-400",
    ]
    assert "5.9 h/week of work waiting for it" in text
    assert "Ops sync (kim, lou), 2.5 h/week — tied to nothing" in text
    assert NO_EVENTS not in text
    data = json.loads(render_plan_json(report))
    assert data["plan"]["transfers"][0]["cost_difference"] == -400.0
    assert data["plan"]["seats"][0]["hours_per_week"] == 5.9
    assert data["events"]["time_entries"] == 12345
    markdown = render_plan_markdown(report)
    assert "| Deal reviews | kim | rvp | 8 | -400 |" in markdown


def test_plan_without_event_data_says_what_it_needs() -> None:
    report = Report(workspace=Path("acme"), plan=Plan(seats=PLAN.seats))
    text = " ".join(_text(lambda c: render_plan_text(report, c)).split())
    assert NO_EVENTS in text
    assert "fill controller" in text
    assert NO_EVENTS in render_plan_markdown(report)
    assert "events" not in json.loads(render_plan_json(report))


def test_check_report_carries_the_events_line_and_object() -> None:
    report = Report(workspace=Path("acme"), plan=PLAN, allocation=ALLOCATION)
    data = json.loads(render_json(report))
    assert data["events"] == {
        "window_start": "2026-07-06",
        "window_end": "2026-07-26",
        "weeks": 3,
        "time_entries": 12345,
        "occurrences": 67,
        "engine": "duckdb",
        "people": 2,
        "hours": 33.0,
    }
    assert data["plan"]["transfers"][0]["hours_per_week"] == 8.0
    text = _text(lambda c: render_text(report, c))
    assert "on duckdb" in text
    assert "Deal reviews: from kim to rvp, 8 h/week freed, cost difference -400/week" in text
    markdown = render_markdown(report)
    assert "12,345 time entries, 67 meeting occurrences, on duckdb." in markdown
    assert "- Ops sync (kim, lou), 2.5 h/week — tied to nothing" in markdown


def test_a_report_without_events_has_no_events_key() -> None:
    assert "events" not in json.loads(render_json(Report(workspace=Path("acme"))))
