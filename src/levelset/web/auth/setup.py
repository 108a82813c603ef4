"""Wiring who-may-do-what into an app (``create_app`` calls ``install``)."""

from __future__ import annotations

from fastapi import FastAPI

from levelset.service import UsageError
from levelset.web.access import Authority, LocalAuthority
from levelset.web.audit import Auditor
from levelset.web.auth.routes import router
from levelset.web.auth.security import guard
from levelset.web.auth.team import TeamAuthority
from levelset.web.auth.throttle import LoginThrottle
from levelset.web.config import ServeConfig
from levelset.web.state import State


def install(
    app: FastAPI, config: ServeConfig, authority: Authority | None, auditor: Auditor | None
) -> State:
    """Open the state database and set ``app.state.authority``, ``.auditor``,
    ``.scenarios`` (the saved scenarios) and ``.team_state``; guard every request with
    CSRF protection and security headers; in team mode add the login pages."""
    if config.team and not config.secret_key:
        raise UsageError("team mode needs a secret key: secret_key_file or secret_key_env")
    state = State.open(config)
    app.state.team_state = state
    app.state.scenarios = state.scenarios
    app.state.auditor = auditor if auditor is not None else state.auditor
    if authority is not None:
        app.state.authority = authority
    elif config.team:
        app.state.authority = TeamAuthority(state, config.secret_key or "")
    else:
        app.state.authority = LocalAuthority()
    if config.team:
        app.state.throttle = LoginThrottle()
        app.include_router(router)
    guard(app, config.secret_key, https=config.https)
    return state
