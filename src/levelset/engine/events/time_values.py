"""What the files' dates, hours and customers mean: read once per distinct text.

A file of millions of entries names a few hundred days, hour amounts and customers;
their distinct texts (from the scan) are fetched once (``read_texts``), read in Python
and loaded back as small mapping tables, to be joined to the scan's groups. Nothing here
depends on the workspace's YAML: only on the files and ``[data]`` (``max_entry_hours``),
so it is kept with the scans and not read again when only the YAML changed (the texts
of people and work too: ``time_resolution`` reads them again for each workspace).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import ibis
import ibis.expr.types as ir
import pyarrow as pa

from levelset.engine.backends import Engine
from levelset.engine.events.cube import monday
from levelset.engine.reading import DateReader, read_hours
from levelset.model.events import TimeSource


@dataclass(frozen=True)
class Dictionary:
    """A mapping table of distinct raw keys; whether any has a flaw; and whether no two
    of its usable keys map to the same value (then grouping by the value is grouping by
    the key)."""

    table: ir.Table
    flawed: bool
    one_to_one: bool


def build_dictionary(
    engine: Engine,
    stem: str,
    rows: Sequence[Mapping[str, Any]],
    *,
    keys: Mapping[str, pa.DataType],
    resolve: Callable[[Mapping[str, Any]], Mapping[str, Any]],
    schema: Mapping[str, pa.DataType],
) -> tuple[ir.Table, bool, dict[str, list[Any]]]:
    """A mapping table: each row's ``keys`` and what ``resolve`` makes of them; whether
    any of them has a flaw (a non-empty column whose name ends in ``flaw``); and the
    table's columns as Python lists."""
    columns: dict[str, list[Any]] = {name: [] for name in (*keys, *schema)}
    flawed = False
    for row in rows:
        for name in keys:
            columns[name].append(row[name])
        for name, value in resolve(row).items():
            columns[name].append(value)
            flawed = flawed or (name.endswith("flaw") and bool(value))
    kinds = {**keys, **schema}
    table = engine.small_table(
        stem, {name: (kinds[name], values) for name, values in columns.items()}
    )
    return table, flawed, columns


class KeyTexts:
    """The distinct texts of the scans' raw keys, fetched from the engine once: for
    each key (``who``, ``work``, ``customer``, ``day``, ``raw_hours``) a row of ``file``,
    ``key`` and ``text`` per text, a date or hours value the scan read itself left out;
    a customer's row also has ``trimmed``, its text trimmed as the engine trims it.

    Plain Python rows, held with the scans: resolving them against a changed workspace
    asks the engine nothing. (Not a dataclass: the service walks dataclasses for the
    engine's tables they hold, and these hold none.)
    """

    def __init__(self, rows: Sequence[Mapping[str, Any]]) -> None:
        self._parts: dict[str, list[Mapping[str, Any]]] = {}
        for row in rows:
            self._parts.setdefault(row["part"], []).append(row)

    def of(self, part: str) -> list[Mapping[str, Any]]:
        """The rows of one raw key, in the order the engine gave them."""
        return self._parts.get(part, [])

    def collide(self) -> bool:
        """Whether two texts of one key of one file share a key (their hash)."""
        return any(
            len({(row["file"], row["key"]) for row in rows}) < len(rows)
            for rows in self._parts.values()
        )


def read_texts(engine: Engine, texts: ir.Table) -> KeyTexts:
    """The texts of the scans' keys (``texts``: ``file``, ``part``, ``key``, ``text``),
    fetched in one query."""
    named = texts.filter(texts.text.notnull())
    customer = named.part == "customer"
    trimmed = ibis.ifelse(customer, engine.trim(named.text), ibis.null("string"))
    return KeyTexts(engine.rows(named.select("file", "part", "key", "text", trimmed=trimmed)))


@dataclass(frozen=True)
class FileValues:
    """The mapping tables of the scans' dates, hours and customers: ``None`` for dates
    and hours when the scans read every one of them; and whether any date or hours
    value has a flaw."""

    days: ir.Table | None
    hours: ir.Table | None
    customers: Dictionary
    dates_flawed: bool
    hours_flawed: bool


def read_file_values(
    engine: Engine,
    texts: KeyTexts,
    sources: Sequence[TimeSource],
    max_hours: float,
    key_type: pa.DataType,
) -> FileValues:
    """The dates, hours and customers of the distinct ``texts`` of the scans' raw keys."""
    days, dates_flawed = _days(engine, texts, sources, key_type)
    hours, hours_flawed = _hours(engine, texts, max_hours, key_type)
    customers = _customers(engine, texts, key_type)
    return FileValues(days, hours, customers, dates_flawed, hours_flawed)


def _days(
    engine: Engine, texts: KeyTexts, sources: Sequence[TimeSource], key_type: pa.DataType
) -> tuple[ir.Table | None, bool]:
    """``(file, day)`` -> the date, its week's Monday and what is wrong with it; and
    whether anything is. ``None`` when the scan read every date itself."""
    rows = texts.of("day")
    if not rows:
        return None, False
    orders = {source.file: source.date_order for source in sources}
    readers: dict[str, DateReader] = {}
    for file in {row["file"] for row in rows}:
        values = [row["text"].strip() for row in rows if row["file"] == file]
        readers[file] = DateReader.for_values(values, orders.get(file, "ymd"))

    def resolve(row: Mapping[str, Any]) -> dict[str, Any]:
        day, flaw = readers[row["file"]].read(row["text"].strip())
        return {"dte": day, "week": None if day is None else monday(day), "date_flaw": flaw}

    schema = {"dte": pa.date32(), "week": pa.date32(), "date_flaw": pa.string()}
    keys = {"file": pa.string(), "key": key_type, "text": pa.string()}
    table, flawed, _ = build_dictionary(
        engine, "time_days", rows, keys=keys, resolve=resolve, schema=schema
    )
    return table.rename(day_file="file", day_key="key", day_text="text", day_week="week"), flawed


def _hours(
    engine: Engine, texts: KeyTexts, max_hours: float, key_type: pa.DataType
) -> tuple[ir.Table | None, bool]:
    """Raw hours text -> hours and what is wrong with them; and whether anything is.
    ``None`` when the scan read every hours value itself."""
    # One row per text, wherever it is written (a text has one key in every file).
    rows = list({row["text"]: row for row in texts.of("raw_hours")}.values())
    if not rows:
        return None, False

    def resolve(row: Mapping[str, Any]) -> dict[str, Any]:
        value, flaw = read_hours(row["text"], max_hours)
        return {"value": value, "flaw": flaw}

    schema = {"value": pa.float64(), "flaw": pa.string()}
    keys = {"key": key_type, "text": pa.string()}
    table, flawed, _ = build_dictionary(
        engine, "time_hours", rows, keys=keys, resolve=resolve, schema=schema
    )
    return table.rename(hours_key="key", hours_text="text"), flawed


def _customers(engine: Engine, texts: KeyTexts, key_type: pa.DataType) -> Dictionary:
    """``(file, customer)`` -> the customer as the cube names it (trimmed, ``NULL``
    when blank), and whether no two keys name the same customer (none has white
    space to trim: so no two differ only by it)."""
    rows = texts.of("customer")
    table = engine.small_table(
        "time_customers",
        {
            "customer_file": (pa.string(), [row["file"] for row in rows]),
            "customer_key": (key_type, [row["key"] for row in rows]),
            "customer_name": (pa.string(), [row["trimmed"] or None for row in rows]),
        },
    )
    changed = any(row["trimmed"] != row["text"] for row in rows)
    return Dictionary(table, False, one_to_one=not changed)
