"""Long lists a window at a time: the findings and the plan, on pages and in the API,
hold ``limit`` items from ``offset`` with the list's total beside them; paging through
the windows gives every item once, in order; pages link to the next window with their
filter kept; and what the server keeps rendered stays bounded and follows the files."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from web_kit import copy_acme

from levelset.service import Session
from levelset.service.findings import all_findings
from levelset.service.window import LARGEST
from levelset.web import ServeConfig, create_app
from levelset.web.hub import VIEWS


@pytest.fixture(scope="module")
def acme(acme_workspace: Path) -> Iterator[Session]:
    """An independent service session on the same files."""
    with Session(acme_workspace) as session:
        yield session


def _pages_of(client: TestClient, path: str, params: dict[str, Any], key: str) -> list[Any]:
    """Every window of ``path`` from offset 0 until ``key``'s list runs out."""
    seen: list[Any] = []
    offset = 0
    while True:
        answer = client.get(path, params={**params, "offset": offset}).json()
        if not answer[key]:
            return seen
        seen.extend(answer[key])
        offset += answer["limit"]


def test_paging_through_the_findings_gives_each_once_in_order(
    client: TestClient, acme: Session
) -> None:
    every = all_findings(acme.check(), acme.registry.families)
    codes = [(row.code, row.subject_id) for row in every.findings]
    paged = _pages_of(client, "/api/t/acme/findings", {"limit": 7}, "findings")
    assert [(row["code"], row["subject_id"]) for row in paged] == codes
    first = client.get("/api/t/acme/findings", params={"limit": 7}).json()
    assert (first["offset"], first["limit"], len(first["findings"])) == (0, 7, 7)
    assert first["matched"] == first["total"] == len(codes)


def test_a_filtered_window_counts_what_passes_the_filter(client: TestClient, acme: Session) -> None:
    wanted = [f for f in acme.check().findings if f.code.startswith("LEV")]
    answer = client.get("/api/t/acme/findings", params={"family": "LEV", "limit": 2}).json()
    assert answer["matched"] == len(wanted) > 2
    assert answer["total"] == len(acme.check().findings)
    assert [row["code"][:3] for row in answer["findings"]] == ["LEV", "LEV"]


@pytest.mark.parametrize("query", ["limit=0", f"limit={LARGEST + 1}", "offset=-1", "limit=x"])
def test_a_window_out_of_bounds_is_a_request_problem(client: TestClient, query: str) -> None:
    for path in ("/api/t/acme/findings", "/api/t/acme/plan"):
        response = client.get(f"{path}?{query}")
        assert response.status_code == 422
        assert response.json()["error"] == "invalid request"
        assert response.json()["problems"]


def test_paging_through_the_plan_gives_every_list_whole(client: TestClient, acme: Session) -> None:
    applied = acme.verified_plan().applied
    assert applied is not None
    assert len(applied.closed) > 3
    closed = _pages_of(client, "/api/t/acme/plan", {"limit": 3}, "closed")
    assert sorted(row["code"] for row in closed) == sorted(f.code for f in applied.closed)
    window = client.get("/api/t/acme/plan", params={"limit": 3}).json()
    assert window["closed_total"] == len(applied.closed)
    assert window["hours_total"] == len(applied.hours)
    assert all(len(s["items"]) <= 3 and s["total"] >= len(s["items"]) for s in window["sections"])
    assert len(window["closed"]) == 3


def _codes(html: str) -> list[str]:
    return re.findall(r'<span class="code">([A-Z]{3}\d{3})</span>', html)


def test_the_findings_page_links_to_the_next_window_with_its_filter(
    client: TestClient, acme: Session
) -> None:
    wanted = sorted(f.code for f in acme.check().findings if f.code.startswith("LEV"))
    html = client.get("/t/acme/findings?family=LEV&limit=2").text
    assert len(_codes(html)) == 2
    assert f"{len(wanted)} of {len(acme.check().findings)} findings; shown: 1 to 2." in html
    seen: list[str] = []
    link: str | None = "/t/acme/findings?family=LEV&limit=2"
    while link is not None:
        page = client.get(link).text
        seen.extend(_codes(page))
        found = re.search(r'<a rel="next" href="([^"]+)"', page)
        link = found.group(1).replace("&amp;", "&") if found else None
        if link is not None:
            assert "family=LEV" in link
    assert sorted(seen) == wanted


def test_the_plan_page_counts_every_closed_finding_in_a_window(
    client: TestClient, acme: Session
) -> None:
    applied = acme.verified_plan().applied
    assert applied is not None
    html = client.get("/t/acme/plan?limit=2").text
    assert f"closes <strong>{len(applied.closed)}</strong> findings" in html
    assert f"Findings the plan closes (1–2 of {len(applied.closed)})" in html
    assert '<a rel="next" href="/t/acme/plan?offset=2&amp;limit=2">Next 2 of each list</a>' in html


def test_kept_views_are_bounded_and_follow_the_files(tmp_path: Path) -> None:
    workspace = copy_acme(tmp_path)
    app = create_app(ServeConfig.local(workspace, watch=False))
    hub = app.state.hub
    made: list[str] = []

    def view(name: str) -> str:
        return hub.view("acme", name, lambda: made.append(name) or name)

    with TestClient(app):
        view("first")
        view("first")
        assert made == ["first"]  # kept
        for n in range(VIEWS):
            view(f"other {n}")
        view("first")
        assert made.count("first") == 2  # let go as the least recently asked for
        goals = workspace / "goals.yaml"
        goals.write_text(goals.read_text() + "\n# a comment changes the content\n")
        view("first")
        assert made.count("first") == 3  # made again for the new content


def test_a_kept_json_answer_follows_a_file_change(tmp_path: Path) -> None:
    workspace = copy_acme(tmp_path)
    with TestClient(create_app(ServeConfig.local(workspace, watch=False))) as client:
        before = client.get("/api/t/acme/org").json()
        assert client.get("/api/t/acme/org").json() == before
        org = workspace / "org.yaml"
        org.write_text(org.read_text().replace("title: Chief Operating Officer", "title: COO", 1))
        after = client.get("/api/t/acme/org").json()
        assert "COO" in str(after)
        assert "COO" not in str(before)


def test_a_window_past_the_end_says_where_the_list_ends(client: TestClient, acme: Session) -> None:
    total = len(acme.check().findings)
    html = client.get(f"/t/acme/findings?offset={total + 35}").text
    assert f"{total} of {total} findings; none from {total + 36} on: the list ends at {total}." in (
        html
    )
    sections = client.get("/api/t/acme/plan?limit=1000").json()["sections"]
    past = max(s["total"] for s in sections) + 5
    plan = client.get(f"/t/acme/plan?offset={past}&limit=2").text
    assert f"({past + 1}–{past}" not in plan
    for section in sections:
        assert f"{section['title']} (none from {past + 1} on, of {section['total']})" in plan


@pytest.mark.parametrize("query", ["limit=0", "limit=5000", "offset=-1"])
def test_a_malformed_window_of_a_page_is_a_page_saying_what_to_correct(
    client: TestClient, query: str
) -> None:
    response = client.get(f"/t/acme/findings?{query}")
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("text/html")
    assert "<h1>Malformed address</h1>" in response.text
    assert f"<code>query.{query.split('=', maxsplit=1)[0]}: " in response.text
    assert '<a href="/t/acme/findings">the page without it</a>' in response.text
    api = client.get(f"/api/t/acme/findings?{query}")
    assert (api.status_code, api.json()["error"]) == (422, "invalid request")
