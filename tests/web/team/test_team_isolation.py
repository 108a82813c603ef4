"""One tenant's users cannot read another tenant's anything, and a partner reaches its own
slice only: every route of the app is walked (so the pages and API routes other parts of
the app add are held to the same rule), with ids guessed from the other workspace."""

from __future__ import annotations

import re
from typing import Any

import pytest
from starlette.routing import Route
from teamkit import csrf, login

from levelset.service import Session


def _guesses(workspace: Any) -> dict[str, list[str]]:
    """Real ids of the other tenant's workspace, for every kind of path parameter."""
    return {
        "partner": list(workspace.partners),
        "person": list(workspace.people)[:3],
        "seat": list(workspace.seats)[:3],
        "goal": list(workspace.goals)[:2],
        "responsibility": list(workspace.responsibilities)[:2],
        "path": ["org.yaml", "people.yaml", "../globex/org.yaml", "data/finance/customers.csv"],
    }


def routes(found: list[Any], prefix: str = "") -> list[tuple[str, set[str]]]:
    """(path, methods) of every route, into included routers too (FastAPI keeps an
    included router as one entry of ``app.routes``), static files left out."""
    walked: list[tuple[str, set[str]]] = []
    for route in found:
        included = getattr(route, "original_router", None)
        if included is not None:
            walked += routes(included.routes, prefix + route.include_context.prefix)
        elif isinstance(route, Route):
            walked.append((prefix + route.path, set(route.methods or {"GET"})))
    return walked


def _urls(app: Any, tenant: str, guesses: dict[str, list[str]]) -> list[tuple[str, str]]:
    """(method, URL) for every tenant route, its other parameters filled with guesses."""
    found: list[tuple[str, str]] = []
    for path, methods in routes(app.routes):
        if "{tenant}" not in path:
            continue
        names = [n.split(":")[0] for n in re.findall(r"{([^}]+)}", path) if n != "tenant"]
        values = [guesses.get(n, ["stride", "dana-reyes", "ceo", "x"]) for n in names] or [[""]]
        for value in values[0]:
            url = re.sub(r"{(?!tenant)[^}]+}", value, path.replace("{tenant}", tenant))
            found += [(method, url) for method in sorted(methods) if method != "HEAD"]
    return found


def _ask(browser: Any, method: str, url: str) -> int:
    if method == "GET":
        # streamed, so the live-reload event stream answers its status without running on
        with browser.stream("GET", url, follow_redirects=False) as answer:
            return int(answer.status_code)
    # with a valid CSRF token: it is the role that must refuse, not the missing token
    answer = browser.request(method, url, headers={"x-csrftoken": csrf(browser)})
    return int(answer.status_code)


@pytest.fixture(scope="module")
def acme_ids(team: Any) -> dict[str, list[str]]:
    with Session(team.config.tenant("acme").workspace) as session:
        return _guesses(session.workspace)


def test_the_walk_covers_the_partner_routes(app: Any, acme_ids: Any) -> None:
    urls = {url for _m, url in _urls(app, "acme", acme_ids)}
    assert "/api/t/acme/partners/stride/slice" in urls
    assert "/t/acme/partner" in urls


@pytest.mark.parametrize("user", ["gil-globex", "pat-globex-stride"])
def test_a_user_of_one_tenant_reads_nothing_of_another(
    client: Any, app: Any, acme_ids: Any, user: str
) -> None:
    browser = client()
    login(browser, user)
    for method, url in _urls(app, "acme", acme_ids):
        assert _ask(browser, method, url) == 404, (user, method, url)


def test_an_unknown_tenant_looks_like_a_forbidden_one(client: Any, app: Any) -> None:
    browser = client()
    login(browser, "gil-globex")
    unknown = browser.get("/api/t/no-such-tenant/partners/stride/slice")
    forbidden = browser.get("/api/t/acme/partners/stride/slice")
    assert (forbidden.status_code, forbidden.json()) == (unknown.status_code, unknown.json())
    for guess in ("acme", "acme-2", "admin", "globex2", "..", "%2e%2e", "ACME", "acme%00"):
        assert browser.get(f"/api/t/{guess}/partners/stride/slice").status_code == 404, guess
    assert browser.get("/api/t/globex/partners/stride/slice").status_code == 200
    unknown_page = browser.get("/t/no-such-tenant/findings")
    forbidden_page = browser.get("/t/acme/findings")
    assert forbidden_page.status_code == unknown_page.status_code == 404
    assert forbidden_page.text == unknown_page.text


@pytest.mark.parametrize("user", ["sam-stride", "kim-keystone"])
def test_a_partner_reaches_its_own_slice_and_nothing_else(
    client: Any, app: Any, acme_ids: Any, user: str
) -> None:
    browser = client()
    login(browser, user)
    reached = []
    for method, url in _urls(app, "acme", acme_ids):
        status = _ask(browser, method, url)
        if status != 404:
            reached.append(url)
            assert status == 200, (method, url, status)
    # its slice (page, JSON, the page as a file), and the live-reload stream its page
    # listens to (it tells a content hash)
    assert sorted(set(reached)) == [
        "/api/t/acme/events",
        "/api/t/acme/partner",
        "/t/acme/partner",
        "/t/acme/partner/download.md",
    ]


def test_no_route_outside_the_tenants_tells_of_another_tenant(client: Any, app: Any) -> None:
    """Routes outside any tenant (the login page, the OpenAPI document, and whatever lists
    the tenants) name no tenant the caller holds no role in."""
    walked = routes(app.routes)
    assert {"/login", "/api/openapi.json"} <= {path for path, _m in walked}
    for user in ("gil-globex", "pat-globex-stride"):
        browser = client()
        login(browser, user)
        for path, methods in walked:
            if "{" in path or "GET" not in methods:
                continue
            body = browser.get(path, follow_redirects=False).text
            assert "/t/acme" not in body, (user, path)
            assert '"acme"' not in body, (user, path)


def test_whole_organization_users_see_any_partners_slice_of_their_tenant(client: Any) -> None:
    for user in ("ann-admin", "eve-editor", "val-viewer"):
        browser = client()
        login(browser, user)
        answer = browser.get("/api/t/acme/partners/brightline/slice")
        assert answer.status_code == 200, user
        assert answer.json()["name"] == "Brightline Creative"
        assert browser.get("/api/t/acme/partners/nobody/slice").status_code == 404
        assert browser.get("/t/acme/partner").status_code == 404  # they have no slice
