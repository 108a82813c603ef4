"""The engine's connection, as the pipelines import it: ``Engine`` and ``open_engine``.

A thin module over ``levelset.engine.backends``, where each backend (in-process DuckDB,
PostgreSQL) is an ``Engine`` subclass chosen by the scheme of a connection URL. Kept so
that the names the pipelines import stay where they were.
"""

from __future__ import annotations

from levelset.engine.backends import (
    ROW,
    Columns,
    Engine,
    EngineError,
    open_engine,
    schema_of,
    sql_name,
    sql_text,
)
from levelset.engine.backends.duckdb import DUCKDB_MEMORY

__all__ = [
    "DUCKDB_MEMORY",
    "ROW",
    "Columns",
    "Engine",
    "EngineError",
    "open_engine",
    "schema_of",
    "sql_name",
    "sql_text",
]
