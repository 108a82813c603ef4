"""``python -m levelset`` in a real process: exit status, JSON, and plain text when piped."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from e2e_kit import ROOT


def _levelset(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"COLUMNS", "FORCE_COLOR"}}
    return subprocess.run(
        [sys.executable, "-m", "levelset", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
        check=False,
    )


def test_check_acme_in_a_process() -> None:
    piped = _levelset("check", "examples/acme")
    assert piped.returncode == 1, piped.stderr  # error findings on purpose
    assert "\x1b[" not in piped.stdout  # piped: no colour codes
    assert "examples/acme/org.yaml:20" in piped.stdout  # LEV002 on the bookkeeper
    summary = piped.stdout.rstrip().splitlines()[-1]
    assert re.fullmatch(
        r"examples/acme: \d+ findings: \d+ errors?, \d+ warnings?(, \d+ info)?", summary
    )
    assert piped.stderr == ""

    as_json = _levelset("check", "examples/acme", "--format", "json", "--exit-zero")
    assert as_json.returncode == 0, as_json.stderr
    report = json.loads(as_json.stdout)
    assert report["workspace"] == "examples/acme"
    assert any(f["code"] == "LEV002" for f in report["findings"])


def test_broken_workspace_in_a_process(tmp_path: Path) -> None:
    (tmp_path / "org.yaml").write_bytes(b"seats:\n  - {id: a, title: Jos\xe9, level: L1}\n")
    result = _levelset("check", str(tmp_path))
    assert result.returncode == 2
    assert f"{tmp_path.as_posix()}/org.yaml" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr

    missing = _levelset("org", str(tmp_path / "nowhere"))
    assert missing.returncode == 2
    assert "does not exist" in missing.stderr
    assert "Traceback" not in missing.stderr
