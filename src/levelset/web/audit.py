"""The audit log: logins, role changes and applied scenarios, who and when.

``Auditor`` is what routes call; the team-mode state keeps the entries in the
application's database. ``LogAuditor`` writes them to Python's logging (logger
``levelset.audit``), for an app built without a database.
"""

from __future__ import annotations

import logging
from typing import Protocol

from levelset.web.access import Access


class Auditor(Protocol):
    """Records what someone did to a tenant."""

    def record(self, access: Access, action: str, detail: str) -> None:
        """One entry: ``action`` is a short verb ("login", "apply-scenario", "grant")."""
        ...


class LogAuditor:
    """Entries to the ``levelset.audit`` logger."""

    def __init__(self) -> None:
        self.log = logging.getLogger("levelset.audit")

    def record(self, access: Access, action: str, detail: str) -> None:
        """Log the entry at INFO."""
        self.log.info("%s %s %s: %s", access.tenant, access.user, action, detail)
