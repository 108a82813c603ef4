"""Reading a real folder: missing, empty, not UTF-8, YAML files directly inside only."""

from __future__ import annotations

from pathlib import Path

from loadkit import VALID

from levelset.load import load_workspace
from levelset.model import Location


def test_workspace_folder_is_read(tmp_path: Path) -> None:
    (tmp_path / "org.yaml").write_text(VALID)
    (tmp_path / "levelset.toml").write_text('[check]\nfail_on = "warning"\n')
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "broken.yaml").write_text("{{{")
    (tmp_path / "notes.txt").write_text("not yaml: [")
    result = load_workspace(tmp_path)
    assert result.ok, [str(p) for p in result.problems]
    assert result.workspace.root == tmp_path
    assert result.workspace.settings.fail_on == "warning"
    assert "ceo" in result.workspace.seats


def test_missing_folder(tmp_path: Path) -> None:
    result = load_workspace(tmp_path / "nope")
    assert not result.ok
    assert "does not exist" in result.problems[0].message
    assert result.problems[0].location.file


def test_a_file_is_not_a_folder(tmp_path: Path) -> None:
    (tmp_path / "org.yaml").write_text(VALID)
    result = load_workspace(tmp_path / "org.yaml")
    assert "is not a folder" in result.problems[0].message


def test_empty_folder(tmp_path: Path) -> None:
    result = load_workspace(tmp_path)
    assert len(result.problems) == 1
    assert "has no YAML files" in result.problems[0].message
    assert result.problems[0].hint


def test_file_that_is_not_utf8(tmp_path: Path) -> None:
    (tmp_path / "org.yaml").write_bytes(b"seats:\n  - {id: caf\xe9, title: A, level: L1}\n")
    (tmp_path / "people.yaml").write_text("people:\n  - {id: p, name: P}\n")
    result = load_workspace(tmp_path)
    assert len(result.problems) == 1
    problem = result.problems[0]
    assert problem.location == Location("org.yaml", 2)
    assert "not UTF-8" in problem.message
    assert "p" in result.workspace.people  # the other file is still read


def test_broken_links_are_problems(tmp_path: Path) -> None:
    (tmp_path / "org.yaml").write_text(VALID)
    (tmp_path / "people.yaml").symlink_to("nothere.yaml")
    (tmp_path / "loop.yaml").symlink_to("loop.yaml")
    result = load_workspace(tmp_path)
    assert [p.location for p in result.problems] == [
        Location("loop.yaml", 1),  # a whole-file problem: the file's first line
        Location("people.yaml", 1),
    ]
    loop, people = result.problems
    assert people.message == (
        "cannot read people.yaml: it is a broken link (nothere.yaml does not exist)"
    )
    assert "cannot read loop.yaml: it is a broken link (it leads back to itself)" in loop.message
    assert people.hint
    assert loop.hint
    assert "ceo" in result.workspace.seats  # the other files are still read


def test_a_link_to_a_file_is_read(tmp_path: Path) -> None:
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "org.yaml").write_text(VALID)
    (tmp_path / "org.yaml").symlink_to(Path("shared") / "org.yaml")
    result = load_workspace(tmp_path)
    assert result.ok, [str(p) for p in result.problems]
    assert "ceo" in result.workspace.seats


def test_levelset_toml_as_a_broken_link(tmp_path: Path) -> None:
    (tmp_path / "org.yaml").write_text(VALID)
    (tmp_path / "levelset.toml").symlink_to("gone.toml")
    result = load_workspace(tmp_path)
    assert len(result.problems) == 1
    problem = result.problems[0]
    assert problem.location == Location("levelset.toml", 1)
    assert "cannot read levelset.toml: it is a broken link (gone.toml does not exist)" in (
        problem.message
    )
    assert problem.hint


def test_only_yaml_file_a_broken_link(tmp_path: Path) -> None:
    (tmp_path / "org.yaml").symlink_to("elsewhere.yaml")
    result = load_workspace(tmp_path)
    assert len(result.problems) == 1  # not also "has no YAML files"
    assert "broken link" in result.problems[0].message


def test_levelset_toml_as_a_folder_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "org.yaml").write_text(VALID)
    (tmp_path / "levelset.toml").mkdir()
    result = load_workspace(tmp_path)
    assert len(result.problems) == 1, [str(p) for p in result.problems]
    problem = result.problems[0]
    assert problem.location == Location("levelset.toml")
    assert "levelset.toml is a folder" in problem.message
    assert "ceo" in result.workspace.seats  # the rest is still read
