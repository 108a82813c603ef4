"""The engine's backends: the registry that picks one by URL scheme, what every backend
does alike (trimming, stashing, typed reads where there are any, recovery), and DuckDB's
memory bound and spill folder."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import duckdb as duckdb_errors
import ibis
import ibis.expr.datatypes as dt
import pyarrow as pa
import pytest

from levelset.engine import Engine, EngineError, open_engine
from levelset.engine.backends import registry
from levelset.engine.backends.duckdb import DuckDBEngine

VALUES = ["plain", " lead", "trail ", "\tboth\n", "", "   ", "in side", "\r\nx\x0b", "é "]


def test_duckdb_only_is_held_to_its_memory_limit_and_spills_to_a_folder_of_its_own() -> None:
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


def test_trim_is_strip(engine: Engine) -> None:
    """The cheap trim gives what ``strip`` gives, on every backend."""
    table = engine.arrow_table("texts", pa.table({"n": range(len(VALUES)), "t": VALUES}))
    trimmed = engine.to_arrow(
        table.select("n", cheap=engine.trim(table.t), plain=table.t.strip()).order_by("n")
    )
    assert trimmed.column("cheap").to_pylist() == trimmed.column("plain").to_pylist()
    assert trimmed.column("cheap").to_pylist()[:4] == ["plain", "lead", "trail", "both"]


def test_a_stashed_table_keeps_its_rows_and_types(engine: Engine) -> None:
    """DuckDB keeps a stashed result in a Parquet file in its spill folder, out of the
    memory it is held to; PostgreSQL in a temporary table. Either way it reads back the
    same, and nothing is left once the engine is closed."""
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
    assert len(files) == (1 if spill is not None else 0)
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
        "import sys, levelset.api, levelset.engine.finance, levelset.engine.events.run\n"
        "from levelset.engine import open_engine\n"
        "open_engine().close()\n"
        "print('psycopg' in sys.modules)\n"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "False"


# -- the registry ----------------------------------------------------------------------


def test_a_url_of_no_registered_scheme_is_an_error_with_advice() -> None:
    with pytest.raises(EngineError) as raised:
        open_engine("mysql://user:secret@host/db")
    assert "is not a connection URL levelset knows" in raised.value.message
    assert raised.value.hint == (
        "use duckdb:// (the default, in-process) or postgres://user:password@host:port/database"
        " or spark:// (in-process) or sc://host:15002 (Spark Connect)"
    )


def test_a_server_that_cannot_be_reached_is_an_error_without_the_password() -> None:
    with pytest.raises(EngineError) as raised:
        open_engine("postgres://user:secret@127.0.0.1:1/db")
    assert "secret" not in raised.value.message
    assert "postgres://user:***@127.0.0.1:1/db" in raised.value.message


class _Plugged(DuckDBEngine):
    """A backend of a plug-in: DuckDB under another name and scheme."""

    name = "plugged"


def test_a_backend_registered_for_a_scheme_is_opened_for_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(registry, "_BY_SCHEME", dict(registry._BY_SCHEME))
    registry.register_backend(_Plugged, "plugged")
    engine = open_engine("plugged://")
    try:
        assert isinstance(engine, _Plugged)
        assert engine.rows(engine.small_table("one", {"n": (pa.int64(), [1])})) == [{"n": 1}]
    finally:
        engine.close()
    assert registry.registered_backends()["plugged"] == (_Plugged, "plugged")


def test_a_backend_of_an_entry_point_is_registered_when_its_scheme_is_asked_for(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Point:
        name = "fromplugin"

        def load(self) -> type[Engine]:
            return _Plugged

    def points(group: str) -> list[Point]:
        return [Point()] if group == registry.ENTRY_POINTS else []

    monkeypatch.setattr(registry, "_BY_SCHEME", dict(registry._BY_SCHEME))
    monkeypatch.setattr(registry, "_plugins_read", False)
    monkeypatch.setattr(registry, "entry_points", points)
    assert registry.backend_for("fromplugin") is _Plugged


# -- what every backend does alike ------------------------------------------------------


def test_a_typed_read_of_a_csv_where_the_backend_has_one(engine: Engine, tmp_path: Path) -> None:
    """A backend with a typed read gives dates and numbers typed, and fails a query on a
    value not plainly written; a backend without one says so with ``None``."""
    path = tmp_path / "typed.csv"
    path.write_text("day,amount,note\n2026-01-05,1.5,a\n2026-01-06,,b\n")
    table = engine.typed_csv("typed", path, {"day"}, {"amount"})
    if table is None:
        assert not engine.casts_safely  # PostgreSQL reads every file as text
        return
    assert engine.rows(table.order_by("day")) == [
        {"day": date(2026, 1, 5), "amount": 1.5, "note": "a"},
        {"day": date(2026, 1, 6), "amount": None, "note": "b"},
    ]
    for row, why in (("05/01/2026,1.5,a", "date"), ("2026-01-05,1_000,a", "plain number"),
                     ("0026-01-05,1,a", "year 1000"), ("2026-01-05,inf,a", "finite")):  # fmt: skip
        path.write_text(f"day,amount,note\n{row}\n")
        broken = engine.typed_csv("typed", path, {"day"}, {"amount"})
        assert broken is not None
        with pytest.raises(Exception, match=rf"(?i){why}"):
            engine.rows(broken)


def test_the_engine_is_usable_again_after_a_file_it_could_not_read(
    engine: Engine, tmp_path: Path
) -> None:
    path = tmp_path / "broken.csv"
    path.write_text('a,b\n1,2\n3,"open\n')
    unreadable = (OSError, duckdb_errors.Error, *engine.data_errors())
    with pytest.raises(unreadable):
        engine.rows(engine.csv_table(path, ["a", "b"]))
    engine.recover()
    table = engine.small_table("after", {"n": (pa.int64(), [1, 2])})
    assert engine.rows(table.order_by("n")) == [{"n": 1}, {"n": 2}]


def test_dropping_a_table_leaves_the_engine_usable(engine: Engine) -> None:
    table = engine.materialize("kept", engine.small_table("one", {"n": (pa.int64(), [1])}))
    engine.drop(table)
    engine.drop(None)
    assert engine.rows(engine.small_table("two", {"n": (pa.int64(), [2])})) == [{"n": 2}]


def test_duckdb_only_drops_a_table_built_on_the_way(duckdb: Engine) -> None:
    """DuckDB holds its tables in the memory it is held to: a dropped one is gone."""
    table = duckdb.materialize("kept", duckdb.small_table("one", {"n": (pa.int64(), [1])}))
    duckdb.drop(table)
    with pytest.raises(duckdb_errors.CatalogException):
        duckdb.rows(table)


def test_duckdb_only_types_the_tables_it_registers_as_ibis_reads_them(
    duckdb: Engine, tmp_path: Path
) -> None:
    """DuckDB reads a registered table's schema itself (``DESCRIBE``, cheaper than Ibis'
    ``backend.table``): the types are those Ibis reads, column for column."""
    path = tmp_path / "entries.csv"
    path.write_text("person,day,hours\ndana,2026-01-05,1.5\n")
    small = {kind: (kind, [None]) for kind in (pa.string(), pa.int64(), pa.uint64())}
    registered = [
        duckdb.csv_table(path, ["person", "day", "hours"]),
        duckdb.csv_table(path, ["person", "day", "hours"], numbered=False),
        duckdb.typed_csv("typed", path, {"day"}, {"hours"}),
        duckdb.arrow_table("arrow", pa.table({"d": pa.array([date(2026, 1, 5)]), "b": [True]})),
        duckdb.small_table(
            "small",
            {
                **{str(kind): column for kind, column in small.items()},
                "x": (pa.float64(), [1.5]),
                "d": (pa.date32(), [date(2026, 1, 5)]),
                "b": (pa.bool_(), [None]),
            },
        ),
        duckdb.stash_sql("stashed", "SELECT 1::UBIGINT AS k, 'a' AS t, sum(2.5) AS s"),
        duckdb.materialize_sql("kept", "SELECT 1::UBIGINT AS k, 'a' AS t, sum(2.5) AS s"),
    ]
    for table in registered:
        assert table is not None
        name = table.get_name().split(".")[-1]
        assert table.schema() == duckdb.backend.table(name).schema(), name
        assert duckdb.rows(table)  # and it reads as the table it names


def test_duckdb_only_keeps_a_small_result_in_memory(duckdb: Engine) -> None:
    """``materialize_sql`` keeps its result as a table in DuckDB's memory, where
    ``stash_sql`` writes it to the spill folder: both read back the same."""
    sql = "SELECT range AS n, range::VARCHAR AS t FROM range(3)"
    kept, stashed = duckdb.materialize_sql("kept", sql), duckdb.stash_sql("stashed", sql)
    assert duckdb.rows(kept.order_by("n")) == duckdb.rows(stashed.order_by("n"))
    assert duckdb.spill is not None
    names = [table.get_name().split(".")[-1] for table in (kept, stashed)]
    assert [path.stem for path in duckdb.spill.glob("*.parquet")] == names[1:]
    temporary = "SELECT table_name FROM duckdb_tables() WHERE temporary"
    assert duckdb.backend.con.execute(temporary).fetchall() == [(names[0],)]
