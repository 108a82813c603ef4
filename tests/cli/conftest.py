"""Fixtures: small workspaces written into a temporary folder, and a CLI runner."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from pathlib import Path

import pytest
from cli_workspaces import CLEAN, Invoke, WriteWorkspace
from click.testing import CliRunner, Result

from levelset.cli import main


@pytest.fixture
def write_workspace(tmp_path: Path) -> WriteWorkspace:
    """Write ``files`` (relative path → text, dedented) into a new folder; return it."""
    counter = iter(range(1000))

    def write(files: Mapping[str, str], name: str = "") -> Path:
        root = tmp_path / (name or f"ws{next(counter)}")
        root.mkdir(parents=True)
        for relative, text in files.items():
            target = root / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return root

    return write


@pytest.fixture
def clean(write_workspace: WriteWorkspace) -> Path:
    """The clean workspace."""
    return write_workspace(CLEAN, "clean")


@pytest.fixture
def invoke() -> Invoke:
    """Run ``levelset`` with arguments through click's runner (stdout not a terminal)."""
    runner = CliRunner()

    def run(*args: str | Path) -> Result:
        return runner.invoke(main, [str(a) for a in args], catch_exceptions=False)

    return run
