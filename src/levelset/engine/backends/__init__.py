"""The engine's backends: one ``Engine`` subclass per kind of database, chosen by the
scheme of a connection URL (``duckdb://``, ``postgres://``, ``spark://``, ``sc://``)
through a registry.

Importing this package registers the built-in backends, as a plug-in registers its own
(``register_backend``, or the entry-point group ``levelset.engines``).
"""

from levelset.engine.backends import duckdb as _duckdb
from levelset.engine.backends import postgres as _postgres
from levelset.engine.backends import spark as _spark
from levelset.engine.backends.base import (
    ROW,
    Columns,
    Engine,
    EngineError,
    schema_of,
    sql_name,
    sql_text,
)
from levelset.engine.backends.registry import (
    ENTRY_POINTS,
    backend_for,
    open_engine,
    register_backend,
    registered_backends,
)

__all__ = [
    "ENTRY_POINTS",
    "ROW",
    "Columns",
    "Engine",
    "EngineError",
    "backend_for",
    "open_engine",
    "register_backend",
    "registered_backends",
    "schema_of",
    "sql_name",
    "sql_text",
]
del _duckdb, _postgres, _spark
