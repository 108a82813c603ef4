"""``levelset check`` through the command line: exit status, formats, rule selection."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_workspaces import (
    CLEAN,
    UNCOVERED_OBJECTIVE,
    UNOWNED_RESPONSIBILITY,
    Invoke,
    WriteWorkspace,
    line_of,
)


@pytest.fixture
def failing(write_workspace: WriteWorkspace) -> Path:
    """The clean workspace plus an unowned responsibility (error) and an uncovered
    objective (warning)."""
    return write_workspace(
        {**CLEAN, "more.yaml": UNOWNED_RESPONSIBILITY, "more-goals.yaml": UNCOVERED_OBJECTIVE},
        "failing",
    )


@pytest.fixture
def warning_only(write_workspace: WriteWorkspace) -> Path:
    """The clean workspace plus an uncovered objective: a warning, no error."""
    return write_workspace({**CLEAN, "more-goals.yaml": UNCOVERED_OBJECTIVE}, "warn")


def codes(invoke: Invoke, *args: str | Path) -> list[str]:
    result = invoke("check", *args, "--format", "json")
    return [f["code"] for f in json.loads(result.stdout)["findings"]]


def test_clean_workspace_exits_0_with_no_findings(invoke: Invoke, clean: Path) -> None:
    result = invoke("check", clean)
    assert result.exit_code == 0, result.output
    assert "No findings" in result.stdout
    assert json.loads(invoke("check", clean, "--format", "json").stdout)["findings"] == []


def test_error_finding_exits_1(invoke: Invoke, failing: Path) -> None:
    result = invoke("check", failing)
    assert result.exit_code == 1
    assert "JOB001" in result.stdout
    assert "1 error" in result.stdout


def test_exit_zero_keeps_findings_but_not_the_failure(invoke: Invoke, failing: Path) -> None:
    result = invoke("check", failing, "--exit-zero")
    assert result.exit_code == 0
    assert "JOB001" in result.stdout


def test_exit_zero_does_not_hide_problems(invoke: Invoke, write_workspace: WriteWorkspace) -> None:
    root = write_workspace({**CLEAN, "org.yaml": "seats: [\n"})
    assert invoke("check", root, "--exit-zero").exit_code == 2


def test_json_shape_and_a_finding_with_its_location(invoke: Invoke, failing: Path) -> None:
    result = invoke("check", failing, "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert set(data) >= {"workspace", "problems", "findings", "plan"}
    assert data["workspace"] == str(failing)
    assert data["problems"] == []
    assert set(data["plan"]) >= {"transfers", "seats", "stop_doing", "partners"}
    for finding in data["findings"]:
        assert set(finding) >= {
            "code",
            "rule",
            "severity",
            "subject",
            "message",
            "evidence",
            "recommendation",
            "location",
        }
        assert finding["severity"] in {"info", "warning", "error"}
        assert isinstance(finding["evidence"], dict)
        assert isinstance(finding["message"], str)
        assert finding["message"]
    unowned = [f for f in data["findings"] if f["code"] == "JOB001"]
    assert len(unowned) == 1
    assert unowned[0]["rule"] == "no-accountable-seat"
    assert unowned[0]["severity"] == "error"
    assert unowned[0]["subject"] == {"kind": "responsibility", "id": "audit"}
    assert unowned[0]["location"] == {
        "file": "more.yaml",
        "line": line_of(failing / "more.yaml", "id: audit"),
    }


def test_github_format(invoke: Invoke, failing: Path) -> None:
    result = invoke("check", failing, "--format", "github")
    assert result.exit_code == 1
    line = line_of(failing / "more.yaml", "id: audit")
    lines = result.stdout.splitlines()
    expected = f"::error file={failing}/more.yaml,line={line},title=JOB001 no-accountable-seat::"
    assert any(each.startswith(expected) for each in lines), lines
    assert any(each.startswith("::warning ") and "DOT002" in each for each in lines)
    assert all(each.startswith("::") for each in lines)


def test_markdown_format(invoke: Invoke, failing: Path) -> None:
    result = invoke("check", failing, "--format", "markdown")
    assert result.exit_code == 1
    assert result.stdout.startswith("# levelset report")
    assert "| `JOB001` | error | responsibility `audit` |" in result.stdout
    assert "| `DOT002` | warning |" in result.stdout
    assert "## Plan" in result.stdout


def test_fail_on_warning_and_info(invoke: Invoke, warning_only: Path) -> None:
    assert invoke("check", warning_only).exit_code == 0
    assert invoke("check", warning_only, "--fail-on", "warning").exit_code == 1
    assert invoke("check", warning_only, "--fail-on", "info").exit_code == 1
    assert invoke("check", warning_only, "--fail-on", "error").exit_code == 0


def test_fail_on_from_levelset_toml(write_workspace: WriteWorkspace, invoke: Invoke) -> None:
    toml = '[organization]\nname = "Tidy Co"\n[check]\nfail_on = "warning"\n'
    root = write_workspace({**CLEAN, "levelset.toml": toml, "g.yaml": UNCOVERED_OBJECTIVE})
    assert invoke("check", root).exit_code == 1
    # the command line wins over the file
    assert invoke("check", root, "--fail-on", "error").exit_code == 0


def test_select_and_ignore_by_code_and_family(invoke: Invoke, failing: Path) -> None:
    everything = codes(invoke, failing)
    assert {"JOB001", "DOT002"} <= set(everything)
    assert set(codes(invoke, failing, "--select", "JOB")) == {"JOB001"}
    assert set(codes(invoke, failing, "--select", "DOT002")) == {"DOT002"}
    assert set(codes(invoke, failing, "--select", "DOT002,JOB001")) == {"DOT002", "JOB001"}
    assert "JOB001" not in codes(invoke, failing, "--ignore", "JOB001")
    assert not any(c.startswith("DOT") for c in codes(invoke, failing, "--ignore", "DOT"))
    assert set(codes(invoke, failing, "--select", "no-accountable-seat")) == {"JOB001"}
    # without the error, the default fail-on lets it pass
    assert invoke("check", failing, "--ignore", "JOB").exit_code == 0


def test_select_from_levelset_toml(write_workspace: WriteWorkspace, invoke: Invoke) -> None:
    toml = '[organization]\nname = "Tidy Co"\n[check]\nignore = ["JOB001"]\n'
    root = write_workspace({**CLEAN, "levelset.toml": toml, "more.yaml": UNOWNED_RESPONSIBILITY})
    assert "JOB001" not in codes(invoke, root)
    assert invoke("check", root).exit_code == 0


def test_unknown_selector_is_a_usage_error(invoke: Invoke, clean: Path) -> None:
    result = invoke("check", clean, "--select", "LEV002,level-gapp")
    assert result.exit_code == 2
    assert "level-gapp" in result.output
    assert "did you mean 'level-gap'" in result.output
    assert invoke("check", clean, "--ignore", "XYZ").exit_code == 2


def test_bad_fail_on_is_a_usage_error(invoke: Invoke, clean: Path) -> None:
    assert invoke("check", clean, "--fail-on", "fatal").exit_code == 2


def test_broken_yaml_exits_2_with_file_and_line(
    invoke: Invoke, write_workspace: WriteWorkspace
) -> None:
    root = write_workspace({**CLEAN, "org.yaml": "seats:\n  - {id: ceo, title: [CEO\n"})
    result = invoke("check", root)
    assert result.exit_code == 2
    assert f"{root}/org.yaml:" in result.stdout
    assert "Traceback" not in result.output
    data = json.loads(invoke("check", root, "--format", "json").stdout)
    assert data["findings"] == []
    broken = [p for p in data["problems"] if p["file"] == "org.yaml"]
    assert broken
    assert isinstance(broken[0]["line"], int)
    assert broken[0]["message"]


def test_missing_folder_exits_2(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("check", tmp_path / "nowhere")
    assert result.exit_code == 2
    assert "nowhere" in result.output
    assert "Traceback" not in result.output


def test_output_file_is_written_whole(invoke: Invoke, failing: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    result = invoke("check", failing, "--format", "json", "--output", target)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "JOB001" in [f["code"] for f in json.loads(target.read_text())["findings"]]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".report")] == []


def test_text_output_file_is_plain(invoke: Invoke, failing: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    invoke("check", failing, "--output", target)
    text = target.read_text()
    assert "JOB001" in text
    assert "\x1b[" not in text


def test_output_into_a_missing_folder_is_a_message(
    invoke: Invoke, clean: Path, tmp_path: Path
) -> None:
    result = invoke("check", clean, "--output", tmp_path / "no" / "such" / "r.txt")
    assert result.exit_code == 2
    assert "cannot write" in result.output
    assert "Traceback" not in result.output
