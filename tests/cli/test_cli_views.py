"""``levelset tree`` and ``levelset org``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_workspaces import Invoke, WriteWorkspace

GOALS = """
    goals:
      - {id: obj-top, title: Be the reliable choice, owner: ceo, period: 2026}
      - id: kr-half
        title: Ship half the backlog
        parent: obj-top
        owner: ceo
        period: 2026
        metric: {start: 0, target: 100, current: 50}
      - id: kr-eighty
        title: Cut defects
        parent: obj-top
        owner: ceo
        period: 2026
        weight: 2
        metric: {start: 10, target: 20, current: 18, unit: defects}
"""


def line_with(text: str, needle: str) -> str:
    matches = [line for line in text.splitlines() if needle in line]
    assert matches, f"{needle!r} not in:\n{text}"
    return matches[0]


def test_tree_rolls_up_progress_by_weight(invoke: Invoke, write_workspace: WriteWorkspace) -> None:
    seats = "seats: [{id: ceo, title: CEO, level: L5, holders: [ada]}]\n"
    people = "people: [{id: ada, name: Ada Moreno}]\n"
    root = write_workspace({"org.yaml": seats + people, "goals.yaml": GOALS})
    result = invoke("tree", root)
    assert result.exit_code == 0, result.output
    # kr-half: 50/100 = 50%; kr-eighty: (18-10)/(20-10) = 80%;
    # obj-top: (0.5 * 1 + 0.8 * 2) / 3 = 70%
    assert "50%" in line_with(result.stdout, "kr-half")
    assert "80%" in line_with(result.stdout, "kr-eighty")
    top = line_with(result.stdout, "obj-top")
    assert "70%" in top
    assert "objective" in top
    assert "owner ceo (Ada Moreno)" in top
    assert "2026" in top
    assert "10 → 20 defects, now 18" in line_with(result.stdout, "kr-eighty")
    # the children sit under the objective
    assert result.stdout.index("obj-top") < result.stdout.index("kr-half")


ORG = """
    seats:
      - {id: ceo, title: Chief Executive, function: leadership, level: L5, holders: [ada]}
      - {id: controller, title: Controller, function: finance, level: L3, reports_to: ceo}
      - {id: bookkeeper, title: Bookkeeper, function: finance, level: L1,
         reports_to: controller, holders: [{partner: stride, fte: 0.5}]}
    people:
      - {id: ada, name: Ada Moreno}
    partners:
      - {id: stride, name: Stride Bookkeeping, function: finance, owner: ceo}
"""


def test_org_shows_levels_vacancies_and_partners(
    invoke: Invoke, write_workspace: WriteWorkspace
) -> None:
    root = write_workspace({"org.yaml": ORG})
    result = invoke("org", root)
    assert result.exit_code == 0, result.output
    assert "Ada Moreno" in line_with(result.stdout, "Chief Executive")
    assert "L5" in line_with(result.stdout, "Chief Executive")
    assert "VACANT" in line_with(result.stdout, "Controller")
    bookkeeper = line_with(result.stdout, "Bookkeeper")
    assert "[partner] Stride Bookkeeping (stride) 0.5 fte" in bookkeeper
    assert "VACANT" not in bookkeeper
    # reports_to nests: ceo above controller above bookkeeper
    out = result.stdout
    assert out.index("Chief Executive") < out.index("Controller") < out.index("Bookkeeper")
    indent = len(line_with(out, "Bookkeeper")) - len(line_with(out, "Bookkeeper").lstrip("│ └├─"))
    ceo_indent = len(line_with(out, "Chief Executive")) - len(
        line_with(out, "Chief Executive").lstrip("│ └├─")
    )
    assert indent > ceo_indent


@pytest.mark.parametrize("command", ["tree", "org"])
def test_views_of_a_broken_workspace_print_problems_and_exit_2(
    invoke: Invoke, write_workspace: WriteWorkspace, command: str
) -> None:
    root = write_workspace({"org.yaml": "seats: [\n"})
    result = invoke(command, root)
    assert result.exit_code == 2
    assert f"{root}/org.yaml" in result.output
    assert "Traceback" not in result.output


def test_org_as_json_keeps_the_tree(invoke: Invoke, write_workspace: WriteWorkspace) -> None:
    root = write_workspace({"org.yaml": ORG})
    result = invoke("org", root, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["workspace"] == root.as_posix()
    assert data["seat_count"] == 3
    [ceo] = data["seats"]
    assert (ceo["id"], ceo["level"], ceo["vacant"]) == ("ceo", "L5", False)
    assert ceo["holders"] == [{"name": "Ada Moreno", "partner": False}]
    [controller] = ceo["reports"]
    assert (controller["id"], controller["vacant"], controller["holders"]) == (
        "controller",
        True,
        [],
    )
    [bookkeeper] = controller["reports"]
    assert bookkeeper["holders"] == [
        {"name": "Stride Bookkeeping (stride) 0.5 fte", "partner": True}
    ]


def test_org_as_markdown_nests_seats(invoke: Invoke, write_workspace: WriteWorkspace) -> None:
    root = write_workspace({"org.yaml": ORG})
    result = invoke("org", root, "--format", "markdown")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"# Seats of `{root.as_posix()}`"
    assert "- **`ceo`** Chief Executive — L5 Executive · leadership — Ada Moreno" in lines
    assert "  - **`controller`** Controller — L3 Manager · finance — VACANT" in lines
    assert (
        "    - **`bookkeeper`** Bookkeeper — L1 Individual contributor · finance — "
        "[partner] Stride Bookkeeping (stride) 0.5 fte"
    ) in lines


def test_tree_as_json_and_markdown(invoke: Invoke, write_workspace: WriteWorkspace) -> None:
    seats = "seats: [{id: ceo, title: CEO, level: L5, holders: [ada]}]\n"
    people = "people: [{id: ada, name: Ada Moreno}]\n"
    root = write_workspace({"org.yaml": seats + people, "goals.yaml": GOALS})
    data = json.loads(invoke("tree", root, "--format", "json").stdout)
    assert data["goal_count"] == 3
    [top] = data["goals"]
    assert (top["id"], top["kind"], top["progress"]) == ("obj-top", "objective", 0.7)
    assert (top["owner"], top["owner_holders"], top["period"]) == ("ceo", "Ada Moreno", "2026")
    eighty = top["children"][1]
    assert eighty["metric"] == {"start": 10, "target": 20, "current": 18, "unit": "defects"}
    assert eighty["weight"] == 2
    markdown = invoke("tree", root, "--format", "markdown").stdout.splitlines()
    assert markdown[0] == f"# Goals of `{root.as_posix()}`"
    assert "  - **`kr-half`** Ship half the backlog · █████░░░░░ 50% · key result" in "\n".join(
        markdown
    )


@pytest.mark.parametrize("command", ["tree", "org"])
@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_tree_views_write_to_a_file(
    invoke: Invoke, write_workspace: WriteWorkspace, tmp_path: Path, command: str, fmt: str
) -> None:
    root = write_workspace({"org.yaml": ORG, "goals.yaml": GOALS})
    printed = invoke(command, root, "--format", fmt)
    target = tmp_path / f"out.{fmt}"
    result = invoke(command, root, "--format", fmt, "-o", target)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == f"wrote {fmt} to {target}\n"
    assert target.read_text(encoding="utf-8") == printed.stdout
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []


def test_tree_views_offer_the_formats_of_the_registry(invoke: Invoke) -> None:
    for command in ("tree", "org"):
        result = invoke(command, "--help")
        assert "[text|json|markdown]" in result.stdout
    assert "[text|json|markdown|github|sarif|html]" in invoke("check", "--help").stdout
