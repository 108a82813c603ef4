"""Scenarios on examples/acme, through the session and the command line."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from levelset.cli import main
from levelset.load import load_workspace
from levelset.model import Severity
from levelset.model.comparison import ScenarioComparison
from levelset.model.scenario import FillSeat, HandWork, StopMeeting
from levelset.rules import builtin_registry
from levelset.service import Session
from levelset.service.scenarios import replan

ACME = Path(__file__).resolve().parents[2] / "examples" / "acme"


@pytest.fixture(scope="module")
def session() -> Iterator[Session]:
    with Session(ACME) as opened:
        yield opened


@pytest.fixture(scope="module")
def plan(session: Session) -> ScenarioComparison:
    return session.scenario("plan")


def _keys(findings: object) -> set[tuple[str, str]]:
    return {(f.code, f.subject.id) for f in findings}  # type: ignore[attr-defined]


def test_the_plan_closes_what_it_addresses_and_opens_no_error(plan: ScenarioComparison) -> None:
    closed = _keys(plan.closed)
    assert {
        ("LEV004", "controller"),
        ("LEV006", "controller"),
        ("OUT007", "stride"),
        ("JOB007", "Ops status sync"),
        ("JOB005", "dana-reyes"),
        ("JOB005", "maria-okafor"),
        ("OUT003", "keystone"),
        ("LEV001", "ap-processing"),
        ("LEV001", "payroll"),
        ("LEV001", "cash-forecast"),
        ("LEV002", "bookkeeper"),
    } <= closed
    assert not [f for f in plan.opened if f.severity is Severity.ERROR]
    assert plan.problems == ()


def test_the_plan_frees_the_ceo_and_prices_the_change(plan: ScenarioComparison) -> None:
    dana = next(h for h in plan.hours if h.person == "dana-reyes")
    assert dana.change < -10  # the finance work she does moves down
    assert plan.cost_difference is not None
    assert plan.cost_difference < 0  # cheaper hands take the work
    assert [s.seat for s in plan.seats_to_fill] == ["controller"]


def test_the_plan_keeps_accountability_inside_when_a_partner_takes_work(
    plan: ScenarioComparison,
) -> None:
    after = plan.applied.workspace
    stride = after.partners["stride"]
    for resp_id in ("collections", "payroll"):
        assert resp_id in stride.scope  # no OUT007: the work is in its scope
        assert after.responsibilities[resp_id].accountable != ("bookkeeper",)
    assert ("OUT001", "stride") not in _keys(plan.opened)
    # the outsourced bookkeeper does the payables run; the controller it now reports
    # to is accountable for it
    assert after.seats["bookkeeper"].reports_to == "controller"
    assert after.responsibilities["ap-processing"].accountable == ("controller",)
    assert "bookkeeper" in after.responsibilities["ap-processing"].responsible


def test_hand_work_and_stop_meeting_move_the_measured_hours(session: Session) -> None:
    comparison = session.scenario(
        [
            FillSeat("controller"),
            HandWork("monthly-close", "dana-reyes", "controller"),
            StopMeeting("Ops status sync"),
        ]
    )
    dana = next(h for h in comparison.hours if h.person == "dana-reyes")
    hire = next(h for h in comparison.hours if h.person == "hire-controller")
    assert dana.change == pytest.approx(-hire.change, abs=0.02)
    assert ("JOB007", "Ops status sync") in _keys(comparison.closed)
    assert ("LEV004", "controller") in _keys(comparison.closed)


def test_replanning_after_the_plan_proposes_nothing_it_did(plan: ScenarioComparison) -> None:
    again = replan(plan)
    done = set(plan.scenario.operations)
    assert not [op for op in again.operations if op in done]


def test_the_command_line_writes_the_plan_and_applies_it(tmp_path: Path) -> None:
    runner = CliRunner()
    plan_file = tmp_path / "plan.yaml"
    result = runner.invoke(main, ["plan", str(ACME), "--format", "scenario", "-o", str(plan_file)])
    assert result.exit_code == 0, result.output
    assert "op: fill-seat, seat: controller" in plan_file.read_text(encoding="utf-8")
    shown = runner.invoke(main, ["scenario", str(ACME), str(plan_file), "--format", "json"])
    assert shown.exit_code == 0, shown.output
    data = json.loads(shown.stdout)
    assert {"code": "LEV004", "id": "controller"} in [
        {"code": f["code"], "id": f["subject"]["id"]} for f in data["closed"]
    ]
    markdown = runner.invoke(main, ["scenario", str(ACME), "plan", "--format", "markdown"])
    assert "### Closed" in markdown.stdout
    assert "### Seats to fill" in markdown.stdout
    copy = tmp_path / "acme"
    shutil.copytree(ACME, copy, ignore=shutil.ignore_patterns("data"))
    applied = runner.invoke(main, ["scenario", "apply", str(copy), str(plan_file)])
    assert applied.exit_code == 0, applied.output
    assert "wrote " in applied.stdout
    assert "not written: fill controller (hire)" in applied.stderr
    after = load_workspace(copy)
    assert after.ok
    assert "collections" in after.workspace.partners["stride"].scope


def test_apply_refuses_a_scenario_that_cannot_apply(tmp_path: Path) -> None:
    copy = tmp_path / "acme"
    shutil.copytree(ACME, copy, ignore=shutil.ignore_patterns("data"))
    bad = tmp_path / "bad.yaml"
    bad.write_text("operations:\n  - {op: fill-seat, seat: nobody, person: dana-reyes}\n")
    before = (copy / "org.yaml").read_bytes()
    result = CliRunner().invoke(main, ["scenario", "apply", str(copy), str(bad)])
    assert result.exit_code == 2
    assert "there is no seat 'nobody'" in result.stderr
    assert (copy / "org.yaml").read_bytes() == before


def test_levelset_plan_shows_what_applying_it_closes_and_opens(
    plan: ScenarioComparison,
) -> None:
    result = CliRunner().invoke(main, ["plan", str(ACME), "--format", "json"])
    assert result.exit_code == 0, result.output
    applied = json.loads(result.stdout)["applied"]
    assert len(applied["closed"]) == len(plan.closed)
    assert [f["code"] for f in applied["opened"]] == [f.code for f in plan.opened]
    assert applied["kept"] == len(plan.kept)
    markdown = CliRunner().invoke(main, ["plan", str(ACME), "--format", "markdown"]).stdout
    assert f"Applying the plan closes {len(plan.closed)} findings" in markdown
    assert "- make bookkeeper report to controller" in markdown


def test_the_files_apply_writes_check_as_the_scenario_predicted(tmp_path: Path) -> None:
    """The structure the writer leaves is the one the scenario's model checked: on the
    rules that read only the YAML, the written workspace's findings are the predicted
    ones (the plan edited, as a consultant would, to name who fills the controller)."""
    runner = CliRunner()
    plan_file = tmp_path / "plan.yaml"
    runner.invoke(main, ["plan", str(ACME), "--format", "scenario", "-o", str(plan_file)])
    text = plan_file.read_text(encoding="utf-8")
    named = "{op: fill-seat, seat: controller, person: jade-torres}"
    plan_file.write_text(text.replace("{op: fill-seat, seat: controller}", named))
    copy = tmp_path / "acme"
    shutil.copytree(ACME, copy, ignore=shutil.ignore_patterns("data"))
    static = [r.code for r in builtin_registry(plugins=False) if not r.needs]
    with Session(copy) as before:
        predicted = before.scenario(plan_file, select=static)
    assert predicted.problems == ()
    applied = runner.invoke(main, ["scenario", "apply", str(copy), str(plan_file)])
    assert applied.exit_code == 0, applied.output
    with Session(copy) as after:
        actual = after.check(select=static)
    expected = {(f.code, f.subject.id, f.message) for f in (*predicted.kept, *predicted.opened)}
    assert {(f.code, f.subject.id, f.message) for f in actual.findings} == expected
    assert predicted.closed  # the plan did change the structure
