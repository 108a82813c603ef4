"""The web app on a client imported from its files (examples/client-files, through
``levelset import``): no event, finance or partner data, and every page says what is
missing and how to add it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from web_kit import ROOT

from levelset.cli import main
from levelset.web import ServeConfig, create_app

FILES = ROOT / "examples/client-files"
IMPORTS = (
    ("roster", "northwind-bamboohr.csv"),
    ("goals", "northwind-goals.csv"),
    ("responsibilities", "northwind-raci.csv"),
)


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """A client of the app on the workspace the three imports write."""
    workspace = tmp_path_factory.mktemp("client") / "northwind"
    for kind, name in IMPORTS:
        command = ["import", kind, str(FILES / name), "--into", str(workspace), "--yes"]
        result = CliRunner().invoke(main, command, catch_exceptions=False)
        assert result.exit_code == 0, result.output
    with TestClient(create_app(ServeConfig.local(workspace, watch=False))) as client:
        yield client


def test_the_people_page_says_there_are_no_hours_and_where_to_put_them(
    imported: TestClient,
) -> None:
    missing = imported.get("/api/t/northwind/overview").json()["missing"]["people"]
    assert "data/" in missing
    page = imported.get("/t/northwind/people").text
    assert f'<p class="none">{missing}</p>' in page
    answer = imported.get("/api/t/northwind/people").json()
    assert (answer["leadership"], answer["missing"]) == (None, missing)


def test_the_overview_links_each_missing_part_to_its_page(imported: TestClient) -> None:
    missing = imported.get("/api/t/northwind/overview").json()["missing"]
    page = imported.get("/t/northwind/").text
    linked = re.findall(
        r'<li><strong><a href="/t/northwind/(\w+)">[^<]+</a></strong>: ([^<]+)</li>', page
    )
    pages = {"finance": "finance", "people": "people", "partners": "partners", "changes": "history"}
    assert {address: unescape(why) for address, why in linked} == {
        pages[part]: why for part, why in missing.items()
    }


@pytest.mark.parametrize(
    ("address", "way_out"),
    [
        ("/t/northwind/people/nobody", '<a href="/t/northwind/">the overview of northwind</a>'),
        ("/t/no-such-tenant/", '<a href="/">the organizations you may open</a>'),
    ],
)
def test_a_page_not_found_says_where_to_go(
    imported: TestClient, address: str, way_out: str
) -> None:
    response = imported.get(address)
    assert response.status_code == 404
    assert way_out in response.text
    assert "Check the address" in response.text


def test_a_workshop_draft_without_event_data_says_its_hours_are_unknown(
    imported: TestClient,
) -> None:
    missing = imported.get("/api/t/northwind/overview").json()["missing"]["people"]
    imported.get("/t/northwind/")  # the CSRF cookie
    token = imported.cookies["csrftoken"]
    started = imported.post(
        "/t/northwind/workshop", data={"start": "plan", "csrftoken": token}, follow_redirects=True
    )
    assert started.status_code == 200
    assert "/t/northwind/workshop/" in str(started.url)
    assert f'<dd id="hours-freed"><span class="none">{missing}</span></dd>' in started.text
