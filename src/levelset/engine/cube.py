"""Moved to ``levelset.engine.events.cube``; kept only so that imports not yet switched
(the finance tests) work. Remove it once they are."""

from levelset.engine.events.cube import (
    CUBE_COLUMNS,
    WEEKLY_COLUMNS,
    WEEKLY_SCHEMA,
    Cube,
    assemble,
    monday,
    weeks_between,
)

__all__ = [
    "CUBE_COLUMNS",
    "WEEKLY_COLUMNS",
    "WEEKLY_SCHEMA",
    "Cube",
    "assemble",
    "monday",
    "weeks_between",
]
