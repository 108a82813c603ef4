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
            return int(cursor.fetchall()[0][0])
    connection = engine.backend.con
    # fetchall: a result left half-fetched (fetchone) blocks the engine's next query
    tables = connection.execute("SELECT count(*) FROM duckdb_tables()").fetchall()
    views = connection.execute("SELECT count(*) FROM duckdb_views() WHERE NOT internal").fetchall()
    return int(tables[0][0]) + int(views[0][0])


def _answer(session: Session) -> tuple[list[tuple[str, str, str]], list[str]]:
    """The findings and the problems (each with its place) of a check."""
    report = session.check()
    findings = sorted((f.code, f.subject.id, f.message) for f in report.findings)
    return findings, sorted(str(p) for p in report.problems)


def _touched(path: Path, seconds: int) -> None:
    """``path`` seen as changed (a later modification time, its size the same)."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + seconds * 1_000_000_000))


@pytest.fixture
def acme(tmp_path: Path) -> Path:
    """A copy of acme with one time entry of 30 hours, a problem placed at its line:
    a time file with a problem is read again with its row numbers, and the scans keep
    that reading for the cubes built after."""
    workspace = Path(shutil.copytree(ACME, tmp_path / "acme"))
    sheet = workspace / "data" / "time" / "acme-timesheet.csv"
    with sheet.open("a", encoding="utf-8") as out:
        out.write("dana-reyes,2026-07-07,30,ap-processing,,\n")
    return workspace


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
    time_file = acme / "data" / "time" / "acme-timesheet.csv"
    invoices = acme / "data" / "finance" / "invoices.csv"
    org = acme / "org.yaml"
    with Session(acme, engine=engine) as session:
        first = _answer(session)
        assert any("acme-timesheet.csv:" in p and "30 hours" in p for p in first[1])
        counts: list[list[int]] = []
        for round_ in range(1, 4):  # no edit changes what the files say
            counts.append([])
            for edit in ("YAML", "time file", "finance file"):
                if edit == "YAML":
                    org.write_text(org.read_text() + f"\n# edit {round_}\n")
                else:
                    _touched(time_file if edit == "time file" else invoices, round_)
                assert _answer(session) == first, f"after {edit} edit {round_}"
                counts[-1].append(_held(session))
        # the same tables after each kind of edit, round after round: nothing piles up
        assert counts[0] == counts[1] == counts[2], counts
        assert session.computed["event files"] == 4  # read again for the time edits only
        assert session.computed["finance files"] == 4
    with Session(acme, engine=engine) as fresh:
        assert _answer(fresh) == first
