"""A plug-in that brings a family of its own, installed as a user would install one (a
distribution with an entry point on the path): its family and its findings appear in
every format of ``levelset check`` and in ``levelset rules``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from e2e_kit import ROOT

PLUGIN = '''
"""A plug-in family: nobody should work at night."""

from levelset.model import Severity
from levelset.rules import Family, rule

SLEEP = Family("ZZZ", "Sleep: nobody works at night")


@rule("ZZZ001", "night-owl-ceo", Severity.WARNING)
def night_owl(ctx):
    """The chief executive is said to work at night.

    What it finds:
        A seat titled like a chief executive.

    Why it matters:
        Tired people decide badly.

    Example:
        ```yaml
        seats: [{id: ceo, title: Chief Executive, level: L5}]
        ```

    How to fix:
        Go to bed.
    """
    for seat in ctx.workspace.seats.values():
        if "Chief" in seat.title:
            yield ctx.finding("seat", seat.id, f"{seat.title} works at night.",
                              recommendation="Sleep.", location=seat.location)


CATALOGUE = [SLEEP, night_owl]
'''


@pytest.fixture
def plugin_path(tmp_path: Path) -> Path:
    """A folder holding the plug-in module and its distribution's metadata."""
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "zzz_plugin.py").write_text(textwrap.dedent(PLUGIN).lstrip(), encoding="utf-8")
    info = folder / "zzz_plugin-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: zzz-plugin\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text("[levelset.rules]\nsleep = zzz_plugin:CATALOGUE\n")
    return folder


def _levelset(plugin_path: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(plugin_path)}
    command = [sys.executable, "-m", "levelset", *map(str, args)]
    return subprocess.run(command, env=env, capture_output=True, text=True, check=False)


def test_a_plugin_family_appears_in_every_format(plugin_path: Path) -> None:
    clean = ROOT / "examples" / "clean"
    title = "Sleep: nobody works at night"
    text = _levelset(plugin_path, "check", clean, "--exit-zero")
    assert text.returncode == 0, text.stderr
    assert title in text.stdout
    assert "ZZZ001" in text.stdout
    assert "works at night" in text.stdout

    markdown = _levelset(plugin_path, "check", clean, "--format", "markdown", "--exit-zero")
    assert f"## ZZZ: {title}" in markdown.stdout
    assert f"| {title} (`ZZZ`) | 1 |" in markdown.stdout

    found = json.loads(_levelset(plugin_path, "check", clean, "--format", "json").stdout)
    assert [(f["code"], f["subject"]["id"]) for f in found["findings"]] == [("ZZZ001", "ceo")]

    github = _levelset(plugin_path, "check", clean, "--format", "github", "--exit-zero")
    assert "::warning file=" in github.stdout
    assert "ZZZ001" in github.stdout

    assert "ZZZ001" in _levelset(plugin_path, "rules").stdout
    catalogue = _levelset(plugin_path, "rules", "--format", "markdown").stdout
    assert f"## ZZZ: {title}" in catalogue
    explained = _levelset(plugin_path, "explain", "ZZZ001")
    assert title in explained.stdout
