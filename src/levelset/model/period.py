"""Periods: ``2026``, ``2026-Q3``, ``2026-07`` or an explicit ``{start, end}``."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

_YEAR = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(\d{4})-[Qq]([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


@dataclass(frozen=True, slots=True, order=True)
class Period:
    """A closed range of calendar days, remembering how it was written."""

    start: date
    end: date
    text: str = ""

    def __str__(self) -> str:
        return self.text or f"{self.start.isoformat()}..{self.end.isoformat()}"

    @property
    def days(self) -> float:
        """The length of the period in days, both ends included."""
        return float((self.end - self.start).days + 1)


def parse_period(text: str) -> Period:
    """Read ``2026``, ``2026-Q3`` or ``2026-07``. Raises ``ValueError`` with advice."""
    cleaned = text.strip()
    if match := _YEAR.match(cleaned):
        year = int(match.group(1))
        return Period(date(year, 1, 1), date(year, 12, 31), cleaned)
    if match := _QUARTER.match(cleaned):
        year, quarter = int(match.group(1)), int(match.group(2))
        first = 3 * quarter - 2
        last = first + 2
        return Period(_first(year, first), _last(year, last), cleaned.upper())
    if match := _MONTH.match(cleaned):
        year, month = int(match.group(1)), int(match.group(2))
        if 1 <= month <= 12:
            return Period(_first(year, month), _last(year, month), cleaned)
    raise ValueError(
        f"{text!r} is not a period; write a year (2026), a quarter (2026-Q3), "
        "a month (2026-07) or a table {start: 2026-01-15, end: 2026-06-30}"
    )


def period_between(start: date, end: date) -> Period:
    """A period from explicit dates. Raises ``ValueError`` when it ends before it starts."""
    if end < start:
        raise ValueError(
            f"the period ends ({end.isoformat()}) before it starts ({start.isoformat()}); "
            "swap start and end"
        )
    return Period(start, end, f"{start.isoformat()}..{end.isoformat()}")


def _first(year: int, month: int) -> date:
    return date(year, month, 1)


def _last(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])
