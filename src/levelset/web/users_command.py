"""``levelset users``: the users of a team server and their roles, kept in its database.

``add`` and ``passwd`` read the password with a hidden prompt (typed twice), or from
standard input with ``--password-stdin`` (for scripts); it never stands on the command
line, where other users of the machine could read it. Every role change goes into the
audit log.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from levelset.service import LevelsetError
from levelset.web.access import Role
from levelset.web.config import ServeConfig

if TYPE_CHECKING:
    from levelset.web.state import State

CONFIG = click.option(
    "--config",
    "config_path",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The server's server.toml.",
)
PASSWORD_STDIN = click.option(
    "--password-stdin", is_flag=True, help="Read the password from standard input."
)


@click.group("users")
def users() -> None:
    """Users and roles of a team server (levelset serve --config server.toml)."""


@contextmanager
def _opened(config_path: Path) -> Iterator[tuple[ServeConfig, State]]:
    """The server's config and state; a problem is printed with its place, exit 2."""
    from levelset.web.state import State  # noqa: PLC0415 - SQLAlchemy only for this command

    try:
        config = ServeConfig.read(config_path)
        state = State.open(config)
    except LevelsetError as error:
        for problem in error.problems:
            click.echo(f"error: {problem}", err=True)
        raise click.exceptions.Exit(2) from error
    try:
        yield config, state
    except LevelsetError as error:
        click.echo(f"error: {error.message}", err=True)
        raise click.exceptions.Exit(2) from error
    finally:
        state.close()


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    typed: str = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    return typed


@users.command("add")
@click.argument("name")
@CONFIG
@PASSWORD_STDIN
def add(name: str, config_path: Path, password_stdin: bool) -> None:
    """Add a user (with no role yet: give one with 'grant')."""
    with _opened(config_path) as (_config, state):
        user = state.users.add(name, _password(password_stdin))
        state.auditor.note("*", user.name, "user-added", "by the users command")
        click.echo(f"added {user.name}")


@users.command("passwd")
@click.argument("name")
@CONFIG
@PASSWORD_STDIN
def passwd(name: str, config_path: Path, password_stdin: bool) -> None:
    """Change a user's password; every login session of theirs ends."""
    with _opened(config_path) as (_config, state):
        state.users.set_password(name, _password(password_stdin))
        state.auditor.note("*", name, "password-changed", "by the users command")
        click.echo(f"changed the password of {name}; their sessions have ended")


@users.command("grant")
@click.argument("name")
@click.argument("tenant")
@click.argument("role", type=click.Choice([r.value for r in Role]))
@click.option("--partner", default=None, help="The partner id, for the partner role.")
@CONFIG
def grant(name: str, tenant: str, role: str, partner: str | None, config_path: Path) -> None:
    """Give NAME the ROLE in TENANT (replacing the role they had there)."""
    from levelset.web.state import Grant  # noqa: PLC0415

    with _opened(config_path) as (config, state):
        _check_grant(config, tenant, partner)
        state.users.grant(name, Grant(tenant, Role(role), partner))
        detail = f"{role} of {partner}" if partner else role
        state.auditor.note(tenant, name, "grant", detail)
        click.echo(f"{name} is {detail} in {tenant}")


@users.command("revoke")
@click.argument("name")
@click.argument("tenant")
@CONFIG
def revoke(name: str, tenant: str, config_path: Path) -> None:
    """Take away NAME's role in TENANT."""
    with _opened(config_path) as (_config, state):
        if not state.users.revoke(name, tenant):
            click.echo(f"error: {name} holds no role in {tenant}", err=True)
            raise click.exceptions.Exit(1)
        state.auditor.note(tenant, name, "revoke", "")
        click.echo(f"{name} holds no role in {tenant} any more")


@users.command("list")
@CONFIG
def list_users(config_path: Path) -> None:
    """Every user and their roles."""
    with _opened(config_path) as (_config, state):
        for user in state.users.users():
            roles = ", ".join(
                f"{g.tenant}: {g.role.value}" + (f" of {g.partner}" if g.partner else "")
                for g in user.grants
            )
            click.echo(f"{user.name}\t{roles or '(no role)'}")


def _check_grant(config: ServeConfig, tenant: str, partner: str | None) -> None:
    """The tenant must be served, and a partner must exist in its workspace."""
    served = config.tenant(tenant)
    if served is None:
        names = ", ".join(t.name for t in config.tenants)
        raise LevelsetError(f"the server serves no tenant {tenant!r} (it serves {names})")
    if partner is None:
        return
    from levelset.service import Session  # noqa: PLC0415 - the loader only when it is needed

    with Session(served.workspace, engine=config.engine) as session:
        if partner not in session.workspace.partners:
            known = ", ".join(session.workspace.partners) or "none"
            raise LevelsetError(f"{tenant} has no partner {partner!r} (its partners: {known})")
