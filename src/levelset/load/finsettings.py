"""``[finance]`` in ``levelset.toml``: the as-of day, cost of capital, aging, DSO period
and the gross margin that stands for the cost of goods exported books do not give."""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from itertools import pairwise
from typing import Any

from levelset.load import schema
from levelset.load.problems import Problems
from levelset.model import Location
from levelset.model.finance import FinanceSettings

TOML_FILE = "levelset.toml"
_DEFAULTS = FinanceSettings()


def read_finance(
    table: dict[str, Any], lines: list[str], header: int | None, problems: Problems
) -> FinanceSettings:
    """The ``[finance]`` table read into settings; each bad value is a problem and its
    default is kept."""

    def line_of(key: str) -> int | None:
        pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
        for number in range(header or 1, len(lines) + 1):
            if pattern.match(lines[number - 1]):
                return number
        return header

    def bad(key: str, message: str, hint: str) -> None:
        problems.add(TOML_FILE, line_of(key), f"[finance] {key} {message}", hint)

    as_of = _DEFAULTS.as_of
    rate = _DEFAULTS.cost_of_capital
    buckets = _DEFAULTS.aging_buckets
    dso_days = _DEFAULTS.dso_days
    if "as_of" in table:
        value = table["as_of"]
        if isinstance(value, datetime):
            as_of = value.date()
        elif isinstance(value, date):
            as_of = value
        elif isinstance(value, str) and _iso(value.strip()):
            as_of = _iso(value.strip())
        else:
            bad("as_of", f"should be a date, not {value!r}", "write as_of = 2026-09-30")
    if "cost_of_capital" in table:
        value = table["cost_of_capital"]
        if _number(value) and 0 <= value < 1:
            rate = float(value)
        else:
            bad(
                "cost_of_capital",
                f"should be an annual rate between 0 and 1, not {value!r}",
                "write cost_of_capital = 0.10 for 10% a year (the default)",
            )
    if "aging_buckets" in table:
        value = table["aging_buckets"]
        edges = value if isinstance(value, list) else None
        good = (
            edges is not None
            and len(edges) > 0
            and all(isinstance(e, int) and not isinstance(e, bool) and e > 0 for e in edges)
            and all(a < b for a, b in pairwise(edges))
        )
        if good and edges is not None:
            buckets = tuple(int(e) for e in edges)
        else:
            bad(
                "aging_buckets",
                f"should be a rising list of whole days past due, not {value!r}",
                "write aging_buckets = [30, 60, 90] (the default)",
            )
    if "dso_days" in table:
        value = table["dso_days"]
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            dso_days = value
        else:
            bad(
                "dso_days",
                f"should be a whole number of days above 0, not {value!r}",
                "write dso_days = 90 (the default)",
            )
    margin = _DEFAULTS.gross_margin
    if "gross_margin" in table:
        value = table["gross_margin"]
        if _number(value) and 0 <= value <= 1:
            margin = float(value)
        else:
            bad(
                "gross_margin",
                f"should be a share between 0 and 1, not {value!r}",
                "write gross_margin = 0.25 for a 25% margin: the cost of goods of an "
                "invoice that gives none is then 75% of its amount",
            )
    problems.unknown_keys(
        TOML_FILE, "finance", table, [f.name for f in schema.FINANCE.fields], line_of
    )
    return FinanceSettings(
        as_of=as_of,
        cost_of_capital=rate,
        aging_buckets=buckets,
        dso_days=dso_days,
        location=Location(TOML_FILE, header),
        gross_margin=margin,
    )


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _iso(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None
