"""What guards every request, in both modes: CSRF protection and security headers.

CSRF: ``asgi_csrf``'s double submit (a signed ``csrftoken`` cookie, sent back as the form
field ``csrftoken`` or the ``x-csrftoken`` header) on every request that is not GET,
HEAD, OPTIONS or TRACE. asgi_csrf lets a request without cookies through unless its path
is "always protected"; a local server has no login cookie, so a page elsewhere could
POST to it cookieless: here every path is always protected.

Headers (the ``secure`` library): a Content Security Policy that allows scripts, styles
and everything else from the server itself only (no inline script), no framing, no
sniffing, no referrer to other sites.
"""

from __future__ import annotations

import json
import secrets

from asgi_csrf import asgi_csrf  # type: ignore[import-untyped]  # ships no types
from fastapi import FastAPI
from secure import (
    ContentSecurityPolicy,
    CrossOriginOpenerPolicy,
    PermissionsPolicy,
    ReferrerPolicy,
    Secure,
    XContentTypeOptions,
    XFrameOptions,
)
from secure.middleware import SecureASGIMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

CSRF_COOKIE = "csrftoken"
REFUSED = "the request carried no valid CSRF token: reload the page and try again"


class _EveryPath:
    """asgi_csrf's ``always_protect``: a set that holds every path."""

    def __contains__(self, path: object) -> bool:
        return True


async def _refused(scope: Scope, send: Send, reason: object) -> None:
    """A request without a valid token: 403 in the app's one error shape."""
    del scope, reason  # the reason names asgi_csrf's internals, not what to do
    await _answer(send, 403, REFUSED)


async def _answer(send: Send, status: int, error: str) -> None:
    body = json.dumps({"error": error, "problems": []}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class MultipartWithoutBoundary:
    """Answers 400 to a ``multipart/form-data`` request that names no boundary.

    asgi_csrf splits the content type on ``; boundary=`` and raises on such a request,
    which would be a server error; the request is malformed, so it is refused before."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            kind = dict(scope["headers"]).get(b"content-type", b"")
            if kind.startswith(b"multipart/form-data") and b"; boundary=" not in kind:
                await _answer(send, 400, "a multipart/form-data request must name its boundary")
                return
        await self.app(scope, receive, send)


def security_headers() -> Secure:
    """The headers on every answer."""
    policy = (
        ContentSecurityPolicy()
        .default_src("'self'")
        .script_src("'self'")
        .style_src("'self'")
        .img_src("'self'", "data:")
        .connect_src("'self'")
        .object_src("'none'")
        .base_uri("'none'")
        .form_action("'self'")
        .frame_ancestors("'none'")
    )
    return Secure(
        csp=policy,
        xcto=XContentTypeOptions(),
        xfo=XFrameOptions().deny(),
        referrer=ReferrerPolicy().strict_origin_when_cross_origin(),
        coop=CrossOriginOpenerPolicy().same_origin(),
        permissions=PermissionsPolicy().geolocation().camera().microphone(),
    )


def guard(app: FastAPI, secret: str | None, *, https: bool = False) -> None:
    """Wrap ``app`` in CSRF protection and the security headers. ``secret`` signs the
    CSRF cookie (a random one per process when None: local mode has no lasting state
    to keep it for); ``https`` marks the cookie Secure."""
    signing = secret or secrets.token_urlsafe(32)

    app.add_middleware(
        asgi_csrf,
        signing_secret=signing,
        always_protect=_EveryPath(),
        always_set_cookie=True,  # a script reads it for its x-csrftoken header
        cookie_secure=https,
        # Lax, not Strict: arriving from a link must not replace the token of open forms
        cookie_samesite="Lax",
        send_csrf_failed=_refused,
    )
    app.add_middleware(MultipartWithoutBoundary)  # outside asgi_csrf, which it protects
    # added last, so outermost: the headers go on every answer, a CSRF refusal too
    app.add_middleware(SecureASGIMiddleware, secure=security_headers())
