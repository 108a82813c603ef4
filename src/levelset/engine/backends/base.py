"""What every engine backend is: an Ibis connection and the few things backends do
differently.

``Engine`` is the protocol a backend implements (an abstract class): the bulk paths
(a CSV or Parquet file, an Arrow table, a small table built in Python), a typed read of
a CSV file where the backend has one, spilling a large result out of memory, recovery
after a failed statement, and the capabilities the pipelines ask about instead of a
backend's name (``reads_in_place``, ``casts_safely``, ``hashes_keys``). What is the same
on every backend (naming tables, materializing, fetching rows) is written here once.
Each backend is a subclass, registered for its URL schemes (``registry``).
"""

from __future__ import annotations

import itertools
from abc import ABC, abstractmethod
from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, ClassVar

import ibis
import ibis.expr.types as ir
import pyarrow as pa

ROW = "_row"  # 1-based number of the data row in its file (the header is not counted)

#: The columns of a table built in Python: each with its Arrow type and its values.
Columns = Mapping[str, tuple[pa.DataType, Sequence[Any]]]


class EngineError(Exception):
    """The engine could not be opened or a file could not be registered."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class Engine(ABC):
    """A connection to one Ibis backend, with names handed out per run.

    ``backend`` is the Ibis connection itself. ``name`` names the backend in messages
    ("on duckdb"); code never tests it: it asks the capabilities below.
    """

    #: The backend's name, shown to people (``Allocation.engine``, progress messages).
    name: ClassVar[str] = ""
    #: Whether files are read in place (a view scanned by each query that uses it), so
    #: that numbering the rows of a file costs a read of it in order.
    reads_in_place: ClassVar[bool] = False
    #: Whether data files are read from storage URLs (``s3a://``, ``file://``…) by the
    #: backend's own connectors; a backend that cannot is not given a URL workspace.
    reads_urls: ClassVar[bool] = False
    #: Whether text can be parsed in the engine without failing the query (TRY_CAST).
    casts_safely: ClassVar[bool] = False
    #: Whether the time scan may group by 64-bit hashes of the raw keys.
    hashes_keys: ClassVar[bool] = False
    #: A URL of the backend, as advice names it (``duckdb:// (the default, in-process)``).
    example_url: ClassVar[str] = ""

    def __init__(self, backend: Any, url: str, spill: Path | None = None) -> None:
        self.backend = backend  # the Ibis backend
        self.url = url  # with any password hidden
        self.spill = spill  # a folder for what does not fit in memory, where there is one
        self._counter = itertools.count(1)
        self._records: list[list[str]] = []  # open ``recording`` blocks, innermost last

    @classmethod
    @abstractmethod
    def connect(cls, url: str, *, memory_limit: str | None = None) -> Engine:
        """Connect to ``url`` (one of the schemes the backend is registered for).

        Raises whatever the driver raises; ``open_engine`` turns it into advice.
        """

    def fresh(self, stem: str) -> str:
        """A table name not used before in this run."""
        name = f"levelset_{stem}_{next(self._counter)}"
        for record in self._records:
            record.append(name)
        return name

    @contextmanager
    def recording(self) -> Iterator[list[str]]:
        """The names of the tables and views made inside the block (to ``forget`` them
        when what they were made for is replaced)."""
        record: list[str] = []
        self._records.append(record)
        try:
            yield record
        finally:
            self._records.pop()

    def forget(self, names: Collection[str]) -> None:
        """Let go the tables and views of ``names`` (made by this engine) and what holds
        their rows; a name already gone is passed over. A caller that keeps its engine
        open (the web app's session) forgets what it computed for files that changed,
        or each change would keep another copy. Here: nothing to free (temporary
        objects go with the connection)."""
        del names

    def sql(self, expr: ir.Expr) -> str:
        """``expr`` as the backend's SQL (to be wrapped in SQL Ibis cannot write)."""
        return str(self.backend.compile(expr))

    # -- registration: each backend's own bulk path ---------------------------------

    @abstractmethod
    def csv_table(
        self, path: str | Path, columns: Sequence[str], *, numbered: bool = True
    ) -> ir.Table:
        """A CSV file with a header row as a table of text columns plus ``_row``.

        ``path`` is a local path, or a storage URL (text) on a backend that
        ``reads_urls``.
        ``columns`` are the header's names, in order. ``numbered=False`` lets a
        backend that reads files in place leave ``_row`` out, for the scans that need
        no line numbers (a backend that copies the file numbers it at no cost).
        """

    @abstractmethod
    def parquet_table(self, path: str | Path, *, numbered: bool = True) -> ir.Table:
        """A Parquet file as a table of text columns plus ``_row`` (see ``csv_table``).

        Values are turned into text (dates as ``2026-01-05``, numbers as written) so
        that one parser serves CSV and Parquet alike.
        """

    @abstractmethod
    def arrow_table(self, stem: str, data: pa.Table) -> ir.Table:
        """A table built in Python (calendar occurrences, mappings) loaded in bulk."""

    def small_table(self, stem: str, columns: Columns) -> ir.Table:
        """A small table built in Python (distinct keys and what they were read as),
        from each column's type and values."""
        schema = pa.schema([(name, kind) for name, (kind, _) in columns.items()])
        data = {name: list(column) for name, (_, column) in columns.items()}
        return self.arrow_table(stem, pa.table(data, schema=schema))

    def typed_csv(
        self, stem: str, path: str | Path, dates: Collection[str], numbers: Collection[str]
    ) -> ir.Table | None:
        """A CSV file with a header, read with its columns typed as it is read, where the
        backend can: the columns named in ``dates`` as dates written ``YYYY-MM-DD`` (year
        1000 on), those in ``numbers`` as finite numbers written plainly (no digit
        separator, no ``+-``; blank is NULL), the others as text. A value that is not so
        written fails the query that reads the table, with one of the backend's errors
        (the caller then reads the file as text, row by row). ``None`` where the backend
        has no typed read: the file is then read as text (``csv_table``).
        """
        return None

    def trim(self, column: ir.StringValue) -> ir.StringValue:
        """``column`` without the white space around it (``strip``)."""
        return column.strip()

    def materialize(self, stem: str, expr: ir.Table) -> ir.Table:
        """Compute ``expr`` once and keep the result as a temporary table."""
        return self.backend.create_table(self.fresh(stem), expr, temp=True)

    def view(self, stem: str, expr: ir.Table) -> ir.Table:
        """``expr`` under a name, computed again by each query that reads it, where the
        backend reads a view for less than a table's copy of it (a view of a kept
        table); else kept as a table (``materialize``)."""
        return self.materialize(stem, expr)

    def stash(self, stem: str, expr: ir.Table) -> ir.Table:
        """Compute ``expr`` once and keep the result where it takes least of the memory
        the engine is held to (``materialize`` unless the backend spills)."""
        return self.materialize(stem, expr)

    def materialize_sql(self, stem: str, sql: str) -> ir.Table:
        """``materialize`` for a query written in SQL (one Ibis cannot write), whose
        result is known to be small: kept where the backend keeps small tables (as
        ``stash_sql`` unless the backend keeps them apart)."""
        return self.stash_sql(stem, sql)

    def stash_sql(self, stem: str, sql: str) -> ir.Table:
        """``stash`` for a query written in SQL (one Ibis cannot write)."""
        name = self.fresh(stem)
        self.backend.raw_sql(f"CREATE TEMP TABLE {sql_name(name)} AS {sql}")
        return self.backend.table(name)

    def drop(self, table: ir.Table | None) -> None:
        """Let a table built on the way go, where that frees the engine's memory (a
        temporary table elsewhere goes with the connection)."""
        del table  # nothing to free here

    def to_arrow(self, expr: ir.Expr) -> pa.Table:
        """Run ``expr`` and fetch its result."""
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

    def recover(self) -> None:
        """Make the connection usable again after a statement failed (a file it could
        not read): nothing to do unless the backend refuses statements until then."""
        return

    def data_errors(self) -> tuple[type[Exception], ...]:
        """What the backend's own driver raises on data it cannot take (a file it cannot
        read), besides DuckDB's errors, which every pipeline knows."""
        return ()

    def close(self) -> None:
        """Let the connection go (temporary tables go with it)."""
        disconnect = getattr(self.backend, "disconnect", None)
        if disconnect is not None:
            disconnect()


def sql_name(name: str) -> str:
    """``name`` as a quoted SQL identifier (a column or table name)."""
    return '"' + name.replace('"', '""') + '"'


def sql_text(text: str) -> str:
    """``text`` as a quoted SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def schema_of(columns: Mapping[str, str]) -> ibis.Schema:
    """An Ibis schema from ``{name: type}``."""
    return ibis.schema(dict(columns))
