"""The acme check through a real Spark Connect server: a local one started for this test
(pyspark's ``spark-submit`` running ``SparkConnectServer`` on a free loopback port), the
check run by the CLI in a process of its own with ``--engine sc://127.0.0.1:PORT``, and
its findings and event figures compared with DuckDB's.

Skipped without pyspark unless ``LEVELSET_REQUIRE_SPARK=1`` (which CI sets).
"""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
_SERVER = "org.apache.spark.sql.connect.service.SparkConnectServer"
_START_WITHIN = 180.0  # seconds a server may take to listen on a loaded 2-core machine


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture(scope="module")
def connect_url() -> Iterator[str]:
    """A Spark Connect server on loopback for this module, stopped after it."""
    spec = importlib.util.find_spec("pyspark")
    if spec is None or spec.origin is None:
        if os.environ.get("LEVELSET_REQUIRE_SPARK") == "1":
            pytest.fail("Spark is required here but pyspark is missing (uv sync --extra spark)")
        pytest.skip("pyspark is not installed (uv sync --extra spark)")
    home = Path(spec.origin).parent
    port = _free_port()
    folder = Path(tempfile.mkdtemp(prefix="levelset-connect-"))
    settings = {
        "spark.connect.grpc.binding.address": "127.0.0.1",
        "spark.connect.grpc.binding.port": str(port),
        "spark.ui.enabled": "false",
        "spark.driver.host": "127.0.0.1",
        "spark.driver.bindAddress": "127.0.0.1",
        "spark.local.dir": str(folder),
        "spark.sql.warehouse.dir": str(folder / "warehouse"),
        "spark.sql.shuffle.partitions": "4",
    }
    command = [str(home / "bin" / "spark-submit"), "--class", _SERVER, "--master", "local[2]"]
    for key, value in settings.items():
        command += ["--conf", f"{key}={value}"]
    with (folder / "server.log").open("wb") as log:
        server = subprocess.Popen(
            command,
            cwd=folder,
            env={**os.environ, "SPARK_HOME": str(home)},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its JVM is stopped with it
        )
    try:
        _wait_until_listening(server, port, folder / "server.log")
        yield f"sc://127.0.0.1:{port}"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def _wait_until_listening(server: subprocess.Popen[bytes], port: int, log: Path) -> None:
    deadline = time.monotonic() + _START_WITHIN
    while not _answers(port):
        if server.poll() is not None or time.monotonic() > deadline:
            tail = log.read_text(errors="replace")[-3000:]
            pytest.fail(f"the Spark Connect server did not start on port {port}:\n{tail}")
        time.sleep(0.5)


def _check(*engine: str) -> dict[str, Any]:
    result = subprocess.run(
        [sys.executable, "-m", "levelset", "check", "examples/acme", *engine, "--format", "json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=600,
        check=False,
    )
    assert result.returncode == 1, result.stderr  # acme has error findings on purpose
    assert "Traceback" not in result.stderr
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def test_the_acme_check_through_spark_connect_finds_what_duckdb_finds(connect_url: str) -> None:
    on_duckdb = _check()
    on_spark = _check("--engine", connect_url)
    for part in ("events", "finance"):  # each names the engine that computed it
        assert on_spark[part].pop("engine") == "spark"
        assert on_duckdb[part].pop("engine") == "duckdb"
    assert on_duckdb["findings"]  # the comparison is of something
    assert on_duckdb["finance"]
    for part in ("findings", "problems", "events", "finance", "plan"):
        assert on_spark[part] == on_duckdb[part], part
