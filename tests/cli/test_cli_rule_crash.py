"""A plug-in rule that raises, through the command line: the crash is a problem placed
at the rule's own code (its module and the line that raised), not at a ``levelset.toml``
the workspace does not have, and the other rules still run.

The plug-in is installed for real: a package and its ``.dist-info`` (with the
``levelset.rules`` entry point) on ``sys.path``, found by ``importlib.metadata``.
"""

from __future__ import annotations

import json
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_workspaces import CLEAN, UNOWNED_RESPONSIBILITY, Invoke, WriteWorkspace

from levelset.service.rules import default_registry

PLUGIN = '''
    """A rule family whose one rule raises."""

    from levelset.model import Severity
    from levelset.model.evidence import LevelGapEvidence
    from levelset.rules import Family, rule

    FAMILY = Family("CRS", "Crashing: a plug-in that raises")


    @rule("CRS001", "always-raises", Severity.WARNING, evidence=LevelGapEvidence)
    def always_raises(ctx):
        """Raises on every workspace.

        What it finds: nothing. Why it matters: tests. Example: none. How to fix: n/a.
        """
        seats = list(ctx.workspace.seats)
        raise ZeroDivisionError(f"{len(seats)} seats / 0")  # the line the crash names
        yield


    CATALOGUE = [FAMILY, always_raises]
'''


@pytest.fixture
def crashing_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The plug-in installed on ``sys.path``; the path of its module. The registry a
    process builds once is built again with it, and again without it afterwards."""
    site = tmp_path / "site"
    package = site / "crashplug"
    package.mkdir(parents=True)
    module = package / "__init__.py"
    module.write_text(textwrap.dedent(PLUGIN).lstrip("\n"), encoding="utf-8")
    info = site / "crashplug-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: crashplug\nVersion: 1.0\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(
        "[levelset.rules]\ncrashing = crashplug:CATALOGUE\n", encoding="utf-8"
    )
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.delitem(sys.modules, "crashplug", raising=False)
    default_registry.cache_clear()
    yield module
    default_registry.cache_clear()


def _line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if needle in line)


def test_a_crashing_plugin_rule_is_placed_at_its_own_code(
    invoke: Invoke, write_workspace: WriteWorkspace, crashing_plugin: Path
) -> None:
    files = {k: v for k, v in CLEAN.items() if k != "levelset.toml"}
    root = write_workspace({**files, "more.yaml": UNOWNED_RESPONSIBILITY})
    assert not (root / "levelset.toml").exists()
    result = invoke("check", root, "--format", "json")
    report = json.loads(result.stdout)
    (crash,) = [p for p in report["problems"] if "CRS001" in p["message"]]
    assert crash["file"] == str(crashing_plugin)
    assert crash["line"] == _line_of(crashing_plugin, "raise ZeroDivisionError")
    assert Path(crash["file"]).exists()
    assert "failed: ZeroDivisionError: 3 seats / 0" in crash["message"]
    assert "this is a bug in the rule" in crash["message"]
    # The built-in rules still ran: the unowned responsibility is found.
    assert "JOB001" in {f["code"] for f in report["findings"]}

    text = invoke("check", root)
    assert f"{crashing_plugin}:{crash['line']}: rule CRS001 (always-raises)" in text.stdout
