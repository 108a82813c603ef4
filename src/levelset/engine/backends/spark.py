"""Apache Spark: in-process local mode (``spark://``) or a Spark Connect server
(``sc://host:port``), files read by Spark's own CSV and Parquet readers.

A file is a view over Spark's reader, read again by each query that uses it (as DuckDB
reads in place); a result kept on the way is a local checkpoint (computed once, its
lineage cut, held in the executors' memory and disk). Spark's ``TRY_CAST`` reads
spellings levelset's Python readers do not (Java's ``1d``, hexadecimal floats), so the
engine does not cast text (``casts_safely`` is false): dates and odd numbers are read in
Python, as on PostgreSQL. A failed statement leaves the session usable.

pyspark is imported only when a Spark engine is opened (``uv sync --extra spark``);
local mode starts one JVM per process, shared by every engine opened in it (each in a
session of its own), which takes about ten seconds.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import ibis.expr.types as ir
import pyarrow as pa

from levelset.engine.backends.base import ROW, Engine, EngineError
from levelset.engine.backends.registry import redact, register_backend
from levelset.engine.backends.spark_session import ibis_backend, local_session, remote_session
from levelset.engine.reading import open_data, open_text
from levelset.model.storage import is_url

# RFC 4180 as DuckDB reads it: a quote doubled inside quotes, never a backslash; a quoted
# value may hold a line break (so a file is read by one task, in order); a row with too
# many or too few values fails the read, as it does on DuckDB.
_CSV_OPTIONS = {
    "header": True,
    "sep": ",",
    "quote": '"',
    "escape": '"',
    "multiLine": True,
    "mode": "FAILFAST",
    "encoding": "UTF-8",
}


class SparkReadError(Exception):
    """A CSV file Spark could not read, with the line where it goes wrong (found by
    reading the file in Python once Spark failed or a quote is left open)."""


class SparkEngine(Engine):
    """Apache Spark: ``spark://`` (in-process, local mode, all cores) or
    ``sc://host:port`` (a Spark Connect server: Databricks, EMR, a cluster of one's own)."""

    name = "spark"
    reads_in_place = True
    reads_urls = True
    casts_safely = False
    hashes_keys = False
    example_url = "spark:// (in-process) or sc://host:15002 (Spark Connect)"

    def __init__(self, backend: Any, url: str, session: Any) -> None:
        super().__init__(backend, url)
        self.session = session  # the pyspark SparkSession of this engine alone
        self._kept: dict[str, Any] = {}  # checkpointed frames by view name, to let go

    @classmethod
    def connect(cls, url: str, *, memory_limit: str | None = None) -> SparkEngine:
        """Open a Spark session of its own: in process for ``spark://`` (the JVM's heap
        held to ``memory_limit`` when the first engine of the process starts it), else on
        the Spark Connect server ``url`` names. Raises ``EngineError`` when pyspark is
        not installed."""
        try:
            import pyspark  # noqa: F401, PLC0415 - only when Spark is chosen
        except ImportError:
            raise EngineError(
                "the spark engine needs pyspark, which is not installed",
                "install it with uv sync --extra spark (or pip install 'levelset[spark]')",
            ) from None
        scheme = url.split("://", 1)[0].lower()
        session = remote_session(url) if scheme == "sc" else local_session(memory_limit)
        session.conf.set("spark.sql.caseSensitive", "true")  # ``Day`` and ``day`` differ
        backend = ibis_backend(session)
        return cls(backend, redact(url), session)  # a Connect URL may hold a token

    def csv_table(
        self, path: str | Path, columns: Sequence[str], *, numbered: bool = True
    ) -> ir.Table:
        """A view over Spark's CSV reader, every column text (see ``Engine.csv_table``).
        A file is one partition (``multiLine``), so its rows come in order and the
        partition's running id numbers them."""
        from pyspark.sql import functions as F  # noqa: N812, PLC0415 - with Spark only
        from pyspark.sql.types import StringType, StructField, StructType  # noqa: PLC0415

        where = str(path)  # a local path, or a storage URL as written
        fault = _read_error(where) if _quotes_left_open(where) else None
        if fault is not None:  # Spark would read the rest of the file as one value
            raise fault
        schema = StructType([StructField(c, StringType()) for c in columns])
        frame = self.session.read.csv(_where(where), schema=schema, **_CSV_OPTIONS)
        if numbered:
            frame = frame.select((F.monotonically_increasing_id() + 1).alias(ROW), "*")
        return self._view("csv", frame)

    def parquet_table(self, path: str | Path, *, numbered: bool = True) -> ir.Table:
        """A view over Spark's Parquet reader, its values cast to text (see
        ``Engine.parquet_table``), numbered by the row index Spark keeps per file."""
        from pyspark.sql import functions as F  # noqa: N812, PLC0415 - with Spark only

        frame = self.session.read.parquet(_where(str(path)))
        texts = [F.col(f"`{c}`").cast("string").alias(c) for c in frame.columns]
        if numbered:
            texts.insert(0, (F.col("_metadata.row_index") + 1).alias(ROW))
        return self._view("parquet", frame.select(*texts))

    def arrow_table(self, stem: str, data: pa.Table) -> ir.Table:
        """``data`` sent to Spark as Arrow and kept there (with its schema: a Connect
        server cannot infer one from no rows)."""
        from pyspark.sql.pandas.types import from_arrow_schema  # noqa: PLC0415 - with Spark

        frame = self.session.createDataFrame(data, schema=from_arrow_schema(data.schema))
        return self._view(stem, frame.localCheckpoint(eager=True), kept=True)

    def materialize(self, stem: str, expr: ir.Table) -> ir.Table:
        """``expr`` computed once and checkpointed: later queries read the result, not
        the plan that made it."""
        with _file_errors():
            frame = self._frame(expr).localCheckpoint(eager=True)
        return self._view(stem, frame, kept=True)

    def stash_sql(self, stem: str, sql: str) -> ir.Table:
        """``stash`` for a query written in Spark SQL."""
        with _file_errors():
            frame = self.session.sql(sql).localCheckpoint(eager=True)
        return self._view(stem, frame, kept=True)

    def drop(self, table: ir.Table | None) -> None:
        """Let a checkpointed table go (its blocks are freed with the frame)."""
        if table is None:
            return
        name = table.get_name().split(".")[-1]
        if self._kept.pop(name, None) is not None:
            self.session.catalog.dropTempView(name)

    def forget(self, names: Collection[str]) -> None:
        """Drop the temporary views of ``names``; the checkpoints behind them go with
        their frames."""
        for name in names:
            self._kept.pop(name, None)
            self.session.catalog.dropTempView(name)

    def to_arrow(self, expr: ir.Expr) -> pa.Table:
        """A table straight from Spark as Arrow, in the types Ibis gives ``expr``
        (Ibis' own path goes through pandas)."""
        if not isinstance(expr, ir.Table):
            return super().to_arrow(expr)
        with _file_errors():
            fetched: pa.Table = self._frame(expr).toArrow()
        wanted = expr.schema().to_pyarrow()
        return fetched.cast(wanted) if fetched.schema != wanted else fetched

    def data_errors(self) -> tuple[type[Exception], ...]:
        """What Spark raises on a file it cannot read: an error of the query's job (the
        reader failed fast on a malformed row) or of the analysis (no such file)."""
        from pyspark.errors import PySparkException  # noqa: PLC0415 - with Spark only

        found: tuple[type[Exception], ...] = (SparkReadError, PySparkException)
        try:
            from py4j.protocol import Py4JJavaError  # type: ignore[import-untyped]  # noqa: PLC0415
        except ImportError:  # a Spark Connect client has no JVM
            return found
        return (*found, Py4JJavaError)

    def close(self) -> None:
        """Let this engine's views and checkpoints go; the JVM of local mode stays for
        the next engine of the process (it stops when the process ends)."""
        for name in list(self._kept):
            self.session.catalog.dropTempView(name)
        self._kept.clear()
        if self.url.lower().startswith("sc://"):
            self.session.stop()  # a Connect session ends; the server goes on

    def _frame(self, expr: ir.Table) -> Any:
        """``expr`` as a Spark DataFrame, the tables built in Python it names sent first."""
        self.backend._run_pre_execute_hooks(expr)
        return self.session.sql(self.sql(expr))

    def _view(self, stem: str, frame: Any, *, kept: bool = False) -> ir.Table:
        """``frame`` named as a temporary view of this engine's session."""
        name = self.fresh(stem)
        frame.createTempView(name)
        if kept:
            self._kept[name] = frame
        return self.backend.table(name)


def _where(path: str) -> str:
    """``path`` as Spark is told it: a storage URL as written (``s3a://`` is Hadoop's
    connector), a local path absolute, since a Spark Connect server reads it from a
    folder of its own."""
    return path if is_url(path) else str(Path(path).absolute())


@contextmanager
def _file_errors() -> Iterator[None]:
    """Spark's failure to read a local CSV file as a ``SparkReadError`` naming the line
    (Spark names only the file); any other failure as it is."""
    try:
        yield
    except Exception as error:
        found = _FAILED_FILE.search(str(error))
        try:
            fault = _read_error(found.group(1)) if found else None
        except (OSError, pa.ArrowInvalid):  # not readable from here: Spark's error stands
            fault = None
        if fault is None:
            raise
        raise fault from None


def _quotes_left_open(path: str) -> bool:
    """Whether a file holds an odd number of quotes (a quote left open, or one inside
    an unquoted value: ``_read_error`` tells which). Counting is a read at the disk's
    speed (a storage URL's file is read once more, through ``pyarrow.fs``, at the
    network's); a file that cannot be read from here is not counted (Spark says why)."""
    count = 0
    try:
        with open_data(path) as stream:
            while chunk := stream.read(1 << 22):
                count += chunk.count(b'"')
    except (OSError, pa.ArrowInvalid):
        return False
    return count % 2 == 1


def _read_error(path: str) -> SparkReadError | None:
    """What is wrong with the CSV file ``path``, read in Python as DuckDB reads it: the
    first record with a quote never closed or another number of values than the header,
    at the line it starts on (worded as DuckDB words it, for the problem's place);
    ``None`` when neither is found."""
    if not path.lower().endswith(".csv"):
        return None
    with open_text(path) as stream:
        reader = csv.reader(stream, strict=True)
        width, line = len(next(reader, [])), 1
        try:
            for record in reader:
                if len(record) != width:
                    return SparkReadError(
                        f"CSV Error on Line: {line + 1}: Expected Number of Columns: {width} "
                        f"Found: {len(record)}"
                    )
                line = reader.line_num
        except csv.Error:
            return SparkReadError(f"CSV Error on Line: {line + 1}: unterminated quoted value")
    return None


# Spark names the file it failed on by URL: ``file:///…`` for a local one.
_FAILED_FILE = re.compile(
    r"FAILED_READ_FILE\S*\] Encountered error while reading file ([A-Za-z][\w+.-]*://\S+?)\.?\s"
)


register_backend(SparkEngine, "spark", "sc")
