"""Fixtures for the browser tests: Debian's Chromium driven by Playwright, with every
request that is not the report file itself blocked and recorded.

One browser for the whole session; one fresh page per test. When a test fails, a
screenshot of each section of the page it had open is saved (the path is printed with
the failure). Without ``/usr/bin/chromium`` the tests are skipped, unless
``LEVELSET_REQUIRE_BROWSER`` is set (CI sets it): then they fail.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from browser_kit import CHROMIUM, HOSTILE_CUSTOMER, HOSTILE_SEAT, ROOT, SECTION_IDS
from click.testing import CliRunner

from levelset.cli import main


@dataclass
class Opened:
    """A page with the report loaded, and what happened while it loaded."""

    page: Any
    console: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Chromium, headless, never downloaded by Playwright."""
    if not CHROMIUM.exists():
        if os.environ.get("LEVELSET_REQUIRE_BROWSER"):
            pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium")
        pytest.skip(f"{CHROMIUM} is missing: apt-get install chromium")
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 - only with a browser

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"]
        )
        yield launched
        launched.close()


def _report(workspace: Path, out: Path, fmt: str) -> Path:
    result = CliRunner().invoke(
        main, ["report", str(workspace), "--format", fmt, "-o", str(out)], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="session")
def acme_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """``levelset report examples/acme``: the HTML file and the JSON output."""
    folder = tmp_path_factory.mktemp("acme-report")
    html = _report(ROOT / "examples/acme", folder / "report.html", "html")
    data = json.loads(_report(ROOT / "examples/acme", folder / "report.json", "json").read_text())
    return html, data


@pytest.fixture(scope="session")
def hostile_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The acme report with a seat titled ``<script>…`` and a customer named ``"><img …>``."""
    workspace = tmp_path_factory.mktemp("hostile") / "acme"
    shutil.copytree(ROOT / "examples/acme", workspace)
    org = workspace / "org.yaml"
    org.write_text(
        org.read_text().replace("title: Chief Operating Officer", f"title: '{HOSTILE_SEAT}'", 1)
    )
    customers = workspace / "data/finance/customers.csv"
    quoted = '"' + HOSTILE_CUSTOMER.replace('"', '""') + '"'
    customers.write_text(customers.read_text().replace("Allied Fastener Manufacturing", quoted, 1))
    return _report(workspace, workspace.parent / "report.html", "html")


def _block_network(opened: Opened) -> Any:
    def route(route: Any) -> None:
        url = route.request.url
        if not url.startswith(("file:", "data:")):
            opened.requests.append(url)
            route.abort()
            return
        if url.startswith("file:") and not url.endswith(".html"):
            opened.requests.append(url)
        route.continue_()

    return route


@pytest.fixture
def open_report(browser: Any, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    """``open_report(path)``: a fresh page with the file loaded and its charts drawn."""
    pages: list[Opened] = []

    def opener(path: Path, *, width: int = 1280) -> Opened:
        page = browser.new_page(viewport={"width": width, "height": 900})
        opened = Opened(page)
        page.on("console", lambda m: opened.console.append(f"{m.type}: {m.text}"))
        page.on("pageerror", lambda e: opened.errors.append(str(e)))
        page.on("dialog", lambda d: (opened.dialogs.append(d.message), d.dismiss()))
        page.route("**/*", _block_network(opened))
        pages.append(opened)
        page.goto(path.as_uri())
        page.wait_for_selector("html[data-charts-drawn]", state="attached", timeout=10_000)
        return opened

    yield opener
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        for number, opened in enumerate(pages):
            for section in SECTION_IDS:
                target = tmp_path / f"page{number}-{section}.png"
                locator = opened.page.locator(f"#{section}")
                if locator.count():
                    locator.screenshot(path=str(target))
        # on the failed call's report: the failure summary, printed at the end, shows it
        report.sections.append(("Screenshots of each section", f"saved in {tmp_path}"))
    for opened in pages:
        opened.page.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """Keep each phase's report on the test, for the screenshot on failure."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report
