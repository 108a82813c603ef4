"""The command-line entry of the web app: ``levelset serve``.

Registered with the ``levelset`` command through the ``levelset.commands`` entry point
group, so the command line never imports the web app (DESIGN.md: ``cli`` and ``web``
never import each other).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import click

from levelset.web.config import ServeConfig


@click.command("serve")
@click.argument(
    "workspace", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path)
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@click.option("--engine", default=None, help="Engine URL (default: the workspace's own).")
@click.option("--no-watch", is_flag=True, help="Do not reload when a workspace file changes.")
@click.option(
    "--config",
    "config_path",
    default=None,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Team mode: serve the tenants of this server.toml, with logins and roles.",
)
@click.option(
    "--data",
    default=None,
    type=click.Path(file_okay=False, path_type=Path),
    help="Local mode: keep the web app's state here (default: WORKSPACE/.levelset).",
)
@click.option(
    "--forwarded-allow-ips",
    default="127.0.0.1",
    show_default=True,
    help="Behind a reverse proxy: the proxy addresses whose X-Forwarded-For/-Proto to trust.",
)
def serve(  # click passes every option by name
    *,
    workspace: Path | None,
    host: str,
    port: int,
    engine: str | None,
    no_watch: bool,
    config_path: Path | None,
    data: Path | None,
    forwarded_allow_ips: str,
) -> None:
    """Serve a workspace in the browser (local mode: no login, on 127.0.0.1), or the
    tenants of a server.toml with logins and roles (--config: team mode)."""
    import uvicorn  # noqa: PLC0415 - only when serving

    from levelset.service import LevelsetError  # noqa: PLC0415
    from levelset.web.app import create_app  # noqa: PLC0415

    try:
        config = _config(workspace, config_path, data, engine, not no_watch)
        app = create_app(config)
    except LevelsetError as error:
        click.echo(f"error: {error.message}", err=True)
        for problem in error.problems:
            click.echo(f"  {problem}", err=True)
        raise click.exceptions.Exit(2) from error
    if len(config.tenants) == 1 and not config.team:
        tenant = config.tenants[0]
        click.echo(f"levelset serves {tenant.label} at http://{host}:{port}/t/{tenant.name}/")
    else:
        served = ", ".join(t.label for t in config.tenants)
        click.echo(f"levelset serves {served} at http://{host}:{port}/ (log in there)")
    if config.watch:
        click.echo("Pages update when a file of the workspace changes (--no-watch: they do not).")
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level="warning",
        proxy_headers=True,  # the client's address (throttling) and https (Secure cookies)
        forwarded_allow_ips=forwarded_allow_ips,
        # an open page keeps an event stream open: stop waiting for it after a second
        timeout_graceful_shutdown=1,
    )


def _config(
    workspace: Path | None,
    config_path: Path | None,
    data: Path | None,
    engine: str | None,
    watch: bool,
) -> ServeConfig:
    """Team mode from ``--config``, else local mode on the workspace."""
    if config_path is None:
        return ServeConfig.local(
            workspace or Path("."), engine=engine, watch=watch, data_folder=data
        )
    if workspace is not None or data is not None:
        from levelset.service import UsageError  # noqa: PLC0415

        raise UsageError(
            "--config names the workspaces and the data folder: drop WORKSPACE and --data"
        )
    config = ServeConfig.read(config_path)
    return config if engine is None else dataclasses.replace(config, engine=engine)
