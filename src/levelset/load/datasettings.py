"""``[data]`` in ``levelset.toml``: the analysis window, the engine, where the data folder
is, and limits on rows."""

from __future__ import annotations

import math
import re
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

from levelset.load import schema
from levelset.load.problems import Problems
from levelset.model import Location, parse_period
from levelset.model.events import DataSettings

TOML_FILE = "levelset.toml"
_RANGE = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})\s*\.\.\s*(\d{4}-\d{2}-\d{2})\s*$")
_SIZE = re.compile(r"^\s*(\d+(\.\d+)?)\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)\s*$", re.IGNORECASE)
_LEAST_MEMORY = 64 * 1000**2  # less, and DuckDB cannot read a large file at all
_WINDOW_HINT = (
    'write window = "2026-07-06..2026-10-25", "2026-Q3" or {start = 2026-07-06, end = 2026-10-25}'
)


def read_data(
    table: dict[str, Any], lines: list[str], header: int | None, problems: Problems
) -> DataSettings:
    """The ``[data]`` table read into settings; each bad value is a problem and its default
    is kept."""
    start: date | None = None
    end: date | None = None
    engine: str | None = None
    memory: str | None = None
    files: str | None = None
    limits = {"max_entry_hours": 24.0, "week_hours": 40.0}

    def line_of(key: str) -> int | None:
        pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
        for number in range(header or 1, len(lines) + 1):
            if pattern.match(lines[number - 1]):
                return number
        return header

    if "window" in table:
        window = _window(table["window"])
        if isinstance(window, str):
            problems.add(TOML_FILE, line_of("window"), f"[data] window: {window}", _WINDOW_HINT)
        else:
            start, end = window
    if "engine" in table:
        value = table["engine"]
        if isinstance(value, str) and value.strip():
            engine = value.strip()
        else:
            problems.add(
                TOML_FILE,
                line_of("engine"),
                "[data] engine should be a connection URL in double quotes",
                'write engine = "duckdb://" or "postgres://user:password@host:5432/database"',
            )
    if "memory_limit" in table:
        value = table["memory_limit"]
        found = _SIZE.match(value) if isinstance(value, str) else None
        if found and _bytes(float(found[1]), found[3]) >= _LEAST_MEMORY:
            memory = f"{found[1]}{found[3].upper().replace('I', 'i')}"
        else:
            problems.add(
                TOML_FILE,
                line_of("memory_limit"),
                f"[data] memory_limit should be a size of 64MB or more, not {value!r}",
                'write memory_limit = "2GB" (in KB, MB, GB or TB; the default is "640MB")',
            )
    if "files" in table:
        value = table["files"]
        if isinstance(value, str) and value.strip():
            files = value.strip()
        else:
            problems.add(
                TOML_FILE,
                line_of("files"),
                "[data] files should be the data folder's path or storage URL in double quotes",
                'write files = "../shared/acme-data" or "s3a://bucket/acme/data" (the default '
                "is the workspace's data/ folder)",
            )
    for key, default in limits.items():
        if key not in table:
            continue
        value = table[key]
        good = (
            isinstance(value, int | float)
            and not isinstance(value, bool)
            and math.isfinite(value)
            and value > 0
        )
        if good:
            limits[key] = float(value)
        else:
            problems.add(
                TOML_FILE,
                line_of(key),
                f"[data] {key} should be a number above 0, not {value!r}",
                f"write {key} = {default:g} (the default)",
            )
    problems.unknown_keys(TOML_FILE, "data", table, [f.name for f in schema.DATA.fields], line_of)
    return DataSettings(
        window_start=start,
        window_end=end,
        engine=engine,
        max_entry_hours=limits["max_entry_hours"],
        week_hours=limits["week_hours"],
        memory_limit=memory,
        location=Location(TOML_FILE, header),
        files=files,
        files_location=Location(TOML_FILE, line_of("files")) if files else Location(""),
    )


def files_setting(root: Path) -> str | None:
    """``[data] files`` of the workspace at ``root`` as written, for what watches the
    files before the workspace is loaded (``None`` when unset, or when levelset.toml
    cannot be read: the loader then reports why)."""
    try:
        table = tomllib.loads((root / TOML_FILE).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    data = table.get("data")
    value = data.get("files") if isinstance(data, dict) else None
    return value.strip() if isinstance(value, str) and value.strip() else None


def _bytes(amount: float, unit: str) -> float:
    """``amount`` of ``unit`` (``MB`` is 1000², ``MiB`` 1024², as DuckDB reads them)."""
    base = 1024 if "i" in unit.lower() else 1000
    power: int = "kmgt".index(unit[0].lower()) + 1
    return amount * float(base**power)


def _window(value: object) -> tuple[date, date] | str:
    # A period ("2026-Q3"), a range of dates ("a..b") or a table {start, end}.
    if isinstance(value, dict):
        first, last = value.get("start"), value.get("end")
        if not (isinstance(first, date) and isinstance(last, date)) or set(value) - {
            "start",
            "end",
        }:
            return "a window table needs exactly start and end, both dates"
        return _ordered(first, last)
    if not isinstance(value, str):
        return f"{value!r} is not a window"
    if found := _RANGE.match(value):
        try:
            first, last = date.fromisoformat(found[1]), date.fromisoformat(found[2])
        except ValueError as error:
            return f"{value!r} holds an impossible date ({error})"
        return _ordered(first, last)
    try:
        period = parse_period(value)
    except ValueError as error:
        return str(error)
    return period.start, period.end


def _ordered(first: date, last: date) -> tuple[date, date] | str:
    if last < first:
        return f"the window ends ({last}) before it starts ({first})"
    return first, last
