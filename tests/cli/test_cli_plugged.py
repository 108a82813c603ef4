"""Commands of the ``levelset.commands`` entry point group (the web app's ``serve``) are
loaded when named or listed, never by another command: a check does not import the web
app (FastAPI and the app took a third of a small workspace's check)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from cli_workspaces import CLEAN, WriteWorkspace
from test_cli_startup import imported


def test_a_check_does_not_import_the_web_app(write_workspace: WriteWorkspace) -> None:
    root = write_workspace(CLEAN, "clean")
    modules = imported("check", "clean", "--exit-zero", cwd=root.parent)
    assert "levelset.cli.check" in modules  # the listing is read right
    assert not {m for m in modules if m == "levelset.web" or m.startswith("levelset.web.")}
    assert "fastapi" not in {m.split(".")[0] for m in modules}


def test_a_plugged_command_runs_when_named_and_is_listed(tmp_path: Path) -> None:
    def levelset(*args: str) -> subprocess.CompletedProcess[str]:
        argv = [sys.executable, "-m", "levelset", *args]
        return subprocess.run(
            argv, capture_output=True, text=True, cwd=tmp_path, timeout=120, check=False
        )

    named = levelset("serve", "--help")
    assert named.returncode == 0, named.stderr[-2000:]
    assert "Usage: levelset serve" in named.stdout
    listed = levelset("--help")
    assert listed.returncode == 0, listed.stderr[-2000:]
    assert "serve" in listed.stdout.split("Commands:", 1)[1].split()
    unknown = levelset("no-such-command")
    assert unknown.returncode == 2
    assert "No such command 'no-such-command'" in unknown.stderr
