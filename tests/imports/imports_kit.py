"""What the importers' tests share: the repository root and the runner's signature."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import Result

#: The repository root: docs/ and examples/ are read from here.
ROOT = Path(__file__).resolve().parents[2]

#: ``run("import", "roster", file, ...)``: the ``levelset`` command through click's runner.
Run = Callable[..., Result]
