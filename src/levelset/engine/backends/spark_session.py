"""Starting Spark for the Spark engine: the one local-mode JVM of a process, and sessions
on a Spark Connect server.

Local mode runs on every core of this machine, listens on loopback only, has no web UI,
and keeps its warehouse, scratch space and log in a folder of its own (removed when the
process ends): the JVM's output goes to that log, not to levelset's terminal. pyspark is
imported here only when a Spark engine is opened.
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import string
import tempfile
from pathlib import Path
from typing import Any, ClassVar

#: The settings of local mode (and of every session levelset opens).
LOCAL_SETTINGS = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.driver.host": "127.0.0.1",
    "spark.driver.bindAddress": "127.0.0.1",
    # A few partitions after a shuffle: the data of one organization, on a few cores
    # (adaptive execution merges the small ones further).
    "spark.sql.shuffle.partitions": str(max(2, 2 * (os.cpu_count() or 1))),
}

_local: Any = None  # the process's local-mode SparkSession, once started


def local_session(memory_limit: str | None) -> Any:
    """A new session on the process's local-mode Spark, started on first use with the
    driver's heap held to ``memory_limit`` (``"2GB"``; Spark's own 1 GB by default)."""
    global _local  # noqa: PLW0603 - one JVM per process: it takes ten seconds to start
    if _local is None or _local.sparkContext._jsc is None:
        _local = _start_local(memory_limit)
    return _local.newSession()


def remote_session(url: str) -> Any:
    """A session of its own on the Spark Connect server ``url`` (``sc://host:port``)."""
    from pyspark.sql import SparkSession  # noqa: PLC0415 - with Spark only

    return SparkSession.builder.remote(url).create()


def ibis_backend(session: Any) -> Any:
    """Ibis' PySpark backend on ``session``, with the aggregates Spark has that Ibis'
    compiler does not write (``bit_or``, which the cube's week masks use)."""
    global _backend_class  # noqa: PLW0603 - the subclass is made once, pyspark imported
    if _backend_class is None:
        _backend_class = _extended_backend()
    return _backend_class().connect(session)


_backend_class: Any = None


def _extended_backend() -> Any:
    import ibis.expr.operations as ops  # noqa: PLC0415
    import sqlglot.expressions as sge  # noqa: PLC0415
    from ibis.backends.pyspark import Backend  # noqa: PLC0415 - imports pyspark
    from ibis.backends.sql.compilers.pyspark import PySparkCompiler  # noqa: PLC0415

    class Compiler(PySparkCompiler):  # type: ignore[misc]
        SIMPLE_OPS: ClassVar[dict[Any, str]] = {
            **{
                op: name
                for op, name in PySparkCompiler.SIMPLE_OPS.items()
                if op not in (ops.LStrip, ops.RStrip)  # written below
            },
            ops.BitOr: "bit_or",
            ops.BitAnd: "bit_and",
            ops.BitXor: "bit_xor",
        }

        # Ibis writes the white space to strip as a literal with ``\v`` and ``\f`` in
        # it, which Spark's parser reads as the letters v and f: name each by its code.
        def _spaces(self: Any) -> Any:
            return self.f.concat(*(self.f.chr(ord(c)) for c in string.whitespace))

        # Spark types an integer literal by its size (``0`` is an INT): a column made
        # of one would change type when its table is kept, and no longer union.
        def visit_NonNullLiteral(self, op: Any, *, value: Any, dtype: Any) -> Any:  # noqa: N802
            if dtype.is_integer():
                return self.cast(sge.convert(value), dtype)
            return super().visit_NonNullLiteral(op, value=value, dtype=dtype)

        def visit_Strip(self, op: Any, *, arg: Any) -> Any:  # noqa: N802 - Ibis' name
            return self.f.trim(arg, self._spaces())

        def visit_LStrip(self, op: Any, *, arg: Any) -> Any:  # noqa: N802
            return sge.Trim(this=arg, expression=self._spaces(), position="LEADING")

        def visit_RStrip(self, op: Any, *, arg: Any) -> Any:  # noqa: N802
            return sge.Trim(this=arg, expression=self._spaces(), position="TRAILING")

    class SparkBackend(Backend):  # type: ignore[misc]
        compiler = Compiler()

    SparkBackend.register_options()  # ``ibis.options.pyspark``, as ``ibis.pyspark`` does
    return SparkBackend


def _start_local(memory_limit: str | None) -> Any:
    """Start the JVM (its output to a log in a folder of its own) and its session."""
    from pyspark import SparkConf, SparkContext  # noqa: PLC0415 - with Spark only
    from pyspark.java_gateway import launch_gateway  # noqa: PLC0415
    from pyspark.sql import SparkSession  # noqa: PLC0415

    folder = Path(tempfile.mkdtemp(prefix="levelset-spark-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    settings = {
        **LOCAL_SETTINGS,
        "spark.master": "local[*]",
        "spark.app.name": "levelset",
        "spark.local.dir": str(folder / "scratch"),
        "spark.sql.warehouse.dir": str(folder / "warehouse"),
        "spark.driver.extraJavaOptions": f"-Djava.io.tmpdir={folder}",
    }
    if memory_limit:
        settings["spark.driver.memory"] = _jvm_size(memory_limit)
    conf = SparkConf().setAll(list(settings.items()))
    log = (folder / "spark.log").open("ab")
    gateway = launch_gateway(conf, popen_kwargs={"stdout": log, "stderr": log})  # type: ignore[no-untyped-call]
    context = SparkContext(conf=conf, gateway=gateway)
    context.setLogLevel("ERROR")
    return SparkSession(context)


def _jvm_size(size: str) -> str:
    """``"640MB"`` as the JVM writes it (``"640m"``)."""
    found = re.fullmatch(r"\s*(\d+)\s*([KMGT])B?\s*", size.upper())
    if found is None:
        return size
    return f"{found.group(1)}{found.group(2).lower()}"
