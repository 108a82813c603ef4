"""yamledit: items changed in place, every other byte kept, writes atomic and guarded."""

from __future__ import annotations

from pathlib import Path

import pytest

from levelset.load.yamledit import FileChangedError, YamlEditError, YamlFile

TEXT = """\
# The seats, written by hand.
seats:
  # Leadership ---------------------------------------------------------
  - {id: ceo, title: Chief Executive Officer, level: L5,   holders: [dana]}   # odd spacing

  - id: cfo
    title: Chief Financial Officer
    level: L5   # confirmed
    reports_to: ceo

  - {id: controller, title: Controller, level: L3, reports_to: cfo}
# the end
people:
  - {id: dana, name: Dana Reyes}
"""


@pytest.fixture
def org(tmp_path: Path) -> Path:
    path = tmp_path / "org.yaml"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_items_read_as_plain_data(org: Path) -> None:
    seats = YamlFile.open(org).items("seats")
    assert [s["id"] for s in seats] == ["ceo", "cfo", "controller"]
    assert seats[0]["holders"] == ["dana"]


def test_replacing_items_with_the_same_data_changes_no_byte(org: Path) -> None:
    document = YamlFile.open(org)
    for index, seat in enumerate(document.items("seats")):
        document.replace("seats", index, dict(seat))
    assert document.text() == TEXT
    assert not document.changed


def test_a_changed_item_is_rewritten_alone_in_its_own_style(org: Path) -> None:
    document = YamlFile.open(org)
    ceo, cfo, _ = document.items("seats")
    document.replace("seats", 0, {**ceo, "holders": ["dana", "eli"]})
    document.replace("seats", 1, {**cfo, "holders": ["fay"]})
    lines = document.text().splitlines()
    # the flow item is written anew, the comment at its end kept
    expected = "  - {id: ceo, title: Chief Executive Officer, level: L5, holders: [dana, eli]}"
    assert lines[3] == expected + "   # odd spacing"
    # block style stays block style, its untouched lines byte for byte
    assert lines[5:10] == [
        "  - id: cfo",
        "    title: Chief Financial Officer",
        "    level: L5   # confirmed",
        "    reports_to: ceo",
        "    holders: [fay]",
    ]
    assert lines[2] == TEXT.splitlines()[2]
    assert lines[11:] == TEXT.splitlines()[10:]


def test_a_changed_key_of_a_block_item_keeps_its_comment_and_the_others_stay(
    org: Path,
) -> None:
    document = YamlFile.open(org)
    cfo = dict(document.items("seats")[1])
    del cfo["reports_to"]
    document.replace("seats", 1, {**cfo, "level": "L4"})
    lines = document.text().splitlines()
    assert lines[5:9] == [
        "  - id: cfo",
        "    title: Chief Financial Officer",
        "    level: L4   # confirmed",
        "",
    ]


def test_remove_and_append(org: Path) -> None:
    document = YamlFile.open(org)
    document.remove("seats", 2)
    document.append("seats", {"id": "cto", "title": "CTO, interim", "level": "L5"}, ["why"])
    document.append("goals", {"id": "g", "title": "Ship", "period": 2026})
    text = document.text()
    assert "controller" not in text
    assert '  # why\n  - {id: cto, title: "CTO, interim", level: L5}\n# the end\n' in text
    assert text.endswith("\ngoals:\n  - {id: g, title: Ship, period: 2026}\n")
    assert text.startswith(TEXT[: TEXT.index("  - {id: controller")])


def test_long_items_wrap_inside_the_brace(tmp_path: Path) -> None:
    document = YamlFile.open(tmp_path / "new.yaml")
    holders = [f"person-number-{n}" for n in range(8)]
    document.append("seats", {"id": "ae", "title": "Account Executive", "holders": holders})
    lines = document.text().splitlines()
    assert all(len(line) <= 92 for line in lines)
    assert lines[1].startswith("  - {id: ae")
    assert all(line.startswith("     ") for line in lines[2:])


def test_write_is_refused_when_the_file_changed_since_read(org: Path) -> None:
    document = YamlFile.open(org)
    document.remove("seats", 0)
    org.write_text(TEXT + "# someone else\n", encoding="utf-8")
    with pytest.raises(FileChangedError):
        document.write()
    assert org.read_text(encoding="utf-8").endswith("# someone else\n")


def test_write_replaces_the_file_and_leaves_no_temporary(org: Path) -> None:
    document = YamlFile.open(org)
    document.remove("seats", 0)
    document.write()
    assert "id: ceo" not in org.read_text(encoding="utf-8")
    assert [p.name for p in org.parent.iterdir()] == ["org.yaml"]


def test_text_that_is_not_a_mapping_of_sections_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("- just\n- a list\n", encoding="utf-8")
    with pytest.raises(YamlEditError, match="not a mapping of sections"):
        YamlFile.open(bad)


def test_write_keeps_the_file_mode(org: Path) -> None:
    org.chmod(0o640)
    document = YamlFile.open(org)
    document.remove("seats", 0)
    document.write()
    assert org.stat().st_mode & 0o777 == 0o640
    fresh = YamlFile.open(org.parent / "new.yaml")
    fresh.append("goals", {"id": "g", "title": "Ship"})
    fresh.write()
    assert (org.parent / "new.yaml").stat().st_mode & 0o077 != 0  # not private to its owner
