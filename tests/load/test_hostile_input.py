"""Input a user (or a fuzzer) can produce that once crashed the loader or lost its
place: each is now a problem at its file and line, and the rest is still read."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from loadkit import load, only

from levelset.engine.finance.values import read_amount
from levelset.engine.reading import csv_header, error_line
from levelset.load import load_files, load_workspace
from levelset.load.timefiles import find_time_sources
from levelset.load.yamlguard import MAX_DEPTH

BILLION_LAUGHS = "\n".join(
    [
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
        *(
            f"{name}: &{name} [{', '.join([f'*{before}'] * 9)}]"
            for before, name in zip("abcdefgh", "bcdefghi", strict=True)
        ),
        "seats: []",
    ]
)


def test_a_flow_list_nested_50000_deep_is_a_problem_not_a_crash() -> None:
    problem = only(load_files({"org.yaml": "seats: " + "[" * 50_000 + "]" * 50_000 + "\n"}))
    assert (problem.location.file, problem.location.line) == ("org.yaml", 1)
    assert f"nested more than {MAX_DEPTH} levels deep" in problem.message


def test_a_deep_value_in_a_block_item_is_caught_on_the_fast_path() -> None:
    text = "seats:\n  - id: a\n    title: " + "[" * 1000 + "]" * 1000 + "\n"
    problem = only(load_files({"org.yaml": text}))
    assert problem.location.line == 3
    assert "nested more than" in problem.message


def test_compact_block_nesting_is_caught() -> None:
    problem = only(load_files({"org.yaml": "seats:\n" + "- " * 30_000 + "x\n"}))
    assert problem.location.line == 2


def test_nesting_a_workspace_needs_is_read() -> None:
    deep_enough = "goals:\n  - id: g\n    title: " + "[" * 20 + "x" + "]" * 20 + "\n"
    messages = [p.message for p in load_files({"org.yaml": deep_enough}).problems]
    assert not any("nested" in m for m in messages)


def test_a_billion_laughs_is_refused_quickly() -> None:
    started = time.monotonic()
    problem = only(load_files({"org.yaml": BILLION_LAUGHS}))
    assert time.monotonic() - started < 5
    assert "aliases expand to more than" in problem.message
    assert problem.location.file == "org.yaml"
    assert problem.location.line is not None


def test_an_alias_inside_its_own_anchor_is_a_problem() -> None:
    problem = only(load_files({"org.yaml": "seats: &a [*a]\n"}))
    assert "refers to itself" in problem.message


def test_an_alias_used_a_few_times_is_read() -> None:
    text = """
        people:
          - &dana {id: dana, name: Dana Reyes}
        seats:
          - {id: ceo, title: CEO, level: L5, holders: [dana]}
    """
    assert load(text).problems == ()


@pytest.mark.parametrize("character", ["\x07", "\x01", "\x00", "\x1b"])
def test_a_control_character_is_a_problem_at_its_line(character: str) -> None:
    text = f"seats:\n  - {{id: a, title: A, level: L1}}\n  - {{id: b{character}, title: B}}\n"
    problem = only(load_files({"org.yaml": text}))
    assert (problem.location.file, problem.location.line) == ("org.yaml", 3)
    assert f"#x{ord(character):04x}" in problem.message


def test_hidden_yaml_files_are_not_read(tmp_path: Path) -> None:
    (tmp_path / "org.yaml").write_text("seats: []\n", encoding="utf-8")
    (tmp_path / ".org.yaml.swp.yaml").write_text("not: [a workspace\n", encoding="utf-8")
    (tmp_path / ".prettierrc.yml").write_text("tabWidth: 4\n", encoding="utf-8")
    assert load_workspace(tmp_path).problems == ()


@pytest.mark.parametrize(
    ("toml", "line"),
    [
        ('check = {fail_on = "bogus"}\n', 1),
        ('# settings\ncheck.fail_on = "bogus"\n', 2),
        ('[organization]\nname = "A"\n\n[check]\nfail_on = "bogus"\n', 5),
        ('[data]\nwindow = "2026"\n\n[organization.extra]\nx = 1\n', 4),
        ("finance.cost_of_capital = 7\n", 1),
        ('data = {window = "nope"}\n', 1),
    ],
)
def test_levelset_toml_problems_have_a_line_however_tables_are_written(
    toml: str, line: int
) -> None:
    result = load_files({"levelset.toml": toml, "org.yaml": "seats: []\n"})
    problems = [p for p in result.problems if p.location.file == "levelset.toml"]
    assert problems, result.problems
    assert all(p.location.line == line for p in problems), [str(p) for p in problems]


@pytest.mark.parametrize("text", ["1e400", "-1e400", "1" + "0" * 400, "(1e999)"])
def test_an_amount_too_large_for_a_number_is_not_infinity(text: str) -> None:
    value, flaw = read_amount(text)
    assert value is None
    assert flaw


def test_a_header_ending_with_an_empty_name_gets_a_name_of_its_own(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("person,date,hours,,activity,activity\n", encoding="utf-8")
    assert csv_header(path) == ["person", "date", "hours", "column4", "activity", "activity_2"]


def test_the_line_of_a_csv_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(b"person,date,hours\ndana,2026-01-05,1\nl\xe9a,2026-01-05,2\n")
    assert error_line(path, "'utf-8' codec can't decode byte 0xe9 in position 40") == 3
    assert error_line(path, "Invalid Input Error: CSV Error on Line: 7") == 7


def _unsearchable_applies(folder: Path) -> bool:
    folder.chmod(0o600)
    try:
        list(folder.iterdir())
        (folder / "probe").stat()
    except PermissionError:
        return True
    except FileNotFoundError:
        return False  # root: the missing probe was looked for, so permissions do not apply
    finally:
        folder.chmod(0o755)
    return False


def test_a_data_folder_that_cannot_be_searched_is_a_problem(tmp_path: Path) -> None:
    folder = tmp_path / "data" / "time"
    folder.mkdir(parents=True)
    (folder / "t.csv").write_text("person,date,hours\n", encoding="utf-8")
    if not _unsearchable_applies(folder):
        pytest.skip("file permissions are not enforced for this user")
    folder.chmod(0o600)  # listed, not searched
    try:
        sources, problems = find_time_sources(tmp_path)
    finally:
        folder.chmod(0o755)
    assert sources == []
    assert [p.location.file for p in problems] == ["data/time/t.csv"]
    folder.chmod(0)  # not even listed
    try:
        sources, problems = find_time_sources(tmp_path)
    finally:
        folder.chmod(0o755)
    assert [p.location.file for p in problems] == ["data/time"]


def test_a_data_file_whose_name_is_not_utf8_is_a_problem(tmp_path: Path) -> None:
    folder = tmp_path / "data" / "time"
    folder.mkdir(parents=True)
    try:
        (folder / os.fsdecode(b"caf\xe9.csv")).write_text("person,date,hours\n", encoding="utf-8")
    except (OSError, UnicodeEncodeError):
        pytest.skip("the file system refuses names that are not UTF-8")
    sources, [problem] = find_time_sources(tmp_path)
    assert sources == []
    assert problem.location.file == "data/time/caf\\xe9.csv"
    problem.message.encode("utf-8")  # printable: no surrogate left in it
