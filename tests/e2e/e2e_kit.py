"""What the end-to-end tests share: the repository root and the runner's signature."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import Result

#: The repository root: README.md, docs/ and examples/ are read from here.
ROOT = Path(__file__).resolve().parents[2]

#: ``run("check", path, ..., env=None)``: the ``levelset`` command through click's runner.
Run = Callable[..., Result]
