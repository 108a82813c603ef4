"""Moved: the ``Trend`` types are in ``levelset.model.trend``, the computing of them in
``levelset.engine.events.trend``. Kept only so that imports not yet switched
(``analysis``, ``report.trend``, ``plan.line_of_sight``) work; remove it once they are.
"""

from levelset.engine.events.trend import TrendBuilder, data_weeks, seats_held_by
from levelset.model.trend import METRICS, Series, Trend, TrendQuery, WorkShare, window_weeks

__all__ = [
    "METRICS",
    "Series",
    "Trend",
    "TrendBuilder",
    "TrendQuery",
    "WorkShare",
    "data_weeks",
    "seats_held_by",
    "window_weeks",
]
