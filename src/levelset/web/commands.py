"""The command-line entry of the web app: ``levelset serve``.

Registered with the ``levelset`` command through the ``levelset.commands`` entry point
group, so the command line never imports the web app (DESIGN.md: ``cli`` and ``web``
never import each other).
"""

from __future__ import annotations

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
def serve(workspace: Path | None, host: str, port: int, engine: str | None, no_watch: bool) -> None:
    """Serve a workspace in the browser (local mode: no login, on 127.0.0.1)."""
    import uvicorn  # noqa: PLC0415 - only when serving

    from levelset.web.app import create_app  # noqa: PLC0415

    config = ServeConfig.local(workspace or Path("."), engine=engine, watch=not no_watch)
    app = create_app(config)
    tenant = config.tenants[0]
    click.echo(f"levelset serves {tenant.label} at http://{host}:{port}/t/{tenant.name}/")
    if config.watch:
        click.echo("Pages update when a file of the workspace changes (--no-watch: they do not).")
    # An open page keeps an event stream open: stop waiting for it after a second.
    uvicorn.run(app, host=host, port=port, log_level="warning", timeout_graceful_shutdown=1)
