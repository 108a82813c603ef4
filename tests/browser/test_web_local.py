"""Local mode in a real browser: Debian's Chromium, driven by Playwright, on a real
uvicorn server in a thread (one server and one browser for the module).

Every page loads with no console error; a finding is followed to its source with the
line highlighted; a file edited on disk updates the open page by itself; the keyboard
reaches the skip link and the navigation; axe finds no serious or critical violation.
A failing test saves a screenshot of each page it had open (the folder is printed with
the failure).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "web"))
from web_kit import Server, copy_acme

from levelset.web import ServeConfig, create_app

PAGES = ("", "findings", "plan", "org", "goals", "people", "partners", "finance", "history")
SOME_PAGES = (*PAGES, "people/dana-reyes", "partners/stride", "source/org.yaml?line=12")


@dataclass
class Visit:
    """A page and what went wrong while it was open."""

    page: Any
    errors: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, Path]]:
    """A watching local-mode server on a copy of acme, its analysis computed once."""
    workspace = copy_acme(tmp_path_factory.mktemp("web-local"))
    app = create_app(ServeConfig.local(workspace, watch=True))
    with Server(app) as running:
        yield running, workspace


@pytest.fixture
def visit(
    browser: Any, server: tuple[Server, Path], request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[Any]:
    """``visit(path)``: a fresh page at ``path``, console errors and page errors kept."""
    running, _workspace = server
    opened: list[Visit] = []

    def opener(path: str) -> Visit:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        seen = Visit(page)
        page.on("console", lambda m: m.type == "error" and seen.errors.append(m.text))
        page.on("pageerror", lambda e: seen.errors.append(str(e)))
        page.set_default_timeout(60_000)  # the first answer computes the analysis
        page.goto(running.url + path)
        opened.append(seen)
        return seen

    yield opener
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        for number, seen in enumerate(opened):
            seen.page.screenshot(path=str(tmp_path / f"page{number}.png"), full_page=True)
        report.sections.append(("Screenshots of each page", f"saved in {tmp_path}"))
    for seen in opened:
        seen.page.close()


@pytest.mark.parametrize("path", SOME_PAGES)
def test_every_page_loads_without_a_console_error(visit: Any, path: str) -> None:
    seen = visit(f"/t/acme/{path}")
    seen.page.wait_for_load_state("load")
    assert seen.page.locator("main h1").count() == 1
    assert seen.errors == []


def test_a_finding_leads_to_its_source_with_the_line_highlighted(visit: Any) -> None:
    seen = visit("/t/acme/findings")
    link = seen.page.locator("table.findings a.place[href*='?line=']").first
    target = link.get_attribute("href")
    assert target is not None
    line = target.split("?line=")[1].split("#")[0]
    link.click()
    seen.page.wait_for_url(f"**/source/**?line={line}**")
    highlighted = seen.page.locator("tr.highlight")
    assert highlighted.count() == 1
    assert highlighted.get_attribute("id") == f"L{line}"
    assert highlighted.is_visible()
    box = highlighted.bounding_box()
    assert box is not None
    assert box["y"] >= 0  # scrolled to: in the viewport
    assert box["y"] + box["height"] <= 900
    assert seen.errors == []


def test_a_person_s_weeks_are_drawn_from_the_page_s_figures(visit: Any) -> None:
    seen = visit("/t/acme/people/dana-reyes")
    seen.page.wait_for_selector("html[data-charts-drawn='1']", state="attached")
    weeks = seen.page.locator("table.weeks tbody tr").count()
    labels = seen.page.evaluate(
        "Chart.getChart(document.getElementById('chart-weeks')).data.labels.length"
    )
    assert labels == weeks > 0
    assert seen.errors == []


def test_the_keyboard_reaches_the_skip_link_and_the_navigation(visit: Any) -> None:
    seen = visit("/t/acme/findings")
    page = seen.page
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")
    page.goto(page.url.split("#")[0])  # from the top again
    in_nav = False
    for _ in range(4):  # the skip link, the home link, then the navigation
        page.keyboard.press("Tab")
        in_nav = page.evaluate("document.activeElement.closest('nav') !== null")
        if in_nav:
            break
    assert in_nav
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # the focus is visible


@pytest.mark.parametrize(
    "path",
    [
        "",
        "findings",
        "findings?family=LEV&limit=3&offset=3",  # with links to the windows around it
        "plan?limit=2",
        "org",
        "goals",
        "people/dana-reyes",
        "source/org.yaml?line=3",
    ],
)
def test_no_serious_accessibility_violation(visit: Any, path: str) -> None:
    from axe_playwright_python.sync_playwright import Axe  # noqa: PLC0415

    seen = visit(f"/t/acme/{path}")
    results = Axe().run(seen.page)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], results.generate_report()


def test_the_findings_come_a_window_at_a_time(visit: Any) -> None:
    seen = visit("/t/acme/findings?family=LEV&limit=3")
    page = seen.page
    first = page.locator("table.findings tbody tr th .code").all_inner_texts()
    assert len(first) == 3
    page.get_by_role("link", name="Next 3").click()
    page.wait_for_url("**offset=3**")
    after = page.locator("table.findings tbody tr th .code").all_inner_texts()
    assert after
    assert all(code.startswith("LEV") for code in first + after)  # the filter is kept
    assert page.locator("#f-family").input_value() == "LEV"
    assert "shown: 4 to" in page.locator("#findings-count").inner_text()
    page.get_by_role("link", name="Previous 3").click()
    page.wait_for_url("**offset=0**")
    assert page.locator("table.findings tbody tr th .code").all_inner_texts() == first
    assert seen.errors == []


def test_an_edited_file_updates_the_open_page(visit: Any, server: tuple[Server, Path]) -> None:
    _running, workspace = server
    seen = visit("/t/acme/org")
    page = seen.page
    page.wait_for_function("document.body.dataset.hash !== undefined")
    page.wait_for_timeout(500)  # the event stream is open
    org = workspace / "org.yaml"
    original = org.read_text()
    org.write_text(original.replace("Chief Operating Officer", "Chief of Everything Else"))
    changed = time.monotonic()
    try:
        page.get_by_text("Chief of Everything Else").first.wait_for(timeout=20_000)
        print(f"\nthe open page showed the change {time.monotonic() - changed:.2f} s after it")
        assert page.get_by_text("Chief Operating Officer").count() == 0
        assert page.locator("#live-status").text_content()
        assert seen.errors == []
    finally:
        org.write_text(original)
