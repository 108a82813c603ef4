"""The figures computed again from kept tables with ``keep``: what depends on the tables,
the settings and the day alone (the settled ledger, the aging, the forecast, the
prospects) is kept with the tables, so that a YAML change computes only the customers'
figures; the figures are those of a fresh run whatever changed. On every registered
backend (``backend_url``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from levelset.engine import Engine, open_engine
from levelset.engine.finance import build_finance, register_finance, release
from levelset.engine.finance.tables import TABLE_NAMES

from .test_finance_registration import TODAY, _cube, _toml, _workspace, root  # noqa: F401


def _fresh(url: str, at: Path, cost: float) -> object:
    """The figures of a fresh run: registered and computed in an engine of their own."""
    engine = open_engine(url)
    try:
        return build_finance(engine, _workspace(at), _cube(engine, cost), today=TODAY)
    finally:
        engine.close()


def test_kept_books_settle_once_and_give_a_fresh_runs_figures(
    root: Path,  # noqa: F811
    backend_url: str,
    request: pytest.FixtureRequest,
) -> None:
    kept = open_engine(backend_url)
    request.addfinalizer(kept.close)
    tables = register_finance(kept, _workspace(root))
    said: list[str] = []

    def build(cost: float) -> object:
        workspace = _workspace(root)
        cube = _cube(kept, cost)
        return build_finance(
            kept, workspace, cube, said.append, today=TODAY, tables=tables, keep=True
        )

    first = build(100.0)
    assert sum(m.startswith("Settling invoices") for m in said) == 1
    # Another cube (the YAML changed: people's rates): the ledger is not settled again.
    again = build(150.0)
    assert sum(m.startswith("Settling invoices") for m in said) == 1
    assert again == _fresh(backend_url, root, 150.0)
    assert again != first
    # Other settings (another day): settled again, and again a fresh run's figures.
    (root / "levelset.toml").write_text(_toml(0.365, "2026-05-31"), encoding="utf-8")
    dated = build(150.0)
    assert sum(m.startswith("Settling invoices") for m in said) == 2
    assert dated == _fresh(backend_url, root, 150.0)
    assert dated != again


def _tables_in(engine: Engine) -> int:
    found: int = engine.backend.con.execute("SELECT count(*) FROM duckdb_tables()").fetchall()[0][0]
    return found


def test_duckdb_only_kept_books_hold_one_ledger(root: Path, duckdb: Engine) -> None:  # noqa: F811
    """Books kept for other settings let their ledger go: a kept engine asked again
    with the settings changing back and forth holds one settled ledger, not one a day
    (the tables counted with DuckDB's own ``duckdb_tables()``)."""
    tables = register_finance(duckdb, _workspace(root))
    cube = _cube(duckdb, 100.0)

    def build() -> object:
        return build_finance(duckdb, _workspace(root), cube, today=TODAY, tables=tables, keep=True)

    first = build()
    held = _tables_in(duckdb)
    (root / "levelset.toml").write_text(_toml(0.10, "2026-05-31"), encoding="utf-8")
    build()
    assert _tables_in(duckdb) == held
    (root / "levelset.toml").write_text(_toml(0.10), encoding="utf-8")
    assert build() == first
    assert _tables_in(duckdb) == held


def test_duckdb_only_released_tables_are_gone_with_their_books(
    root: Path,  # noqa: F811
    duckdb: Engine,
) -> None:
    """``release`` lets a registration's tables go, and the ledger kept with them (what
    a session does when the finance files change)."""
    tables = register_finance(duckdb, _workspace(root))
    build_finance(duckdb, _workspace(root), today=TODAY, tables=tables, keep=True)
    registered = {getattr(tables, name) for name in TABLE_NAMES} - {None}
    names = {table.get_name().rsplit(".", 1)[-1] for table in registered}
    assert len(names) == 9
    assert names <= _names_in(duckdb)
    assert any(name.startswith("levelset_ledger_") for name in _names_in(duckdb))
    release(duckdb, tables)
    assert not names & _names_in(duckdb)
    assert not any(name.startswith("levelset_ledger_") for name in _names_in(duckdb))


def _names_in(engine: Engine) -> set[str]:
    rows = engine.backend.con.execute("SELECT table_name FROM duckdb_tables()").fetchall()
    return {row[0] for row in rows}
