"""What the engine tests share: an engine on every registered backend, and in-process
DuckDB alone.

``engine`` is parametrized over every backend the registry knows (``registered_backends``):
a test that takes it runs on each. A backend that needs a server gets its URL from a
fixture named ``<name>_url`` (``postgres_url`` in ``tests/conftest.py``, which skips or
fails as ``LEVELSET_REQUIRE_POSTGRES`` says); one without such a fixture runs in
process (``<scheme>://``). ``backend_url`` is the URL of each backend in turn, for the
tests that open engines themselves (several at once, or one kept across runs). A new
backend is tested by registering it (and, if it needs a server, adding its ``<name>_url``
fixture). Spark (``spark_url``) runs in process, one JVM for the whole test run, and by
default only the parity subset ``SPARK_PARITY`` runs on it.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator

import pytest

from levelset.engine import Engine, open_engine
from levelset.engine.backends import registered_backends

BACKENDS = sorted(registered_backends())

# On Spark (ten seconds to start, a second or more a query on two cores) the whole shared
# set takes a quarter of an hour: by default these tests run on it, each of which holds
# Spark's results to DuckDB's or to written-out answers across the events (scan, cube,
# problems at their lines, calendars) and the finance tables and figures.
# ``LEVELSET_SPARK_TESTS=all`` runs the whole set on Spark.
SPARK_PARITY = frozenset(
    {
        "test_trim_is_strip",
        "test_a_stashed_table_keeps_its_rows_and_types",
        "test_the_engine_is_usable_again_after_a_file_it_could_not_read",
        "test_dropping_a_table_leaves_the_engine_usable",
        "test_time_entries_take_precedence_and_the_window_clips",
        "test_summary_rows_per_person_and_work",
        "test_scans_resolved_against_a_changed_workspace_give_the_cube_of_a_fresh_run",
        "test_all_tools_together_in_one_table",
        "test_every_unusable_row_is_a_problem_at_its_line",
        "test_a_broken_file_is_one_problem_and_the_others_still_count",
        "test_parquet_rows_are_named_by_number",
        "test_realistic_exports_give_hours_per_person_and_week",
        "test_unowned_org_wide_per_person_and_per_function",
        "test_the_same_tables_as_on_in_process_duckdb",
        "test_workbook_and_parquet_rows_point_at_their_rows",
        "test_balances_settle_and_age_as_on_in_process_duckdb",
        "test_build_finance_reads_the_files_of_a_workspace",
        "test_a_plain_number_too_long_for_a_double_is_left_to_python",
    }
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Run only ``SPARK_PARITY`` on Spark unless ``LEVELSET_SPARK_TESTS=all``."""
    if os.environ.get("LEVELSET_SPARK_TESTS") == "all":
        return
    left_out = [item for item in items if _on_spark(item) and _name(item) not in SPARK_PARITY]
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = [item for item in items if item not in left_out]


def _on_spark(item: pytest.Item) -> bool:
    params = getattr(getattr(item, "callspec", None), "params", {})
    return "spark" in (params.get("engine"), params.get("backend_url"))


def _name(item: pytest.Item) -> str:
    return getattr(item, "originalname", item.name)


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
