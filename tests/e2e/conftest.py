"""Fixtures for the end-to-end tests: the repository root and the ``levelset`` command."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from e2e_kit import Run

from levelset.cli import main


@pytest.fixture
def run() -> Run:
    """Run ``levelset ARGS`` through click's runner; output is not a terminal.

    Exceptions are not caught: a traceback fails the test instead of hiding in a result.
    """
    runner = CliRunner()

    def invoke(*args: str | Path, env: Mapping[str, str] | None = None) -> Result:
        return runner.invoke(main, [str(a) for a in args], env=env, catch_exceptions=False)

    return invoke
