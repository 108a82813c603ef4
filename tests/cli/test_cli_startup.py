"""Commands that compute nothing start without the heavy libraries.

``levelset --help``, ``rules``, ``explain`` and ``init`` run in a fresh interpreter with
``-X importtime``, which lists every module imported; none of Ibis, DuckDB, pyarrow or
numpy may be among them (importing them took about two seconds).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from cli_workspaces import CLEAN, WriteWorkspace

HEAVY = ("ibis", "duckdb", "pyarrow", "numpy")


def imported(*args: str, cwd: Path) -> set[str]:
    """The modules ``python -m levelset ARGS`` imports, from ``-X importtime``."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "levelset", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    modules = set()
    for line in result.stderr.splitlines():
        # import time:   self [us] |  cumulative | imported package
        if line.startswith("import time:") and "|" in line:
            name = line.rsplit("|", 1)[1].strip()
            if name != "imported package":
                modules.add(name)
    return modules


def packages(modules: set[str]) -> set[str]:
    return {module.split(".")[0] for module in modules}


@pytest.mark.parametrize(
    ("args", "needed"),
    [
        (("--help",), "click"),
        (("rules",), "levelset.rules.registry"),
        (("explain", "LEV002"), "levelset.rules.registry"),
        (("init", "new-workspace"), "levelset.scaffold"),
    ],
    ids=["help", "rules", "explain", "init"],
)
def test_commands_that_compute_nothing_import_no_engine(
    tmp_path: Path, args: tuple[str, ...], needed: str
) -> None:
    modules = imported(*args, cwd=tmp_path)
    assert needed in modules  # the listing is read right: the command's own modules are there
    assert not packages(modules) & set(HEAVY), sorted(packages(modules) & set(HEAVY))


def test_help_imports_neither_rich_nor_a_renderer(tmp_path: Path) -> None:
    modules = imported("--help", cwd=tmp_path)
    assert "levelset.report.views" in modules  # the formats are listed from the registry
    assert "rich" not in packages(modules)
    assert "levelset.api" not in modules
    assert not {m for m in modules if m.startswith("levelset.report.")} - {
        "levelset.report.views",
        "levelset.report.formats",
        "levelset.report.builtin_formats",
    }


def test_a_command_over_event_data_does_import_the_engine(
    write_workspace: WriteWorkspace,
) -> None:
    """The control: the same listing shows the heavy imports where a command needs them."""
    timesheet = """
        person,date,hours,activity,customer,description
        ada,2026-07-06,20,strategy,,
        ada,2026-07-07,8,dispatch,,
    """
    root = write_workspace({**CLEAN, "data/time/timesheet.csv": timesheet}, "timed")
    modules = imported("trend", "timed", "ada", "--metric", "hours", cwd=root.parent)
    assert {"ibis", "duckdb"} <= packages(modules)
