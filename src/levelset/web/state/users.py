"""Users and their roles per tenant, kept in the state database.

Passwords are hashed with Argon2 (argon2-cffi's ``PasswordHasher``, its recommended
parameters); a password is never stored or logged. Changing a password ends every
login session of that user.
"""

from __future__ import annotations

from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from levelset.service import UsageError
from levelset.web.access import Role
from levelset.web.state.database import Database, now
from levelset.web.state.models import GrantRow, LoginRow, UserRow

#: Shorter passwords are refused: a short password falls to guessing however it is hashed.
MIN_PASSWORD = 10

_HASHER = PasswordHasher()
# Checked against when the name is unknown, so that a wrong name costs as much time as a
# wrong password and the answer's timing does not tell which names exist.
_DECOY = _HASHER.hash("levelset decoy password")


@dataclass(frozen=True)
class Grant:
    """A role in one tenant; ``partner`` is set exactly for the partner role."""

    tenant: str
    role: Role
    partner: str | None = None


@dataclass(frozen=True)
class User:
    """A user and every role they hold."""

    id: int
    name: str
    grants: tuple[Grant, ...] = ()

    def grant_in(self, tenant: str) -> Grant | None:
        """The user's role in ``tenant``, or None."""
        return next((g for g in self.grants if g.tenant == tenant), None)


class UserStore:
    """Adding users, changing passwords, granting and revoking roles."""

    def __init__(self, database: Database) -> None:
        self.database = database

    def add(self, name: str, password: str) -> User:
        """A new user; raises ``UsageError`` when the name is taken or the password short."""
        name = _name(name)
        hashed = _hash(password)
        with self.database.transaction() as db:
            if db.scalar(select(UserRow).where(UserRow.name == name)) is not None:
                raise UsageError(f"user {name!r} exists already: change the password with passwd")
            row = UserRow(name=name, password_hash=hashed, created=now())
            db.add(row)
            db.flush()
            return User(row.id, row.name)

    def set_password(self, name: str, password: str) -> None:
        """A new password for ``name``; every login session of theirs ends."""
        hashed = _hash(password)
        with self.database.transaction() as db:
            row = _row(db.scalar(select(UserRow).where(UserRow.name == name)), name)
            row.password_hash = hashed
            db.execute(update(LoginRow).where(LoginRow.user_id == row.id).values(revoked=True))

    def verify(self, name: str, password: str) -> User | None:
        """The user when ``password`` is theirs, else None."""
        with self.database.transaction() as db:
            row = db.scalar(select(UserRow).where(UserRow.name == name.strip()))
            try:
                _HASHER.verify(row.password_hash if row is not None else _DECOY, password)
            except (VerificationError, InvalidHashError):
                return None
            if row is None:
                return None
            if _HASHER.check_needs_rehash(row.password_hash):
                row.password_hash = _HASHER.hash(password)
            return self._user(db, row)

    def grant(self, name: str, grant: Grant) -> None:
        """Give ``name`` the role ``grant`` (replacing their role in that tenant)."""
        if (grant.role is Role.PARTNER) != (grant.partner is not None):
            raise UsageError("the partner role, and only it, names a partner: use --partner ID")
        with self.database.transaction() as db:
            row = _row(db.scalar(select(UserRow).where(UserRow.name == name)), name)
            db.execute(
                delete(GrantRow).where(GrantRow.user_id == row.id, GrantRow.tenant == grant.tenant)
            )
            db.add(
                GrantRow(
                    user_id=row.id,
                    tenant=grant.tenant,
                    role=grant.role.value,
                    partner=grant.partner,
                )
            )

    def revoke(self, name: str, tenant: str) -> bool:
        """Take away ``name``'s role in ``tenant``; False when they had none."""
        with self.database.transaction() as db:
            row = _row(db.scalar(select(UserRow).where(UserRow.name == name)), name)
            gone = db.execute(
                delete(GrantRow).where(GrantRow.user_id == row.id, GrantRow.tenant == tenant)
            )
            return bool(getattr(gone, "rowcount", 0))

    def find(self, user_id: int) -> User | None:
        """The user of that id (for a login session), or None."""
        with self.database.transaction() as db:
            row = db.get(UserRow, user_id)
            return self._user(db, row) if row is not None else None

    def users(self) -> list[User]:
        """Every user, by name."""
        with self.database.transaction() as db:
            rows = db.scalars(select(UserRow).order_by(UserRow.name)).all()
            return [self._user(db, row) for row in rows]

    @staticmethod
    def _user(db: Session, row: UserRow) -> User:
        grants = db.scalars(
            select(GrantRow).where(GrantRow.user_id == row.id).order_by(GrantRow.tenant)
        ).all()
        return User(
            row.id,
            row.name,
            tuple(Grant(g.tenant, Role(g.role), g.partner) for g in grants),
        )


def _name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > 200 or any(c.isspace() for c in name):
        raise UsageError(f"{name!r} is not a user name: one word of up to 200 characters")
    return name


def _hash(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise UsageError(f"a password needs at least {MIN_PASSWORD} characters")
    return _HASHER.hash(password)


def _row(row: UserRow | None, name: str) -> UserRow:
    if row is None:
        raise UsageError(f"no user {name!r}: add them with 'levelset users add {name}'")
    return row
