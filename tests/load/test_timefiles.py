"""Finding time files in data/time and recognising each tool's export by its header."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from levelset.load.timefiles import find_time_sources
from levelset.model.events import TimeFormat

FIXTURES = Path(__file__).parent.parent / "fixtures" / "time"


def _workspace(tmp_path: Path, *fixtures: str) -> Path:
    folder = tmp_path / "data" / "time"
    folder.mkdir(parents=True)
    for name in fixtures:
        shutil.copy(FIXTURES / name, folder / Path(name).name)
    return tmp_path


def _write(root: Path, name: str, content: str | bytes) -> Path:
    path = root / "data" / "time" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("fixture", "format", "columns", "order"),
    [
        (
            "good/levelset.csv",
            TimeFormat.LEVELSET,
            {
                "person_id": "person",
                "date": "date",
                "hours": "hours",
                "activity": "activity",
                "customer": "customer",
                "description": "description",
            },
            "ymd",
        ),
        (
            "good/toggl_detailed.csv",
            TimeFormat.TOGGL,
            {
                "email": "Email",
                "name": "User",
                "date": "Start date",
                "duration": "Duration",
                "activity": "Description",
                "project": "Project",
                "task": "Task",
                "tags": "Tags",
                "customer": "Client",
            },
            "ymd",
        ),
        (
            "good/clockify_detailed.csv",
            TimeFormat.CLOCKIFY,
            {
                "email": "Email",
                "name": "User",
                "date": "Start Date",
                "hours": "Duration (decimal)",
                "activity": "Description",
                "project": "Project",
                "task": "Task",
                "tags": "Tags",
                "customer": "Client",
            },
            "mdy",
        ),
        (
            "good/harvest_detailed.csv",
            TimeFormat.HARVEST,
            {
                "first_name": "First Name",
                "last_name": "Last Name",
                "date": "Date",
                "hours": "Hours",
                "activity": "Notes",
                "project": "Project",
                "task": "Task",
                "customer": "Client",
            },
            "ymd",
        ),
    ],
)
def test_each_tool_is_recognised_by_its_header(
    tmp_path: Path, fixture: str, format: TimeFormat, columns: dict[str, str], order: str
) -> None:
    # The Toggl file starts with a byte-order mark; Clockify quotes every name.
    root = _workspace(tmp_path, fixture)
    sources, problems = find_time_sources(root)
    assert problems == []
    [source] = sources
    assert source.format is format
    assert source.columns == columns
    assert source.date_order == order
    assert source.container == "csv"
    assert source.file == f"data/time/{Path(fixture).name}"
    assert source.path == str(root / "data" / "time" / Path(fixture).name)


def test_columns_in_any_order_and_case_with_extra_columns(tmp_path: Path) -> None:
    _write(tmp_path, "mine.csv", "Notes,HOURS, Date ,Person,Approved by\n")
    [source], problems = find_time_sources(tmp_path)
    assert problems == []
    assert source.format is TimeFormat.LEVELSET
    assert source.columns == {"person_id": "Person", "date": "Date", "hours": "HOURS"}


def test_clockify_with_only_the_hh_mm_duration(tmp_path: Path) -> None:
    header = "Project,Client,Description,Task,User,Email,Tags,Start Date,Duration (h)\n"
    _write(tmp_path, "clockify.csv", header)
    [source], _ = find_time_sources(tmp_path)
    assert source.format is TimeFormat.CLOCKIFY
    assert source.columns["hours"] == "Duration (h)"


def test_parquet_is_recognised_by_its_schema(tmp_path: Path) -> None:
    path = _write(tmp_path, "2026/q1.parquet", b"")
    table = pa.table({"person": ["dana"], "date": pa.array([None], pa.date32()), "hours": [1.5]})
    pq.write_table(table, path)
    [source], problems = find_time_sources(tmp_path)
    assert problems == []
    assert (source.format, source.container) == (TimeFormat.LEVELSET, "parquet")
    assert source.file == "data/time/2026/q1.parquet"


def test_files_are_taken_in_path_order_folders_included(tmp_path: Path) -> None:
    for name in ("b.csv", "a/z.csv", "a.csv"):
        _write(tmp_path, name, "person,date,hours\n")
    sources, _ = find_time_sources(tmp_path)
    assert [s.file for s in sources] == ["data/time/a/z.csv", "data/time/a.csv", "data/time/b.csv"]


def test_no_time_folder_is_no_problem(tmp_path: Path) -> None:
    assert find_time_sources(tmp_path) == ([], [])


def test_time_folder_that_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "time").write_text("oops")
    sources, [problem] = find_time_sources(tmp_path)
    assert sources == []
    assert problem.location.file == "data/time"
    assert "not a folder" in problem.message


def test_an_unknown_header_names_its_columns_and_what_each_format_needs(tmp_path: Path) -> None:
    root = _workspace(tmp_path, "odd/jira_worklog.csv")
    sources, [problem] = find_time_sources(root)
    assert sources == []
    assert str(problem.location) == "data/time/jira_worklog.csv:1"
    assert "Issue Key, Summary, Author, Time Spent (h), Started" in problem.message
    for needs in (
        "levelset time CSV needs person, date, hours",
        "Toggl Track detailed export needs Email, User or Member, Start date, Duration",
        "Clockify detailed report needs Email, User, Start Date, "
        "Duration (decimal) or Duration (h)",
        "Harvest detailed time report needs First Name, Last Name, Date, Hours",
    ):
        assert needs in problem.hint


def test_a_near_miss_names_the_closest_format_and_what_it_lacks(tmp_path: Path) -> None:
    _write(tmp_path, "harvest.csv", "Date,Client,Project,Task,Notes,First Name,Last Name\n")
    _, [problem] = find_time_sources(tmp_path)
    assert problem.hint.startswith(
        "closest is the Harvest detailed time report, which lacks Hours; "
        "a levelset time CSV needs person, date, hours;"
    )


def test_a_near_miss_between_two_formats_names_both(tmp_path: Path) -> None:
    # A Toggl or Clockify export with the duration columns removed.
    _write(tmp_path, "export.csv", "User,Email,Client,Project,Description,Start date,Tags\n")
    _, [problem] = find_time_sources(tmp_path)
    assert problem.hint.startswith(
        "closest is the Clockify detailed report, which lacks Duration (decimal) or "
        "Duration (h) or the Toggl Track detailed export, which lacks Duration;"
    )


def test_semicolon_separated_files_are_recognised(tmp_path: Path) -> None:
    _write(tmp_path, "export.csv", "\ufeffperson;date;hours\ndana;2026-01-05;2,5\n")
    [source], problems = find_time_sources(tmp_path)
    assert problems == []
    assert (source.delimiter, source.columns["hours"]) == (";", "hours")


def test_other_files_say_what_is_read_and_hidden_files_are_ignored(tmp_path: Path) -> None:
    _write(tmp_path, "hours.xls", b"\xd0\xcf\x11\xe0")
    _write(tmp_path, "README.txt", "exports from Toggl")
    _write(tmp_path, ".DS_Store", b"\x00\x00")
    _write(tmp_path, "broken.xlsx", b"PK\x03\x04")  # read now: a damaged one is said so
    sources, problems = find_time_sources(tmp_path)
    assert sources == []
    assert [(p.location.file, p.location.line) for p in problems] == [
        ("data/time/README.txt", 1),
        ("data/time/broken.xlsx", 1),
        ("data/time/hours.xls", 1),
    ]
    assert "is not a readable workbook" in problems[1].message
    assert problems[2].message == "data/time/hours.xls is not a time file: it is a .xls file"
    assert ".csv, .xlsx and .parquet" in problems[2].hint
    assert "export the time entries as CSV, XLSX or Parquet" in problems[2].hint


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "data/time/t.csv is empty"),
        (b"\xef\xbb\xbf\r\n", "data/time/t.csv is empty"),
        (b'person,"date,hours\n', "data/time/t.csv is a broken CSV file"),
        (b"person,d\xe4te,hours\n", "data/time/t.csv is not UTF-8 text"),
        (b"person,date,Date,hours\n", "names the column 'Date' more than once"),
    ],
)
def test_unusable_csv_headers(tmp_path: Path, content: bytes, message: str) -> None:
    _write(tmp_path, "t.csv", content)
    sources, [problem] = find_time_sources(tmp_path)
    assert sources == []
    assert problem.location.file == "data/time/t.csv"
    assert message in problem.message


def test_a_damaged_parquet_file(tmp_path: Path) -> None:
    _write(tmp_path, "t.parquet", b"not parquet at all")
    sources, [problem] = find_time_sources(tmp_path)
    assert sources == []
    assert problem.message.startswith("data/time/t.parquet is not a readable Parquet file")


def test_an_unreadable_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "t.csv", "person,date,hours\n")
    path.chmod(0)
    try:
        if path.open("rb").readable():  # running as root: permissions do not apply
            pytest.skip("file permissions are not enforced for this user")
    except PermissionError:
        pass
    try:
        _, [problem] = find_time_sources(tmp_path)
    finally:
        path.chmod(0o644)
    assert problem.message == "cannot read data/time/t.csv: Permission denied"
