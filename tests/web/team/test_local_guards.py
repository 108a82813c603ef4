"""Local mode has no login, but the same guards: a page elsewhere cannot POST to the local
server (CSRF is checked even on a request that carries no cookie), every answer carries
the security headers, and the state database lives in the workspace's .levelset folder."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from teamkit import ROOT, csrf

from levelset.web import ServeConfig, create_app


@pytest.fixture(scope="module")
def local(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Any]]:
    workspace = tmp_path_factory.mktemp("local") / "acme"
    shutil.copytree(ROOT / "examples/acme", workspace, ignore=shutil.ignore_patterns("data"))
    app = create_app(ServeConfig.local(workspace))
    yield workspace, app
    app.state.team_state.close()


def test_a_cookieless_post_from_elsewhere_is_refused(local: Any) -> None:
    _workspace, app = local
    with TestClient(app) as browser:
        for path in ("/t/acme/scenario", "/api/t/acme/apply", "/anything"):
            refused = browser.post(path, data={"x": "1"}, headers={"origin": "http://evil.example"})
            assert refused.status_code == 403, path
        # with the token the same request reaches the router (which knows no such route)
        passed = browser.post("/anything", headers={"x-csrftoken": csrf(browser)})
        assert passed.status_code in (404, 405)


def test_a_multipart_post_without_a_boundary_is_refused_not_a_server_error(local: Any) -> None:
    # found by the API fuzzing: the CSRF library split this content type and raised
    _workspace, app = local
    with TestClient(app, raise_server_exceptions=False) as browser:
        answer = browser.post(
            "/api/t/acme/workshop/drafts",
            content=b'{"start": "empty"}',
            headers={"content-type": "multipart/form-data", "x-csrftoken": csrf(browser)},
        )
        assert answer.status_code == 400
        assert "boundary" in answer.json()["error"]


def test_local_answers_carry_the_security_headers(local: Any) -> None:
    _workspace, app = local
    with TestClient(app) as browser:
        headers = browser.get("/t/acme/partners/stride/slice").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


def test_local_mode_has_no_login_and_sees_every_partner(local: Any) -> None:
    _workspace, app = local
    with TestClient(app) as browser:
        assert browser.get("/login").status_code == 404
        answer = browser.get("/api/t/acme/partners/keystone/slice")
    assert answer.status_code == 200
    assert answer.json()["name"] == "Keystone IT"


def test_local_state_is_kept_in_the_workspace(local: Any) -> None:
    workspace, app = local
    app.state.scenarios.save("acme", "try", "scenario: try\n", "local")
    assert (workspace / ".levelset" / "web.sqlite").exists()
    assert app.state.scenarios.get("acme", "try").text == "scenario: try\n"
