"""PostgreSQL: files copied in with ``COPY FROM STDIN``, temporary tables throughout.

A file is copied into a temporary table (numbered as it is copied, at no cost), a table
built in Python is written to ``COPY`` as CSV. PostgreSQL has no TRY_CAST (dates and
odd numbers are read in Python) and refuses every statement after a failed one until
the transaction is rolled back. psycopg is imported only when a PostgreSQL engine is
used: it is slow to import.
"""

from __future__ import annotations

import io
from collections.abc import Collection, Sequence
from pathlib import Path

import ibis
import ibis.expr.types as ir
import pyarrow as pa
import pyarrow.parquet as pq

from levelset.engine.backends.base import ROW, Engine, sql_name
from levelset.engine.backends.registry import register_backend

_COPY_BATCH = 65536  # rows turned into CSV text at a time


class PostgresEngine(Engine):
    """A PostgreSQL server (``postgres://user:password@host:port/database``)."""

    name = "postgres"
    example_url = "postgres://user:password@host:port/database"

    @classmethod
    def connect(cls, url: str, *, memory_limit: str | None = None) -> PostgresEngine:
        """Connect to the server (``memory_limit`` is the server's business)."""
        backend = ibis.connect(url.replace("postgresql://", "postgres://", 1))
        return cls(backend, url)

    def csv_table(
        self, path: str | Path, columns: Sequence[str], *, numbered: bool = True
    ) -> ir.Table:
        """The file copied into a temporary table, always numbered."""
        with Path(path).open("rb") as stream:
            return self._copy_file(stream, columns, header=True)

    def parquet_table(self, path: str | Path, *, numbered: bool = True) -> ir.Table:
        """The file copied batch by batch as CSV text, always numbered."""
        parquet = pq.ParquetFile(path)
        return self._copy_file(_ParquetCsv(parquet), parquet.schema_arrow.names, header=False)

    def arrow_table(self, stem: str, data: pa.Table) -> ir.Table:
        """A temporary table of ``data``'s schema, filled by ``COPY``."""
        name = self.fresh(stem)
        table = self.backend.create_table(name, schema=ibis.schema(data.schema), temp=True)
        if data.num_rows:
            columns = [str(c) for c in data.schema.names]
            self._copy_into(name, columns, _ArrowCsv(data))
        return table

    def drop(self, table: ir.Table | None) -> None:
        """Drop the temporary table: a session kept open would hold it until it ends."""
        if table is not None:
            self.forget([table.get_name().split(".")[-1]])

    def forget(self, names: Collection[str]) -> None:
        """Drop the temporary tables and views of ``names``: a session kept open would
        otherwise hold every one until it ends."""
        import psycopg  # noqa: PLC0415 - loaded with the PostgreSQL backend

        wanted = set(names)
        if not wanted:
            return
        with self.backend.con.cursor() as cursor:
            cursor.execute(
                "SELECT relname, relkind FROM pg_class WHERE relnamespace = pg_my_temp_schema()"
            )
            made = {name: kind for name, kind in cursor.fetchall() if name in wanted}
            for name, kind in sorted(made.items(), key=lambda item: item[1] != "v"):
                what = "VIEW" if kind == "v" else "TABLE"
                try:  # each statement its own transaction (the connection autocommits)
                    cursor.execute(f"DROP {what} IF EXISTS pg_temp.{sql_name(name)}")
                except psycopg.Error:  # still read by another: it goes with the session
                    continue

    def recover(self) -> None:
        """Roll back: after a failed statement PostgreSQL refuses all others until then."""
        self.backend.con.rollback()

    def data_errors(self) -> tuple[type[Exception], ...]:
        """psycopg's data errors (a file whose rows ``COPY`` cannot take)."""
        import psycopg  # noqa: PLC0415 - loaded with the PostgreSQL backend

        return (psycopg.DataError,)

    def _copy_into(self, name: str, columns: Sequence[str], stream: _ArrowCsv) -> None:
        names = ", ".join(sql_name(c) for c in columns)
        connection = self.backend.con
        with connection.cursor() as cursor:
            copy_sql = f"COPY {name} ({names}) FROM STDIN WITH (FORMAT csv)"
            with cursor.copy(copy_sql) as copy:
                while chunk := stream.read(1 << 20):
                    copy.write(chunk)
        connection.commit()

    def _copy_file(
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


register_backend(PostgresEngine, "postgres", "postgresql")
