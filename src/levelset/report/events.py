"""The line that says what event data a report rests on: window, weeks, counts, engine."""

from __future__ import annotations

from levelset.model.allocation import Allocation
from levelset.report._common import plural


def events_line(allocation: Allocation) -> str:
    """``Events: 2026-07-06..2026-09-27 (12 weeks), 48,210 time entries, 312 meeting
    occurrences, on duckdb``."""
    return (
        f"Events: {allocation.window_start}..{allocation.window_end} "
        f"({plural(allocation.weeks, 'week', 'weeks')}), "
        f"{allocation.time_entries:,} time "
        f"{'entry' if allocation.time_entries == 1 else 'entries'}, "
        f"{allocation.occurrences:,} meeting "
        f"{'occurrence' if allocation.occurrences == 1 else 'occurrences'}, "
        f"on {allocation.engine}"
    )


def events_to_dict(allocation: Allocation) -> dict[str, object]:
    """The ``"events"`` object of the JSON report (it may grow, not break)."""
    return {
        "window_start": allocation.window_start.isoformat(),
        "window_end": allocation.window_end.isoformat(),
        "weeks": allocation.weeks,
        "time_entries": allocation.time_entries,
        "occurrences": allocation.occurrences,
        "engine": allocation.engine,
        "people": len({row.person for row in allocation.rows}),
        "hours": round(allocation.total_hours(), 2),
    }
