"""One service session per tenant, kept for the life of the server.

The analysis of a workspace is computed once per content (the session re-reads only what
changed, and ``answer`` keeps each computed answer under the content hash it was computed
for). A session is not safe for two threads at once, so each tenant has a lock: requests
for the same tenant take turns on the session; answers already computed are served from
memory without waiting for a recomputation.

Looking at the files again costs a stat of every file (tens of milliseconds for a
workspace with hundreds of calendar files), so it is not done before every answer when a
file watcher runs (``LiveUpdates`` sets ``watched`` and calls ``changed``): then the hub
looks when told of a change, and at most ``TRUSTED`` seconds after it last looked, in
case a change went unseen (a network file system may not report one).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from levelset.web.config import ServeConfig, Tenant

if TYPE_CHECKING:  # imported when a session opens: ``levelset --help`` loads this module
    from levelset.service import Session

T = TypeVar("T")

#: With a watcher running, how long the hub trusts that no file changed unseen (seconds).
TRUSTED = 1.0
#: How many rendered views (pages, JSON bodies) a tenant keeps per content: a view is
#: named by its query (a filter, a window), which a caller may vary without end.
VIEWS = 256


@dataclass
class _Slot:
    tenant: Tenant
    session: Session | None = None
    lock: threading.RLock = field(default_factory=threading.RLock)
    answers: dict[tuple[str, str], object] = field(default_factory=dict)
    views: OrderedDict[str, object] = field(default_factory=OrderedDict)
    hash: str = ""
    looked: float = 0.0  # when the files were last looked at (time.monotonic)
    stale: bool = True  # a change was reported since


class WorkspaceHub:
    """The server's service sessions, one per tenant, opened on first use."""

    def __init__(self, config: ServeConfig) -> None:
        self.config = config
        self._slots = {tenant.name: _Slot(tenant) for tenant in config.tenants}
        #: set when a file watcher reports changes: the files need not be looked at
        #: before every answer
        self.watched = False

    def tenant(self, name: str) -> Tenant | None:
        """The tenant of that name, or None."""
        slot = self._slots.get(name)
        return slot.tenant if slot is not None else None

    def answer(self, tenant: str, question: str, compute: Callable[[Session], T]) -> T:
        """``compute(session)``, kept until the workspace's files change.

        ``question`` names the answer (for example ``"check"`` or ``"person:ceo"``); the
        same question about the same content is computed once."""
        slot = self._slots[tenant]
        with slot.lock:
            session, content = self._current(slot)
            key = (content, question)
            if key not in slot.answers:
                slot.answers[key] = compute(session)
            return slot.answers[key]  # type: ignore[return-value]

    def view(self, tenant: str, name: str, make: Callable[[], T]) -> T:
        """``make()``, kept until the workspace's files change, among the ``VIEWS`` most
        recently asked for.

        For what is made from answers for a query (a page for a filter, a JSON body for
        a window): ``make`` asks ``answer`` for what it needs, so the content it is kept
        under is the content it was made from."""
        slot = self._slots[tenant]
        with slot.lock:
            _, content = self._current(slot)
            if name in slot.views:
                slot.views.move_to_end(name)
                return slot.views[name]  # type: ignore[return-value]
            made = make()
            if slot.hash == content:  # not made from files that changed meanwhile
                slot.views[name] = made
                while len(slot.views) > VIEWS:
                    slot.views.popitem(last=False)
            return made

    def content_hash(self, tenant: str) -> str:
        """The content hash of the tenant's workspace as it is on disk now."""
        slot = self._slots[tenant]
        with slot.lock:
            return self._current(slot)[1]

    def changed(self, tenant: str) -> None:
        """A file of ``tenant`` changed (the watcher saw it, or the app wrote it): the
        next question looks at the files again."""
        self._slots[tenant].stale = True

    def _current(self, slot: _Slot) -> tuple[Session, str]:
        """The tenant's session and the content hash of its files now; what was kept for
        other content is let go."""
        session = self._session(slot)
        self._look(slot, session)
        content = session.content_hash
        if content != slot.hash:
            slot.answers.clear()
            slot.views.clear()
            slot.hash = content
        return session, content

    def _look(self, slot: _Slot, session: Session) -> None:
        now = time.monotonic()
        if not self.watched or slot.stale or now - slot.looked > TRUSTED:
            slot.stale = False  # before the look: a change reported during it stays seen
            session.refresh()
            slot.looked = now

    def _session(self, slot: _Slot) -> Session:
        if slot.session is None:
            from levelset.service import Session  # noqa: PLC0415 - see the imports

            slot.session = Session(slot.tenant.workspace, engine=self.config.engine)
        return slot.session

    def close(self) -> None:
        """Let every engine go (at server shutdown)."""
        for slot in self._slots.values():
            with slot.lock:
                if slot.session is not None:
                    slot.session.close()
                    slot.session = None
