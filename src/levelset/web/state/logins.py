"""Login sessions kept on the server: opened at login, looked up on every request, ended
at logout, on a password change, or when their time is up.

The cookie carries only a random token (signed by the auth layer); the table keeps a
SHA-256 hash of it, so reading the database opens no session.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import update

from levelset.web.state.database import Database, aware, now
from levelset.web.state.models import LoginRow

#: How long a session may go unused before it is refreshed in the table: saves a write
#: per request while keeping ``last_seen`` useful.
_TOUCH = timedelta(minutes=1)


class LoginSessions:
    """The server-side login sessions, each ``lifetime`` long from the login."""

    def __init__(self, database: Database, lifetime: timedelta) -> None:
        self.database = database
        self.lifetime = lifetime

    def open(self, user_id: int) -> str:
        """A new session for ``user_id``: the token its cookie will carry."""
        token = secrets.token_urlsafe(32)
        moment = now()
        with self.database.transaction() as db:
            db.add(
                LoginRow(
                    id=_digest(token),
                    user_id=user_id,
                    created=moment,
                    last_seen=moment,
                    expires=moment + self.lifetime,
                    revoked=False,
                )
            )
        return token

    def user_of(self, token: str) -> int | None:
        """The user a live session belongs to; None when it is unknown, ended or expired."""
        moment = now()
        with self.database.transaction() as db:
            row = db.get(LoginRow, _digest(token))
            if row is None or row.revoked or aware(row.expires) <= moment:
                return None
            if moment - aware(row.last_seen) > _TOUCH:
                row.last_seen = moment
            return row.user_id

    def close(self, token: str) -> None:
        """End the session (logout)."""
        with self.database.transaction() as db:
            db.execute(update(LoginRow).where(LoginRow.id == _digest(token)).values(revoked=True))

    def close_all(self, user_id: int) -> None:
        """End every session of ``user_id``."""
        with self.database.transaction() as db:
            db.execute(update(LoginRow).where(LoginRow.user_id == user_id).values(revoked=True))


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
