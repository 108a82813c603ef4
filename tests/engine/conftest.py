"""What the engine tests share: an in-process DuckDB engine."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from levelset.engine import Engine, open_engine


@pytest.fixture
def duckdb() -> Iterator[Engine]:
    """A fresh in-process DuckDB engine, closed after the test."""
    engine = open_engine()
    yield engine
    engine.close()
