"""The engine's connection: DuckDB's memory bound and spill folder, cheap trimming."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import ibis
import ibis.expr.datatypes as dt
import pyarrow as pa
import pytest

from levelset.engine import open_engine

VALUES = ["plain", " lead", "trail ", "\tboth\n", "", "   ", "in side", "\r\nx\x0b", "é "]


def test_duckdb_is_held_to_its_memory_limit_and_spills_to_a_folder_of_its_own() -> None:
    engine = open_engine(memory_limit="300MB")
    con = engine.backend.con
    limit = con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
    folder = con.execute("SELECT current_setting('temp_directory')").fetchone()[0]
    assert limit.startswith(("286", "300"))  # DuckDB shows MiB
    assert engine.spill is not None
    assert str(engine.spill) == folder
    assert "levelset-duckdb-" in folder
    other = open_engine()
    assert other.spill != engine.spill  # two runs never share a spill folder
    engine.spill.mkdir()  # what DuckDB does when it spills
    (engine.spill / "duckdb_temp_storage.tmp").write_bytes(b"x")
    spill = engine.spill
    engine.close()
    other.close()
    assert not spill.exists()


@pytest.mark.parametrize("backend", ["duckdb", "postgres"])
def test_trim_is_strip(backend: str, request: pytest.FixtureRequest) -> None:
    """The cheap trim gives what ``strip`` gives, on both backends."""
    url = request.getfixturevalue("postgres_url") if backend == "postgres" else None
    engine = open_engine(url)
    try:
        table = engine.arrow_table("texts", pa.table({"n": range(len(VALUES)), "t": VALUES}))
        trimmed = engine.to_arrow(
            table.select("n", cheap=engine.trim(table.t), plain=table.t.strip()).order_by("n")
        )
    finally:
        engine.close()
    assert trimmed.column("cheap").to_pylist() == trimmed.column("plain").to_pylist()
    assert trimmed.column("cheap").to_pylist()[:4] == ["plain", "lead", "trail", "both"]


@pytest.mark.parametrize("backend", ["duckdb", "postgres"])
def test_a_stashed_table_keeps_its_rows_and_types(
    backend: str, request: pytest.FixtureRequest
) -> None:
    """DuckDB keeps a stashed result in a Parquet file in its spill folder, out of the
    memory it is held to; PostgreSQL in a temporary table. Either way it reads back the
    same, and nothing is left once the engine is closed."""
    url = request.getfixturevalue("postgres_url") if backend == "postgres" else None
    engine = open_engine(url)
    data = pa.table(
        {
            "who": ["dana", None, "priya"],
            "week": pa.array([date(2026, 1, 5), date(2026, 1, 12), None], pa.date32()),
            "hours": [1.5, 2.0, None],
            "recurring": [True, False, None],
        }
    )
    try:
        source = engine.arrow_table("source", data)
        stashed = engine.stash(
            "stashed", source.mutate(entries=ibis.ifelse(source.hours.isnull(), 1, 0).cast("int64"))
        )
        assert dict(stashed.schema()) == {
            "who": dt.string,
            "week": dt.date,
            "hours": dt.float64,
            "recurring": dt.boolean,
            "entries": dt.int64,
        }
        rows = engine.rows(stashed.order_by("week"))
        files = sorted(engine.spill.glob("*.parquet")) if engine.spill else []
    finally:
        spill = engine.spill
        engine.close()
    assert [(r["who"], r["week"], r["hours"], r["entries"]) for r in rows] == [
        ("dana", date(2026, 1, 5), 1.5, 0),
        (None, date(2026, 1, 12), 2.0, 0),
        ("priya", None, None, 1),
    ]
    assert len(files) == (1 if backend == "duckdb" else 0)
    assert spill is None or not spill.exists()


def test_a_float_written_as_a_literal_is_fetched_as_a_float() -> None:
    # Ibis writes 0.0 as it is, which DuckDB types DECIMAL(2,1): the expression says float.
    engine = open_engine()
    try:
        table = engine.small_table("one", {"id": (pa.string(), ["a", "b"])})
        fetched = engine.to_arrow(
            table.select("id", zero=ibis.literal(0.0, type="float64"), half=ibis.literal(0.5))
        )
    finally:
        engine.close()
    assert fetched.schema.field("zero").type == pa.float64()
    assert fetched.schema.field("half").type == pa.float64()
    assert fetched.column("zero").to_pylist() == [0.0, 0.0]
    assert [type(v) for v in fetched.column("half").to_pylist()] == [float, float]


def test_data_errors_are_postgresql_data_errors_on_postgresql_only(postgres_url: str) -> None:
    import psycopg  # noqa: PLC0415 - what the PostgreSQL backend raises on bad data

    duckdb = open_engine()
    postgres = open_engine(postgres_url)
    try:
        assert duckdb.data_errors() == ()
        assert postgres.data_errors() == (psycopg.DataError,)
    finally:
        duckdb.close()
        postgres.close()


def test_a_finance_run_on_duckdb_does_not_import_psycopg() -> None:
    """psycopg takes a tenth of a second to import; only PostgreSQL needs it."""
    code = (
        "import sys, levelset.api, levelset.engine.finance, levelset.engine.timeentries\n"
        "from levelset.engine import open_engine\n"
        "open_engine().close()\n"
        "print('psycopg' in sys.modules)\n"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "False"
