"""The login and logout pages of team mode.

``POST /login`` checks the throttle first (a throttled attempt is answered 429 with how
long to wait, without looking at the password), then the password; a success opens a
login session and goes on to the page asked for (a path on this server only) or the
user's first organization. Every attempt, good or bad, and every logout goes into the
audit log.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from levelset.web.auth.team import TeamAuthority
from levelset.web.auth.throttle import LoginThrottle
from levelset.web.state import State, User
from levelset.web.state.records import SERVER

router = APIRouter(include_in_schema=False)


def _team(request: Request) -> tuple[TeamAuthority, State, LoginThrottle]:
    return request.app.state.authority, request.app.state.team_state, request.app.state.throttle


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str = "") -> Response:
    """The login form."""
    return _form(request, next, "", 200)


@router.post("/login", response_class=HTMLResponse)
def login(
    request: Request,
    name: Annotated[str, Form(max_length=200)],
    password: Annotated[str, Form(max_length=1000)],
    next: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    """Check the name and password; open a login session."""
    authority, state, throttle = _team(request)
    address = request.client.host if request.client is not None else "unknown"
    wait = throttle.check(name, address)
    if wait is not None:
        state.auditor.note(SERVER, name, "login-throttled", f"from {address}")
        message = f"Too many failed attempts. Wait {wait.seconds} seconds, then try again."
        page = _form(request, next, message, 429)
        page.headers["Retry-After"] = str(wait.seconds)
        return page
    user = state.users.verify(name, password)
    if user is None:
        throttle.failed(name, address)
        state.auditor.note(SERVER, name, "login-failed", f"from {address}")
        return _form(request, next, "That name and password do not match.", 401)
    if not user.grants:  # nothing to show them: say so rather than open an empty session
        state.auditor.note(SERVER, user.name, "login-no-role", f"from {address}")
        message = "You hold no role in any organization yet: ask an administrator."
        return _form(request, next, message, 403)
    state.auditor.note(SERVER, user.name, "login", f"from {address}")
    response = RedirectResponse(_landing(next, user), status_code=303)
    authority.start(response, request, user)
    return response


@router.post("/logout")
def logout(request: Request) -> Response:
    """End the login session."""
    authority, state, _throttle = _team(request)
    user = authority.user(request)
    if user is not None:
        state.auditor.note(SERVER, user.name, "logout", "")
    response = RedirectResponse("/login", status_code=303)
    authority.end(response, request)
    return response


def _form(request: Request, next_page: str, message: str, status: int) -> Response:
    templates = request.app.state.templates
    context = {"next": _local(next_page) or "", "message": message}
    response: Response = templates.TemplateResponse(
        request, "login.html", context, status_code=status
    )
    return response


def _landing(next_page: str, user: User) -> str:
    """Where a login goes: the page asked for, else the user's first organization."""
    asked = _local(next_page)
    if asked:
        return asked
    first = user.grants[0]
    return f"/t/{first.tenant}/partner" if first.partner else f"/t/{first.tenant}/"


def _local(path: str) -> str | None:
    """``path`` when it is a path on this server (never another site: ``//x`` or ``/\\x``)."""
    if path.startswith("/") and not path.startswith(("//", "/\\")) and "\n" not in path:
        return path
    return None
