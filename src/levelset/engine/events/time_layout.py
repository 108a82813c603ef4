"""Which columns of a time file are the raw keys its scan groups by, and how several
columns are folded into one key (and unfolded when its text is read in Python)."""

from __future__ import annotations

from collections.abc import Sequence

import ibis
import ibis.expr.types as ir

from levelset.model.events import TimeSource

# The raw keys each file is grouped by, and the role (in TimeSource.columns) of each.
KEY_ROLES = {
    "pid": "person_id",
    "pemail": "email",
    "pname": "name",
    "pfirst": "first_name",
    "plast": "last_name",
    "day": "date",
    "activity": "activity",
    "project": "project",
    "task": "task",
    "tags": "tags",
    "customer": "customer",
}
PERSON_KEYS = ("pid", "pemail", "pname", "pfirst", "plast")
# The raw keys of a scan's groups whose texts are read in Python, in the order of the
# scan's columns (``customer`` only in files that have one).
PARTS = ("who", "work", "customer", "day", "raw_hours")
WORK_KEYS = ("activity", "project", "task", "tags", "note")

# Between the columns folded into one key (a unit separator: no timesheet writes one).
SEPARATOR = "\x1f"


def layout(source: TimeSource) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The person keys and the work keys ``source`` has columns for, in order (at least
    one of each: a file without one has it blank)."""
    present = {key for key, role in KEY_ROLES.items() if role in source.columns}
    if "description" in source.columns:
        present.add("note")
    person = tuple(key for key in PERSON_KEYS if key in present) or ("pid",)
    work = tuple(key for key in WORK_KEYS if key in present) or ("activity",)
    return person, work


def fold(values: Sequence[ir.StringValue]) -> ir.StringValue:
    """Several key columns as one: grouping and joining on one text is cheaper than on
    five. When all but the first are blank, the first alone (the common case)."""
    if len(values) == 1:
        return values[0]
    first, rest = values[0], values[1:]
    blank = rest[0] == ""
    for value in rest[1:]:
        blank = blank & (value == "")
    return ibis.ifelse(blank, first, ibis.literal(SEPARATOR).join(list(values)))


def unfold(text: str, keys: Sequence[str]) -> dict[str, str]:
    """The key columns folded into ``text`` by ``fold``."""
    parts = text.split(SEPARATOR)
    if len(parts) != len(keys):
        # The first column alone (the others blank), or a value holding the separator.
        parts = [text.replace(SEPARATOR, " ")] + [""] * (len(keys) - 1)
    return dict(zip(keys, parts, strict=True))
