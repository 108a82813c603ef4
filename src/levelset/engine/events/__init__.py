"""The events pipeline: time entries, calendars and meetings, the allocation cube, trends.

- ``time_entries`` scans each time file once (``time_scan``, ``time_values``) and
  resolves the scans against the workspace (``time_resolution``), with the problems of
  unusable rows (``time_problems``); ``time_layout`` says which columns are the keys.
- ``recurrence`` expands calendar series over the window; ``meetings`` turns the
  occurrences into hours per attendee and week.
- ``cube`` joins both into the cube and its summary; ``run`` is one run of it all
  (``scan_events``, ``build_cube``); ``trend`` computes weekly series from the cube.
"""

from levelset.engine.events.cube import Cube
from levelset.engine.events.run import EventScans, build_cube, events_key, scan_events

__all__ = ["Cube", "EventScans", "build_cube", "events_key", "scan_events"]
