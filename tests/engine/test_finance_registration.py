"""Registration read once, the figures computed again: a registration depends on the
finance files alone (its ``key``), and the figures computed from its tables after the
YAML changed are those of a fresh run, without reading a file again. On every registered
backend (``backend_url``)."""

from __future__ import annotations

import dataclasses
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from levelset.engine import Engine, open_engine
from levelset.engine.events.cube import CUBE_COLUMNS, WEEKLY_SCHEMA
from levelset.engine.finance import (
    FinanceBuild,
    build_finance,
    compute_finance,
    finance_key,
    register_finance,
)
from levelset.load import load_workspace
from levelset.load.finance import read_finance_files
from levelset.model import Workspace
from levelset.model.finance import FinanceSettings

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "finance"
TODAY = date(2031, 1, 1)
ORG = "seats:\n  - {id: ceo, title: CEO, level: L5}\n"


def _toml(rate: float, as_of: str = "") -> str:
    dated = f"as_of = {as_of}\n" if as_of else ""
    return f'[organization]\nname = "Acme"\n\n[finance]\n{dated}cost_of_capital = {rate}\n'


def _workspace(root: Path) -> Workspace:
    """The workspace at ``root`` as the API reads it: YAML and settings, then the finance
    files recognised."""
    workspace, problems = read_finance_files(load_workspace(root).workspace)
    assert problems == []
    return workspace


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """The acme finance fixture (every kind, some rows with faults) in a workspace."""
    (tmp_path / "levelset.toml").write_text(_toml(0.10), encoding="utf-8")
    (tmp_path / "org.yaml").write_text(ORG, encoding="utf-8")
    shutil.copytree(FIXTURES / "acme", tmp_path / "data" / "finance")
    return tmp_path


def _cube(engine: Engine, cost: float) -> Any:
    """An allocation cube of hours logged against two customers, at ``cost`` an hour."""
    schema = WEEKLY_SCHEMA.append(pa.field("cost", pa.float64()))
    rows = [
        ("dana", date(2026, 3, 2), None, "work", customer, "time", False, 10.0, 1, 10 * cost)
        for customer in ("c-north", "Contoso Retail")
    ]
    columns = {name: [row[i] for row in rows] for i, name in enumerate(CUBE_COLUMNS)}
    return engine.arrow_table("cube", pa.table(columns, schema=schema))


def test_the_key_stamps_the_finance_files_and_nothing_of_the_yaml(root: Path) -> None:
    before = finance_key(_workspace(root).finance.sources)
    (root / "levelset.toml").write_text(_toml(0.25, "2026-05-31"), encoding="utf-8")
    (root / "org.yaml").write_text(ORG + "people:\n  - {id: dana, name: Dana}\n")
    assert finance_key(_workspace(root).finance.sources) == before
    with (root / "data" / "finance" / "vendors.csv").open("a", encoding="utf-8") as file:
        file.write("v-new,New Vendor,10,services\n")
    after = finance_key(_workspace(root).finance.sources)
    assert after != before
    assert [a == b for a, b in zip(after, before, strict=True)].count(False) == 1
    assert len({after, before}) == 2  # hashable: a service keeps tables by key


def test_the_tables_carry_their_key_and_problems(root: Path, backend_url: str) -> None:
    workspace = _workspace(root)
    engine = open_engine(backend_url)
    try:
        tables = register_finance(engine, workspace)
        built = build_finance(engine, workspace, today=TODAY)
    finally:
        engine.close()
    assert tables.key == finance_key(workspace.finance.sources)
    assert len(tables.key) == len(workspace.finance.sources) == 9
    assert tables.problems  # the fixture has rows with faults
    assert list(tables.problems) == built.problems


def test_figures_from_kept_tables_after_a_yaml_change_are_a_fresh_runs(
    root: Path, backend_url: str, request: pytest.FixtureRequest
) -> None:
    url = backend_url
    kept = open_engine(url)
    request.addfinalizer(kept.close)
    tables = register_finance(kept, _workspace(root))
    before = build_finance(kept, _workspace(root), _cube(kept, 100.0), today=TODAY, tables=tables)

    # The YAML changes (the settings, the people's rates through the cube); the files do not.
    (root / "levelset.toml").write_text(_toml(0.365, "2026-05-31"), encoding="utf-8")
    changed = _workspace(root)
    assert finance_key(changed.finance.sources) == tables.key
    fresh_engine = open_engine(url)
    try:
        fresh = build_finance(fresh_engine, changed, _cube(fresh_engine, 150.0), today=TODAY)
    finally:
        fresh_engine.close()

    # The files gone: a registration now would find none of them.
    moved = root / "data" / "finance-moved"
    (root / "data" / "finance").rename(moved)
    assert not any(Path(source.path).exists() for source in changed.finance.sources)
    again = build_finance(kept, changed, _cube(kept, 150.0), today=TODAY, tables=tables)
    assert again == fresh
    assert again.finance is not None
    assert before.finance is not None
    assert again.finance.as_of == date(2026, 5, 31) != before.finance.as_of
    assert again.finance.cost_of_capital == 0.365
    assert {c.people_cost for c in again.finance.customers} == {0.0, 1500.0}
    assert again.finance.customers != before.finance.customers


def test_as_of_falls_back_to_the_last_fact_then_to_today(root: Path, backend_url: str) -> None:
    workspace = _workspace(root)
    engine = open_engine(backend_url)
    try:
        tables = register_finance(engine, workspace)
        dated = compute_finance(engine, tables, FinanceSettings(), today=TODAY)
        # Without a dated fact (no invoices, payments or credits), the caller's day.
        undated = dataclasses.replace(tables, invoices=None, payments=None, credits=None)
        today = compute_finance(engine, undated, FinanceSettings(), today=TODAY)
        build = build_finance(engine, workspace, today=TODAY, tables=tables)
    finally:
        engine.close()
    assert dated.as_of < TODAY
    assert build.finance is not None
    assert build.finance.as_of == dated.as_of
    assert today.as_of == TODAY
    assert build == FinanceBuild(build.finance, list(tables.problems))


def _tables_in(engine: Engine) -> int:
    found: int = engine.backend.con.execute("SELECT count(*) FROM duckdb_tables()").fetchall()[0][0]
    return found


def test_duckdb_only_computing_again_in_a_kept_engine_leaves_no_table_behind(
    root: Path, duckdb: Engine
) -> None:
    """The settled invoices and the people matched are let go once fetched: a kept
    engine asked again and again does not fill up (on DuckDB, which holds them in memory;
    the tables are counted with DuckDB's own ``duckdb_tables()``)."""
    workspace = _workspace(root)
    engine = duckdb
    tables = register_finance(engine, workspace)
    cube = _cube(engine, 100.0)
    first = build_finance(engine, workspace, cube, today=TODAY, tables=tables)
    held = _tables_in(engine)
    second = build_finance(engine, workspace, cube, today=TODAY, tables=tables)
    assert _tables_in(engine) == held
    assert second == first
    assert first.finance is not None
    assert first.finance.receivables is not None
    assert {c.people_cost for c in first.finance.customers} == {0.0, 1000.0}
