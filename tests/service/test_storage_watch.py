"""A session watches the data folder ``[data] files`` names, at a storage URL too: a
changed, added or removed file there is a changed part; the content hash follows a
local file's contents and a URL's file's size and modification time."""

from __future__ import annotations

import os
from pathlib import Path

from levelset.service import Session
from levelset.service.files import Part

TOML = '[organization]\nname = "Tidy Co"\n\n[data]\nfiles = "{files}"\n'
ORG = (
    "seats:\n  - {id: ceo, title: CEO, level: L5, holders: [ada]}\n"
    "people:\n  - {id: ada, name: Ada}\n"
)


def _workspace(tmp_path: Path, files: str) -> Path:
    root = tmp_path / "workspace"
    root.mkdir()
    (root / "levelset.toml").write_text(TOML.format(files=files), encoding="utf-8")
    (root / "org.yaml").write_text(ORG, encoding="utf-8")
    return root


def _store(tmp_path: Path) -> Path:
    store = tmp_path / "bucket" / "data"
    (store / "time").mkdir(parents=True)
    (store / "finance").mkdir()
    (store / "time" / "hours.csv").write_text("person,date,hours\nada,2026-07-06,2\n")
    (store / "finance" / "customers.csv").write_text("customer,name\nc1,One\n")
    return store


def _touch(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    stamp = path.stat().st_mtime_ns + 2_000_000_000  # a later time, whatever the clock's grain
    os.utime(path, ns=(stamp, stamp))


def test_a_change_at_the_url_is_the_change_of_its_part(tmp_path: Path) -> None:
    store = _store(tmp_path)
    with Session(_workspace(tmp_path, store.as_uri())) as session:
        before = session.content_hash
        assert session.refresh() == frozenset()
        _touch(store / "time" / "hours.csv", "person,date,hours\nada,2026-07-06,3\n")
        assert session.refresh() == {Part.TIME}
        assert session.content_hash != before
        (store / "calendar").mkdir()
        (store / "calendar" / "ada.ics").write_text("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
        assert session.refresh() == {Part.CALENDAR}
        (store / "finance" / "customers.csv").unlink()
        assert session.refresh() == {Part.FINANCE}
        (store / "time" / ".hours.csv.swp").write_text("an editor's swap file")
        assert session.refresh() == frozenset()  # the loader does not read it either


def test_a_urls_files_are_not_downloaded_for_the_content_hash(tmp_path: Path) -> None:
    # A bucket may hold gigabytes: its files' sizes and modification times stand for
    # their contents. Other contents of the same size and time keep the hash; a new
    # modification time changes it.
    store = _store(tmp_path)
    root = _workspace(tmp_path, store.as_uri())
    hours = store / "time" / "hours.csv"
    stamp = hours.stat()
    with Session(root) as session:
        before = session.content_hash
    hours.write_text("person,date,hours\nada,2026-07-06,7\n", encoding="utf-8")
    os.utime(hours, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert hours.stat().st_size == stamp.st_size
    with Session(root) as session:
        assert session.content_hash == before
    _touch(hours, "person,date,hours\nada,2026-07-06,7\n")
    with Session(root) as session:
        assert session.content_hash != before


def test_a_local_data_folder_elsewhere_is_hashed_by_its_contents(tmp_path: Path) -> None:
    store = _store(tmp_path)
    root = _workspace(tmp_path, "../bucket/data")
    hours = store / "time" / "hours.csv"
    stamp = hours.stat()
    with Session(root) as session:
        before = session.content_hash
        assert session.refresh() == frozenset()
    hours.write_text("person,date,hours\nada,2026-07-06,7\n", encoding="utf-8")
    os.utime(hours, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    with Session(root) as session:
        assert session.content_hash != before
