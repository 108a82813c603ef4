"""The audit log and the saved scenarios, kept in the state database.

``DatabaseAuditor`` is the ``Auditor`` of an app with a state database: routes call
``request.app.state.auditor.record(access, action, detail)``; the users command records
role changes through it too. ``ScenarioStore`` keeps the scenarios saved in the browser
(tenant, name, YAML text, who, when).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select

from levelset.web.access import Access
from levelset.web.state.database import Database, aware, now
from levelset.web.state.models import AuditRow, ScenarioRow


@dataclass(frozen=True)
class AuditEntry:
    """One thing someone did, when."""

    at: datetime
    tenant: str
    user: str
    action: str
    detail: str


#: The tenant column of entries about the whole server (logins, logouts).
SERVER = "*"


class DatabaseAuditor:
    """The audit log in the ``audit_log`` table."""

    def __init__(self, database: Database) -> None:
        self.database = database

    def record(self, access: Access, action: str, detail: str) -> None:
        """One entry: ``action`` is a short verb ("login", "apply-scenario", "grant")."""
        self.note(access.tenant, access.user, action, detail)

    def note(self, tenant: str, user: str, action: str, detail: str) -> None:
        """One entry by names: ``tenant`` is ``SERVER`` for what concerns no one tenant
        (a login, a logout)."""
        with self.database.transaction() as db:
            db.add(
                AuditRow(
                    at=now(), tenant=tenant, user=user[:200], action=action[:40], detail=detail
                )
            )

    def entries(self, tenant: str | None = None, limit: int = 200) -> list[AuditEntry]:
        """The newest entries first, of one tenant or all."""
        query = select(AuditRow).order_by(AuditRow.id.desc()).limit(limit)
        if tenant is not None:
            query = query.where(AuditRow.tenant == tenant)
        with self.database.transaction() as db:
            return [
                AuditEntry(aware(r.at), r.tenant, r.user, r.action, r.detail)
                for r in db.scalars(query)
            ]


@dataclass(frozen=True)
class SavedScenario:
    """A scenario saved for a tenant: its YAML text, who saved it and when."""

    tenant: str
    name: str
    text: str
    author: str
    saved: datetime


class ScenarioStore:
    """Scenarios saved in the browser, by tenant and name (saving a name again replaces it)."""

    def __init__(self, database: Database) -> None:
        self.database = database

    def save(self, tenant: str, name: str, text: str, author: str) -> SavedScenario:
        """Keep ``text`` as the tenant's scenario ``name``."""
        moment = now()
        with self.database.transaction() as db:
            db.execute(
                delete(ScenarioRow).where(ScenarioRow.tenant == tenant, ScenarioRow.name == name)
            )
            db.add(ScenarioRow(tenant=tenant, name=name, text=text, author=author, saved=moment))
        return SavedScenario(tenant, name, text, author, moment)

    def get(self, tenant: str, name: str) -> SavedScenario | None:
        """The tenant's scenario of that name, or None."""
        query = select(ScenarioRow).where(ScenarioRow.tenant == tenant, ScenarioRow.name == name)
        with self.database.transaction() as db:
            row = db.scalar(query)
            return _saved(row) if row is not None else None

    def list(self, tenant: str) -> list[SavedScenario]:
        """The tenant's saved scenarios, by name."""
        query = select(ScenarioRow).where(ScenarioRow.tenant == tenant).order_by(ScenarioRow.name)
        with self.database.transaction() as db:
            return [_saved(row) for row in db.scalars(query)]

    def delete(self, tenant: str, name: str) -> bool:
        """Forget the tenant's scenario ``name``; False when there was none."""
        with self.database.transaction() as db:
            gone = db.execute(
                delete(ScenarioRow).where(ScenarioRow.tenant == tenant, ScenarioRow.name == name)
            )
            return bool(getattr(gone, "rowcount", 0))


def _saved(row: ScenarioRow) -> SavedScenario:
    return SavedScenario(row.tenant, row.name, row.text, row.author, aware(row.saved))
