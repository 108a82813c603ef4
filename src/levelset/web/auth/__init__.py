"""Who may see and do what: team mode's login and roles, and the guards of both modes.

``install(app, config)`` wires it into an app: CSRF protection and security headers
always; in team mode the state database, ``TeamAuthority`` and the login pages; the
database-backed audit log and saved scenarios in both modes.
"""

from __future__ import annotations

from levelset.web.auth.setup import install
from levelset.web.auth.team import SESSION_COOKIE, TeamAuthority

__all__ = ["SESSION_COOKIE", "TeamAuthority", "install"]
