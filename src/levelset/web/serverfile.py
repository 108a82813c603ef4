"""Reading ``server.toml``: the tenants a team server serves and where it keeps its state.

```toml
data_folder = "data"                  # the state (SQLite) and the secret key; default "data"
database_env = "LEVELSET_DATABASE"    # or database = "postgresql+psycopg://..." (no password!)
session_minutes = 480
secret_key_env = "LEVELSET_SECRET"    # or secret_key_file = "..." (default: data/secret.key,
                                      # made on first start, readable by its owner only)
[tenants.acme]
title = "Acme Distribution"
workspace = "acme"                    # relative to this file
```

Every problem is collected with its line (tomllib names none for keys, so they are found
by scanning the text, as ``levelset.toml`` is read) and raised together in one
``LevelsetError``: the server does not start half-configured.
"""

from __future__ import annotations

import os
import re
import secrets
import tomllib
from pathlib import Path
from typing import Any

from levelset.load.problems import Problems
from levelset.load.settings import key_line, table_line
from levelset.model.suggest import did_you_mean
from levelset.service import LevelsetError
from levelset.web.config import TENANT_NAME, ServeConfig, Tenant

KEYS = (
    "data_folder",
    "database",
    "database_env",
    "engine",
    "https",
    "session_minutes",
    "secret_key_file",
    "secret_key_env",
    "tenants",
)
TENANT_KEYS = ("title", "workspace")
SECRET_FILE = "secret.key"
_TOML_LINE = re.compile(r"line (\d+)")


class _Reader:
    """One file's text, its problems, and the lines its keys are on."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.name = str(path)
        self.lines = text.splitlines()
        self.problems = Problems()

    def add(self, key: str, message: str, hint: str, table: str | None = None) -> None:
        after = table_line(self.lines, table) if table else None
        line = key_line(self.lines, key, after) if key else after
        if line is None and key and table is None:  # a whole table: ``[server]``
            line = table_line(self.lines, key)
        self.problems.add(self.name, line, message, hint)

    def text(self, data: dict[str, Any], key: str, table: str | None = None) -> str | None:
        value = data.get(key)
        if value is None or isinstance(value, str):
            return value
        self.add(key, f"{key} must be text", f'write {key} = "..."', table)
        return None


def read_server_file(path: Path) -> ServeConfig:
    """The ``ServeConfig`` of a ``server.toml``; raises ``LevelsetError`` with every problem."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        problems = Problems()
        problems.add(str(path), None, f"cannot read the server file: {error}", "check the path")
        raise LevelsetError(f"cannot read {path}", problems.items) from error
    reader = _Reader(path, text)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = _TOML_LINE.search(str(error))
        line = int(found.group(1)) if found else max(1, len(reader.lines))
        reader.problems.add(reader.name, line, f"malformed TOML: {error}", "fix the TOML syntax")
        raise LevelsetError(f"1 problem in {path}", reader.problems.items) from error
    config = _config(reader, data)
    if reader.problems.items:
        count = len(reader.problems.items)
        raise LevelsetError(f"{count} problem(s) in {path}", reader.problems.items)
    return config


def _config(reader: _Reader, data: dict[str, Any]) -> ServeConfig:
    _unknown(reader, data, KEYS, None)
    if "secret_key" in data:
        reader.add(
            "secret_key",
            "the secret key must not stand in server.toml",
            "put it in a file (secret_key_file) or an environment variable (secret_key_env)",
        )
    home = reader.path.resolve().parent
    data_folder = home / (reader.text(data, "data_folder") or "data")
    minutes = data.get("session_minutes", 8 * 60)
    if not isinstance(minutes, int) or isinstance(minutes, bool) or minutes <= 0:
        reader.add(
            "session_minutes",
            "session_minutes must be a whole number above 0",
            "for example 480 (8 hours)",
        )
        minutes = 8 * 60
    https = data.get("https", False)
    if not isinstance(https, bool):
        reader.add("https", "https must be true or false", "https = true behind a TLS proxy")
        https = False
    return ServeConfig(
        tenants=_tenants(reader, data.get("tenants"), home),
        team=True,
        data_folder=data_folder,
        database=_database(reader, data),
        engine=reader.text(data, "engine"),
        secret_key=_secret(reader, data, data_folder),
        session_minutes=minutes,
        watch=True,
        https=https,
    )


def _tenants(reader: _Reader, table: object, home: Path) -> tuple[Tenant, ...]:
    if not isinstance(table, dict) or not table:
        line = table_line(reader.lines, "tenants") or 1
        message = "no tenants: a team server serves at least one organization"
        reader.problems.add(reader.name, line, message, '[tenants.acme] workspace = "acme"')
        return ()
    found: list[Tenant] = []
    for name, entry in table.items():
        where = f"tenants.{name}"
        if not TENANT_NAME.match(name):
            reader.add("", f"{name!r} cannot be a tenant's name", "a-z, 0-9 and dashes", where)
            continue
        if not isinstance(entry, dict):
            reader.add("", f"tenant {name} must be a table", f"[tenants.{name}]", where)
            continue
        _unknown(reader, entry, TENANT_KEYS, where)
        folder = reader.text(entry, "workspace", where)
        if folder is None:
            reader.add("", f"tenant {name} names no workspace", 'workspace = "folder"', where)
            continue
        workspace = (home / folder).resolve()
        if not workspace.is_dir():
            reader.add(
                "workspace",
                f"no workspace folder {workspace}",
                "a path relative to this file",
                where,
            )
            continue
        found.append(Tenant(name, workspace, reader.text(entry, "title", where) or ""))
    return tuple(found)


def _database(reader: _Reader, data: dict[str, Any]) -> str | None:
    variable = reader.text(data, "database_env")
    if variable is None:
        return reader.text(data, "database")
    value = os.environ.get(variable)
    if not value:
        reader.add("database_env", f"the environment variable {variable} is not set", "export it")
    return value


def _secret(reader: _Reader, data: dict[str, Any], data_folder: Path) -> str | None:
    variable = reader.text(data, "secret_key_env")
    if variable is not None:
        value = os.environ.get(variable)
        if not value:
            reader.add("secret_key_env", f"the environment variable {variable} is not set", "")
        return value
    given = reader.text(data, "secret_key_file")
    path = reader.path.resolve().parent / given if given else data_folder / SECRET_FILE
    if given is None and not path.exists():
        if reader.problems.items:  # make nothing for a file that does not hold
            return None
        _new_secret(path)
    try:
        value = path.read_text(encoding="utf-8").strip()
    except OSError as error:
        reader.add("secret_key_file", f"cannot read the secret key: {error}", "check the path")
        return None
    if len(value) < 32:
        reader.add("secret_key_file", f"the secret key in {path} is too short", "32 characters")
    return value


def _new_secret(path: Path) -> None:
    """A new random key, readable by its owner only (made once, at the first start)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        out.write(secrets.token_urlsafe(48) + "\n")


def _unknown(
    reader: _Reader, data: dict[str, Any], known: tuple[str, ...], table: str | None
) -> None:
    for key in data:
        if key not in known and not (table is None and key == "secret_key"):
            hint = did_you_mean(key, known, otherwise=f"known keys: {', '.join(known)}")
            reader.add(key, f"unknown key {key!r}", hint.removeprefix("; "), table)
