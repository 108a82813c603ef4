"""The engine: events and finance figures as tables of an Ibis backend.

``backends`` holds the backends (DuckDB, PostgreSQL) behind one ``Engine`` protocol,
chosen by URL scheme; ``events`` is the events pipeline (time entries, calendars, the
cube, trends); ``reading`` the parsers of values both pipelines share.
"""

from levelset.engine.backends import ROW, Engine, EngineError, open_engine

__all__ = ["ROW", "Engine", "EngineError", "open_engine"]
