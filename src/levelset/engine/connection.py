"""The engine: an Ibis backend that holds the events, and each backend's bulk path.

In-process DuckDB is the default and reads CSV and Parquet files in place. A connection
URL (``postgres://user:password@host:port/database``) selects PostgreSQL, into which
files are copied with ``COPY FROM STDIN``. Everything after registration is one set of
Ibis expressions, the same on every backend.
"""

from __future__ import annotations

import io
import itertools
import json
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import ibis
import ibis.expr.types as ir
import pyarrow as pa
import pyarrow.parquet as pq

ROW = "_row"  # 1-based number of the data row in its file (the header is not counted)
_COPY_BATCH = 65536
#: What in-process DuckDB may hold in memory before it spills to disk.
DUCKDB_MEMORY = "640MB"
_SCHEMES = {"duckdb": "duckdb", "postgres": "postgres", "postgresql": "postgres"}


class EngineError(Exception):
    """The engine could not be opened or a file could not be registered."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


#: The columns of a table built in Python: each with its Arrow type and its values.
Columns = Mapping[str, tuple[pa.DataType, Sequence[Any]]]


@dataclass
class Engine:
    """A connection to one Ibis backend, with names handed out per run."""

    backend: Any  # an ibis backend: DuckDB or PostgreSQL
    name: str
    url: str
    spill: Path | None = None  # DuckDB's folder for what does not fit in memory
    _counter: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    def fresh(self, stem: str) -> str:
        """A table name not used before in this run."""
        return f"levelset_{stem}_{next(self._counter)}"

    # -- registration: each backend's own bulk path ---------------------------------

    def csv_table(self, path: Path, columns: Sequence[str], *, numbered: bool = True) -> ir.Table:
        """A CSV file with a header row as a table of text columns plus ``_row``.

        ``columns`` are the header's names, in order. DuckDB reads the file in place (a
        view, scanned by each query that uses it); PostgreSQL copies it into a temporary
        table. Numbering the rows makes DuckDB read the whole file in order before a
        query can use it, so ``numbered=False`` leaves ``_row`` out (on DuckDB) for the
        scans that need no line numbers.
        """
        if self.name == "duckdb":
            name = self.fresh("csv")
            types = ", ".join(f"{sql_name(c)}: 'VARCHAR'" for c in columns)
            number = f"row_number() OVER () AS {ROW}, " if numbered else ""
            self.backend.raw_sql(
                f"CREATE TEMP VIEW {name} AS SELECT {number}* "
                f"FROM read_csv({sql_text(str(path))}, header = true, columns = {{{types}}}, "
                "delim = ',', quote = '\"', escape = '\"', auto_detect = false)"
            )
            return self.backend.table(name)
        with path.open("rb") as stream:
            return self._copy_csv(stream, columns, header=True)

    def parquet_table(self, path: Path, *, numbered: bool = True) -> ir.Table:
        """A Parquet file as a table of text columns plus ``_row`` (see ``csv_table``).

        Values are turned into text (dates as ``2026-01-05``, numbers as written) so
        that one parser serves CSV and Parquet alike.
        """
        if self.name == "duckdb":
            name = self.fresh("parquet")
            schema = pq.read_schema(path)
            names = schema.names
            cast = ", ".join(f"CAST({sql_name(c)} AS VARCHAR) AS {sql_name(c)}" for c in names)
            number = f"row_number() OVER () AS {ROW}, " if numbered else ""
            self.backend.raw_sql(
                f"CREATE TEMP VIEW {name} AS SELECT {number}{cast} "
                f"FROM read_parquet({sql_text(str(path))})"
            )
            return self.backend.table(name)
        parquet = pq.ParquetFile(path)
        columns = parquet.schema_arrow.names
        buffer = _ParquetCsv(parquet)
        return self._copy_csv(buffer, columns, header=False)

    def arrow_table(self, stem: str, data: pa.Table) -> ir.Table:
        """A table built in Python (calendar occurrences, mappings) loaded in bulk."""
        name = self.fresh(stem)
        if self.name == "duckdb":
            # Straight into DuckDB: Ibis' own path imports pandas (most of a second).
            connection, view = self.backend.con, f"{name}_arrow"
            connection.register(view, data)
            try:
                connection.execute(
                    f"CREATE TEMP TABLE {sql_name(name)} AS SELECT * FROM {sql_name(view)}"
                )
            finally:
                connection.unregister(view)
            return self.backend.table(name)
        table = self.backend.create_table(name, schema=ibis.schema(data.schema), temp=True)
        if data.num_rows:
            columns = [str(c) for c in data.schema.names]
            self._copy_into(name, columns, _ArrowCsv(data))
        return table

    def small_table(self, stem: str, columns: Columns) -> ir.Table:
        """A small table built in Python (distinct keys and what they were read as),
        from each column's type and values.

        On DuckDB each column is passed as a JSON list of texts, read back with the
        column's type: pyarrow imports pandas (most of a second) to build arrays from
        Python lists, and a Python list passed as it is goes over value by value.
        """
        if self.name != "duckdb":
            schema = pa.schema([(name, kind) for name, (kind, _) in columns.items()])
            data = {name: list(column) for name, (_, column) in columns.items()}
            return self.arrow_table(stem, pa.table(data, schema=schema))
        name = self.fresh(stem)
        picked = ", ".join(
            f"CAST(unnest(from_json(${n}, '[\"VARCHAR\"]')) AS {_SQL_TYPES[kind]}) "
            f"AS {sql_name(column)}"
            for n, (column, (kind, _)) in enumerate(columns.items(), start=1)
        )
        texts = [
            json.dumps(list(values) if kind == pa.string() else [_text(v) for v in values])
            for kind, values in columns.values()
        ]
        self.backend.con.execute(f"CREATE TEMP TABLE {name} AS SELECT {picked}", texts)
        return self.backend.table(name)

    def trim(self, column: ir.StringValue) -> ir.StringValue:
        """``column`` without the white space around it (``strip``), for less.

        DuckDB's TRIM of a set of characters costs about three copies of the column, so
        there it is applied only to values starting or ending with a byte at or below
        the space; the others have nothing to trim.
        """
        if self.name != "duckdb":
            return column.strip()
        edge = (column.left(1) <= " ") | (column.right(1) <= " ")
        return ibis.ifelse(edge, column.strip(), column)

    def materialize(self, stem: str, expr: ir.Table) -> ir.Table:
        """Compute ``expr`` once and keep the result as a temporary table."""
        return self.backend.create_table(self.fresh(stem), expr, temp=True)

    def stash(self, stem: str, expr: ir.Table) -> ir.Table:
        """Compute ``expr`` once and keep the result out of the memory DuckDB is held to.

        On DuckDB the result is written to a Parquet file in the engine's spill folder and
        read back through a view: a table of millions of rows held in memory would leave
        the aggregations after it less room and make them spill. Elsewhere it is
        ``materialize``.
        """
        if self.name != "duckdb" or self.spill is None:
            return self.materialize(stem, expr)
        return self.stash_sql(stem, str(self.backend.compile(expr)))

    def stash_sql(self, stem: str, sql: str) -> ir.Table:
        """``stash`` for a query written in SQL (one Ibis cannot write)."""
        name = self.fresh(stem)
        if self.name != "duckdb" or self.spill is None:
            self.backend.raw_sql(f"CREATE TEMP TABLE {sql_name(name)} AS {sql}")
            return self.backend.table(name)
        self.spill.mkdir(parents=True, exist_ok=True)
        path = self.spill / f"{name}.parquet"
        where = sql_text(str(path))
        self.backend.raw_sql(f"COPY ({sql}) TO {where} (FORMAT parquet)")
        self.backend.raw_sql(
            f"CREATE TEMP VIEW {sql_name(name)} AS SELECT * FROM read_parquet({where})"
        )
        return self.backend.table(name)

    def to_arrow(self, expr: ir.Expr) -> pa.Table:
        """Run ``expr`` and fetch its result."""
        if self.name == "duckdb" and isinstance(expr, ir.Table):
            # Straight from DuckDB: Ibis' own path imports pandas (most of a second).
            fetched: pa.Table = self.backend.con.sql(
                str(self.backend.compile(expr))
            ).to_arrow_table()
            return _as_typed(fetched, expr.schema())
        result = self.backend.to_pyarrow(expr)
        if isinstance(result, pa.Table):
            return result
        return pa.Table.from_pydict(
            {"value": pa.array([result.as_py()] if isinstance(result, pa.Scalar) else result)}
        )

    def rows(self, expr: ir.Table) -> list[dict[str, Any]]:
        """Run ``expr`` and fetch its (small) result as dictionaries."""
        rows: list[dict[str, Any]] = self.to_arrow(expr).to_pylist()
        return rows

    def data_errors(self) -> tuple[type[Exception], ...]:
        """What the engine's own driver raises on data it cannot take, besides DuckDB's
        errors: PostgreSQL's data errors on PostgreSQL (psycopg is imported only then, as
        the PostgreSQL backend has: it is slow to import), nothing more on DuckDB."""
        if self.name != "postgres":
            return ()
        import psycopg  # noqa: PLC0415 - loaded with the PostgreSQL backend

        return (psycopg.DataError,)

    def close(self) -> None:
        """Let the connection go (temporary tables go with it)."""
        disconnect = getattr(self.backend, "disconnect", None)
        if disconnect is not None:
            disconnect()
        if self.spill is not None:
            shutil.rmtree(self.spill, ignore_errors=True)
            self.spill = None

    # -- PostgreSQL ----------------------------------------------------------------

    def _copy_into(self, name: str, columns: Sequence[str], stream: _ArrowCsv) -> None:
        names = ", ".join(sql_name(c) for c in columns)
        connection = self.backend.con
        with connection.cursor() as cursor:
            copy_sql = f"COPY {name} ({names}) FROM STDIN WITH (FORMAT csv)"
            with cursor.copy(copy_sql) as copy:
                while chunk := stream.read(1 << 20):
                    copy.write(chunk)
        connection.commit()

    def _copy_csv(
        self,
        stream: io.RawIOBase | io.BufferedIOBase | _ParquetCsv,
        columns: Sequence[str],
        *,
        header: bool,
    ) -> ir.Table:
        name = self.fresh("copy")
        listed = ", ".join(f"{sql_name(c)} text" for c in columns)
        names = ", ".join(sql_name(c) for c in columns)
        options = "FORMAT csv, HEADER true" if header else "FORMAT csv"
        connection = self.backend.con
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE TEMP TABLE {name} ({ROW} bigserial, {listed})")
            with cursor.copy(f"COPY {name} ({names}) FROM STDIN WITH ({options})") as copy:
                while chunk := stream.read(1 << 20):
                    copy.write(chunk)
        connection.commit()
        return self.backend.table(name)


class _ParquetCsv:
    """A Parquet file read batch by batch as CSV text, for ``COPY``."""

    def __init__(self, parquet: pq.ParquetFile) -> None:
        self._batches = parquet.iter_batches(batch_size=_COPY_BATCH)
        self._pending = b""

    def read(self, size: int) -> bytes:
        import pyarrow.csv as pacsv  # noqa: PLC0415 - only PostgreSQL needs it

        while len(self._pending) < size:
            batch = next(self._batches, None)
            if batch is None:
                break
            text = pa.Table.from_batches([batch]).cast(
                pa.schema([(f.name, pa.string()) for f in batch.schema])
            )
            sink = io.BytesIO()
            pacsv.write_csv(text, sink, pacsv.WriteOptions(include_header=False))
            self._pending += sink.getvalue()
        chunk, self._pending = self._pending[:size], self._pending[size:]
        return chunk


class _ArrowCsv:
    """A table built in Python read as CSV text (nulls as empty fields), for ``COPY``."""

    def __init__(self, data: pa.Table) -> None:
        self._batches = iter(data.to_batches(max_chunksize=_COPY_BATCH))
        self._pending = b""

    def read(self, size: int) -> bytes:
        import pyarrow.csv as pacsv  # noqa: PLC0415 - only PostgreSQL needs it

        while len(self._pending) < size:
            batch = next(self._batches, None)
            if batch is None:
                break
            sink = io.BytesIO()
            options = pacsv.WriteOptions(include_header=False, quoting_style="needed")
            pacsv.write_csv(pa.Table.from_batches([batch]), sink, options)
            self._pending += sink.getvalue()
        chunk, self._pending = self._pending[:size], self._pending[size:]
        return chunk


def open_engine(url: str | None = None, *, memory_limit: str | None = None) -> Engine:
    """Connect to the backend ``url`` names (in-process DuckDB when it is empty).

    In-process DuckDB holds at most ``memory_limit`` (``"1GB"``, ``"512MB"``; by default
    ``DUCKDB_MEMORY``) and spills to a temporary folder beyond it. Raises
    ``EngineError`` with advice when the URL is not understood or the server cannot be
    reached.
    """
    text = (url or "duckdb://").strip()
    scheme = urlsplit(text).scheme.lower()
    kind = _SCHEMES.get(scheme)
    if kind is None:
        raise EngineError(
            f"engine {text!r} is not a connection URL levelset knows",
            "use duckdb:// (the default, in-process) or postgres://user:password@host:port/database",
        )
    spill = None
    try:
        if kind == "duckdb":
            backend = ibis.duckdb.connect(_duckdb_path(text))
            spill = _limit_duckdb(backend, memory_limit or DUCKDB_MEMORY)
        else:
            backend = ibis.connect(text.replace("postgresql://", "postgres://", 1))
    except Exception as error:  # a driver error: the server is down, the password wrong
        raise EngineError(
            f"cannot connect to {_redact(text)}: {str(error).strip().splitlines()[0]}",
            "check the URL in [data] engine of levelset.toml or --engine, and that the server runs",
        ) from None
    return Engine(backend=backend, name=kind, url=_redact(text), spill=spill)


def _limit_duckdb(backend: Any, memory_limit: str) -> Path:
    """Bound DuckDB's memory (by default it takes up to 80% of the machine's) and let
    it spill what does not fit to a folder of its own (removed on ``Engine.close``)."""
    # DuckDB creates the folder only when it spills.
    spill = Path(tempfile.gettempdir()) / f"levelset-duckdb-{os.getpid()}-{uuid.uuid4().hex}"
    backend.raw_sql(f"SET memory_limit = {sql_text(memory_limit)}")
    backend.raw_sql(f"SET temp_directory = {sql_text(str(spill))}")
    # Its progress bar would write over levelset's own output.
    backend.raw_sql("SET enable_progress_bar = false")
    # An in-memory database checkpoints (compresses what was written) once the log
    # passes 16 MB, stalling the next statement for most of a second after a large
    # table; the tables of a run live for that run only.
    backend.raw_sql("SET checkpoint_threshold = '10GB'")
    return spill


def _duckdb_path(url: str) -> str:
    rest = url.split("://", 1)[1] if "://" in url else ""
    return rest or ":memory:"


def _redact(url: str) -> str:
    parts = urlsplit(url)
    if parts.password:
        return url.replace(f":{parts.password}@", ":***@", 1)
    return url


def sql_name(name: str) -> str:
    """``name`` as a quoted SQL identifier (a column or table name)."""
    return '"' + name.replace('"', '""') + '"'


def sql_text(text: str) -> str:
    """``text`` as a quoted SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def _as_typed(fetched: pa.Table, schema: ibis.Schema) -> pa.Table:
    """``fetched`` with the float columns of ``schema`` that DuckDB typed as decimals
    (Ibis writes a float literal as ``0.0``, a DECIMAL to DuckDB) made floats again."""
    for index, (got, kind) in enumerate(zip(fetched.schema, schema.types, strict=True)):
        if pa.types.is_decimal(got.type) and kind.is_floating():
            column = fetched.column(index).cast(pa.float64())
            fetched = fetched.set_column(index, got.name, column)
    return fetched


# The SQL type a column of ``Engine.small_table`` is read back as.
_SQL_TYPES = {pa.string(): "VARCHAR", pa.int64(): "BIGINT", pa.uint64(): "UBIGINT",
              pa.float64(): "DOUBLE", pa.date32(): "DATE", pa.bool_(): "BOOLEAN"}  # fmt: skip


def _text(value: Any) -> str | None:
    """A value as the text DuckDB casts back to it (``repr`` keeps every bit of a float)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def schema_of(columns: Mapping[str, str]) -> ibis.Schema:
    """An Ibis schema from ``{name: type}``."""
    return ibis.schema(dict(columns))
