"""A weekly trend: the figures ``levelset trend`` shows, as plain data.

The engine computes them from the allocation cube (``levelset.engine.events.trend``);
reports render them. ``TrendQuery`` says what to compute; ``Trend`` is the result, one
``Series`` per line with a value per ISO week of the window.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

#: The metrics and the kinds of subject each takes (``organization``: no subject).
METRICS: dict[str, tuple[str, ...]] = {
    "others-work": ("person",),
    "horizon": ("seat",),
    "unowned": ("organization", "person", "function"),
    "hours": ("person", "responsibility"),
}

BELOW, IN_BAND, ABOVE, NO_HORIZON, UNMATCHED = (
    "below band",
    "in band",
    "above band",
    "no horizon",
    "unmatched",
)
HORIZON_SERIES = (BELOW, IN_BAND, ABOVE, NO_HORIZON, UNMATCHED)

#: How many pieces of work a trend names as the largest behind its figures.
TOP_WORK = 8


@dataclass(frozen=True, slots=True)
class Series:
    """One named line of a trend: a value (hours) for each week of the window."""

    name: str
    values: tuple[float, ...]

    @property
    def total(self) -> float:
        """The hours over the whole window."""
        return sum(self.values)


@dataclass(frozen=True, slots=True)
class WorkShare:
    """A piece of work behind a trend's figures, with its hours over the window."""

    work: str
    hours: float


@dataclass(frozen=True, slots=True)
class Trend:
    """A weekly series for one metric and subject.

    ``weeks`` are the Mondays of every ISO week of the window, oldest first; each
    series holds one value per week. The first series is the one the metric is about;
    ``total`` (when set) is all the subject's hours a week, for scale. ``top_work``
    names the largest pieces of work in the first series over the window.
    """

    metric: str
    subject_kind: str
    subject: str
    title: str
    weeks: tuple[date, ...]
    series: tuple[Series, ...]
    total: Series | None = None
    top_work: tuple[WorkShare, ...] = ()

    @property
    def primary(self) -> Series:
        """The series the metric is about."""
        return self.series[0]


@dataclass(frozen=True, slots=True)
class TrendQuery:
    """What to compute: the metric, the kind of subject and its id (``""`` for all)."""

    metric: str
    subject_kind: str = "organization"
    subject: str = ""
    title: str = ""


def window_weeks(start: date, end: date) -> tuple[date, ...]:
    """The Monday of every ISO week from ``start``'s to ``end``'s, both included."""
    first = start - timedelta(days=start.weekday())
    last = end - timedelta(days=end.weekday())
    count = max((last - first).days // 7 + 1, 0)
    return tuple(first + timedelta(weeks=n) for n in range(count))
