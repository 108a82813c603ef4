"""The whole team server with its state in PostgreSQL (a real server, started as the
engine tests start it): users added, a login, the partner's slice, a logout."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from teamkit import build_team, csrf, fresh_postgres, login

from levelset.web import create_app
from levelset.web.auth import SESSION_COOKIE


def test_a_team_server_keeps_its_state_in_postgresql(postgres_url: str, tmp_path: Path) -> None:
    team = build_team(tmp_path, database=fresh_postgres(postgres_url))
    app: Any = create_app(team.config)
    assert app.state.team_state.database.engine.dialect.name == "postgresql"
    assert not (tmp_path / "data" / "web.sqlite").exists()
    try:
        with TestClient(app) as browser:
            assert login(browser, "sam-stride").status_code == 303
            assert browser.get("/api/t/acme/partner").json()["partner"] == "stride"
            assert browser.get("/api/t/globex/partner").status_code == 404
            browser.post("/logout", data={"csrftoken": csrf(browser)})
            assert SESSION_COOKIE not in browser.cookies
            assert browser.get("/api/t/acme/partner").status_code == 401
        actions = [e.action for e in app.state.team_state.auditor.entries("*")]
        assert actions[:2] == ["logout", "login"]
    finally:
        app.state.team_state.close()
