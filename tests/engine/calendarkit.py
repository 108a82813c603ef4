"""Calendar events written inline for the expansion tests."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from levelset.model.events import Attendee, CalendarEvent


def event(start: datetime, rrule: str | None = None, **extra: Any) -> CalendarEvent:
    """A one-hour "Sync" (uid ``s``) that Dana attends, from ``start``; ``extra`` fields
    replace the defaults."""
    values: dict[str, Any] = {
        "uid": "s",
        "title": "Sync",
        "start": start,
        "end": start + timedelta(hours=1),
        "rrule": rrule,
        "attendees": (Attendee("dana"),),
    }
    values.update(extra)
    return CalendarEvent(**values)
