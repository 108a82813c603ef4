"""The typed fast path of a large finance CSV file on DuckDB.

Most of a large file's cost is its text: every value copied as text, trimmed, its dates
and numbers matched against patterns. A file whose dates and numbers are all plainly
written can instead be read with its dates as ``DATE`` (strictly ``YYYY-MM-DD``) and its
numbers cast to ``DOUBLE`` as they are read, keeping as text only the columns that are
text. Any value the typed read does not take makes the whole read fail, and the file is
then read the usual way (``files.read_source``): what it reports, and where, is
unchanged.

The typed read takes a subset of what the usual readers take, with the same values
(``tests/engine/test_fintables.py`` holds the spellings compared). Where DuckDB's casts
take more than ``values`` does, they are guarded: years before 1000 (``26-01-05`` is
year 26 to DuckDB, not a date to levelset), ``nan`` and ``inf``, underscores between
digits (``1_000``) and a sign after a plus (``+-1``) fail the read.

A typed read leaves the text of a date or number it read unknown, and problems show the
text as written: the fast path is taken only for files read without row numbers, which
are read again, numbered and the usual way, when a row turns out to have a fault.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

import ibis
import ibis.expr.types as ir

from levelset.engine.connection import Engine, sql_name, sql_text
from levelset.engine.timekeys import csv_header
from levelset.model.finance import FinanceSource

_FIRST_DAY = "1000-01-01"  # the first day read as YYYY-MM-DD by the engine (engine_date)


def typed_eligible(source: FinanceSource, typed: Sequence[str]) -> bool:
    """Whether ``source`` (a CSV file with its header on line 1) can be read typed: its
    columns named once, each typed role's column used by that role only."""
    if source.container != "csv" or source.header_line != 1 or source.sheet:
        return False
    header = csv_header(source.path)
    if not header or len(set(header)) != len(header) or not all(n.strip() for n in header):
        return False
    columns = dict(source.columns)
    used = [columns[role] for role in columns]
    return all(used.count(columns[role]) == 1 for role in typed if role in columns)


def typed_source(
    engine: Engine,
    index: int,
    source: FinanceSource,
    roles: Sequence[str],
    *,
    dates: Sequence[str],
    numbers: Sequence[str],
) -> ir.Table:
    """The rows of ``source``: ``src``, its text roles trimmed (``""`` when absent) and,
    for each date and number role it has, ``<role>_e`` (NULL when blank), its rows
    with a value in some role only.

    A view: reading it fails (``duckdb.Error``) when a value is not plainly written.
    """
    names = dict(source.columns)
    date_columns = {names[role]: role for role in dates if role in names}
    number_columns = {names[role]: role for role in numbers if role in names}
    table = typed_csv_view(engine, source, date_columns, number_columns)
    typed = {**{r: c for c, r in date_columns.items()}, **{r: c for c, r in number_columns.items()}}
    blank = ibis.literal("", type="string")
    text = {
        role: engine.trim(table[names[role]].fill_null("")) if role in names else blank
        for role in roles
        if role not in typed
    }
    values = {f"{role}_e": table[column] for role, column in typed.items()}
    # The values first: a row with one is kept without trimming its text to see.
    filled = [v.notnull() for v in values.values()] + [value != "" for value in text.values()]
    read = table.select(src=ibis.literal(index, type="int64"), **text, **values)
    return read.filter(ibis.or_(*filled)) if filled else read


def typed_csv_view(
    engine: Engine,
    source: FinanceSource,
    date_columns: Collection[str],
    number_columns: Collection[str],
) -> ir.Table:
    """The CSV file of ``source`` read by DuckDB's ``read_csv`` with ``date_columns`` as
    ``DATE`` and ``number_columns`` cast to ``DOUBLE``, the other columns as text: a
    temporary view, the one statement of the finance steps written in DuckDB's SQL."""
    header = csv_header(source.path)
    types = ", ".join(
        f"{sql_name(c)}: '{'DATE' if c in date_columns else 'VARCHAR'}'" for c in header
    )
    cast = [
        f"{_number(c)} AS {sql_name(c)}" if c in number_columns else sql_name(c) for c in header
    ]
    checked = [
        f"{_date(c)} AS {sql_name(c)}"
        if c in date_columns
        else f"{_finite(c)} AS {sql_name(c)}"
        if c in number_columns
        else sql_name(c)
        for c in header
    ]
    name = engine.fresh("typed")
    engine.backend.raw_sql(
        f"CREATE TEMP VIEW {name} AS SELECT {', '.join(checked)} FROM (SELECT {', '.join(cast)} "
        f"FROM read_csv({sql_text(str(source.path))}, header = true, columns = {{{types}}}, "
        "dateformat = '%Y-%m-%d', delim = ',', quote = '\"', escape = '\"', "
        "auto_detect = false))"
    )
    return engine.backend.table(name)


def _date(column: str) -> str:
    """A date the reader took, unless before year 1000 (which ``values`` reads another
    way, or not at all)."""
    c = sql_name(column)
    return (
        f"CASE WHEN {c} IS NULL OR {c} >= DATE '{_FIRST_DAY}' THEN {c} "
        f"ELSE error('levelset: a date before year 1000') END"
    )


def _number(column: str) -> str:
    """The number a text holds, NULL when blank; the read fails on any text ``values``
    would not read as a number (then on ``nan`` and ``inf``: see ``_finite``)."""
    c = sql_name(column)
    return (
        f"CASE WHEN {c} IS NULL OR {c} = '' THEN NULL "
        f"WHEN strpos({c}, '_') = 0 AND strpos({c}, '+-') = 0 THEN CAST({c} AS DOUBLE) "
        "ELSE error('levelset: not a plain number') END"
    )


def _finite(column: str) -> str:
    """A number read by ``_number``, unless ``nan`` or infinite (not numbers to ``values``)."""
    c = sql_name(column)
    return f"CASE WHEN {c} IS NULL OR isfinite({c}) THEN {c} ELSE error('levelset: not finite') END"
