"""In-process DuckDB: files read in place, results spilled to Parquet, the default.

DuckDB reads CSV and Parquet files where they are (a view, scanned by each query that
uses it), parses dates and numbers safely in the engine (TRY_CAST), and may group by
64-bit hashes. It is held to a memory limit and spills what does not fit to a folder of
its own, removed when the engine is closed.
"""

from __future__ import annotations

import functools
import json
import mmap
import os
import shutil
import tempfile
import threading
import uuid
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import ibis
import ibis.expr.datatypes as dt
import ibis.expr.operations as ops
import ibis.expr.types as ir
import pyarrow as pa
import pyarrow.parquet as pq
from ibis.backends.sql.datatypes import DuckDBType

from levelset.engine.backends.base import ROW, Columns, Engine, sql_name, sql_text
from levelset.engine.backends.registry import register_backend
from levelset.engine.reading import csv_header

#: What in-process DuckDB may hold in memory before it spills to disk.
DUCKDB_MEMORY = "640MB"
# How DuckDB's reader is told the file's dialect (RFC 4180), never guessed.
_FIRST_DAY = "1000-01-01"  # the first day a typed read takes as YYYY-MM-DD
_DIALECT = "delim = ',', quote = '\"', escape = '\"', auto_detect = false"


class DuckDBEngine(Engine):
    """In-process DuckDB (``duckdb://`` for memory, ``duckdb:///path.db`` for a file)."""

    name = "duckdb"
    reads_in_place = True
    casts_safely = True
    hashes_keys = True
    example_url = "duckdb:// (the default, in-process)"

    def __init__(self, backend: Any, url: str, spill: Path | None = None) -> None:
        super().__init__(backend, url, spill)
        self._views: set[str] = set()  # the names of the views made (``view``)

    @classmethod
    def connect(cls, url: str, *, memory_limit: str | None = None) -> DuckDBEngine:
        """Open DuckDB held to at most ``memory_limit`` (``"1GB"``, ``"512MB"``; by
        default ``DUCKDB_MEMORY``), spilling to a temporary folder beyond it."""
        rest = url.split("://", 1)[1] if "://" in url else ""
        backend = ibis.duckdb.connect(rest or ":memory:")
        spill = _limit(backend, memory_limit or DUCKDB_MEMORY)
        return cls(backend, url, spill)

    def csv_table(
        self, path: str | Path, columns: Sequence[str], *, numbered: bool = True
    ) -> ir.Table:
        """A view over the file (see ``Engine.csv_table``). Numbering the rows makes
        DuckDB read the whole file in order before a query can use it."""
        name = self.fresh("csv")
        types = ", ".join(f"{sql_name(c)}: 'VARCHAR'" for c in columns)
        number = f"row_number() OVER () AS {ROW}, " if numbered else ""
        self.backend.raw_sql(
            f"CREATE TEMP VIEW {name} AS SELECT {number}* "
            f"FROM read_csv({sql_text(str(path))}, header = true, columns = {{{types}}}, "
            f"{_DIALECT})"
        )
        return self._table(name)

    def parquet_table(self, path: str | Path, *, numbered: bool = True) -> ir.Table:
        """A view over the file, its values cast to text (see ``Engine.parquet_table``)."""
        name = self.fresh("parquet")
        names = pq.read_schema(path).names
        cast = ", ".join(f"CAST({sql_name(c)} AS VARCHAR) AS {sql_name(c)}" for c in names)
        number = f"row_number() OVER () AS {ROW}, " if numbered else ""
        self.backend.raw_sql(
            f"CREATE TEMP VIEW {name} AS SELECT {number}{cast} "
            f"FROM read_parquet({sql_text(str(path))})"
        )
        return self._table(name)

    def typed_csv(
        self, stem: str, path: str | Path, dates: Collection[str], numbers: Collection[str]
    ) -> ir.Table:
        """A view over DuckDB's ``read_csv`` with ``dates`` as ``DATE`` and ``numbers``
        cast to ``DOUBLE``, each checked as ``Engine.typed_csv`` says (DuckDB's
        ``error()`` fails the read on a value not plainly written)."""
        header = csv_header(path)
        # DuckDB's own DOUBLE takes what its cast from text takes, ``1_000`` and ``+-1``
        # too: where the file has neither byte, the reader types the numbers itself
        # (a tenth of the read's CPU); else they are read as text, tested, then cast.
        direct = not _holds_any(Path(path), b"_+")
        typed = dict.fromkeys(dates, "DATE") | dict.fromkeys(numbers if direct else (), "DOUBLE")
        listed = ", ".join(f"{sql_name(c)}: '{typed.get(c, 'VARCHAR')}'" for c in header)
        cast = [
            f"{_number(c)} AS {sql_name(c)}" if c in numbers and not direct else sql_name(c)
            for c in header
        ]
        checked = [
            f"{_date(c)} AS {sql_name(c)}"
            if c in dates
            else f"{_finite(c)} AS {sql_name(c)}"
            if c in numbers
            else sql_name(c)
            for c in header
        ]
        read = (
            f"read_csv({sql_text(str(path))}, header = true, columns = {{{listed}}}, "
            f"dateformat = '%Y-%m-%d', {_DIALECT})"
        )
        name = self.fresh(stem)
        self.backend.raw_sql(
            f"CREATE TEMP VIEW {name} AS SELECT {', '.join(checked)} "
            f"FROM (SELECT {', '.join(cast)} FROM {read})"
        )
        return self._table(name)

    def arrow_table(self, stem: str, data: pa.Table) -> ir.Table:
        """Straight into DuckDB: Ibis' own path imports pandas (most of a second)."""
        name = self.fresh(stem)
        connection, view = self.backend.con, f"{name}_arrow"
        connection.register(view, data)
        try:
            connection.execute(
                f"CREATE TEMP TABLE {sql_name(name)} AS SELECT * FROM {sql_name(view)}"
            )
        finally:
            connection.unregister(view)
        return self._table(name)

    def small_table(self, stem: str, columns: Columns) -> ir.Table:
        """Each column passed as a JSON list of texts, read back with the column's type:
        pyarrow imports pandas (most of a second) to build arrays from Python lists, and
        a Python list passed as it is goes over value by value."""
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
        return self._table(name)

    def materialize(self, stem: str, expr: ir.Table) -> ir.Table:
        """``Engine.materialize`` as Ibis' ``create_table`` does it (a table of the
        expression's schema, then its rows inserted), for less: Ibis copies the compiled
        query again to wrap it, and asks DuckDB for the schema it has just given the
        table, most of the cost of a small table. The schema is read back as DuckDB's
        ``DESCRIBE`` would give it."""
        schema = expr.schema()
        if schema.null_fields:  # Ibis' own path says which columns have no type
            return super().materialize(stem, expr)
        name = self.fresh(stem)
        columns = ", ".join(f"{sql_name(c)} {_column_type(kind)}" for c, kind in schema.items())
        listed = ", ".join(sql_name(c) for c in schema.names)
        table = f"temp.main.{sql_name(name)}"
        self.backend.raw_sql(f"CREATE TEMP TABLE {table} ({columns})")
        self.backend.raw_sql(f"INSERT INTO {table} ({listed}) {self.sql(expr)}")
        return self._named(name, schema)

    def view(self, stem: str, expr: ir.Table) -> ir.Table:
        """A temporary view. Not an Ibis expression used as it is: a query reading it
        twice would make it a common table expression, which DuckDB copies into a table
        of its own first; a view is read in place by each reference."""
        schema = expr.schema()
        if schema.null_fields:
            return self.materialize(stem, expr)
        name = self.fresh(stem)
        self.backend.raw_sql(f"CREATE TEMP VIEW temp.main.{sql_name(name)} AS {self.sql(expr)}")
        self._views.add(name)
        return self._named(name, schema)

    def _named(self, name: str, schema: ibis.Schema) -> ir.Table:
        """The temporary table (or view) ``name`` made with ``schema``, as Ibis' own
        ``DESCRIBE`` of it would read it back."""
        described = ibis.schema({column: _described(kind) for column, kind in schema.items()})
        return _temporary(self.backend, name, described)

    def _table(self, name: str) -> ir.Table:
        """The temporary table (or view) ``name``, its schema read from DuckDB as Ibis'
        ``backend.table`` reads it, for less: Ibis writes the ``DESCRIBE`` through
        sqlglot, fetches it as Arrow and parses every type again (1.5 to 2.5 ms a table,
        and a small workspace makes about 25 such tables)."""
        described = self.backend.con.execute(f"DESCRIBE temp.main.{sql_name(name)}").fetchall()
        schema = ibis.schema(
            {column: _read_type(kind, null == "YES") for column, kind, null, *_ in described}
        )
        return _temporary(self.backend, name, schema)

    def trim(self, column: ir.StringValue) -> ir.StringValue:
        """``strip``, for less: DuckDB's TRIM of a set of characters costs about three
        copies of the column, so it is applied only to values starting or ending with a
        byte at or below the space; the others have nothing to trim."""
        # ``< "!"``: the first byte at or below the space (or none), compared in place.
        edge = (column < "!") | (column.right(1) <= " ")
        return ibis.ifelse(edge, column.strip(), column)

    def stash(self, stem: str, expr: ir.Table) -> ir.Table:
        """The result written to a Parquet file in the spill folder and read back through
        a view: a table of millions of rows held in memory would leave the aggregations
        after it less room and make them spill."""
        if self.spill is None:
            return self.materialize(stem, expr)
        return self.stash_sql(stem, self.sql(expr))

    def materialize_sql(self, stem: str, sql: str) -> ir.Table:
        """A temporary table in DuckDB's memory: for a small result, writing Parquet and
        reading it back costs more than the memory it saves (a few milliseconds a
        table)."""
        name = self.fresh(stem)
        self.backend.raw_sql(f"CREATE TEMP TABLE {sql_name(name)} AS {sql}")
        return self._table(name)

    def stash_sql(self, stem: str, sql: str) -> ir.Table:
        """``stash`` for a query written in SQL (one Ibis cannot write)."""
        if self.spill is None:
            return self.materialize_sql(stem, sql)
        name = self.fresh(stem)
        self.spill.mkdir(parents=True, exist_ok=True)
        where = sql_text(str(self.spill / f"{name}.parquet"))
        self.backend.raw_sql(f"COPY ({sql}) TO {where} (FORMAT parquet)")
        self.backend.raw_sql(
            f"CREATE TEMP VIEW {sql_name(name)} AS SELECT * FROM read_parquet({where})"
        )
        return self._table(name)

    def drop(self, table: ir.Table | None) -> None:
        """Drop the temporary table (or view, ``view``): DuckDB holds a table in the
        memory it is held to."""
        if table is not None:  # named by Ibis as catalog.schema.table
            parts = table.get_name().split(".")
            kind = "VIEW" if parts[-1] in self._views else "TABLE"
            self._views.discard(parts[-1])
            name = ".".join(sql_name(part) for part in parts)
            self.backend.raw_sql(f"DROP {kind} IF EXISTS {name}")

    def forget(self, names: Collection[str]) -> None:
        """Drop the temporary tables and views of ``names``, and the Parquet files of
        the stashed ones in the spill folder."""
        wanted = set(names)
        if not wanted:
            return
        connection = self.backend.con
        catalog = "SELECT {0}_name FROM duckdb_{0}s() WHERE temporary"
        for kind in ("view", "table"):  # views first: they read the tables
            made = {row[0] for row in connection.execute(catalog.format(kind)).fetchall()}
            for name in sorted(made & wanted):
                connection.execute(f"DROP {kind.upper()} IF EXISTS temp.main.{sql_name(name)}")
        if self.spill is not None:
            for name in wanted:
                (self.spill / f"{name}.parquet").unlink(missing_ok=True)

    def sql(self, expr: ir.Expr) -> str:
        """``Engine.sql``, its selects left nested (``_unfused``)."""
        with _unfused():
            return super().sql(expr)

    def to_arrow(self, expr: ir.Expr) -> pa.Table:
        """Straight from DuckDB for a table: Ibis' own path imports pandas."""
        if not isinstance(expr, ir.Table):
            with _unfused():
                return super().to_arrow(expr)
        fetched: pa.Table = self.backend.con.sql(self.sql(expr)).to_arrow_table()
        return _as_typed(fetched, expr.schema())

    def close(self) -> None:
        """Let the connection and the spill folder go."""
        super().close()
        if self.spill is not None:
            shutil.rmtree(self.spill, ignore_errors=True)
            self.spill = None


@contextmanager
def _unfused() -> Iterator[None]:
    """Ibis compiling without fusing each select into the one it reads from: fusing
    walks the whole expression again for every pair of selects (about a third of the
    time compiling the queries of a small workspace), and DuckDB's optimizer flattens
    nested selects itself. Only while compiling: Ibis' options are the process's (one
    thread at a time, so that each puts back what it found)."""
    with _COMPILING:
        options = ibis.options.sql
        fused = options.fuse_selects
        options.fuse_selects = False
        try:
            yield
        finally:
            options.fuse_selects = fused


_COMPILING = threading.RLock()


_TYPES = DuckDBType  # how Ibis writes a type for DuckDB, and reads DuckDB's back


@functools.cache
def _column_type(kind: dt.DataType) -> str:
    """A column of type ``kind`` in CREATE TABLE, as Ibis' ``create_table`` writes it."""
    written: str = _TYPES.to_string(kind)
    return written + ("" if kind.nullable else " NOT NULL")


@functools.cache
def _described(kind: dt.DataType) -> dt.DataType:
    """``kind`` as DuckDB's ``DESCRIBE`` of a column created with it reads back."""
    return _TYPES.from_string(_TYPES.to_string(kind), nullable=kind.nullable)


@functools.cache
def _read_type(kind: str, nullable: bool) -> dt.DataType:
    """A column's type as DuckDB's ``DESCRIBE`` writes it, read as Ibis reads it."""
    return _TYPES.from_string(kind, nullable=nullable)


def _temporary(backend: Any, name: str, schema: ibis.Schema) -> ir.Table:
    """The temporary table (or view) ``name`` of ``schema``, as an Ibis table."""
    namespace = ops.Namespace(catalog="temp", database="main")
    made: ir.Table = ops.DatabaseTable(
        name, schema=schema, source=backend, namespace=namespace
    ).to_expr()
    return made


def _limit(backend: Any, memory_limit: str) -> Path:
    """Bound DuckDB's memory (by default it takes up to 80% of the machine's) and let
    it spill what does not fit to a folder of its own (removed on ``close``)."""
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


def _as_typed(fetched: pa.Table, schema: ibis.Schema) -> pa.Table:
    """``fetched`` with the float columns of ``schema`` that DuckDB typed as decimals
    (Ibis writes a float literal as ``0.0``, a DECIMAL to DuckDB) made floats again."""
    for index, (got, kind) in enumerate(zip(fetched.schema, schema.types, strict=True)):
        if pa.types.is_decimal(got.type) and kind.is_floating():
            column = fetched.column(index).cast(pa.float64())
            fetched = fetched.set_column(index, got.name, column)
    return fetched


# The SQL type a column of ``small_table`` is read back as.
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


register_backend(DuckDBEngine, "duckdb")


def _date(column: str) -> str:
    """A date the reader took, unless before year 1000 (read another way, or not at all)."""
    c = sql_name(column)
    return (
        f"CASE WHEN {c} IS NULL OR {c} >= DATE '{_FIRST_DAY}' THEN {c} "
        f"ELSE error('levelset: a date before year 1000') END"
    )


def _number(column: str) -> str:
    """The number a text holds, NULL when blank; the read fails on any text not plainly
    written (then on ``nan`` and ``inf``: see ``_finite``)."""
    c = sql_name(column)
    return (
        f"CASE WHEN {c} IS NULL OR {c} = '' THEN NULL "
        f"WHEN strpos({c}, '_') = 0 AND strpos({c}, '+-') = 0 THEN CAST({c} AS DOUBLE) "
        "ELSE error('levelset: not a plain number') END"
    )


def _holds_any(path: Path, marks: bytes) -> bool:
    """Whether the file holds any of the bytes ``marks`` (each found as ``memchr`` does,
    a few hundredths of a second for 100 MB)."""
    with path.open("rb") as stream:
        if not os.fstat(stream.fileno()).st_size:
            return False
        with mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
            return any(mapped.find(bytes([mark])) >= 0 for mark in marks)


def _finite(column: str) -> str:
    """A number read by ``_number``, unless ``nan`` or infinite."""
    c = sql_name(column)
    return f"CASE WHEN {c} IS NULL OR isfinite({c}) THEN {c} ELSE error('levelset: not finite') END"
