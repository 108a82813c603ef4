"""Moved: the shared parsers are in ``levelset.engine.reading``, the rest of what was
here in ``levelset.engine.events`` (``time_resolution.People``, ``time_problems``).

Kept only so that the finance modules' imports work until they are switched to
``levelset.engine.reading``; remove it then.
"""

from levelset.engine.reading import DateReader, csv_header, read_hours

__all__ = ["DateReader", "csv_header", "read_hours"]
