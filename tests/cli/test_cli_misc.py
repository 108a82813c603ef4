"""``levelset init``, ``rules``, ``explain``, ``--version`` and running as a process."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.metadata import EntryPoint
from pathlib import Path

import pytest
from cli_workspaces import CLEAN, UNOWNED_RESPONSIBILITY, Invoke, WriteWorkspace
from click.testing import CliRunner

import levelset
from levelset.cli import main
from levelset.report import formats


def test_init_then_check_has_no_findings(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "new-org"
    result = invoke("init", target)
    assert result.exit_code == 0, result.output
    assert (target / "levelset.toml").is_file()
    yaml_files = sorted(p.name for p in target.glob("*.yaml"))
    assert yaml_files
    # every file explains itself
    for file in target.iterdir():
        assert "#" in file.read_text()
    checked = invoke("check", target, "--format", "json", "--fail-on", "info")
    assert checked.exit_code == 0, checked.stdout
    data = json.loads(checked.stdout)
    assert data["problems"] == []
    assert data["findings"] == []


def test_init_refuses_a_non_empty_folder(invoke: Invoke, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    result = invoke("init", tmp_path)
    assert result.exit_code == 2
    assert "not empty" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_init_into_an_empty_existing_folder(invoke: Invoke, tmp_path: Path) -> None:
    assert invoke("init", tmp_path).exit_code == 0
    assert (tmp_path / "levelset.toml").is_file()


def test_rules_lists_every_rule(invoke: Invoke) -> None:
    registry = levelset.default_registry()
    result = invoke("rules", "--format", "json")
    assert result.exit_code == 0
    listed = json.loads(result.stdout)
    assert [r["code"] for r in listed] == [r.code for r in registry]
    gap = next(r for r in listed if r["code"] == "LEV002")
    assert gap["name"] == "level-gap"
    assert gap["family"] == "LEV"
    assert gap["severity"] in {"info", "warning", "error"}
    assert gap["summary"]
    text = invoke("rules").stdout
    for each in registry:
        assert each.code in text
    assert invoke("rules", "--format", "markdown").stdout == levelset.rules_markdown()


def test_explain_a_known_rule(invoke: Invoke) -> None:
    rule = levelset.find_rule("LEV002")
    for key in ("LEV002", "level-gap", "lev002"):
        result = invoke("explain", key)
        assert result.exit_code == 0
        assert "LEV002 level-gap" in result.stdout
        for section in ("What it finds", "Why it matters", "Example", "How to fix"):
            assert section in result.stdout
        for option in rule.options:
            assert f"{option} = " in result.stdout


def test_explain_an_unknown_rule(invoke: Invoke) -> None:
    result = invoke("explain", "level-gapp")
    assert result.exit_code == 2
    assert "did you mean 'level-gap'" in result.output
    assert invoke("explain", "ZZZ999").exit_code == 2


def test_version(invoke: Invoke) -> None:
    result = invoke("--version")
    assert result.exit_code == 0
    assert levelset.__version__ in result.stdout


def run_module(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "levelset", *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_python_dash_m_exit_codes(write_workspace: WriteWorkspace, tmp_path: Path) -> None:
    clean = write_workspace(CLEAN)
    failing = write_workspace({**CLEAN, "more.yaml": UNOWNED_RESPONSIBILITY})
    ok = run_module("check", clean)
    assert ok.returncode == 0, ok.stderr
    assert "\x1b[" not in ok.stdout  # piped: no colour
    assert run_module("check", failing).returncode == 1
    missing = run_module("check", tmp_path / "missing")
    assert missing.returncode == 2
    assert "Traceback" not in missing.stderr
    usage = run_module("check", clean, "--select", "NOPE1")
    assert usage.returncode == 2
    assert "NOPE1" in usage.stderr


def test_installed_command_runs(write_workspace: WriteWorkspace) -> None:
    script = Path(sys.executable).parent / "levelset"
    clean = write_workspace(CLEAN)
    done = subprocess.run(
        [str(script), "check", str(clean), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["findings"] == []


def test_a_broken_format_plug_in_is_a_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    broken = EntryPoint(name="pdf", value="levelset_no_such_plugin:PDF", group="levelset.formats")
    monkeypatch.setattr("importlib.metadata.entry_points", lambda group: [broken])
    formats.default_formats.cache_clear()
    try:
        result = CliRunner().invoke(main, ["rules", "--format", "json"])
    finally:
        formats.default_formats.cache_clear()
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("warning: format plug-in 'pdf' could not be loaded: ")
    assert json.loads(result.stdout)[0]["code"]
