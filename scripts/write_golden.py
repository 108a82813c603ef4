"""Rewrite the golden files of ``tests/e2e/test_golden.py`` from the current command line.

Run from the repository root when a change means to alter what the views print, then
review ``git diff tests/golden``: every changed line is a change a user will see.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "e2e"))

from test_golden import COMMANDS, GOLDEN  # noqa: E402


def main() -> None:
    """Write every golden file."""
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for stem, args in COMMANDS.items():
        for fmt, suffix in (("json", "json"), ("markdown", "md")):
            out = _levelset(*args, "--format", fmt)
            (GOLDEN / f"{stem}.{suffix}").write_text(out, encoding="utf-8")
    for view in ("org", "tree"):
        (GOLDEN / f"{view}.txt").write_text(_levelset(view, "examples/acme"), encoding="utf-8")


def _levelset(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "levelset", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


if __name__ == "__main__":
    main()
