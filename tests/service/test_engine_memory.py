"""A session kept open (the web app's, a notebook's) holds one copy of what it computed
in its engine: after edits to the YAML, the time files and the finance files, the
engine holds as many tables as after the first check, and the answers are those of a
new session on the same files."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from levelset.service import Session

ACME = Path(__file__).resolve().parents[2] / "examples" / "acme"


def _held(session: Session) -> int:
    """How many tables and views the session's engine holds (DuckDB or PostgreSQL)."""
    engine = session.engine
    assert engine is not None
    if engine.name == "postgres":
        with engine.backend.con.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_class WHERE relnamespace = pg_my_temp_schema()")
            return int(cursor.fetchone()[0])
    connection = engine.backend.con
    tables = connection.execute("SELECT count(*) FROM duckdb_tables()").fetchone()
    views = connection.execute("SELECT count(*) FROM duckdb_views() WHERE NOT internal").fetchone()
    return int(tables[0]) + int(views[0])


def _answer(session: Session) -> list[tuple[str, str, str]]:
    report = session.check()
    return sorted((f.code, f.subject.id, f.message) for f in report.findings)


def _touched(path: Path, seconds: int) -> None:
    """``path`` seen as changed (a later modification time, its size the same)."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + seconds * 1_000_000_000))


@pytest.fixture
def acme(tmp_path: Path) -> Path:
    return Path(shutil.copytree(ACME, tmp_path / "acme"))


@pytest.fixture(params=["duckdb", "postgres"])
def engine(request: pytest.FixtureRequest) -> str | None:
    """No URL (DuckDB, the default), or the test session's PostgreSQL server."""
    if request.param == "duckdb":
        return None
    url: str = request.getfixturevalue("postgres_url")
    return url


def test_edits_leave_one_copy_of_each_table_and_the_same_answers(
    acme: Path, engine: str | None
) -> None:
    time_file = sorted((acme / "data" / "time").rglob("*.csv"))[0]
    invoices = acme / "data" / "finance" / "invoices.csv"
    org = acme / "org.yaml"
    with Session(acme, engine=engine) as session:
        _answer(session)
        first = _held(session)
        for round_ in range(1, 4):
            org.write_text(org.read_text() + f"\n# edit {round_}\n")
            assert _answer(session)
            assert _held(session) == first, f"after YAML edit {round_}"
            _touched(time_file, round_)
            assert _answer(session)
            assert _held(session) == first, f"after time file edit {round_}"
            _touched(invoices, round_)
            answer = _answer(session)
            assert _held(session) == first, f"after finance file edit {round_}"
        assert session.computed["event files"] == 4  # read again for the time edits only
        assert session.computed["finance files"] == 4
    with Session(acme, engine=engine) as fresh:
        assert answer == _answer(fresh)
