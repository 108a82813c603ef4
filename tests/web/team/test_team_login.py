"""Logging in and out of a team server, from the outside (HTTP through the app): sessions
that end at logout, on a password change and when their time is up; throttling; CSRF on
every state-changing request; the security headers; the audit log."""

from __future__ import annotations

import re
from typing import Any

from teamkit import PASSWORD, csrf, login

from levelset.web.auth import SESSION_COOKIE
from levelset.web.auth.throttle import LoginThrottle
from levelset.web.state.records import SERVER

MINE = "/api/t/acme/partner"


def test_a_page_asks_a_stranger_to_log_in_and_the_api_says_401(client: Any) -> None:
    browser = client()
    page = browser.get("/t/acme/partner", follow_redirects=False)
    assert page.status_code == 303
    assert page.headers["location"] == "/login?next=/t/acme/partner"
    assert browser.get(MINE).status_code == 401


def test_the_front_page_asks_a_stranger_to_log_in(client: Any) -> None:
    browser = client()
    page = browser.get("/", follow_redirects=False)
    assert (page.status_code, page.headers["location"]) == (303, "/login?next=/")
    assert browser.get("/api/tenants").status_code == 401
    login(browser, "val-viewer")
    assert "/t/acme/" in browser.get("/").text
    assert [t["name"] for t in browser.get("/api/tenants").json()] == ["acme"]


def test_the_front_page_links_a_partner_to_its_slice_which_opens(client: Any) -> None:
    browser = client()
    login(browser, "sam-stride")
    links = re.findall(r'<li><a href="([^"]+)">', browser.get("/").text)
    assert links == ["/t/acme/partner"]
    assert [browser.get(link).status_code for link in links] == [200]


def test_login_goes_to_the_page_asked_for_and_opens_a_session(client: Any) -> None:
    browser = client()
    browser.get("/login?next=/t/acme/partner")
    answer = login(browser, "sam-stride")
    assert answer.status_code == 303
    assert answer.headers["location"] == "/t/acme/partner"
    assert browser.get(MINE).json()["partner"] == "stride"


def test_login_never_sends_a_user_to_another_site(client: Any) -> None:
    browser = client()
    token = csrf(browser)
    for elsewhere in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
        answer = browser.post(
            "/login",
            data={
                "name": "val-viewer",
                "password": PASSWORD,
                "csrftoken": token,
                "next": elsewhere,
            },
            follow_redirects=False,
        )
        assert answer.status_code == 303
        assert answer.headers["location"] == "/t/acme/", elsewhere


def test_a_wrong_password_opens_nothing(client: Any) -> None:
    browser = client()
    answer = login(browser, "val-viewer", "not the password at all")
    assert answer.status_code == 401
    assert "do not match" in answer.text
    assert SESSION_COOKIE not in browser.cookies
    assert browser.get("/api/t/acme/partners/stride/slice").status_code == 401


def test_logout_ends_the_session_even_for_a_copied_cookie(client: Any) -> None:
    browser = client()
    login(browser, "sam-stride")
    cookie = browser.cookies[SESSION_COOKIE]
    out = browser.post("/logout", data={"csrftoken": csrf(browser)}, follow_redirects=False)
    assert out.status_code == 303
    thief = client()
    thief.cookies.set(SESSION_COOKIE, cookie)
    assert thief.get(MINE).status_code == 401


def test_a_password_change_ends_every_session_of_that_user(client: Any, app: Any) -> None:
    first, second = client(), client()
    login(first, "kim-keystone")
    login(second, "kim-keystone")
    assert first.get(MINE).status_code == 200
    users = app.state.team_state.users
    users.set_password("kim-keystone", PASSWORD + " new")
    try:
        assert first.get(MINE).status_code == 401
        assert second.get(MINE).status_code == 401
        assert login(client(), "kim-keystone").status_code == 401  # the old one is gone
        assert login(client(), "kim-keystone", PASSWORD + " new").status_code == 303
    finally:
        users.set_password("kim-keystone", PASSWORD)


def test_an_expired_session_is_refused(client: Any, app: Any) -> None:
    browser = client()
    logins = app.state.team_state.logins
    lifetime = logins.lifetime
    logins.lifetime = -lifetime  # sessions opened now are already over
    try:
        assert login(browser, "sam-stride").status_code == 303
    finally:
        logins.lifetime = lifetime
    assert browser.get(MINE).status_code == 401


def test_a_forged_or_tampered_cookie_is_refused(client: Any) -> None:
    browser = client()
    login(browser, "sam-stride")
    cookie = browser.cookies[SESSION_COOKIE]
    for forged in ("", "x", cookie[:-2] + ("AA" if not cookie.endswith("AA") else "BB")):
        other = client()
        other.cookies.set(SESSION_COOKIE, forged)
        assert other.get(MINE).status_code == 401


def test_a_post_without_the_csrf_token_changes_nothing(client: Any, app: Any) -> None:
    browser = client()
    login(browser, "sam-stride")
    refused = browser.post("/logout", data={"csrftoken": "forged"})
    assert refused.status_code == 403
    assert "reload the page" in refused.json()["error"]
    assert browser.post("/logout").status_code == 403
    assert browser.get(MINE).status_code == 200  # still logged in
    stranger = client()
    answer = stranger.post("/login", data={"name": "sam-stride", "password": PASSWORD})
    assert answer.status_code == 403
    assert SESSION_COOKIE not in stranger.cookies


def test_the_header_token_works_for_scripts(client: Any) -> None:
    browser = client()
    login(browser, "sam-stride")
    out = browser.post("/logout", headers={"x-csrftoken": csrf(browser)}, follow_redirects=False)
    assert out.status_code == 303
    assert browser.get(MINE).status_code == 401


def test_failed_logins_are_throttled_per_user_and_the_answer_says_to_wait(client: Any) -> None:
    browser = client()
    for _ in range(5):
        assert login(browser, "eve-editor", "wrong password, guessing").status_code == 401
    throttled = login(browser, "eve-editor", PASSWORD)  # even the right one must wait
    assert throttled.status_code == 429
    assert int(throttled.headers["retry-after"]) > 0
    assert "Wait" in throttled.text
    assert SESSION_COOKIE not in browser.cookies
    assert login(client(), "ann-admin").status_code == 303  # another user is not held up


def test_every_answer_carries_the_security_headers(client: Any) -> None:
    browser = client()
    login(browser, "sam-stride")
    for path in ("/login", "/t/acme/partner", MINE, "/api/t/acme/nothing-here", "/static/web.css"):
        headers = browser.get(path).headers
        policy = headers["content-security-policy"]
        assert "script-src 'self'" in policy, path
        assert "'unsafe-inline'" not in policy
        assert "frame-ancestors 'none'" in policy
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
        assert headers["x-frame-options"] == "DENY"


def test_logins_and_logouts_go_into_the_audit_log(client: Any, app: Any) -> None:
    browser = client()
    login(browser, "val-viewer", "a wrong password here")
    login(browser, "val-viewer")
    browser.post("/logout", data={"csrftoken": csrf(browser)})
    entries = app.state.team_state.auditor.entries(SERVER, limit=20)
    mine = [(e.user, e.action) for e in entries if e.user == "val-viewer"]
    assert mine[:3] == [
        ("val-viewer", "logout"),
        ("val-viewer", "login"),
        ("val-viewer", "login-failed"),
    ]


def test_a_user_without_any_role_is_told_so_and_gets_no_session(client: Any, app: Any) -> None:
    app.state.team_state.users.add("nora-norole", PASSWORD)
    browser = client()
    answer = login(browser, "nora-norole")
    assert answer.status_code == 403
    assert "no role" in answer.text
    assert SESSION_COOKIE not in browser.cookies


def test_failed_logins_are_throttled_per_client_address_too(client: Any, app: Any) -> None:
    kept = app.state.throttle
    app.state.throttle = LoginThrottle(per_user="100/minute", per_address="3/minute")
    try:
        browser = client()
        for name in ("guess-one", "guess-two", "guess-three"):  # a new name each time
            assert login(browser, name, "not a password of anyone").status_code == 401
        assert login(browser, "val-viewer").status_code == 429
    finally:
        app.state.throttle = kept
