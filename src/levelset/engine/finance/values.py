"""The values of finance rows: amounts read in the engine where plainly written, and the
few distinct other spellings (amounts like ``1.234,56``, dates, terms, periods) read in
Python, then joined back through a small ``dictionary`` table.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

import ibis
import ibis.expr.types as ir
import pyarrow as pa

from levelset.engine.backends import Engine
from levelset.engine.reading import DateReader
from levelset.model.finance import FinanceFormat
from levelset.model.period import parse_period

# What is read in the engine: a plain decimal, once currency signs, spaces, accounting
# parentheses and thousands commas are taken off. Anything else goes to read_amount.
PLAIN = r"^[-+]?[0-9]+(\.[0-9]+)?$"
# Longer plain numbers are left to Python: 300 characters hold only finite doubles,
# where a longer one is infinite in DuckDB and out of range (an error) in PostgreSQL.
# (A length test, not a regex bound: PostgreSQL allows bounds up to 255 only.)
_PLAIN_LENGTH = 300
_THOUSANDS = r"^[-+]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?$"
_SIGNS = r"[$€£¥\s]"
_EUROPEAN = re.compile(r"[-+]?\d{1,3}([. ]\d{3})*(,\d+)?")
_NUMBER = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?")
_TERMS = re.compile(r"(?:net|n)?\s*(\d{1,4})\s*(?:days?|d)?", re.IGNORECASE)
_ON_RECEIPT = {"due on receipt", "on receipt", "upon receipt", "cod", "immediate", "due now"}
_MONTH_FORMATS = ("%d %b %Y", "%d %B %Y", "%b %d, %Y", "%B %d, %Y", "%d-%b-%Y", "%d-%b-%y")
# The order a format writes local dates in, when not as YYYY-MM-DD.
DATE_ORDER = {
    FinanceFormat.LEVELSET: "mdy",
    FinanceFormat.QUICKBOOKS: "mdy",
    FinanceFormat.XERO: "dmy",
}


def engine_amount(text: ir.StringValue) -> ir.FloatingValue:
    """The number ``text`` plainly holds (``1500``, ``$1,500.00``, ``(250.00)``), else NULL.

    Regex-guarded, so the same on DuckDB and PostgreSQL (which has no TRY_CAST). A plain
    decimal (nearly every value of a large file) is cast after a single regex test; the
    steps that take signs, parentheses and thousands commas off run only for the rest.
    """
    bare = text.re_replace(_SIGNS, "")
    negative = bare.re_search(r"^\(.*\)$")
    inner = bare.re_replace(r"[()]", "")
    plain = ibis.ifelse(inner.re_search(_THOUSANDS), inner.re_replace(",", ""), inner)
    value = ibis.ifelse(plain_number(plain), plain, ibis.null("string")).cast("float64")
    spelled = ibis.ifelse(negative, -value, value)
    return ibis.ifelse(plain_number(text), text.cast("float64"), spelled)


def plain_number(text: ir.StringValue) -> ir.BooleanValue:
    """True where ``text`` is a plain decimal short enough to be a finite number."""
    return text.re_search(PLAIN) & (text.length() <= _PLAIN_LENGTH)


def engine_date(engine: Engine, text: ir.StringValue) -> ir.DateValue:
    """The date ``text`` holds when DuckDB reads it exactly as ``DateReader`` would
    (``YYYY-MM-DD``, year 1000 on), else NULL: those are read in Python.

    PostgreSQL has no TRY_CAST: there every date is read in Python (dates are few).
    """
    if not engine.casts_safely:
        return ibis.null("date")
    iso = text.like("____-__-__") & (text >= "1") & (text < ":")
    return ibis.ifelse(iso, text.try_cast("date"), ibis.null("date"))


def read_amount(text: str) -> tuple[float | None, str]:
    """A number the engine did not read (``1.234,56``, ``12,5``, ``1e6``) and ``""``, or
    ``None`` and ``"not a number"``."""
    cleaned = re.sub(_SIGNS, "", text)
    negative = cleaned.startswith("(") and cleaned.endswith(")")
    cleaned = cleaned.strip("()")
    if _NUMBER.fullmatch(cleaned):
        value = float(cleaned)
    elif _EUROPEAN.fullmatch(cleaned) and ("," in cleaned or "." in cleaned):
        value = float(cleaned.replace(".", "").replace(" ", "").replace(",", "."))
    else:
        return None, "not a number"
    if not math.isfinite(value):  # 1e400: a spelling of a number, too large for one
        return None, "too large to be an amount"
    return (-value if negative else value), ""


# -- dates, terms and periods: few distinct values, read in Python ------------------


def date_reader(values: Iterable[str], order: str) -> Any:
    """A reader of one source's dates: ISO, its format's local order (or the other one
    when the dates show it), and month names (``15 Jul 2026``, ``Jul 15, 2026``)."""
    reader = DateReader.for_values(list(values), order)

    def read(value: str) -> tuple[date | None, str]:
        found, flaw = reader.read(value)
        if flaw != "not a date":
            return found, flaw
        for pattern in _MONTH_FORMATS:
            try:
                return datetime.strptime(value, pattern).date(), ""
            except ValueError:
                continue
        return None, flaw

    return read


def read_terms(text: str) -> tuple[int | None, str]:
    """Payment terms in days: ``30``, ``Net 30``, ``N30``, ``30 days``, ``Due on receipt``."""
    if not text:
        return None, ""
    if text.casefold() in _ON_RECEIPT:
        return 0, ""
    if found := _TERMS.fullmatch(text.strip()):
        return int(found.group(1)), ""
    if _NUMBER.fullmatch(text) and float(text).is_integer() and float(text) >= 0:
        return int(float(text)), ""
    return None, "bad terms"


def read_period(text: str) -> tuple[date | None, date | None, str]:
    """A forecast period's first and last day: ``2026``, ``2026-Q4``, ``2026-11``."""
    if not text:
        return None, None, "no period"
    try:
        period = parse_period(text)
    except ValueError:
        return None, None, "bad period"
    return period.start, period.end, ""


def dictionary(
    engine: Engine,
    stem: str,
    keys: Mapping[str, list[Any]],
    values: Mapping[str, tuple[pa.DataType, list[Any]]],
) -> ir.Table:
    """A small mapping table built in Python: text keys and what they were read as."""
    return engine.small_table(stem, {**{k: (pa.string(), c) for k, c in keys.items()}, **values})
