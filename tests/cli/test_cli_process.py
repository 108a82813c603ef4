"""The ``levelset`` process: run as its own command line it ends without the
interpreter's teardown and collects cycles less often; what it prints, its exit status
and the exit handlers are those of an ordinary exit. Run inside another program (the
tests' runner), the command leaves that program's collector and interpreter alone."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
import textwrap
from pathlib import Path

from cli_workspaces import CLEAN, UNOWNED_RESPONSIBILITY, Invoke, WriteWorkspace

from levelset.cli._process import COLLECT_EVERY


def run_levelset(
    tmp_path: Path, prelude: str, *args: str | Path
) -> subprocess.CompletedProcess[str]:
    """``levelset ARGS`` as the process's own command line, after ``prelude`` ran."""
    code = textwrap.dedent(prelude) + textwrap.dedent(f"""
        import sys
        sys.argv = ["levelset", *{[str(a) for a in args]!r}]
        from levelset.cli import main
        main(prog_name="levelset")
    """)
    command = [sys.executable, "-c", code]
    return subprocess.run(
        command, check=False, capture_output=True, text=True, cwd=tmp_path, timeout=120
    )


def test_the_process_runs_its_exit_handlers_and_keeps_its_status_and_output(
    write_workspace: WriteWorkspace, tmp_path: Path
) -> None:
    failing = write_workspace({**CLEAN, "more.yaml": UNOWNED_RESPONSIBILITY})
    marker = tmp_path / "handler-ran"
    prelude = f"""
        import atexit, gc
        from pathlib import Path
        def said():
            Path({str(marker)!r}).write_text(str(gc.get_threshold()[0]))
        atexit.register(said)
    """
    done = run_levelset(tmp_path, prelude, "check", failing, "--format", "json")
    assert done.returncode == 1, done.stderr  # a finding fails the check, as ever
    report = json.loads(done.stdout)  # all of it written, flushed before the end
    assert report["findings"]
    assert marker.read_text() == str(COLLECT_EVERY)  # the handler ran, in a tuned process
    assert "Traceback" not in done.stderr


def test_the_process_waits_for_a_thread_still_running(
    write_workspace: WriteWorkspace, tmp_path: Path
) -> None:
    clean = write_workspace(CLEAN)
    marker = tmp_path / "thread-done"
    prelude = f"""
        import threading, time
        from pathlib import Path
        def late():
            time.sleep(1)
            Path({str(marker)!r}).write_text("done")
        threading.Thread(target=late).start()
    """
    done = run_levelset(tmp_path, prelude, "check", clean, "--format", "json")
    assert done.returncode == 0, done.stderr
    assert marker.read_text() == "done"  # the interpreter's own exit waited for it


def test_a_message_given_to_exit_is_said_and_fails() -> None:
    code = "from levelset.cli._process import leave\nleave('no workspace here')\n"
    command = [sys.executable, "-c", code]
    done = subprocess.run(command, check=False, capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stderr.strip()) == (1, "no workspace here")


def test_a_command_run_inside_a_program_leaves_its_collector_alone(
    invoke: Invoke, clean: Path
) -> None:
    before = gc.get_threshold()
    result = invoke("check", str(clean), "--format", "json")
    assert result.exit_code == 0, result.output
    assert gc.get_threshold() == before
