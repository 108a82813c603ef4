"""What a server serves: its tenants (each a workspace folder) and where it keeps its state.

Local mode is one tenant and no login (``levelset serve FOLDER``); team mode reads a
``server.toml`` (``levelset serve --config server.toml``) naming several tenants, the data
folder and the database URL of the application's own state.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

#: A tenant's name is part of every URL: lower-case letters, digits and dashes.
TENANT_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")


@dataclass(frozen=True)
class Tenant:
    """One organization the server serves: its name in URLs, its title, its workspace."""

    name: str
    workspace: Path
    title: str = ""

    @property
    def label(self) -> str:
        """What a page calls the tenant."""
        return self.title or self.name


@dataclass(frozen=True)
class ServeConfig:
    """Everything ``create_app`` needs.

    ``team`` is False in local mode: no login, the one user may do everything.
    ``database`` is the SQLAlchemy URL of the application's own state (users, roles,
    sessions, audit log, saved scenarios); by default SQLite in ``data_folder``.
    ``engine`` is the analytic engine URL handed to every service session (None: the
    workspace's own ``[data] engine``, else in-process DuckDB). ``https``: the server is
    reached over https (behind a TLS proxy), so the CSRF cookie is marked Secure too.
    """

    tenants: tuple[Tenant, ...]
    team: bool = False
    data_folder: Path | None = None
    database: str | None = None
    engine: str | None = None
    secret_key: str | None = None
    session_minutes: int = 8 * 60
    watch: bool = True
    https: bool = False
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def state_folder(self) -> Path:
        """Where the state database lives by default: the data folder, else (local mode)
        ``.levelset`` inside the one workspace."""
        if self.data_folder is not None:
            return self.data_folder
        return self.tenants[0].workspace / ".levelset"

    def tenant(self, name: str) -> Tenant | None:
        """The tenant of that name, or None (an unknown name is answered with 404)."""
        return next((tenant for tenant in self.tenants if tenant.name == name), None)

    @classmethod
    def local(
        cls,
        workspace: Path,
        *,
        engine: str | None = None,
        watch: bool = True,
        data_folder: Path | None = None,
    ) -> ServeConfig:
        """Local mode: the one workspace, as the tenant named after its folder; the state
        in ``data_folder`` (default: ``.levelset`` inside the workspace)."""
        folder = workspace.resolve()
        name = re.sub(r"[^a-z0-9-]+", "-", folder.name.lower()).strip("-") or "workspace"
        return cls(
            tenants=(Tenant(name=name[:63], workspace=folder, title=folder.name),),
            engine=engine,
            watch=watch,
            data_folder=data_folder.resolve() if data_folder is not None else None,
        )

    @classmethod
    def read(cls, path: Path) -> ServeConfig:
        """Team mode: the server described by ``path`` (a ``server.toml``); raises
        ``LevelsetError`` naming every problem with its file and line."""
        from levelset.web.serverfile import read_server_file  # noqa: PLC0415 - team mode only

        return read_server_file(path)
