"""The tables of the application's own state: users, grants, login sessions, the audit
log and saved scenarios (SQLAlchemy 2, typed mappings).

The schema is created and changed only by the Alembic migrations beside this module
(``state/migrations``); these classes say what the rows are.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    """The declarative base of the state tables."""


class UserRow(Base):
    """A person who may log in: a unique name and an Argon2 hash of their password."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    password_hash: Mapped[str] = mapped_column(String(400))
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class GrantRow(Base):
    """A user's role in one tenant; ``partner`` is the partner id for the partner role."""

    __tablename__ = "grants"
    __table_args__ = (UniqueConstraint("user_id", "tenant"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    tenant: Mapped[str] = mapped_column(String(63))
    role: Mapped[str] = mapped_column(String(20))
    partner: Mapped[str | None] = mapped_column(String(200), nullable=True)


class LoginRow(Base):
    """A login session kept on the server. ``id`` is a hash of the token the cookie
    carries, so a copy of the database opens no session."""

    __tablename__ = "login_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)


class AuditRow(Base):
    """One entry of the audit log."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    tenant: Mapped[str] = mapped_column(String(63))
    user: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(40))
    detail: Mapped[str] = mapped_column(Text)


class ScenarioRow(Base):
    """A scenario saved in the browser: its YAML text, who saved it and when."""

    __tablename__ = "saved_scenarios"
    __table_args__ = (UniqueConstraint("tenant", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant: Mapped[str] = mapped_column(String(63))
    name: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    author: Mapped[str] = mapped_column(String(200))
    saved: Mapped[datetime] = mapped_column(DateTime(timezone=True))
