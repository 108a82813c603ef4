"""The web application: the organization in the browser (``levelset serve``).

A thin face on the service layer, like the command line: every page and every JSON answer
is built from a service session's typed results. ``create_app`` builds the ASGI
application for a ``ServeConfig`` (local mode: one workspace, no login; team mode:
several tenants, users and roles in the application's own database).
"""

from __future__ import annotations

from levelset.web.app import create_app
from levelset.web.config import ServeConfig, Tenant

__all__ = ["ServeConfig", "Tenant", "create_app"]
