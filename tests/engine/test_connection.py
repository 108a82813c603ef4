"""The engine's connection: DuckDB's memory bound and spill folder, cheap trimming."""

from __future__ import annotations

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
