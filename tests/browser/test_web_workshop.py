"""The workshop in a real browser, on a real server: ``levelset serve`` on a copy of
examples/acme, Debian's Chromium driven by Playwright.

A scenario is made with the forms, its difference read (and set against
``Session.scenario`` on the same changes), saved, downloaded and applied; the files on
disk are then exactly those ``levelset scenario apply`` writes from the saved file into
another copy. No console error, no page error, keyboard use, and no serious or critical
accessibility violation (axe).
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_kit import ROOT
from click.testing import CliRunner

from levelset.cli import main
from levelset.load.scenario import read_scenario
from levelset.model.scenario import ChangeScope, FillSeat, HandWork, MoveAccountability
from levelset.service import Session

#: The changes made with the forms: (form's name, {field label: option value}).
CHANGES = [
    ("Fill a seat", {"Seat": "controller", "Person": "dana-reyes"}),
    ("Move accountability", {"Responsibility": "ap-processing", "To the seat": "controller"}),
    ("Change a partner's scope", {"Partner": "stride", "Add to its scope": "collections"}),
    (
        "Hand work over",
        {"Responsibility": "monthly-close", "From": "dana-reyes", "To the seat": "controller"},
    ),
]
OPERATIONS = (
    FillSeat("controller", "dana-reyes"),
    MoveAccountability("ap-processing", "controller"),
    ChangeScope("stride", ("collections",)),
    HandWork("monthly-close", "dana-reyes", "controller"),
)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """``levelset serve`` on a copy of acme, on a free loopback port: its address (the
    workshop's page) and the workspace."""
    workspace = tmp_path / "acme"
    shutil.copytree(ROOT / "examples/acme", workspace)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    levelset = Path(sys.executable).with_name("levelset")
    child = subprocess.Popen([str(levelset), "serve", str(workspace), "--port", str(port)])
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/api/openapi.json", timeout=5).close()
                break
            except OSError:
                assert child.poll() is None, "levelset serve exited"
                time.sleep(0.1)
        yield f"{base}/t/acme/workshop", workspace
    finally:
        child.terminate()
        child.wait(timeout=30)


@pytest.fixture
def page(browser: Any, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    """A fresh page recording console messages and page errors; a screenshot of the
    whole page when the test fails."""
    opened = browser.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    opened.console_messages, opened.page_errors = [], []
    opened.on("console", lambda m: opened.console_messages.append(_message(m)))
    opened.on("pageerror", lambda e: opened.page_errors.append(str(e)))
    yield opened
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        opened.screenshot(path=str(tmp_path / "workshop.png"), full_page=True)
        report.sections.append(("Screenshot", f"saved in {tmp_path / 'workshop.png'}"))
    opened.close()


def _message(message: Any) -> str:
    """A console message as ``type: text (url)``; the browser's own request for
    ``/favicon.ico``, which the app does not serve (the base template names no icon), is
    not the workshop's and is left out."""
    url = (message.location or {}).get("url", "")
    if url.endswith("/favicon.ico"):
        return f"favicon: {message.text}"
    return f"{message.type}: {message.text} ({url})"


def serious(page: Any) -> list[str]:
    """The serious and critical accessibility violations axe finds on the page."""
    from axe_playwright_python.sync_playwright import Axe  # noqa: PLC0415 - with a browser

    found = Axe().run(page).response["violations"]
    return [f"{v['id']}: {v['help']}" for v in found if v["impact"] in ("serious", "critical")]


def test_a_scenario_made_read_saved_and_applied(
    server: tuple[str, Path], page: Any, tmp_path: Path
) -> None:
    address, workspace = server
    page.goto(address)
    assert serious(page) == []
    page.get_by_label("nothing (an empty scenario)").focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the keyboard starts the scenario
    page.wait_for_url(f"{address}/*")
    for form_name, fields in CHANGES:
        form = page.get_by_role("form", name=form_name)
        for label, value in fields.items():
            form.get_by_label(label, exact=True).select_option(value)
        form.get_by_role("button", name="Add this change").click()
        page.wait_for_load_state()
    with Session(workspace) as session:
        expected = session.scenario(OPERATIONS)
    assert page.locator("#closed-count").inner_text() == str(len(expected.closed))
    assert page.locator("#opened-count").inner_text() == str(len(expected.opened))
    shown = page.locator("#closed tbody tr td:first-child").all_inner_texts()
    assert sorted(shown) == sorted(f.code for f in expected.closed)
    assert page.locator("#changes li").count() == len(OPERATIONS)
    assert serious(page) == []

    page.get_by_label("Name", exact=True).fill("Browser journey")
    page.get_by_role("button", name="Rename").click()
    page.get_by_role("button", name="Save as scenarios/browser-journey.yaml").click()
    assert "Saved as scenarios/browser-journey.yaml" in page.locator("#outcome").inner_text()
    saved = workspace / "scenarios" / "browser-journey.yaml"
    scenario, problems = read_scenario(saved)
    assert problems == ()
    assert [type(op) for op in scenario.operations] == [type(op) for op in OPERATIONS]
    with page.expect_download() as download:
        page.locator("#download").click()
    assert Path(download.value.path()).read_text(encoding="utf-8") == saved.read_text("utf-8")

    elsewhere = tmp_path / "by-the-command-line"
    shutil.copytree(ROOT / "examples/acme", elsewhere)
    result = CliRunner().invoke(main, ["scenario", "apply", str(elsewhere), str(saved)])
    assert result.exit_code == 0, result.output
    page.get_by_role("button", name="Apply to the workspace").click()
    assert "Applied to the workspace" in page.locator("#outcome").inner_text()
    for name in ("org.yaml", "partners.yaml", "responsibilities.yaml", "people.yaml"):
        assert (workspace / name).read_text("utf-8") == (elsewhere / name).read_text("utf-8")
    assert (workspace / "org.yaml").read_text("utf-8") != (
        ROOT / "examples/acme/org.yaml"
    ).read_text("utf-8")
    assert page.page_errors == []
    assert [m for m in page.console_messages if m.startswith("error")] == []
