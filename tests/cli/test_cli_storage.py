"""A workspace whose data folder is a storage URL (``[data] files``) checked on an engine
that reads local files only: a problem at the setting's line, the rules that need the
data not run; the same folder given as a local path is read."""

from __future__ import annotations

import json
from pathlib import Path

from cli_workspaces import CLEAN, Invoke, WriteWorkspace

TIMESHEET = """
    person,date,hours,activity,customer,description
    ada,2026-07-06,20,strategy,,
    ada,2026-07-07,8,dispatch,,
    ben,2026-07-06,20,capacity,,
    cy,2026-07-06,19,dispatch,,
"""


def _workspace(write_workspace: WriteWorkspace, files: str) -> Path:
    toml = CLEAN["levelset.toml"] + f'\n        [data]\n        files = "{files}"\n'
    return write_workspace({**CLEAN, "levelset.toml": toml}, "workspace")


def _data(write_workspace: WriteWorkspace) -> Path:
    return write_workspace({"time/timesheet.csv": TIMESHEET}, "bucket")


def test_a_url_on_duckdb_is_a_problem_at_the_files_line(
    invoke: Invoke, write_workspace: WriteWorkspace
) -> None:
    data = _data(write_workspace)
    root = _workspace(write_workspace, data.as_uri())
    result = invoke("check", root, "--format", "json")
    report = json.loads(result.stdout)
    [problem] = report["problems"]
    line = next(
        number
        for number, text in enumerate((root / "levelset.toml").read_text().splitlines(), 1)
        if text.startswith("files =")
    )
    assert (problem["file"], problem["line"]) == ("levelset.toml", line)
    assert "the duckdb engine reads local files only" in problem["message"]
    assert 'engine = "spark"' in problem["hint"]
    assert "mount the storage" in problem["hint"]
    # the rules that read hours did not run (JOB005 weighs hours on others' work)
    assert "JOB005" not in report["rules"]
    assert "LEV001" in report["rules"]
    assert result.exit_code == 2


def test_a_url_on_duckdb_is_said_in_the_text_report(
    invoke: Invoke, write_workspace: WriteWorkspace
) -> None:
    data = _data(write_workspace)
    root = _workspace(write_workspace, data.as_uri())
    result = invoke("check", root)
    assert "levelset.toml:" in result.output
    assert "reads local files only" in result.output
    assert "Traceback" not in result.output


def test_the_same_folder_as_a_local_path_is_read_on_duckdb(
    invoke: Invoke, write_workspace: WriteWorkspace
) -> None:
    _data(write_workspace)
    root = _workspace(write_workspace, "../bucket")
    result = invoke("check", root, "--format", "json")
    report = json.loads(result.stdout)
    assert report["problems"] == []
    assert "JOB005" in report["rules"]
