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

from collections.abc import Sequence

import ibis
import ibis.expr.types as ir

from levelset.engine.backends import Engine
from levelset.engine.reading import csv_header
from levelset.model.finance import FinanceSource


def typed_eligible(source: FinanceSource, typed: Sequence[str]) -> bool:
    """Whether ``source`` (a CSV file with its header on line 1) can be read typed: its
    columns named once, each typed role's column used by that role only."""
    if source.container != "csv" or source.header_line != 1 or source.sheet:
        return False
    if source.delimiter != ",":  # read in Python, its decimal commas made plain
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
) -> ir.Table | None:
    """The rows of ``source``: ``src``, its text roles trimmed (``""`` when absent) and,
    for each date and number role it has, ``<role>_e`` (NULL when blank), its rows
    with a value in some role only.

    A view: reading it fails (with one of the engine's errors) when a value is not plainly
    written. ``None`` when the engine has no typed read (``Engine.typed_csv``).
    """
    names = dict(source.columns)
    date_columns = {names[role]: role for role in dates if role in names}
    number_columns = {names[role]: role for role in numbers if role in names}
    table = engine.typed_csv("typed", source.path, date_columns, number_columns)
    if table is None:
        return None
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
