"""What users of a linter expect: files that follow the umask, a check that finds its
workspace, findings accepted for a while, and SARIF for code scanning."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_workspaces import CLEAN, UNOWNED_RESPONSIBILITY, Invoke, WriteWorkspace, line_of


@pytest.fixture
def umask_027() -> Iterator[None]:
    """A umask that differs from both 0600 and the usual 022 defaults."""
    before = os.umask(0o027)
    try:
        yield
    finally:
        os.umask(before)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.usefixtures("umask_027")
def test_init_output_and_snapshots_follow_the_umask(
    invoke: Invoke, clean: Path, tmp_path: Path
) -> None:
    made = tmp_path / "new"
    assert invoke("init", made).exit_code == 0
    written = [p for p in made.rglob("*") if p.is_file()]
    assert written
    assert {mode(p) for p in written} == {0o640}
    report = tmp_path / "report.json"
    assert invoke("check", clean, "--format", "json", "-o", report).exit_code == 0
    assert mode(report) == 0o640
    assert invoke("check", clean, "--save").exit_code == 0
    (snapshot,) = (clean / ".levelset" / "snapshots").glob("*.json")
    assert mode(snapshot) == 0o640


def test_output_over_an_existing_file_keeps_its_mode(
    invoke: Invoke, clean: Path, tmp_path: Path
) -> None:
    report = tmp_path / "shared.json"
    report.write_text("old", encoding="utf-8")
    report.chmod(0o664)
    assert invoke("check", clean, "--format", "json", "-o", report).exit_code == 0
    assert mode(report) == 0o664
    assert json.loads(report.read_text(encoding="utf-8"))["findings"] == []


def test_check_without_a_path_finds_the_nearest_levelset_toml_above(
    invoke: Invoke, write_workspace: WriteWorkspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_workspace({**CLEAN, "more.yaml": UNOWNED_RESPONSIBILITY, "data/x/.keep": ""})
    monkeypatch.chdir(root / "data" / "x")
    result = invoke("check", "--format", "json")
    report = json.loads(result.stdout)
    assert result.exit_code == 1
    assert report["workspace"] == "../.."
    assert [f["code"] for f in report["findings"]] == ["JOB001"]


def test_check_without_a_path_checks_the_workspace_it_stands_in(
    invoke: Invoke, write_workspace: WriteWorkspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    outer = write_workspace({**CLEAN, "more.yaml": UNOWNED_RESPONSIBILITY})
    inner = outer / "inner"
    inner.mkdir()
    for name, text in CLEAN.items():  # a workspace of its own, without the unowned item
        if name.endswith(".yaml"):
            (inner / name).write_text(_dedent(text), encoding="utf-8")
    monkeypatch.chdir(inner)
    result = invoke("check", "--format", "json")
    assert result.exit_code == 0, result.stdout
    assert json.loads(result.stdout)["workspace"] == "."


def _dedent(text: str) -> str:
    import textwrap  # noqa: PLC0415

    return textwrap.dedent(text).lstrip("\n")


def _accepting(until: str, extra: str = "") -> str:
    return f"""
        accepted:
          - code: JOB001
            subject: responsibility:audit
            by: Ada Moreno
            why: the audit firm is chosen in March; the CEO holds it until then
            until: {until}
            {extra}
    """


@pytest.fixture
def unowned(write_workspace: WriteWorkspace) -> WriteWorkspace:
    def write(accepted: str) -> Path:
        return write_workspace(
            {**CLEAN, "more.yaml": UNOWNED_RESPONSIBILITY, "accepted.yaml": accepted}
        )

    return write


def test_an_accepted_finding_is_shown_as_accepted_and_does_not_fail(
    invoke: Invoke, unowned: WriteWorkspace
) -> None:
    root = unowned(_accepting("2999-12-31"))
    result = invoke("check", root, "--format", "json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["findings"] == []
    (accepted,) = report["accepted"]
    assert accepted["code"] == "JOB001"
    assert accepted["subject"] == {"kind": "responsibility", "id": "audit"}
    assert accepted["accepted"]["by"] == "Ada Moreno"
    assert accepted["accepted"]["until"] == "2999-12-31"
    assert accepted["accepted"]["location"] == {"file": "accepted.yaml", "line": 2}
    assert report["plan"]["seats"] == [] or all(
        "audit" not in json.dumps(item) for item in report["plan"]["seats"]
    )
    for fmt in ("text", "markdown", "github"):
        shown = invoke("check", root, "--format", fmt)
        assert shown.exit_code == 0
        assert "accepted by Ada Moreno until 2999-12-31" in shown.stdout, fmt
        assert "JOB001" in shown.stdout


def test_an_accepted_finding_comes_back_when_its_date_passes(
    invoke: Invoke, unowned: WriteWorkspace
) -> None:
    result = invoke("check", unowned(_accepting("2001-01-31")), "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert [f["code"] for f in report["findings"]] == ["JOB001"]
    assert "accepted" not in report


def test_an_accepted_finding_comes_back_when_its_message_changes(
    invoke: Invoke, unowned: WriteWorkspace
) -> None:
    root = unowned(_accepting("2999-12-31"))
    message = json.loads(invoke("check", root, "--format", "json").stdout)["accepted"][0]["message"]
    same = unowned(_accepting("2999-12-31", f"message: {json.dumps(message)}"))
    assert invoke("check", same, "--format", "json").exit_code == 0
    moved = unowned(_accepting("2999-12-31", 'message: "Annual audit had no owner in May."'))
    assert invoke("check", moved, "--format", "json").exit_code == 1


def test_an_accepted_finding_with_an_unknown_code_or_no_reason_is_a_problem(
    invoke: Invoke, unowned: WriteWorkspace
) -> None:
    typo = unowned(_accepting("2999-12-31").replace("JOB001", "JOB01"))
    result = invoke("check", typo, "--format", "json")
    assert result.exit_code == 2
    (problem,) = json.loads(result.stdout)["problems"]
    assert (problem["file"], problem["line"]) == ("accepted.yaml", 2)
    assert "JOB01" in problem["message"]
    no_reason = unowned(_accepting("2999-12-31").replace("why:", "# why:"))
    result = invoke("check", no_reason, "--format", "json")
    assert result.exit_code == 2
    assert "'why' is missing" in result.stdout


def test_sarif_places_each_finding_and_marks_accepted_ones_as_suppressed(
    invoke: Invoke, unowned: WriteWorkspace, write_workspace: WriteWorkspace
) -> None:
    root = write_workspace({**CLEAN, "more.yaml": UNOWNED_RESPONSIBILITY})
    result = invoke("check", root, "--format", "sarif")
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    assert run["tool"]["driver"]["name"] == "levelset"
    (rule,) = run["tool"]["driver"]["rules"]
    (found,) = run["results"]
    assert rule["id"] == found["ruleId"] == "JOB001"
    assert found["level"] == "error"
    where = found["locations"][0]["physicalLocation"]
    assert where["artifactLocation"]["uri"] == f"{root.as_posix()}/more.yaml"
    assert where["region"]["startLine"] == line_of(root / "more.yaml", "id: audit")
    assert "suppressions" not in found
    accepted = json.loads(
        invoke("check", unowned(_accepting("2999-12-31")), "--format", "sarif").stdout
    )
    (suppressed,) = accepted["runs"][0]["results"]
    assert suppressed["suppressions"][0]["status"] == "accepted"
    assert suppressed["partialFingerprints"] == found["partialFingerprints"]


def test_sarif_reports_a_problem_at_its_file_and_line(
    invoke: Invoke, write_workspace: WriteWorkspace
) -> None:
    root = write_workspace({**CLEAN, "bad.yaml": "seats:\n  - {id: x, title: X, level: L9}\n"})
    result = invoke("check", root, "--format", "sarif")
    assert result.exit_code == 2
    results = json.loads(result.stdout)["runs"][0]["results"]
    assert results
    assert {r["ruleId"] for r in results} == {"problem"}
    places = [r["locations"][0]["physicalLocation"] for r in results]
    assert any(
        p["artifactLocation"]["uri"].endswith("bad.yaml") and p["region"]["startLine"] == 2
        for p in places
    )
