"""The application factory: one FastAPI app for a ``ServeConfig``.

Routes: pages under ``/t/{tenant}/...``, the JSON API under ``/api/t/{tenant}/...``,
described at ``/api/openapi.json``. Every route asks the app's ``Authority`` for the
caller's ``Access`` first. One error shape for the API (``{"error": ..., "problems":
[...]}``, with the status a ``LevelsetError`` carries); problems in a workspace are shown
on pages with their places, never as a server error.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import ChoiceLoader, FileSystemLoader, PackageLoader
from starlette.exceptions import HTTPException

from levelset.service import LevelsetError
from levelset.version import __version__
from levelset.web.access import Authority, Denied
from levelset.web.audit import Auditor
from levelset.web.config import ServeConfig
from levelset.web.hub import WorkspaceHub
from levelset.web.live import LiveUpdates

HERE = Path(__file__).parent


def create_app(
    config: ServeConfig, authority: Authority | None = None, auditor: Auditor | None = None
) -> FastAPI:
    """The web application for ``config``; ``authority`` decides who may see what
    (default: local mode, no login); ``auditor`` keeps the audit log."""
    # The pages and the API are imported here, not with the module: ``levelset --help``
    # finds ``serve`` through this package and must not pay for the report's renderers.
    from levelset.web.api.routes import router as api_router  # noqa: PLC0415
    from levelset.web.auth import install  # noqa: PLC0415
    from levelset.web.pages.routes import router as page_router  # noqa: PLC0415
    from levelset.web.partner import router as partner_router  # noqa: PLC0415
    from levelset.web.workshop import router as workshop_router  # noqa: PLC0415

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if config.watch:
            app.state.live.start()
        try:
            yield
        finally:
            await app.state.live.stop()
            app.state.hub.close()
            state.close()

    app = FastAPI(
        lifespan=lifespan,
        title="levelset",
        version=__version__,
        openapi_url="/api/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    app.state.config = config
    app.state.hub = WorkspaceHub(config)
    app.state.templates = templates()
    app.state.live = LiveUpdates(app.state.hub)
    state = install(app, config, authority, auditor)  # authority, auditor, state database
    app.include_router(partner_router)
    app.include_router(workshop_router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api_router)
    app.include_router(page_router)

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
        if error.login:
            return JSONResponse({"error": error.reason, "problems": []}, status_code=401)
        return not_found(request, error.reason)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, error: RequestValidationError) -> Response:
        problems = [f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors()]
        if not request.url.path.startswith("/api/"):  # a person typed or edited the address
            return malformed_page(request, problems)
        return JSONResponse({"error": "invalid request", "problems": problems}, status_code=422)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> Response:
        if error.status_code == 404:  # no route of that address
            return not_found(request, "no such page")
        return JSONResponse(
            {"error": str(error.detail), "problems": []},
            status_code=error.status_code,
            headers=error.headers,
        )

    return app


def not_found(request: Request, reason: str) -> Response:
    """A 404: the error shape for the API, a page for a person (with no tenant's
    navigation: the same page whether the tenant exists or not)."""
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": reason, "problems": []}, status_code=404)
    page: Response = request.app.state.templates.TemplateResponse(
        request, "missing.html", {"error": {"message": reason}}, status_code=404
    )
    return page


def malformed_page(request: Request, problems: list[str]) -> Response:
    """A 422 page for an address whose query a page cannot take (``limit=0``), or a form
    it cannot read: what is wrong, and the page without the query (no tenant's
    navigation, as a 404)."""
    page: Response = request.app.state.templates.TemplateResponse(
        request,
        "malformed.html",
        {"problems": problems, "plain": request.url.path if request.method == "GET" else None},
        status_code=422,
    )
    return page


def templates() -> Jinja2Templates:
    """The page templates; autoescaping on, so every name from a workspace is text."""
    from levelset.report.html import number, percent, plain, script_json  # noqa: PLC0415
    from levelset.report.scenario import cost_words  # noqa: PLC0415

    found = Jinja2Templates(directory=HERE / "templates")
    # the report's templates too: the overview says its figures in the report's words
    found.env.loader = ChoiceLoader(
        [FileSystemLoader(HERE / "templates"), PackageLoader("levelset.report", "templates")]
    )
    found.env.autoescape = True
    found.env.globals["csrf_token"] = csrf_token
    found.env.globals["cost_words"] = cost_words
    found.env.filters.update(number=number, percent=percent, plain=plain, script_json=script_json)
    return found


def csrf_token(request: Request) -> str:
    """The CSRF token a form must send back (field ``csrftoken``, or the
    ``x-csrftoken`` header from a script); set by the CSRF middleware."""
    token = request.scope.get("csrftoken")
    return str(token()) if callable(token) else ""
