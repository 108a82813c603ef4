"""The dates and numbers of raw rows: what the scan read, and the rest read in Python.

The scan reads most values as it copies the text (``<role>_e``); the distinct texts it
left are fetched in one query, read in Python (``values``) and joined back through small
dictionary tables, so a file of millions of rows sends a few hundred values to Python.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import ibis
import ibis.expr.types as ir
import pyarrow as pa

from levelset.engine.backends import Engine
from levelset.engine.finance.tables import DATE_ROLES, NUMBER_ROLES
from levelset.engine.finance.values import DATE_ORDER, date_reader, dictionary, read_amount
from levelset.model.finance import FinanceKind, FinanceSource


def decode(
    engine: Engine,
    sources: Sequence[FinanceSource],
    table: ir.Table,
    kind: FinanceKind,
    *,
    typed_only: bool,
) -> ir.Table:
    """``<role>_v`` for each date and number role, and ``<role>_flaw`` for each date.

    What the scan read (``<role>_e``) is kept; the distinct texts it left (dates as
    (source, text) pairs, each source in its format's order; numbers written
    ``1.234,56``) are fetched in one query, read in Python and joined back.
    ``typed_only``: every row was read typed (``Scan.typed_only``).
    """
    dates, numbers = DATE_ROLES.get(kind, ()), NUMBER_ROLES.get(kind, ())
    if typed_only:
        # A typed read leaves a date or number unread only when it is blank.
        return table.mutate(
            **{f"{role}_v": table[f"{role}_e"] for role in (*dates, *numbers)},
            **{
                f"{role}_flaw": ibis.ifelse(table[f"{role}_e"].isnull(), "no date", "")
                for role in dates
            },
        )
    parts = [
        table.filter(table[f"{role}_e"].isnull()).select(
            "src", text=table[role], number=ibis.literal(False)
        )
        for role in dates
    ] + [
        table.filter(table[f"{role}_e"].isnull() & (table[role] != "")).select(
            src=ibis.literal(-1, type="int64"), text=table[role], number=ibis.literal(True)
        )
        for role in numbers
    ]
    unread = engine.to_arrow(ibis.union(*parts).distinct()).to_pylist()
    pairs = [(r["src"], r["text"]) for r in unread if not r["number"]]
    keys = [r["text"] for r in unread if r["number"]]
    table = _dates(engine, sources, table, dates, pairs)
    return _numbers(engine, table, numbers, keys)


def read_distinct(
    engine: Engine,
    table: ir.Table,
    role: str,
    read: Callable[[str], tuple[Any, str]],
    kind: pa.DataType,
) -> ir.Table:
    """The distinct values of ``role`` read in Python: key -> value, flaw."""
    keys = [r[role] for r in engine.rows(table.select(role).distinct())]
    read_keys = [read(key) for key in keys]
    return dictionary(
        engine,
        f"fin_{role}",
        {"key": keys},
        {
            "value": (kind, [r[0] for r in read_keys]),
            "flaw": (pa.string(), [r[1] for r in read_keys]),
        },
    )


def _dates(
    engine: Engine,
    sources: Sequence[FinanceSource],
    table: ir.Table,
    roles: Sequence[str],
    pairs: list[tuple[int, str]],
) -> ir.Table:
    """``<role>_v`` and ``<role>_flaw``: read in the scan, or from ``pairs``, the
    distinct (source, text) the scan left, read in Python."""
    if not pairs:  # every date was read in the scan
        return table.mutate(
            **{f"{role}_v": table[f"{role}_e"] for role in roles},
            **{f"{role}_flaw": ibis.literal("", type="string") for role in roles},
        )
    by_source: dict[int, list[str]] = {}
    for src, text in pairs:
        by_source.setdefault(src, []).append(text)
    srcs: list[int] = []
    texts: list[str] = []
    values: list[Any] = []
    flaws: list[str] = []
    for src, found in by_source.items():
        order = DATE_ORDER[sources[src].format]
        read = date_reader([t for t in found if t], order)
        for text in found:
            value, flaw = read(text)
            srcs.append(src)
            texts.append(text)
            values.append(value)
            flaws.append(flaw)
    days = engine.small_table(
        "fin_days",
        {
            "d_src": (pa.int64(), srcs),
            "d_text": (pa.string(), texts),
            "d_value": (pa.date32(), values),
            "d_flaw": (pa.string(), flaws),
        },
    )
    for role in roles:
        named = days.rename({f"{role}_src": "d_src", f"{role}_text": "d_text"}).rename(
            {f"{role}_d": "d_value", f"{role}_df": "d_flaw"}
        )
        table = table.left_join(
            named,
            # A text in the dictionary is one the scan did not read, wherever it is.
            [table.src == named[f"{role}_src"], table[role] == named[f"{role}_text"]],
        ).drop(f"{role}_src", f"{role}_text")
    return table.mutate(
        **{f"{role}_v": ibis.coalesce(table[f"{role}_e"], table[f"{role}_d"]) for role in roles},
        **{f"{role}_flaw": table[f"{role}_df"].fill_null("") for role in roles},
    ).drop(*(f"{role}_{end}" for role in roles for end in ("d", "df")))


def _numbers(engine: Engine, table: ir.Table, roles: Sequence[str], keys: list[str]) -> ir.Table:
    """``<role>_v``: read in the scan when plainly written, or from ``keys``, the few
    other spellings (``1.234,56``), read in Python."""
    if not keys:
        return table.mutate(**{f"{role}_v": table[f"{role}_e"] for role in roles})
    read = [read_amount(key) for key in keys]
    odd = dictionary(
        engine,
        "fin_amounts",
        {"key": keys},
        {"value": (pa.float64(), [r[0] for r in read])},
    )
    for role in roles:
        named = odd.rename({f"{role}_k": "key", f"{role}_o": "value"})
        table = table.left_join(named, table[role] == named[f"{role}_k"])
    return table.mutate(
        **{f"{role}_v": ibis.coalesce(table[f"{role}_e"], table[f"{role}_o"]) for role in roles}
    ).drop(*(f"{role}_{end}" for role in roles for end in ("k", "o")))
