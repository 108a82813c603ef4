"""yamledit across files and inside items: several files written all or nothing, an
item added after another, a block list kept one element a line, \\r\\n lines kept."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from levelset.load.yamledit import FileChangedError, YamlFile, write_all

ORG = """\
seats:
  - id: ceo
    title: CEO
    holders:   # who
      - ana
      - {person: bo, fte: 0.5}
    # after the holders
  - {id: ops, title: Ops, reports_to: ceo}
  # the end
"""
PEOPLE = "people:\n  - {id: ana, name: Ana}\n"


@pytest.fixture
def files(tmp_path: Path) -> list[YamlFile]:
    (tmp_path / "org.yaml").write_text(ORG, encoding="utf-8")
    (tmp_path / "people.yaml").write_text(PEOPLE, encoding="utf-8")
    org, people = YamlFile.open(tmp_path / "org.yaml"), YamlFile.open(tmp_path / "people.yaml")
    org.remove("seats", 1)
    people.append("people", {"id": "bo", "name": "Bo"})
    return [org, people]


def _texts(files: list[YamlFile]) -> list[str]:
    return [file.path.read_text(encoding="utf-8") for file in files]


def test_write_all_writes_only_the_changed_files(files: list[YamlFile], tmp_path: Path) -> None:
    untouched = YamlFile.open(tmp_path / "org.yaml")
    written = write_all([*files, untouched])
    assert written == [tmp_path / "org.yaml", tmp_path / "people.yaml"]
    org, people = _texts(files)
    assert "id: ops" not in org
    assert "  # the end\n" in org
    assert people.endswith("  - {id: bo, name: Bo}\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["org.yaml", "people.yaml"]


def test_write_all_writes_nothing_when_one_file_changed(files: list[YamlFile]) -> None:
    files[1].path.write_text(PEOPLE + "# someone else\n", encoding="utf-8")
    with pytest.raises(FileChangedError, match=r"people\.yaml changed since it was read"):
        write_all(files)
    assert _texts(files) == [ORG, PEOPLE + "# someone else\n"]
    assert not list(files[0].path.parent.glob(".*.tmp"))


def test_a_failing_rename_puts_back_the_files_already_replaced(
    files: list[YamlFile], monkeypatch: pytest.MonkeyPatch
) -> None:
    real, calls = os.replace, []

    def second_fails(src: str, dst: Any) -> None:
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real(src, dst)

    monkeypatch.setattr(os, "replace", second_fails)
    with pytest.raises(OSError, match="No space left"):
        write_all(files)
    monkeypatch.undo()
    assert _texts(files) == [ORG, PEOPLE]
    assert not list(files[0].path.parent.glob(".*.tmp"))


def test_insert_after_puts_the_item_under_its_neighbour(tmp_path: Path) -> None:
    (tmp_path / "org.yaml").write_text(ORG, encoding="utf-8")
    org = YamlFile.open(tmp_path / "org.yaml")
    org.insert_after("seats", 0, {"id": "cfo", "title": "CFO", "reports_to": "ceo"}, flow=False)
    org.insert_after("seats", 1, {"id": "clerk", "title": "Clerk"}, flow=True)
    lines = org.text().splitlines()
    assert lines[6:10] == [
        "  - id: cfo",
        "    title: CFO",
        "    reports_to: ceo",
        ORG.split("\n")[6],
    ]
    assert lines[-2:] == ["  - {id: clerk, title: Clerk}", "  # the end"]
    assert [s["id"] for s in YamlFile.open(_saved(org)).items("seats")] == [
        "ceo",
        "cfo",
        "ops",
        "clerk",
    ]


def test_a_block_list_keeps_its_element_lines_and_gets_a_line_per_new_element(
    tmp_path: Path,
) -> None:
    (tmp_path / "org.yaml").write_text(ORG, encoding="utf-8")
    org = YamlFile.open(tmp_path / "org.yaml")
    ceo = org.items("seats")[0]
    org.replace("seats", 0, {**ceo, "holders": [{"person": "bo", "fte": 0.5}, "cy"]})
    assert org.text().splitlines()[:7] == [
        "seats:",
        "  - id: ceo",
        "    title: CEO",
        "    holders:   # who",
        "      - {person: bo, fte: 0.5}",
        "      - cy",
        "    # after the holders",
    ]
    assert YamlFile.open(_saved(org)).items("seats")[0]["holders"] == [
        {"person": "bo", "fte": 0.5},
        "cy",
    ]


def test_crlf_lines_left_alone_stay_crlf(tmp_path: Path) -> None:
    path = tmp_path / "org.yaml"
    path.write_bytes(ORG.replace("\n", "\r\n").encode("utf-8"))
    org = YamlFile.open(path)
    org.remove("seats", 1)
    org.write()
    assert path.read_bytes().startswith(b"seats:\r\n  - id: ceo\r\n")


def _saved(file: YamlFile) -> Path:
    file.write()
    return file.path
