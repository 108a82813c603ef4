"""The data folder at a path or a storage URL (``[data] files``): listing, stat and the
first bytes on the disk's implementation and on pyarrow's through ``file://``, and the
loaders finding the same sources either way, their problems named by URL."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from levelset.load import load_workspace
from levelset.load.calendars import read_calendars
from levelset.load.financefiles import find_finance_sources
from levelset.load.storage import LocalStorage, UrlStorage, stamp_of, storage_of
from levelset.load.timefiles import find_time_sources
from levelset.model.storage import is_url, pyarrow_url

ROOT = Path(__file__).resolve().parents[2]
ACME = ROOT / "examples" / "acme"


def _folder(tmp_path: Path) -> Path:
    """A data folder with nested, hidden and sibling files."""
    data = tmp_path / "store" / "data"
    for relative, text in {
        "time/b.csv": "person,date,hours\n",
        "time/a/z.csv": "person,date,hours\nada,2026-07-06,2\n",
        "time/c.csv": "person,date,hours\n",
        "time/.hidden/x.csv": "ignored\n",
        "time/.DS_Store": "ignored\n",
        "calendar/dana.ics": "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
    }.items():
        (data / relative).parent.mkdir(parents=True, exist_ok=True)
        (data / relative).write_text(text, encoding="utf-8")
    return data


def _both(tmp_path: Path) -> tuple[LocalStorage, UrlStorage]:
    data = _folder(tmp_path)
    local = storage_of(tmp_path, str(data))
    url = storage_of(tmp_path, data.as_uri())
    assert isinstance(local, LocalStorage)
    assert isinstance(url, UrlStorage)
    return local, url


def test_a_url_lists_the_files_the_disk_walk_lists_in_the_same_order(tmp_path: Path) -> None:
    local, url = _both(tmp_path)
    on_disk, disk_problems = local.files(local.part("time"))
    listed, url_problems = url.files(url.part("time"))
    assert disk_problems == url_problems == []
    names = ["time/a/z.csv", "time/b.csv", "time/c.csv"]  # a folder before its siblings
    assert [Path(f.path).relative_to(local.where).as_posix() for f in on_disk] == names
    assert [f.path.removeprefix(url.where + "/") for f in listed] == names
    # a URL's file is named by its URL; a local one relative to the workspace
    assert listed[0].shown == listed[0].path == f"{url.where}/time/a/z.csv"
    assert on_disk[0].shown == "store/data/time/a/z.csv"


def test_kind_stat_and_first_bytes_agree_on_both(tmp_path: Path) -> None:
    local, url = _both(tmp_path)
    for storage in (local, url):
        assert storage.kind(storage.part("time")) == ("folder", None)
        assert storage.kind(storage.part("finance")) == ("missing", None)
        [file, *_] = storage.files(storage.part("time"))[0]
        assert storage.kind(file.path) == ("file", None)
        assert storage.head(file, 6) == b"person"
        assert storage.read(file) == b"person,date,hours\nada,2026-07-06,2\n"
        assert file.suffix == ".csv"
        assert file.stem == "z"
    [on_disk, *_] = local.files(local.part("time"))[0]
    [listed, *_] = url.files(url.part("time"))[0]
    # the listing's stamp is the file's size and modification time, as stat gives them
    assert listed.stamp == stamp_of(listed.path) == stamp_of(on_disk.path)
    assert stamp_of(on_disk.path)[0] == len("person,date,hours\nada,2026-07-06,2\n")


def test_a_url_that_cannot_be_listed_is_a_problem_at_the_url(tmp_path: Path) -> None:
    storage = storage_of(tmp_path, "nosuchscheme://bucket/acme/data")
    kind, problem = storage.kind(storage.part("time"))
    assert kind == "unreadable"
    assert problem is not None
    assert problem.location.file == "nosuchscheme://bucket/acme/data/time"
    assert "cannot read nosuchscheme://bucket/acme/data/time" in problem.message
    assert "[data] files" in problem.hint


def test_hadoop_s3_urls_are_listed_as_pyarrows_s3() -> None:
    assert pyarrow_url("s3a://bucket/acme/data") == "s3://bucket/acme/data"
    assert pyarrow_url("S3N://bucket/x") == "s3://bucket/x"
    assert pyarrow_url("gs://bucket/x") == "gs://bucket/x"
    assert is_url("s3a://bucket/x")
    assert is_url("file:///srv/acme/data")
    assert not is_url("../shared/acme-data")
    assert not is_url("C:\\acme\\data")


def _copy_acme(tmp_path: Path, files: str | None) -> Path:
    """examples/acme's organization files, with ``[data] files`` set when given."""
    root = tmp_path / "workspace"
    root.mkdir()
    for path in ACME.glob("*.yaml"):
        shutil.copy(path, root)
    toml = (ACME / "levelset.toml").read_text(encoding="utf-8")
    if files is not None:
        toml = toml.replace("[data]\n", f'[data]\nfiles = "{files}"\n', 1)
    (root / "levelset.toml").write_text(toml, encoding="utf-8")
    return root


def test_acmes_sources_are_found_the_same_from_a_url(tmp_path: Path) -> None:
    store = tmp_path / "bucket" / "acme-data"
    shutil.copytree(ACME / "data", store)
    root = _copy_acme(tmp_path, store.as_uri())
    loaded = load_workspace(root)
    assert loaded.problems == ()
    files = loaded.workspace.settings.data.files
    assert files == store.as_uri()
    time, time_problems = find_time_sources(root, files)
    finance, finance_problems = find_finance_sources(root, files)
    events, calendars, calendar_problems = read_calendars(root, loaded.workspace.people, files)
    assert time_problems == finance_problems == calendar_problems == []
    local_time, _ = find_time_sources(ACME)
    local_finance, _ = find_finance_sources(ACME)
    local_events, local_calendars, _ = read_calendars(ACME, loaded.workspace.people)

    def url_of(name: str) -> str:
        return f"{store.as_uri()}/{name.removeprefix('data/')}"

    expected = [(url_of(s.file), url_of(s.file)) for s in local_time]
    assert [(s.path, s.file) for s in time] == expected
    assert [(s.format, s.columns) for s in time] == [(s.format, s.columns) for s in local_time]
    assert [(s.file, s.kind, s.columns) for s in finance] == [
        (url_of(s.file), s.kind, s.columns) for s in local_finance
    ]
    assert calendars == [url_of(name) for name in local_calendars]
    assert len(events) == len(local_events) > 0
    assert [e.location.file for e in events] == [url_of(e.location.file) for e in local_events]


def test_a_path_relative_to_the_workspace_is_a_data_folder_too(tmp_path: Path) -> None:
    shutil.copytree(ACME / "data", tmp_path / "shared" / "acme-data")
    root = _copy_acme(tmp_path, "../shared/acme-data")
    files = load_workspace(root).workspace.settings.data.files
    time, problems = find_time_sources(root, files)
    assert problems == []
    assert [s.file for s in time] == [
        f"../shared/acme-data/time/{name}"
        for name in ("acme-timesheet.csv", "brightline-toggl.csv", "stride-harvest.csv")
    ]


def test_a_faulty_file_from_a_url_is_a_problem_at_its_url(tmp_path: Path) -> None:
    store = _folder(tmp_path)
    (store / "time" / "notes.txt").write_text("hello\n", encoding="utf-8")
    (store / "time" / "weird.csv").write_text("who,when\nada,today\n", encoding="utf-8")
    (store / "time" / "empty.csv").write_bytes(b"")
    _sources, problems = find_time_sources(tmp_path, store.as_uri())
    url = f"{store.as_uri()}/time"
    assert [(p.location.file, p.location.line) for p in problems] == [
        (f"{url}/empty.csv", 1),
        (f"{url}/notes.txt", 1),
        (f"{url}/weird.csv", 1),
    ]
    assert problems[0].message == f"{url}/empty.csv is empty"
    assert problems[1].message == f"{url}/notes.txt is not a time file: it is a .txt file"
    assert problems[2].message.startswith(f"{url}/weird.csv is not a time export levelset knows")


@pytest.mark.parametrize(
    ("value", "line"),
    [('""', 3), ("3", 3), ('"   "', 3)],
)
def test_a_files_setting_that_is_not_a_path_is_a_problem_at_its_line(
    tmp_path: Path, value: str, line: int
) -> None:
    (tmp_path / "levelset.toml").write_text(
        textwrap.dedent(f"""\
            [data]
            window = "2026-Q3"
            files = {value}
        """),
        encoding="utf-8",
    )
    (tmp_path / "org.yaml").write_text("seats: []\n", encoding="utf-8")
    loaded = load_workspace(tmp_path)
    [problem] = loaded.problems
    assert (problem.location.file, problem.location.line) == ("levelset.toml", line)
    assert "[data] files" in problem.message
    assert 's3a://bucket/acme/data"' in problem.hint
