"""One service session per tenant, kept for the life of the server.

The analysis of a workspace is computed once per content (the session re-reads only what
changed, and ``answer`` keeps each computed answer under the content hash it was computed
for). A session is not safe for two threads at once, so each tenant has a lock: requests
for the same tenant take turns on the session; answers already computed are served from
memory without waiting for a recomputation.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from levelset.web.config import ServeConfig, Tenant

if TYPE_CHECKING:  # imported when a session opens: ``levelset --help`` loads this module
    from levelset.service import Session

T = TypeVar("T")


@dataclass
class _Slot:
    tenant: Tenant
    session: Session | None = None
    lock: threading.RLock = field(default_factory=threading.RLock)
    answers: dict[tuple[str, str], object] = field(default_factory=dict)
    hash: str = ""


class WorkspaceHub:
    """The server's service sessions, one per tenant, opened on first use."""

    def __init__(self, config: ServeConfig) -> None:
        self.config = config
        self._slots = {tenant.name: _Slot(tenant) for tenant in config.tenants}

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
            session = self._session(slot)
            session.refresh()
            content = session.content_hash
            if content != slot.hash:
                slot.answers.clear()
                slot.hash = content
            key = (content, question)
            if key not in slot.answers:
                slot.answers[key] = compute(session)
            return slot.answers[key]  # type: ignore[return-value]

    def content_hash(self, tenant: str) -> str:
        """The content hash of the tenant's workspace as it is on disk now."""
        slot = self._slots[tenant]
        with slot.lock:
            session = self._session(slot)
            session.refresh()
            return session.content_hash

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
