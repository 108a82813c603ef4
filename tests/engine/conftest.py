"""What the engine tests share: an engine on every registered backend, and in-process
DuckDB alone.

``engine`` is parametrized over every backend the registry knows (``registered_backends``):
a test that takes it runs on each. A backend that needs a server gets its URL from a
fixture named ``<name>_url`` (``postgres_url`` in ``tests/conftest.py``, which skips or
fails as ``LEVELSET_REQUIRE_POSTGRES`` says); one without such a fixture runs in
process (``<scheme>://``). ``backend_url`` is the URL of each backend in turn, for the
tests that open engines themselves (several at once, or one kept across runs). A new
backend is tested by registering it (and, if it needs a server, adding its ``<name>_url``
fixture).
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator

import pytest

from levelset.engine import Engine, open_engine
from levelset.engine.backends import registered_backends

BACKENDS = sorted(registered_backends())


def engine_url(name: str, request: pytest.FixtureRequest) -> str:
    """The URL of a test engine on backend ``name``."""
    try:
        url: str = request.getfixturevalue(f"{name}_url")
    except pytest.FixtureLookupError:
        return f"{registered_backends()[name][1]}://"
    return url


@pytest.fixture(params=BACKENDS)
def engine(request: pytest.FixtureRequest) -> Iterator[Engine]:
    """A fresh engine on each registered backend in turn, closed after the test."""
    opened = open_engine(engine_url(request.param, request))
    yield opened
    opened.close()


@pytest.fixture(scope="module", params=BACKENDS)
def backend_url(request: pytest.FixtureRequest) -> str:
    """The URL of each registered backend in turn (module-scoped, so a module's fixture
    computed once per backend can take it)."""
    return engine_url(request.param, request)


@pytest.fixture(scope="session")
def spark_url() -> str:
    """In-process Spark (local mode), when pyspark is installed (``uv sync --extra
    spark``); skipped without it unless ``LEVELSET_REQUIRE_SPARK=1`` (which CI sets).
    Every Spark engine of the test run shares the one JVM the first one starts."""
    if importlib.util.find_spec("pyspark") is None:
        if os.environ.get("LEVELSET_REQUIRE_SPARK") == "1":
            pytest.fail("Spark is required here but pyspark is missing (uv sync --extra spark)")
        pytest.skip("pyspark is not installed (uv sync --extra spark)")
    return "spark://"


@pytest.fixture
def duckdb() -> Iterator[Engine]:
    """A fresh in-process DuckDB engine, closed after the test (for the tests of what
    only DuckDB does, and the finance tests)."""
    opened = open_engine()
    yield opened
    opened.close()
