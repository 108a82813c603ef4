"""Rendering a page: the tenant's navigation, the content hash the live script compares,
and the problems page when the workspace cannot be read (never a server error)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi.responses import HTMLResponse
from markupsafe import Markup
from starlette.requests import Request

from levelset.service import LevelsetError
from levelset.service.people import NotFound
from levelset.web.deps import hub
from levelset.web.hub import WorkspaceHub

#: The pages of a tenant, in the navigation's order: the path below ``/t/{tenant}/``
#: and the link's text.
NAV = (
    ("", "Overview"),
    ("findings", "Findings"),
    ("plan", "Plan"),
    ("org", "Org chart"),
    ("goals", "Goals"),
    ("people", "People"),
    ("partners", "Partners"),
    ("finance", "Finance"),
    ("history", "History"),
    ("workshop", "Workshop"),
)


Context = dict[str, Any]


def nav(request: Request, tenant: str) -> list[tuple[str, str, str]]:
    """``(key, href, text)`` of each page the navigation links to."""
    return [(key, f"/t/{tenant}/{key}", text) for key, text in NAV]


def render(request: Request, template: str, context: Context, *, status: int = 200) -> HTMLResponse:
    """``template`` with ``context`` (autoescaped)."""
    response: HTMLResponse = request.app.state.templates.TemplateResponse(
        request, template, context, status_code=status
    )
    return response


def show(
    request: Request,
    tenant: str,
    template: str,
    current: str,
    build: Callable[[WorkspaceHub], Context],
    *,
    kept: bool | str = False,
) -> HTMLResponse:
    """A page of ``tenant``: ``build`` gives its context from the hub's answers.

    The content hash is read before the answers, so a page never claims newer content
    than it shows (the live script then fetches it once more). An unknown person or
    partner is a 404 page; a workspace that cannot be read is the problems page.

    ``kept``: the page's main content is rendered once per content of the workspace and
    kept with the answers (the seat tree of a large organization takes a while to write;
    only pages that depend on nothing but the workspace may be kept). A text for ``kept``
    keeps the page under that name too: the query a page depends on besides the workspace
    (the findings' filters, a window of a long list)."""
    found = hub(request)
    base: Context = {
        "tenant": found.tenant(tenant),
        "nav": nav(request, tenant),
        "current": current,
        "content_hash": found.content_hash(tenant),
    }
    try:
        if kept:
            name = f"page:{template}" + (f":{kept}" if isinstance(kept, str) else "")
            main = found.view(tenant, name, lambda: _main(request, template, base, build(found)))
            return render(request, "kept.html", {**base, "main": main})
        context = build(found)
    except NotFound as error:
        return render(request, "missing.html", {**base, "error": error}, status=404)
    except LevelsetError as error:
        return render(request, "problems.html", {**base, "error": error}, status=error.http_status)
    return render(request, template, {**base, **context})


def _main(request: Request, template: str, base: Context, context: Context) -> Markup:
    """The ``main`` block of ``template``, rendered (autoescaped) with ``context``."""
    page = request.app.state.templates.env.get_template(template)
    values = page.new_context({**base, **context, "request": request})
    # the output of an autoescaping template, not workspace data: safe to keep as markup
    return Markup("".join(page.blocks["main"](values)))
