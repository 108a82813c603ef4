"""Who is asking, and what they may see: roles per tenant.

Every page and API route asks ``Authority.access(request, tenant)`` for the caller's
``Access`` to that tenant. In local mode (``LocalAuthority``) the one user is an admin of
the one tenant. In team mode the authority reads the logged-in user's roles from the
application's database. A partner role is bound to one partner of the workspace: what it
sees is cut down to that partner's slice in the service layer (``levelset.service``), so
pages, the JSON API and exports obey one rule.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Protocol

from starlette.requests import Request


class Role(enum.StrEnum):
    """A user's role in one tenant, strongest first."""

    ADMIN = "admin"  # everything, and managing who may do what
    EDITOR = "editor"  # may apply scenarios to the workspace
    VIEWER = "viewer"  # reads everything, changes nothing
    PARTNER = "partner"  # reads one partner's slice only

    @property
    def may_apply(self) -> bool:
        """May write a scenario into the workspace."""
        return self in (Role.ADMIN, Role.EDITOR)

    @property
    def sees_everything(self) -> bool:
        """Sees the whole organization (not a partner's slice)."""
        return self is not Role.PARTNER


@dataclass(frozen=True)
class Access:
    """One caller's access to one tenant. ``partner`` is set exactly for the partner role."""

    user: str
    tenant: str
    role: Role
    partner: str | None = None


class Denied(Exception):  # noqa: N818 - a refusal, not a bug
    """The caller may not see this tenant (answered 404, so a guessed name learns nothing)
    or is not logged in (answered by sending them to the login page)."""

    def __init__(self, reason: str, *, login: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.login = login


class Authority(Protocol):
    """Decides who the caller is and what they may do in a tenant."""

    def access(self, request: Request, tenant: str) -> Access:
        """The caller's access to ``tenant``; raises ``Denied``."""
        ...


class LocalAuthority:
    """Local mode: no login; the person at the keyboard administers the one workspace."""

    def access(self, request: Request, tenant: str) -> Access:
        """Always an admin (local mode binds to 127.0.0.1 by default)."""
        return Access(user="local", tenant=tenant, role=Role.ADMIN)
