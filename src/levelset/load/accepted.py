"""The ``accepted:`` section: findings the team has decided to live with for now."""

from __future__ import annotations

from levelset.load import schema
from levelset.load.reader import Reader
from levelset.load.tree import Map
from levelset.model import SUBJECT_KINDS
from levelset.model.acceptance import Acceptance


def read_acceptance(reader: Reader, mapping: Map) -> Acceptance | None:
    """An accepted finding; ``None`` (with problems) when a required key is missing or
    wrong, so that a half-written entry never silences a finding."""
    code = reader.ident(mapping, "code", "an accepted finding")
    label = f"accepted finding {code}" if code else "an accepted finding"
    complete = reader.start(mapping, schema.ACCEPTED, label)
    subject = reader.ident(mapping, "subject", label)
    until = reader.day(mapping, "until", label)
    by = reader.text(mapping, "by", label).strip()
    why = reader.text(mapping, "why", label).strip()
    if not complete or code is None or subject is None or until is None:
        return None
    for key, value in (("by", by), ("why", why)):
        if not value:
            reader.report(
                mapping.line_of(key),
                f"{label}: {key} is empty",
                "say who decided to live with the finding and why",
            )
            return None
    kind, _, named = subject.partition(":")
    if named and kind.strip() in SUBJECT_KINDS:
        kind_given: str | None = kind.strip()
        subject = named.strip()
    else:
        kind_given = None
    message = reader.text(mapping, "message", label) or None
    return Acceptance(
        code=code.strip().upper(),
        subject=subject,
        by=by,
        why=why,
        until=until,
        kind=kind_given,
        message=message,
        location=reader.location(mapping),
    )
