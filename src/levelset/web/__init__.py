"""The web application: the organization in the browser (``levelset serve``).

A thin face on the service layer, like the command line: every page and every JSON answer
is built from a service session's typed results. ``create_app`` builds the ASGI
application for a ``ServeConfig`` (local mode: one workspace, no login; team mode:
several tenants, users and roles in the application's own database).

The names are imported on first use: the command line loads ``levelset.web.commands``
and ``levelset.web.users_command`` for every command, and must not pay for FastAPI,
SQLAlchemy and Alembic unless it serves or manages users.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from levelset.web.app import create_app
    from levelset.web.config import ServeConfig, Tenant

_HOMES = {"create_app": "app", "ServeConfig": "config", "Tenant": "config"}


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"levelset.web.{home}"), name)
    globals()[name] = value  # once read, a plain attribute
    return value


__all__ = ["ServeConfig", "Tenant", "create_app"]
