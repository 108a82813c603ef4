"""The docs show only commands that exist, and their examples run."""

from __future__ import annotations

import json
import re
import shlex
import shutil
from pathlib import Path

import pytest
from e2e_kit import ROOT, Run

import levelset
from levelset.cli import main

README = ROOT / "README.md"


def _code_blocks(text: str, language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", text, flags=re.M | re.S)


def _levelset_commands(block: str) -> list[list[str]]:
    """The arguments of each ``uv run levelset ...`` line of a shell block."""
    commands = []
    for line in block.splitlines():
        words = shlex.split(line, comments=True)
        if words[:3] == ["uv", "run", "levelset"]:
            commands.append(words[3:])
    return commands


def _tour() -> list[list[str]]:
    text = README.read_text(encoding="utf-8")
    section = text.split("## A short tour", 1)[1]
    return _levelset_commands(_code_blocks(section, "sh")[0])


def _guide() -> list[list[str]]:
    text = (ROOT / "docs" / "guide.md").read_text(encoding="utf-8")
    return [c for block in _code_blocks(text, "sh") for c in _levelset_commands(block)]


@pytest.fixture
def repo_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scratch folder holding the examples, as the current folder: commands may write."""
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_tour_is_found() -> None:
    tour = _tour()
    assert len(tour) >= 10
    assert {args[0] for args in tour} >= {"check", "org", "tree", "rules", "explain", "init"}


@pytest.mark.parametrize("args", _tour() + _guide(), ids=" ".join)
def test_documented_command_runs(run: Run, repo_copy: Path, args: list[str]) -> None:
    result = run(*args)
    # 1 is a check that found what it should; 2 would be wrong usage or an unreadable file
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output
    if args[0] != "check":
        assert result.exit_code == 0, result.output
    if "-o" in args:
        at = args.index("-o")
        written = (repo_copy / args[at + 1]).read_text(encoding="utf-8")
        if written.startswith("<!DOCTYPE"):  # the HTML report: written, not printed
            return
        printed = run(*args[:at], *args[at + 2 :])  # the same command to the terminal
        assert written == printed.stdout


def test_first_readme_command_ends_without_error(run: Run, repo_copy: Path) -> None:
    text = README.read_text(encoding="utf-8")
    first = _code_blocks(text, "sh")[0].splitlines()
    setup = next(line for line in first if "levelset check" in line)
    args = shlex.split(setup.split("uv run levelset", 1)[1])
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert "finding" in result.output


def test_every_command_is_in_the_readme() -> None:
    text = README.read_text(encoding="utf-8")
    assert main.commands, "no commands registered"
    for name in main.commands:
        assert f"levelset {name}" in text, name


def test_readme_python_example_runs(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(ROOT)
    snippet, _session = _code_blocks(README.read_text(encoding="utf-8"), "python")
    exec(compile(snippet, "README.md", "exec"), {})
    printed = capsys.readouterr().out.splitlines()
    assert printed
    assert all(line.split()[0][:3] in {"LEV", "JOB"} for line in printed)


def test_readme_session_example_runs(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The session example prints the JOB findings' count, the first week of the trend and
    the content hash: the same as a check and a trend asked one by one."""
    monkeypatch.chdir(ROOT)
    _first, snippet = _code_blocks(README.read_text(encoding="utf-8"), "python")
    exec(compile(snippet, "README.md", "exec"), {})
    count, week, content_hash = capsys.readouterr().out.split()
    assert int(count) == len(levelset.check("examples/acme", select=["JOB"]).findings)
    with levelset.Session("examples/acme") as session:
        assert week == str(session.trend("others-work", "maria-okafor").weeks[0])
        assert content_hash == session.content_hash


def test_format_md_toml_example_is_valid_settings(run: Run, tmp_path: Path) -> None:
    """The levelset.toml of docs/format.md, options included, reads without a problem."""
    text = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    (example,) = [block for block in _code_blocks(text, "toml") if "[rules." in block]
    workspace = tmp_path / "ws"
    assert run("init", workspace).exit_code == 0
    (workspace / "levelset.toml").write_text(example, encoding="utf-8")
    result = run("check", workspace, "--format", "json")
    assert json.loads(result.output)["problems"] == [], result.output
    assert result.exit_code in (0, 1)
