"""Renderers on a report built by hand: the JSON shape, GitHub annotations, Markdown, text."""

from __future__ import annotations

import io
import json
from pathlib import Path

from rich.console import Console

from levelset.model import (
    Finding,
    Location,
    PartnerAction,
    Plan,
    Problem,
    Report,
    SeatAction,
    Severity,
    StopDoing,
    Subject,
    Transfer,
)
from levelset.report import render_github, render_json, render_markdown, render_text

GAP = Finding(
    code="LEV002",
    rule="level-gap",
    severity=Severity.WARNING,
    subject=Subject("seat", "bookkeeper"),
    message="bookkeeper (L1) reports to ceo (L5), skipping 3 levels",
    evidence={"from_level": "L1", "to_level": "L5", "skipped": ["L2", "L3", "L4"]},
    recommendation="Put a finance manager between them",
    location=Location("org.yaml", 7),
)
NO_OWNER = Finding(
    code="JOB001",
    rule="no-accountable-seat",
    severity=Severity.ERROR,
    subject=Subject("responsibility", "collections"),
    message="collections has no accountable seat",
    location=Location("org.yaml", 30),
)
ORPHAN = Finding(
    code="DOT001",
    rule="orphan-goal",
    severity=Severity.INFO,
    subject=Subject("goal", "kr-x"),
    message="kr-x, with a comma: and a colon",
    location=None,
)
PLAN = Plan(
    transfers=(Transfer("Pipeline reviews", "cro", "rvp-east", 8.0, reason="RVPs own them"),),
    seats=(
        SeatAction(
            "create",
            "finance-manager",
            "Finance manager",
            "L3",
            function="finance",
            reports_to="ceo",
            manages=("bookkeeper",),
            codes=("LEV002",),
        ),
    ),
    stop_doing=(StopDoing("Weekly status deck", who=("dana",), hours_per_week=2.0),),
    partners=(PartnerAction("stride", "take a reference check", codes=("OUT004",)),),
)
REPORT = Report(
    workspace=Path("examples/acme"),
    findings=(ORPHAN, GAP, NO_OWNER),
    plan=PLAN,
)


def test_json_has_the_public_shape() -> None:
    data = json.loads(render_json(REPORT))
    assert set(data) == {"workspace", "problems", "findings", "plan"}
    assert data["workspace"] == "examples/acme"
    assert data["problems"] == []
    gap = next(f for f in data["findings"] if f["code"] == "LEV002")
    assert gap == {
        "code": "LEV002",
        "rule": "level-gap",
        "severity": "warning",
        "subject": {"kind": "seat", "id": "bookkeeper"},
        "message": "bookkeeper (L1) reports to ceo (L5), skipping 3 levels",
        "evidence": {"from_level": "L1", "to_level": "L5", "skipped": ["L2", "L3", "L4"]},
        "recommendation": "Put a finance manager between them",
        "location": {"file": "org.yaml", "line": 7},
    }
    orphan = next(f for f in data["findings"] if f["code"] == "DOT001")
    assert orphan["location"] is None


def test_json_puts_each_finding_and_plan_item_on_a_line_of_its_own() -> None:
    text = render_json(REPORT)
    lines = text.splitlines()
    assert (lines[0], lines[-1]) == ("{", "}")
    assert text.endswith("}\n")
    assert lines[1] == '  "workspace": "examples/acme",'
    assert '  "problems": [],' in lines
    # Each finding is one line, indented under its list, and reads as that finding.
    one_line = [json.loads(line.strip().rstrip(",")) for line in lines if '"code": ' in line]
    assert one_line == json.loads(text)["findings"]
    assert all(line.startswith('    {"code": ') for line in lines if '"code": ' in line)
    # The plan's items too, one a line under their list.
    transfers = lines.index('    "transfers": [')
    assert json.loads(lines[transfers + 1]) == json.loads(text)["plan"]["transfers"][0]


def test_json_plan_items_are_objects_and_transfer_uses_from() -> None:
    plan = json.loads(render_json(REPORT))["plan"]
    assert set(plan) == {"transfers", "seats", "stop_doing", "partners", "finance"}
    transfer = plan["transfers"][0]
    assert transfer["from"] == "cro"
    assert "from_" not in transfer
    assert transfer["to"] == "rvp-east"
    assert transfer["hours_per_week"] == 8.0
    seat = plan["seats"][0]
    assert seat["action"] == "create"
    assert seat["manages"] == ["bookkeeper"]
    assert seat["reports_to"] == "ceo"
    assert plan["stop_doing"][0]["who"] == ["dana"]
    assert plan["partners"][0] == {
        "partner": "stride",
        "action": "take a reference check",
        "reason": "",
        "codes": ["OUT004"],
    }


def test_json_problems_carry_file_line_message_hint() -> None:
    report = Report(
        workspace=Path("ws"),
        problems=(
            Problem(Location("org.yaml", 3), "unknown key 'titel'", "did you mean 'title'?"),
        ),
    )
    data = json.loads(render_json(report))
    assert data["problems"] == [
        {
            "file": "org.yaml",
            "line": 3,
            "message": "unknown key 'titel'",
            "hint": "did you mean 'title'?",
        }
    ]
    assert data["findings"] == []


def test_github_annotations() -> None:
    lines = render_github(REPORT).splitlines()
    assert (
        "::warning file=examples/acme/org.yaml,line=7,title=LEV002 level-gap::"
        "bookkeeper (L1) reports to ceo (L5), skipping 3 levels"
        "%0APut a finance manager between them"
    ) in lines
    assert (
        "::error file=examples/acme/org.yaml,line=30,title=JOB001 no-accountable-seat::"
        "collections has no accountable seat"
    ) in lines
    # info is a notice; no location means no file; the message keeps its punctuation
    assert "::notice title=DOT001 orphan-goal::kr-x, with a comma: and a colon" in lines
    assert len(lines) == 3


def test_github_problems_are_errors() -> None:
    report = Report(
        workspace=Path("ws"),
        problems=(Problem(Location("goals.yaml", 4), "a cycle: a, b", "break it"),),
    )
    (line,) = render_github(report).splitlines()
    assert line.startswith("::error file=ws/goals.yaml,line=4,title=")
    assert line.endswith("::a cycle: a, b (break it)")


def test_markdown_has_summary_family_tables_and_plan() -> None:
    text = render_markdown(REPORT, {"LEV": "Leveling", "JOB": "Not your job", "DOT": "Dots"})
    assert "**3 findings: 1 error, 1 warning, 1 info.**" in text
    assert "## LEV: Leveling" in text
    assert "| `LEV002` | warning | seat `bookkeeper` |" in text
    assert "`examples/acme/org.yaml:7`" in text
    assert "### Seats to create or fill" in text
    assert "create finance-manager: Finance manager (L3, finance), reporting to ceo" in text
    assert "Pipeline reviews: from cro to rvp-east, 8 h/week" in text
    # families come in the catalogue's order
    assert text.index("## LEV") < text.index("## JOB") < text.index("## DOT")


def _plain_text(report: Report) -> str:
    buffer = io.StringIO()
    render_text(report, Console(file=buffer, width=200), {"LEV": "Leveling"})
    return buffer.getvalue()


def test_text_report_is_plain_when_not_a_terminal() -> None:
    out = _plain_text(REPORT)
    assert "\x1b[" not in out
    assert "examples/acme: 3 findings: 1 error, 1 warning, 1 info" in out
    assert "LEV  Leveling" in out
    assert "examples/acme/org.yaml:7" in out
    assert "Seats to create or fill" in out


def test_text_report_of_problems_lists_file_line_message_hint() -> None:
    report = Report(
        workspace=Path("ws"),
        problems=(
            Problem(Location("org.yaml", 3), "unknown key 'titel'", "did you mean 'title'?"),
            Problem(Location("goals.yaml"), "not valid YAML"),
        ),
    )
    out = _plain_text(report)
    assert "ws/org.yaml:3: unknown key 'titel' (did you mean 'title'?)" in out
    assert "ws/goals.yaml: not valid YAML" in out
    assert "2 problems in ws" in out


def test_clean_report_says_no_findings() -> None:
    out = _plain_text(Report(workspace=Path("ws")))
    assert "ws: No findings" in out
