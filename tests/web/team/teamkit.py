"""A small team server for the tests: two tenants built from copies of examples/acme
(``globex`` renamed, with a seat titled ``<script>…``), a ``server.toml``, and one user
per role. Shared by the HTTP tests here and the browser journey (tests/browser)."""

from __future__ import annotations

import re
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text

from levelset.web.access import Role
from levelset.web.config import ServeConfig
from levelset.web.state import Grant, State
from levelset.web.state.database import database_url

ROOT = Path(__file__).resolve().parents[3]
PASSWORD = "correct horse battery staple"
HOSTILE = "<script>document.title='pwned'</script>"
GLOBEX_NAME = "Globex Logistics"

#: user name -> (tenant, role, partner)
USERS: dict[str, tuple[str, Role, str | None]] = {
    "ann-admin": ("acme", Role.ADMIN, None),
    "eve-editor": ("acme", Role.EDITOR, None),
    "val-viewer": ("acme", Role.VIEWER, None),
    "sam-stride": ("acme", Role.PARTNER, "stride"),
    "kim-keystone": ("acme", Role.PARTNER, "keystone"),
    "gil-globex": ("globex", Role.ADMIN, None),
    "pat-globex-stride": ("globex", Role.PARTNER, "stride"),
}


@dataclass(frozen=True)
class Team:
    """A built team server: its folder, its server.toml and what that file says."""

    folder: Path
    server_file: Path
    config: ServeConfig


def build_team(folder: Path, database: str | None = None, session_minutes: int = 60) -> Team:
    """Two tenants, a server.toml and every user of ``USERS`` (password ``PASSWORD``)."""
    shutil.copytree(ROOT / "examples/acme", folder / "acme")
    globex = folder / "globex"
    shutil.copytree(ROOT / "examples/acme", globex)
    toml = globex / "levelset.toml"
    toml.write_text(toml.read_text().replace('"Acme Distribution"', f'"{GLOBEX_NAME}"', 1))
    org = globex / "org.yaml"
    org.write_text(org.read_text().replace("title: Bookkeeper,", f'title: "{HOSTILE}",', 1))
    database_line = f'database = "{database}"\n' if database else ""
    server_file = folder / "server.toml"
    server_file.write_text(
        f"{database_line}session_minutes = {session_minutes}\n\n"
        '[tenants.acme]\ntitle = "Acme"\nworkspace = "acme"\n\n'
        f'[tenants.globex]\ntitle = "{GLOBEX_NAME}"\nworkspace = "globex"\n'
    )
    config = ServeConfig.read(server_file)
    state = State.open(config)
    try:
        for name, (tenant, role, partner) in USERS.items():
            state.users.add(name, PASSWORD)
            state.users.grant(name, Grant(tenant, role, partner))
    finally:
        state.close()
    return Team(folder, server_file, config)


def csrf(client: Any) -> str:
    """The CSRF token of the client's cookie (fetching the login page sets it)."""
    if "csrftoken" not in client.cookies:
        client.get("/login")
    token: str = client.cookies["csrftoken"]
    return token


def login(client: Any, name: str, password: str = PASSWORD) -> Any:
    """Log ``client`` in through the login form, as a browser would."""
    page = client.get("/login")
    token = re.search(r'name="csrftoken" value="([^"]+)"', page.text)
    assert token is not None, page.text
    return client.post(
        "/login",
        data={"name": name, "password": password, "csrftoken": token.group(1)},
        follow_redirects=False,
    )


def fresh_postgres(server: str) -> str:
    """A new, empty database on the test server, so each test starts from nothing."""
    name = f"state_{uuid.uuid4().hex[:12]}"
    admin = create_engine(database_url(server, Path()), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return database_url(server.rsplit("/", 1)[0] + f"/{name}", Path())
