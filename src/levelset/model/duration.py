"""Durations (``3d``, ``2w``, ``1mo``, ``1y``) and ranges of them (``1mo..3mo``).

A duration is held in days. A month is a twelfth of a Julian year (30.4375 days) so that
``12mo`` and ``1y`` are the same length and the level bands of a scheme meet exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DAYS_PER_UNIT: dict[str, float] = {
    "d": 1.0,
    "w": 7.0,
    "mo": 365.25 / 12,
    "y": 365.25,
}
_UNIT_NAMES = {"d": "day", "w": "week", "mo": "month", "y": "year"}
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(d|w|mo|y)\s*$")


@dataclass(frozen=True, slots=True, order=True)
class Duration:
    """A length of time, in days, remembering how it was written."""

    days: float
    text: str = ""

    def __str__(self) -> str:
        return self.text or format_days(self.days)


@dataclass(frozen=True, slots=True)
class HorizonRange:
    """A closed range of durations: a level's band, or a responsibility's horizon."""

    low: Duration
    high: Duration

    def __str__(self) -> str:
        if self.low.days == self.high.days:
            return str(self.low)
        return f"{self.low}..{self.high}"

    def contains(self, days: float) -> bool:
        """True when ``days`` lies in the band, edges included."""
        return self.low.days <= days <= self.high.days


def parse_duration(text: str) -> Duration:
    """Read ``3d``, ``2w``, ``1mo``, ``1y`` (a number and a unit).

    Raises ``ValueError`` with a message a person can act on.
    """
    match = _DURATION.match(text)
    if not match:
        raise ValueError(
            f"{text!r} is not a duration; write a number and a unit: "
            "d (days), w (weeks), mo (months) or y (years), e.g. 3d, 2w, 1mo, 1y"
        )
    amount, unit = float(match.group(1)), match.group(2)
    if amount <= 0:
        raise ValueError(f"{text!r} is not a duration: it must be longer than zero")
    return Duration(amount * DAYS_PER_UNIT[unit], text.strip())


def parse_horizon(text: str) -> HorizonRange:
    """Read a single duration (``1mo``) or a range (``1mo..3mo``) as a ``HorizonRange``.

    Raises ``ValueError`` when either end is not a duration or the range runs backwards.
    """
    if ".." in text:
        low_text, _, high_text = text.partition("..")
        low, high = parse_duration(low_text), parse_duration(high_text)
        if low.days > high.days:
            raise ValueError(f"{text!r} runs backwards: write the shorter duration first")
        return HorizonRange(low, high)
    single = parse_duration(text)
    return HorizonRange(single, single)


def format_days(days: float) -> str:
    """Write a number of days in the largest unit that reads naturally (``1.5mo``, ``2y``)."""
    for unit in ("y", "mo", "w", "d"):
        amount = days / DAYS_PER_UNIT[unit]
        if amount >= 1 or unit == "d":
            text = f"{amount:.1f}".rstrip("0").rstrip(".")
            return f"{text}{unit}"
    raise AssertionError("unreachable")  # pragma: no cover


def describe_days(days: float) -> str:
    """Words for a number of days, for messages: ``3 months``, ``1 year``."""
    short = format_days(days)
    match = _DURATION.match(short)
    if not match:  # pragma: no cover - format_days always yields a duration
        return short
    amount, unit = match.group(1), _UNIT_NAMES[match.group(2)]
    return f"{amount} {unit}" + ("" if amount == "1" else "s")
