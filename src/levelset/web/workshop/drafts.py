"""Drafts: the scenarios people are making in the workshop, kept on the server.

A draft belongs to one user in one tenant and is found by (tenant, user, id); its id is
random and unguessable, and another user's id is simply not found (answered 404). A draft
remembers what it was made on: the content hash of every organization file of the
workspace (``base``) and the findings of the check then (``base_findings``), so that
applying it after the workspace changed is refused and the difference can be shown.
Drafts are frozen values; the store replaces them whole, under a lock.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from levelset.model import Finding, Problem
from levelset.model.scenario import Operation, Scenario


@dataclass(frozen=True)
class Applied:
    """A draft written into the workspace: the files written, the operations that change
    no file (measured in the data, or a hire not yet named)."""

    written: tuple[str, ...]
    unwritten: tuple[str, ...]


@dataclass(frozen=True)
class Saved:
    """A draft saved as a scenario file of the workspace (``path`` relative to it)."""

    path: str


@dataclass(frozen=True)
class Refused:
    """Applying was refused because operations cannot apply; nothing was written."""

    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class Changed:
    """Applying was refused because the workspace changed since the draft was made: the
    files that differ and the findings the change opened and closed. Nothing was written."""

    files: tuple[str, ...]
    opened: tuple[Finding, ...]
    closed: tuple[Finding, ...]
    reason: str = ""


@dataclass(frozen=True)
class Invalid:
    """A change the form sent could not be made (the message says why); nothing changed."""

    message: str


Outcome = Applied | Saved | Refused | Changed | Invalid


@dataclass(frozen=True)
class Draft:
    """A scenario being made: its operations, where it started from, and the workspace
    it was made on (``base``: organization file → content hash; ``content``: the hash of
    the whole workspace, as its session tells it)."""

    id: str
    tenant: str
    user: str
    name: str
    origin: str
    operations: tuple[Operation, ...] = ()
    notes: tuple[str, ...] = ()
    base: Mapping[str, str] = field(default_factory=dict)
    base_findings: tuple[Finding, ...] = ()
    content: str = ""
    outcome: Outcome | None = None

    @property
    def scenario(self) -> Scenario:
        """The draft as a scenario value."""
        return Scenario(name=self.name, operations=self.operations, notes=self.notes)

    def changed_files(self, now: Mapping[str, str]) -> tuple[str, ...]:
        """The organization files added, removed or changed since the draft was made."""
        names = set(self.base) | set(now)
        return tuple(sorted(n for n in names if self.base.get(n) != now.get(n)))


#: The most drafts a user keeps in a tenant: a new one beyond it lets the oldest go.
MOST_DRAFTS = 50


class DraftStore:
    """Every draft of a server, in memory, by (tenant, user, id), with the last answer
    computed for each (``memo``)."""

    def __init__(self) -> None:
        self._drafts: dict[tuple[str, str, str], Draft] = {}
        self._memos: dict[tuple[str, str, str], object] = {}
        self._lock = threading.Lock()

    def create(self, tenant: str, user: str, **values: object) -> Draft:
        """A new draft with a fresh unguessable id; ``values`` are its other fields."""
        draft = Draft(id=secrets.token_urlsafe(16), tenant=tenant, user=user, **values)  # type: ignore[arg-type]
        with self._lock:
            self._drafts[(tenant, user, draft.id)] = draft
            mine = [k for k in self._drafts if k[:2] == (tenant, user)]
            for key in mine[:-MOST_DRAFTS]:
                del self._drafts[key]
                self._memos.pop(key, None)
        return draft

    def memo(self, draft: Draft) -> object:
        """What was last remembered for the draft (``remember``), or None."""
        with self._lock:
            return self._memos.get((draft.tenant, draft.user, draft.id))

    def remember(self, draft: Draft, value: object) -> None:
        """Keep ``value`` for the draft, in place of what was kept before."""
        with self._lock:
            self._memos[(draft.tenant, draft.user, draft.id)] = value

    def get(self, tenant: str, user: str, draft_id: str) -> Draft | None:
        """The user's draft of that id in that tenant, or None (never another's)."""
        with self._lock:
            return self._drafts.get((tenant, user, draft_id))

    def mine(self, tenant: str, user: str) -> tuple[Draft, ...]:
        """The user's drafts in that tenant, oldest first."""
        with self._lock:
            return tuple(d for (t, u, _), d in self._drafts.items() if (t, u) == (tenant, user))

    def put(self, draft: Draft, **changes: object) -> Draft:
        """Store ``draft`` with ``changes`` made (the fields of ``Draft``)."""
        new = replace(draft, **changes)  # type: ignore[arg-type]
        with self._lock:
            self._drafts[(new.tenant, new.user, new.id)] = new
        return new
