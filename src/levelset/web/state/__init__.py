"""The application's own state: users and their roles, login sessions, the audit log and
saved scenarios, in a SQL database (SQLite in the data folder by default, PostgreSQL by
URL) migrated with Alembic when opened.

``State.open(config)`` gives the stores others call: ``state.users``, ``state.logins``,
``state.auditor`` (an ``Auditor``) and ``state.scenarios``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from levelset.web.config import ServeConfig
from levelset.web.state.database import Database, database_url
from levelset.web.state.logins import LoginSessions
from levelset.web.state.records import (
    AuditEntry,
    DatabaseAuditor,
    SavedScenario,
    ScenarioStore,
)
from levelset.web.state.users import Grant, User, UserStore


@dataclass(frozen=True)
class State:
    """The stores of one state database."""

    database: Database
    users: UserStore
    logins: LoginSessions
    auditor: DatabaseAuditor
    scenarios: ScenarioStore

    @classmethod
    def open(cls, config: ServeConfig) -> State:
        """The state of ``config``'s server, its schema brought up to date."""
        database = Database(database_url(config.database, config.state_folder))
        return cls(
            database=database,
            users=UserStore(database),
            logins=LoginSessions(database, timedelta(minutes=config.session_minutes)),
            auditor=DatabaseAuditor(database),
            scenarios=ScenarioStore(database),
        )

    def close(self) -> None:
        """Let the database connections go."""
        self.database.close()


__all__ = [
    "AuditEntry",
    "DatabaseAuditor",
    "Grant",
    "SavedScenario",
    "ScenarioStore",
    "State",
    "User",
    "UserStore",
]
