"""Valid but extreme workspaces through the command line: no traceback, exit 0, 1 or 2."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from cli_workspaces import Invoke


def _chain(root: Path, depth: int) -> Path:
    """Seats and goals each in one chain ``depth`` long (``check`` passes on it)."""
    root.mkdir()
    seats = ["seats:"] + [
        f"  - {{id: s{i}, title: S{i}, level: L3, holders: [p{i}]"
        + (f", reports_to: s{i - 1}" if i else "")
        + "}"
        for i in range(depth)
    ]
    people = ["people:"] + [f"  - {{id: p{i}, name: P{i}}}" for i in range(depth)]
    goals = ["goals:"] + [
        f"  - {{id: g{i}, title: G{i}" + (f", parent: g{i - 1}" if i else "") + "}"
        for i in range(depth)
    ]
    (root / "org.yaml").write_text("\n".join(seats + people + goals) + "\n", encoding="utf-8")
    return root


@pytest.mark.parametrize("command", ["tree", "org"])
def test_tree_views_of_a_1000_deep_chain_show_100_levels_and_say_the_rest(
    invoke: Invoke, tmp_path: Path, command: str
) -> None:
    root = _chain(tmp_path / "deep", 1000)
    noun = "goals" if command == "tree" else "seats"
    for fmt in ("text", "json", "markdown"):
        result = invoke(command, root, "--format", fmt)
        assert result.exit_code == 0, fmt
    data = json.loads(invoke(command, root, "--format", "json").stdout)
    node, levels = data["goals" if command == "tree" else "seats"][0], 1
    key = "children" if command == "tree" else "reports"
    while node[key]:
        node, levels = node[key][0], levels + 1
    assert levels == 100
    assert node["hidden_below"] == 900
    markdown = invoke(command, root, "--format", "markdown").stdout
    assert f"… and 900 more {noun} below, deeper than the 100 levels shown" in markdown


def test_a_shallow_tree_says_nothing_is_hidden(invoke: Invoke, tmp_path: Path) -> None:
    root = _chain(tmp_path / "shallow", 5)
    assert "hidden_below" not in invoke("org", root, "--format", "json").stdout
    assert "more seats below" not in invoke("org", root, "--format", "markdown").stdout


def test_a_vacant_seat_with_20000_responsibilities_is_planned_in_linear_time(
    invoke: Invoke, tmp_path: Path
) -> None:
    root = tmp_path / "wide"
    root.mkdir()
    lines = [
        "seats:",
        "  - {id: ceo, title: CEO, level: L5, holders: [dana]}",
        "  - {id: ctl, title: Controller, level: L3, reports_to: ceo}",
        "people:",
        "  - {id: dana, name: Dana}",
        "responsibilities:",
        *(f"  - {{id: r{i}, name: R {i}, horizon: 3mo, accountable: ctl}}" for i in range(20_000)),
    ]
    (root / "org.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    started = time.process_time()
    result = invoke("plan", root, "--format", "json")
    assert time.process_time() - started < 20  # 44 s when it was quadratic
    assert result.exit_code in (0, 1)
    (fill,) = json.loads(result.stdout)["plan"]["seats"]
    assert fill["seat"] == "ctl"


def test_a_workspace_path_that_is_not_utf8_gives_a_utf8_report(
    invoke: Invoke, tmp_path: Path
) -> None:
    try:
        root = tmp_path / os.fsdecode(b"ws\xe9")
        root.mkdir()
    except (OSError, UnicodeEncodeError):
        pytest.skip("the file system refuses names that are not UTF-8")
    (root / "org.yaml").write_text("seats: []\n", encoding="utf-8")
    result = invoke("check", root, "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout_bytes.decode("utf-8"))
    assert data["workspace"].endswith("ws\\xe9")
