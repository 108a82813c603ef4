"""What the workshop's HTTP tests share: the app on a copy of examples/acme, and
clients for callers of each role.

Who is calling is told by the ``x-test-user`` and ``x-test-role`` headers, read by a
small ``Authority`` (the app's own seam for who may do what): the login of team mode is
not the workshop's concern, the role it grants is.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fastapi import FastAPI
from fastapi.testclient import TestClient
from starlette.requests import Request

from levelset.web.access import Access, Role

ROOT = Path(__file__).resolve().parents[3]


class HeaderAuthority:
    """The caller named by the request's test headers (default: a local admin)."""

    def access(self, request: Request, tenant: str) -> Access:
        """The access the headers grant."""
        user = request.headers.get("x-test-user", "local")
        role = Role(request.headers.get("x-test-role", "admin"))
        return Access(user=user, tenant=tenant, role=role)


class Audit:
    """The audit entries recorded, kept to be read by the tests."""

    def __init__(self) -> None:
        self.entries: list[tuple[str, str, str]] = []

    def record(self, access: Access, action: str, detail: str) -> None:
        """Keep the entry."""
        self.entries.append((access.user, action, detail))


@dataclass
class Served:
    """The app on a copy of acme: its workspace folder, tenant name and audit log."""

    app: FastAPI
    workspace: Path
    tenant: str
    audit: Audit

    def client(self, user: str = "local", role: str = "admin") -> TestClient:
        """A client calling as ``user`` with ``role``."""
        client = TestClient(self.app, headers={"x-test-user": user, "x-test-role": role})
        client.get("/")  # the CSRF cookie, sent back as the header on every request
        client.headers["x-csrftoken"] = client.cookies["csrftoken"]
        return client
