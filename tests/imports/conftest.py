"""Fixtures for the importers' tests: the ``levelset`` command through click's runner."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from imports_kit import Run

from levelset.cli import main


@pytest.fixture
def run() -> Run:
    """``run("import", "roster", file, ...)``; exceptions are not caught."""
    runner = CliRunner()

    def invoke(*args: str | Path) -> Result:
        return runner.invoke(main, [str(a) for a in args], catch_exceptions=False)

    return invoke
