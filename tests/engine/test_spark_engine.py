"""What is Spark's own: how it is chosen (``spark``, ``[data] engine``), that DuckDB runs
never import it, the advice when it is not installed, and the files it cannot read told
at their lines."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from levelset.engine import Engine, EngineError, open_engine
from levelset.service import Session

ROOT = Path(__file__).resolve().parents[2]
TIME = ROOT / "tests" / "fixtures" / "time"
# Python with pyspark unimportable, as on a machine without the spark extra.
_NO_PYSPARK = "import sys; sys.modules['pyspark'] = None\n"


def test_a_duckdb_run_does_not_import_pyspark() -> None:
    code = (
        "import sys, levelset.api, levelset.engine.finance, levelset.engine.events.run\n"
        "from levelset.engine import open_engine\n"
        "open_engine().close()\n"
        "print('pyspark' in sys.modules)\n"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "False"


def test_without_pyspark_the_spark_engine_is_advice_to_install_it() -> None:
    code = (
        _NO_PYSPARK + "from levelset.engine import EngineError, open_engine\n"
        "try:\n"
        "    open_engine('spark')\n"
        "except EngineError as error:\n"
        "    print(error.message, '|', error.hint)\n"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "the spark engine needs pyspark" in found.stdout
    assert "uv sync --extra spark" in found.stdout


def test_without_pyspark_a_check_on_spark_says_so_at_the_setting(tmp_path: Path) -> None:
    workspace = _time_workspace(tmp_path, engine="spark")
    code = (
        _NO_PYSPARK + "from levelset.cli import main\n"
        f"main(['check', {str(workspace)!r}, '--format', 'json'])\n"
    )
    command = [sys.executable, "-c", code]
    found = subprocess.run(command, capture_output=True, text=True, check=False)
    assert "Traceback" not in found.stderr
    assert "uv sync --extra spark" in found.stdout + found.stderr
    assert "levelset.toml" in found.stdout + found.stderr


def test_a_scheme_alone_names_its_backend() -> None:
    with pytest.raises(EngineError) as raised:
        open_engine("nosuchengine")
    assert "'nosuchengine://'" in raised.value.message
    assert "spark://" in raised.value.hint


def test_the_engine_of_the_settings_is_spark(tmp_path: Path, spark_url: str) -> None:
    on_spark = _time_workspace(tmp_path / "spark", engine="spark")
    on_duckdb = _time_workspace(tmp_path / "duckdb", engine="duckdb")
    today = date(2026, 3, 1)
    with Session(on_spark, today=today) as session:
        spark = session.events()
    with Session(on_duckdb, today=today) as session:
        duck = session.events()
    assert spark.allocation is not None
    assert duck.allocation is not None
    assert (spark.allocation.engine, duck.allocation.engine) == ("spark", "duckdb")
    assert spark.allocation.total_hours() == pytest.approx(duck.allocation.total_hours())
    assert spark.allocation.total_hours() > 0
    assert spark.problems == duck.problems


def test_a_quote_inside_an_unquoted_value_is_not_a_broken_file(
    engine_on_spark: Engine, tmp_path: Path
) -> None:
    """An odd number of quotes makes Spark's engine look closer, not refuse the file."""
    path = tmp_path / "screens.csv"
    path.write_text('item,size\nscreen,27" wide\nlamp,small\n')
    table = engine_on_spark.csv_table(path, ["item", "size"])
    rows = engine_on_spark.rows(table.order_by("_row"))
    assert [(r["_row"], r["size"]) for r in rows] == [(1, '27" wide'), (2, "small")]


@pytest.fixture
def engine_on_spark(spark_url: str) -> Iterator[Engine]:
    opened = open_engine(spark_url)
    yield opened
    opened.close()


def _time_workspace(root: Path, *, engine: str) -> Path:
    (root / "data" / "time").mkdir(parents=True)
    shutil.copy(TIME / "org.yaml", root / "org.yaml")
    shutil.copy(TIME / "good" / "levelset.csv", root / "data" / "time" / "levelset.csv")
    (root / "levelset.toml").write_text(f'[data]\nengine = "{engine}"\n')
    return root
