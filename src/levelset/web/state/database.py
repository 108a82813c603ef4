"""The application's state database: opened from a URL, brought up to the newest schema
with Alembic on opening, one short transaction per call.

SQLite in the server's data folder by default (``web.sqlite``); PostgreSQL by URL
(``postgresql+psycopg://user@host/db``; a plain ``postgres://`` or ``postgresql://``
URL is read as psycopg's). SQLite is opened with foreign keys on, so a deleted user's
grants and sessions go with them, as on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).parent / "migrations"
STATE_FILE = "web.sqlite"


def database_url(url: str | None, data_folder: Path) -> str:
    """The SQLAlchemy URL of the state: ``url`` as given (a PostgreSQL URL spelled for
    psycopg), else SQLite in ``data_folder``."""
    if url is None:
        return f"sqlite:///{data_folder / STATE_FILE}"
    for plain in ("postgres://", "postgresql://"):
        if url.startswith(plain):
            return "postgresql+psycopg://" + url[len(plain) :]
    return url


def now() -> datetime:
    """The time stamps of the state: aware, in UTC."""
    return datetime.now(UTC)


def aware(moment: datetime) -> datetime:
    """A time read back from the database, in UTC (SQLite keeps no zone)."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


class Database:
    """One engine on the state database, migrated to the newest schema when opened."""

    def __init__(self, url: str) -> None:
        self.url = url
        if url.startswith("sqlite:///"):
            Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        self.engine: Engine = create_engine(url, pool_pre_ping=True)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_foreign_keys)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self.upgrade()

    def upgrade(self) -> None:
        """``alembic upgrade head``: create or bring the schema up to date."""
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        with self.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work is committed together, or not at all."""
        with self._sessions.begin() as session:
            yield session

    def close(self) -> None:
        """Let the connections go."""
        self.engine.dispose()


def _sqlite_foreign_keys(connection: Any, _record: object) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
