"""What the finance steps ask of the engine beyond Ibis: the only place they test its name.

Each function stands for a member the engine is to have (``Engine.reads_in_place``,
``Engine.casts_safely``, ``Engine.recover()``, ``Engine.drop(table)``); once it has them,
each body here becomes that one call.
"""

from __future__ import annotations

import ibis.expr.types as ir

from levelset.engine.connection import Engine


def reads_in_place(engine: Engine) -> bool:
    """Whether the engine reads a CSV or Parquet file where it lies (a view scanned by each
    query) rather than copying it in: numbering such a file's rows has a cost."""
    return engine.name == "duckdb"


def casts_safely(engine: Engine) -> bool:
    """Whether the engine has a cast that yields NULL on text it cannot read (TRY_CAST)."""
    return engine.name == "duckdb"


def recover(engine: Engine) -> None:
    """Make the connection usable again after a statement failed (PostgreSQL aborts the
    transaction it was in)."""
    if engine.name == "postgres":
        engine.backend.con.rollback()


def drop(engine: Engine, table: ir.Table) -> None:
    """Let a temporary table built on the way go, its memory with it (on DuckDB, where
    temporary tables are held in memory; elsewhere they go with the connection)."""
    if engine.name == "duckdb":
        engine.backend.raw_sql(f"DROP TABLE IF EXISTS {table.get_name()}")
