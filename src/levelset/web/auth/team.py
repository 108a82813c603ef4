"""Team mode's ``Authority``: who is logged in (a signed cookie naming a login session
kept in the state database) and what they may see in each tenant (their grants).

The cookie carries only a random token, signed with the server's secret key
(itsdangerous); the session it names must exist, be neither ended nor expired, and its
user must hold a role in the tenant asked about. A tenant the user holds no role in is
answered like a tenant that does not exist (404), so a guessed name learns nothing.
"""

from __future__ import annotations

from itsdangerous import BadSignature, URLSafeSerializer
from starlette.requests import Request
from starlette.responses import Response

from levelset.web.access import Access, Denied
from levelset.web.state import State, User

SESSION_COOKIE = "levelset_session"
_SALT = "levelset-login"


class TeamAuthority:
    """Roles from the state database, for the user of the request's login session."""

    def __init__(self, state: State, secret: str) -> None:
        self.state = state
        self._signer = URLSafeSerializer(secret, salt=_SALT)

    def access(self, request: Request, tenant: str) -> Access:
        """The caller's role in ``tenant``; ``Denied(login=True)`` when not logged in,
        ``Denied`` (404) when they hold no role there."""
        user = self.user(request)
        if user is None:
            raise Denied("log in first", login=True)
        grant = user.grant_in(tenant)
        if grant is None:
            raise Denied("no such organization")
        return Access(user=user.name, tenant=tenant, role=grant.role, partner=grant.partner)

    def user(self, request: Request) -> User | None:
        """The logged-in user of the request, or None (looked up once a request)."""
        if "levelset_user" in request.scope:
            found: User | None = request.scope["levelset_user"]
            return found
        token = self.token(request)
        user_id = self.state.logins.user_of(token) if token is not None else None
        user = self.state.users.find(user_id) if user_id is not None else None
        request.scope["levelset_user"] = user
        return user

    def token(self, request: Request) -> str | None:
        """The login token of the request's cookie, when its signature holds."""
        cookie = request.cookies.get(SESSION_COOKIE)
        if not cookie:
            return None
        try:
            token = self._signer.loads(cookie)
        except BadSignature:
            return None
        return token if isinstance(token, str) else None

    def start(self, response: Response, request: Request, user: User) -> None:
        """Open a login session for ``user`` and set its cookie on ``response``."""
        token = self.state.logins.open(user.id)
        response.set_cookie(
            SESSION_COOKIE,
            self._signer.dumps(token),
            max_age=int(self.state.logins.lifetime.total_seconds()),
            httponly=True,
            secure=request.url.scheme == "https",
            samesite="lax",
        )

    def end(self, response: Response, request: Request) -> None:
        """End the request's login session and clear its cookie."""
        token = self.token(request)
        if token is not None:
            self.state.logins.close(token)
        response.delete_cookie(SESSION_COOKIE)
