"""The application factory: one FastAPI app for a ``ServeConfig``.

Routes: pages under ``/t/{tenant}/...``, the JSON API under ``/api/t/{tenant}/...``,
described at ``/api/openapi.json``. Every route asks the app's ``Authority`` for the
caller's ``Access`` first. One error shape for the API (``{"error": ..., "problems":
[...]}``, with the status a ``LevelsetError`` carries); problems in a workspace are shown
on pages with their places, never as a server error.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from levelset.service import LevelsetError
from levelset.version import __version__
from levelset.web.access import Authority, Denied, LocalAuthority
from levelset.web.audit import Auditor, LogAuditor
from levelset.web.config import ServeConfig
from levelset.web.hub import WorkspaceHub

HERE = Path(__file__).parent


def create_app(
    config: ServeConfig, authority: Authority | None = None, auditor: Auditor | None = None
) -> FastAPI:
    """The web application for ``config``; ``authority`` decides who may see what
    (default: local mode, no login); ``auditor`` keeps the audit log."""
    app = FastAPI(
        title="levelset",
        version=__version__,
        openapi_url="/api/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    app.state.config = config
    app.state.hub = WorkspaceHub(config)
    app.state.authority = authority if authority is not None else LocalAuthority()
    app.state.auditor = auditor if auditor is not None else LogAuditor()
    app.state.templates = templates()
    app.include_router(workshop_router())
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.exception_handler(LevelsetError)
    async def levelset_error(request: Request, error: LevelsetError) -> Response:
        return JSONResponse(
            {"error": error.message, "problems": [str(p) for p in error.problems]},
            status_code=error.http_status,
        )

    @app.exception_handler(Denied)
    async def denied(request: Request, error: Denied) -> Response:
        if error.login and not request.url.path.startswith("/api/"):
            return RedirectResponse(f"/login?next={request.url.path}", status_code=303)
        status = 401 if error.login else 404
        return JSONResponse({"error": error.reason, "problems": []}, status_code=status)

    @app.on_event("shutdown")
    def close_sessions() -> None:
        app.state.hub.close()

    return app


def workshop_router() -> APIRouter:
    """The workshop's pages and API, imported when an app is built (not when the command
    line only lists its commands: the workshop reads scenarios, which needs the engine's
    libraries)."""
    from levelset.web.workshop import router  # noqa: PLC0415

    return router


def templates() -> Jinja2Templates:
    """The page templates; autoescaping on, so every name from a workspace is text."""
    found = Jinja2Templates(directory=HERE / "templates")
    found.env.autoescape = True
    found.env.globals["csrf_token"] = csrf_token
    return found


def csrf_token(request: Request) -> str:
    """The CSRF token a form must send back (field ``csrftoken``, or the
    ``x-csrftoken`` header from a script); set by the CSRF middleware."""
    token = request.scope.get("csrftoken")
    return str(token()) if callable(token) else ""
