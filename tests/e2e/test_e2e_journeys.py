"""User journeys through the public interface: the ``levelset`` command, end to end."""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path

import pytest
from e2e_kit import ROOT, Run
from rich.console import Console

from levelset.model import Goal, Metric, Workspace
from levelset.report.goals import goal_tree

ACME = ROOT / "examples" / "acme"


def _line_of(path: Path, needle: str) -> int:
    """The 1-based number of the first line of ``path`` containing ``needle``."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def test_init_check_edit_check_points_at_the_edit(run: Run, tmp_path: Path) -> None:
    workspace = tmp_path / "client-co"
    created = run("init", workspace)
    assert created.exit_code == 0, created.output
    first = run("check", workspace)
    assert first.exit_code == 0, first.output
    assert "No findings" in first.output

    # a typo in a reference: the workspace can no longer be read, and check says where
    org = workspace / "org.yaml"
    org.write_text(
        org.read_text(encoding="utf-8").replace("reports_to: ops-director", "reports_to: ops-dir"),
        encoding="utf-8",
    )
    broken = run("check", workspace)
    assert broken.exit_code == 2, broken.output
    expected = f"{workspace.as_posix()}/org.yaml:{_line_of(org, 'reports_to: ops-dir')}:"
    assert expected in broken.output
    assert "ops-dir" in broken.output
    assert "Traceback" not in broken.output

    # fixed again, but the manager seat emptied: a finding (not a problem) with its place
    text = org.read_text(encoding="utf-8").replace(
        "reports_to: ops-dir", "reports_to: ops-director"
    )
    org.write_text(text.replace("holders: [cy]", "holders: []"), encoding="utf-8")
    found = run("check", workspace, "--format", "json", "--fail-on", "warning")
    assert found.exit_code == 1, found.output
    report = json.loads(found.output)
    assert report["problems"] == []
    seat_line = _line_of(org, "id: ops-manager")
    vacant = [
        f for f in report["findings"] if f["subject"] == {"kind": "seat", "id": "ops-manager"}
    ]
    assert vacant, report["findings"]
    assert all(f["location"] == {"file": "org.yaml", "line": seat_line} for f in vacant)


def test_init_partner_example_uncommented_still_reads(run: Run, tmp_path: Path) -> None:
    """The commented partner block in the scaffold is valid once uncommented."""
    workspace = tmp_path / "co"
    assert run("init", workspace).exit_code == 0
    org = workspace / "org.yaml"
    lines = org.read_text(encoding="utf-8").splitlines()
    start = lines.index("# partners:")
    block = []
    for line in lines[start:]:
        if not line.startswith("#"):
            break
        block.append(line[2:])
    lines[start : start + len(block)] = block
    org.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("check", workspace)
    assert result.exit_code == 0, result.output
    assert "partners" in org.read_text(encoding="utf-8")


def _acme_json(run: Run) -> dict[str, object]:
    result = run("check", ACME, "--format", "json")
    assert result.exit_code == 1, result.output  # Acme has error findings on purpose
    data: dict[str, object] = json.loads(result.output)
    return data


def test_acme_json_has_the_shape_of_design(run: Run) -> None:
    report = _acme_json(run)
    # DESIGN.md's keys come first and in order; the shape may grow (events), not break.
    assert list(report)[:4] == ["workspace", "problems", "findings", "plan"]
    assert report["problems"] == []
    events = report["events"]
    assert isinstance(events, dict)
    assert events["weeks"] == 16
    assert events["time_entries"] > 0
    assert events["occurrences"] > 0
    assert report["workspace"] == ACME.as_posix()
    plan = report["plan"]
    assert isinstance(plan, dict)
    assert set(plan) == {"transfers", "seats", "stop_doing", "partners", "finance"}
    findings = report["findings"]
    assert isinstance(findings, list)
    assert findings
    kinds = {"seat", "person", "partner", "responsibility", "goal", "function", "customer"}
    kinds |= {"vendor", "activity", "organization", "period"}
    for finding in findings:
        assert {"code", "rule", "severity", "subject", "message", "evidence"} <= set(finding)
        assert {"recommendation", "location"} <= set(finding)
        assert re.fullmatch(r"(LEV|DOT|OUT|JOB|FIN)\d{3}", finding["code"])
        assert finding["severity"] in {"info", "warning", "error"}
        assert set(finding["subject"]) == {"kind", "id"}
        assert finding["subject"]["kind"] in kinds
        assert isinstance(finding["evidence"], dict)
        assert finding["message"]
        assert finding["recommendation"]


def test_acme_findings_point_at_their_subject(run: Run) -> None:
    """Every location names an existing file and a line holding the subject's id (for
    unowned work, the id of the person who logs most of it; for the prospect list, the
    top prospect)."""
    for finding in _acme_json(run)["findings"]:  # type: ignore[attr-defined]
        location = finding["location"]
        path = ACME / location["file"]
        assert path.is_file(), location
        lines = path.read_text(encoding="utf-8").splitlines()
        line = location["line"]
        assert 1 <= line <= len(lines), location
        near = "\n".join(lines[line - 1 : line + 1])  # on the line or right after it
        if path.suffix == ".ics":  # a calendar event: anywhere in its VEVENT block
            end = next(n for n in range(line, len(lines)) if lines[n].startswith("END:VEVENT"))
            near = "\n".join(lines[line - 1 : end])
        subject = finding["subject"]["id"]
        if finding["code"] == "JOB006":
            # Unowned work has no line of its own in the YAML: the finding points at the
            # person who logs the most of it.
            subject = finding["evidence"]["people"][0]
        if finding["code"] == "FIN006":
            # The prospect list is about the organization; it points at the top prospect.
            subject = finding["evidence"]["vendors"][0]
        assert re.search(rf"(?<![\w-]){re.escape(subject)}(?![\w-])", near), (finding, near)


def test_acme_markdown_has_every_code_that_fired(run: Run, tmp_path: Path) -> None:
    codes = {f["code"] for f in _acme_json(run)["findings"]}  # type: ignore[attr-defined]
    assert len(codes) >= 15
    target = tmp_path / "report.md"
    result = run("check", ACME, "--format", "markdown", "-o", target)
    assert result.exit_code == 1
    markdown = target.read_text(encoding="utf-8")
    assert markdown.startswith("# levelset report")
    for code in codes:
        assert f"| `{code}` |" in markdown, code
    assert "## Plan" in markdown
    assert "fill controller" in markdown


_WORKFLOW = re.compile(
    r"::(?P<level>error|warning|notice) file=(?P<file>[^,:]+),line=(?P<line>[1-9]\d*),"
    r"title=(?P<title>[^:,]+)::(?P<message>\S.*)"
)


def test_github_format_lines_are_workflow_commands(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run from the repository root, as a workflow would; each line is one annotation."""
    findings = _acme_json(run)["findings"]
    monkeypatch.chdir(ROOT)
    runner_result = run("check", "examples/acme", "--format", "github")
    assert runner_result.exit_code == 1
    lines = runner_result.output.splitlines()
    assert len(lines) == len(findings)  # type: ignore[arg-type]
    for line in lines:
        match = _WORKFLOW.fullmatch(line)
        assert match, line
        path = Path(match["file"])
        assert not path.is_absolute(), line
        assert path.is_file(), line
        assert int(match["line"]) <= len(path.read_text(encoding="utf-8").splitlines())
        assert re.match(r"(LEV|DOT|OUT|JOB|FIN)\d{3} [a-z0-9-]+$", match["title"]), line


def test_text_report_reads_at_80_columns(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    """Lines fit 80 columns and each finding's opening words stay together on a line."""
    findings = _acme_json(run)["findings"]
    monkeypatch.chdir(ROOT)
    result = run("check", "examples/acme", "--exit-zero", env={"COLUMNS": "80"})
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert max(len(line.rstrip()) for line in lines) <= 80
    assert "\x1b[" not in result.output  # not a terminal: no colour codes
    for finding in findings:  # type: ignore[attr-defined]
        opening = " ".join(finding["message"].split()[:3])
        assert any(opening in line for line in lines), opening
        place = f"examples/acme/{finding['location']['file']}:{finding['location']['line']}"
        assert place in result.output


def test_unreadable_workspace_report_does_not_claim_no_findings(run: Run, tmp_path: Path) -> None:
    (tmp_path / "org.yaml").write_text("seats:\n  - {id: a, title: A, level: L9}\n", "utf-8")
    for fmt in ("text", "markdown"):
        result = run("check", tmp_path, "--format", fmt)
        assert result.exit_code == 2
        assert f"{tmp_path.as_posix()}/org.yaml:2" in result.output
        assert "No findings" not in result.output
        assert "Nothing to change" not in result.output


def test_unknown_selector_in_settings_points_at_levelset_toml(run: Run, tmp_path: Path) -> None:
    shutil.copytree(ROOT / "examples" / "clean", tmp_path / "ws")
    toml = tmp_path / "ws" / "levelset.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8") + '\n[check]\nignore = ["LEV", "LEVV9"]\n', "utf-8"
    )
    result = run("check", tmp_path / "ws", "--format", "json")
    assert result.exit_code == 2
    problems = json.loads(result.output)["problems"]
    assert problems == [
        {
            "file": "levelset.toml",
            "line": _line_of(toml, "LEVV9"),
            "message": "[check] ignore: 'LEVV9' matches no rule",
            "hint": problems[0]["hint"],
        }
    ]


def test_rules_list_reads_at_80_columns(run: Run) -> None:
    """Each rule's name stays whole on a line and nothing runs past 80 columns."""
    result = run("rules", env={"COLUMNS": "80"})
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert max(len(line.rstrip()) for line in lines) <= 80
    listed = json.loads(run("rules", "--format", "json").output)
    for rule in listed:
        assert any(re.search(rf"\b{re.escape(rule['name'])}\b", line) for line in lines), rule


def test_non_finite_numbers_are_problems_not_a_broken_tree(run: Run, tmp_path: Path) -> None:
    """``.inf`` is a number to YAML; an infinite weight would make progress NaN."""
    (tmp_path / "org.yaml").write_text(
        "seats:\n  - {id: ceo, title: CEO, level: L5, holders: [dana]}\n"
        "people:\n  - {id: dana, name: Dana}\n"
        "goals:\n  - {id: o, title: Grow, owner: ceo, period: 2026}\n"
        "  - {id: k, title: Measure, parent: o, owner: ceo, period: 2026, weight: .inf,\n"
        "     metric: {start: 0, target: 10, current: 5}}\n",
        "utf-8",
    )
    result = run("tree", tmp_path)
    assert result.exit_code == 2
    assert "org.yaml:7" in result.output
    assert "must be a finite number" in result.output
    assert "Traceback" not in result.output


def test_tree_renders_non_finite_progress_as_no_measure() -> None:
    """A workspace built in Python skips the loader; the tree must still print."""
    workspace = Workspace(
        root=Path("memory"),
        goals={
            "o": Goal("o", "Grow"),
            "k": Goal(
                "k",
                "Measure",
                parent="o",
                weight=float("inf"),
                metric=Metric(start=0, target=10, current=5),
            ),
        },
    )
    console = Console(file=io.StringIO(), width=100, color_system=None)
    console.print(goal_tree(workspace))
    text = console.file.getvalue()  # type: ignore[attr-defined]
    assert "Grow" in text
    assert "no measure" in text
