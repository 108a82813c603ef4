"""The guide's first section, run as a newcomer would: every command in order, in one
folder, from the client's files to a first check."""

from __future__ import annotations

import json
import re
import shlex
import shutil
from pathlib import Path

import pytest
from imports_kit import ROOT, Run


def _first_section_commands() -> list[list[str]]:
    text = (ROOT / "docs" / "guide.md").read_text(encoding="utf-8")
    section = text.split("## 1.", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"^```(?:sh|text)\n(.*?)^```", section, flags=re.M | re.S)
    commands = []
    for block in blocks:
        for line in block.splitlines():
            words = shlex.split(line, comments=True)
            if words[:3] == ["uv", "run", "levelset"] and words[3] in {"import", "check"}:
                commands.append(words[3:])
    return commands


def test_the_guide_goes_from_client_files_to_a_first_check(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    commands = _first_section_commands()
    assert [c[:2] for c in commands] == [
        ["import", "roster"],
        ["import", "goals"],
        ["import", "responsibilities"],
        ["check", "client-co"],
    ]
    for args in commands[:-1]:
        result = run(*args)
        assert result.exit_code == 0, result.output
        assert "Wrote" in result.output, result.output
    result = run(*commands[-1], "--format", "json")
    report = json.loads(result.output)
    assert report["problems"] == []
    assert report["findings"]
