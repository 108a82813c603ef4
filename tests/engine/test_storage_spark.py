"""examples/acme with its data folder at a storage URL (``[data] files``, here a
``file://`` URL to a copy of its data), checked on Spark: Spark's own readers read the
URL, and the findings, the plan and the finance figures are those of the workspace on
DuckDB reading ``data/``; a faulty time file is one problem, at its URL and line.

One check on each engine (Spark local mode takes about a minute on two cores); the test
takes ``spark_url`` itself, so it runs wherever Spark does (CI's parity run included).
"""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from levelset.model import Report
from levelset.service import Session

ROOT = Path(__file__).resolve().parents[2]
ACME = ROOT / "examples" / "acme"
TODAY = date(2026, 11, 2)
# a row with a value too many on line 3: the reader fails on it, the file is left out
BROKEN = "person,date,hours,activity\ndana-reyes,2026-07-07,2,strategy\nx,2026-07-08,1,a,b\n"


def _organization(root: Path, files: str | None) -> None:
    root.mkdir(parents=True)
    for path in ACME.glob("*.yaml"):
        shutil.copy(path, root)
    toml = (ACME / "levelset.toml").read_text(encoding="utf-8")
    if files is not None:
        toml = toml.replace("[data]\n", f'[data]\nfiles = "{files}"\n', 1)
    (root / "levelset.toml").write_text(toml, encoding="utf-8")


def _check(root: Path, engine: str) -> Report:
    with Session(root, engine=engine, today=TODAY) as session:
        return session.check()


def _flat(value: Any, at: str = "") -> Iterator[tuple[str, Any]]:
    """Every leaf of ``value`` (dataclasses, mappings, sequences) with its path."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        value = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _flat(item, f"{at}.{key}")
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _flat(item, f"{at}[{index}]")
    else:
        yield at, value


def _same(spark: Any, duckdb: Any, url: str) -> None:
    """``spark`` and ``duckdb`` hold the same leaves, numbers to a relative 1e-9 and the
    files of the store at ``url`` named as the local workspace names them (``data/``)."""
    left, right = dict(_flat(spark)), dict(_flat(duckdb))
    assert left.keys() == right.keys()
    for key, value in left.items():
        if isinstance(value, float):
            assert value == pytest.approx(right[key], rel=1e-9, abs=1e-9), key
        elif isinstance(value, str) and value.startswith(url):
            assert "data" + value[len(url) :] == right[key], key
        else:
            assert value == right[key], key


def test_acme_from_a_url_on_spark_is_acme_on_duckdb(tmp_path: Path, spark_url: str) -> None:
    local = tmp_path / "local"
    _organization(local, None)
    shutil.copytree(ACME / "data", local / "data")
    (local / "data" / "time" / "broken.csv").write_text(BROKEN, encoding="utf-8")
    store = tmp_path / "bucket" / "acme-data"
    shutil.copytree(local / "data", store)
    url = store.as_uri()
    remote = tmp_path / "remote"
    _organization(remote, url)

    on_duckdb = _check(local, "duckdb://")
    on_spark = _check(remote, spark_url)

    # the faulty file: one problem, at its URL and line, the other files still counted
    [problem] = on_spark.problems
    assert (problem.location.file, problem.location.line) == (f"{url}/time/broken.csv", 3)
    [local_problem] = on_duckdb.problems
    assert (local_problem.location.file, local_problem.location.line) == (
        "data/time/broken.csv",
        3,
    )
    assert on_spark.allocation is not None
    assert on_duckdb.allocation is not None
    assert on_spark.allocation.engine == "spark"
    assert on_spark.finance is not None
    assert on_duckdb.finance is not None
    assert len(on_spark.findings) == len(on_duckdb.findings) > 40
    assert any(f.location and f.location.file.startswith(url) for f in on_spark.findings)
    _same(on_spark.findings, on_duckdb.findings, url)
    _same(on_spark.plan, on_duckdb.plan, url)
    assert on_spark.rules == on_duckdb.rules
    _same(dataclasses.replace(on_spark.finance, engine="duckdb"), on_duckdb.finance, url)
    assert on_spark.allocation.total_hours() == pytest.approx(on_duckdb.allocation.total_hours())
