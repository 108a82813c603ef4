"""The engine: events as tables of an Ibis backend, and the allocation cube."""

from levelset.engine.connection import ROW, Engine, EngineError, open_engine

__all__ = ["ROW", "Engine", "EngineError", "open_engine"]
