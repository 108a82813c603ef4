"""Team mode in a real browser (Debian's Chromium through Playwright), against a real
server on loopback: log in, the partner's own view, a whole-organization user looking at
what a partner sees, a hostile workspace name, log out with the keyboard; no console
error (a script or style the Content Security Policy blocks would show as one) and no
serious accessibility violation (axe-core)."""

from __future__ import annotations

import socket
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import uvicorn

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "web" / "team"))
from teamkit import GLOBEX_NAME, HOSTILE, PASSWORD, build_team

from levelset.web import create_app


@dataclass
class Tab:
    """A page and what went wrong on it."""

    page: Any
    console: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The team app served by uvicorn on a free loopback port."""
    team = build_team(tmp_path_factory.mktemp("team-browser"))
    app = create_app(team.config)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    running = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def tab(browser: Any, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Tab]:
    """A fresh browser context (no cookies) and page; a screenshot when the test fails."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = Tab(context.new_page())
    opened.page.on(
        "console", lambda m: opened.console.append(f"{m.type}: {m.text} at {m.location['url']}")
    )
    opened.page.on("pageerror", lambda e: opened.errors.append(str(e)))
    yield opened
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        shot = tmp_path / "page.png"
        opened.page.screenshot(path=str(shot), full_page=True)
        report.sections.append(("Screenshot", str(shot)))
    context.close()


def _log_in(tab: Tab, base: str, start: str, name: str) -> None:
    tab.page.goto(base + start)
    assert "/login" in tab.page.url
    tab.page.fill("#name", name)
    tab.page.fill("#password", PASSWORD)
    tab.page.click("button[type=submit]")
    tab.page.wait_for_url(base + start)


def _no_trouble(tab: Tab, *refused: str) -> None:
    """No console error or warning, but the browser's notes of the refusals we asked for
    (and of the icon it looks for when a refusal is not a page)."""
    problems = [
        m
        for m in tab.console
        if m.startswith(("error", "warning")) and not (refused and m.endswith(refused))
    ]
    assert problems == [], problems
    assert tab.errors == []


def _serious(page: Any) -> list[Any]:
    from axe_playwright_python.sync_playwright import Axe  # noqa: PLC0415

    results = Axe().run(page)
    violations = results.response["violations"]
    return [(v["id"], v["impact"]) for v in violations if v["impact"] in ("serious", "critical")]


def test_a_partner_logs_in_sees_its_slice_only_and_logs_out(tab: Tab, server: str) -> None:
    _log_in(tab, server, "/t/acme/partner", "sam-stride")
    page = tab.page
    assert page.locator("h1").inner_text() == "Stride Bookkeeping"
    body = page.locator("main").inner_text()
    assert "Sam Lee" in body
    assert "Brightline Creative" not in body
    assert page.locator("text=Signed in as").count() == 1
    with page.expect_download() as downloading:
        page.get_by_role("link", name="Download this page as Markdown").click()
    saved = downloading.value
    assert saved.suggested_filename == "stride.md"
    kept = Path(saved.path()).read_text(encoding="utf-8")
    assert kept.startswith("# Stride Bookkeeping")
    assert "Sam Lee" in kept
    assert "Brightline Creative" not in kept
    page.goto(server + "/t/acme/partners/brightline/slice")
    assert "Brightline" not in page.content()  # another partner's slice: not found
    page.goto(server + "/t/acme/partner")
    button = page.locator("button", has_text="Log out")
    for _ in range(20):  # the keyboard reaches the logout button
        page.keyboard.press("Tab")
        if button.evaluate("b => b === document.activeElement"):
            break
    page.keyboard.press("Enter")
    page.wait_for_url(server + "/login")
    page.goto(server + "/t/acme/partner")
    assert "/login" in page.url
    _no_trouble(tab, "/t/acme/partners/brightline/slice", "/favicon.ico")


def test_a_viewer_sees_what_a_partner_sees_but_has_no_slice_of_their_own(
    tab: Tab, server: str
) -> None:
    _log_in(tab, server, "/t/acme/partners/keystone/slice", "val-viewer")
    assert tab.page.locator("h1").inner_text() == "Keystone IT"
    answer = tab.page.goto(server + "/t/acme/partner")
    assert answer is not None
    assert answer.status == 404
    _no_trouble(tab, "/t/acme/partner", "/favicon.ico")


def test_a_wrong_password_is_said_on_the_page(tab: Tab, server: str) -> None:
    tab.page.goto(server + "/login")
    tab.page.fill("#name", "val-viewer")
    tab.page.fill("#password", "not the right one at all")
    tab.page.click("button[type=submit]")
    assert "do not match" in tab.page.locator("[role=alert]").inner_text()
    _no_trouble(tab, "/login")  # the browser notes the 401 answer


def test_a_hostile_seat_title_is_shown_as_text_and_runs_nothing(tab: Tab, server: str) -> None:
    _log_in(tab, server, "/t/globex/partners/stride/slice", "gil-globex")
    page = tab.page
    assert page.title() != "pwned"
    assert HOSTILE in page.locator("main").inner_text()
    assert GLOBEX_NAME in page.locator("main").inner_text()
    _no_trouble(tab)


def test_the_login_page_and_the_partner_view_pass_axe(tab: Tab, server: str) -> None:
    tab.page.goto(server + "/login")
    assert _serious(tab.page) == []
    _log_in(tab, server, "/t/acme/partner", "kim-keystone")
    assert _serious(tab.page) == []
