"""The pages of local mode over HTTP: each answers, the findings filters cut what the
service found, names from the workspace are text, and a partner role sees none of them."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from starlette.requests import Request
from web_kit import copy_acme

from levelset.cli import main
from levelset.service import Session
from levelset.web import ServeConfig, create_app
from levelset.web.access import Access, Role

PAGES = ("", "findings", "plan", "org", "goals", "people", "partners", "finance", "history")
HOSTILE = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def acme(acme_workspace: Path) -> Session:
    """An independent service session on the same files: what the pages must show."""
    with Session(acme_workspace) as session:
        yield session


def rows(html: str) -> list[str]:
    """The finding codes of a findings table, in order."""
    return re.findall(r'<span class="code">([A-Z]+[0-9]+)</span>', html)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_answers_with_the_navigation_and_its_landmarks(
    client: TestClient, page: str
) -> None:
    response = client.get(f"/t/acme/{page}")
    assert response.status_code == 200, response.text[:500]
    html = response.text
    assert 'href="#main"' in html
    assert '<main id="main"' in html
    assert '<nav aria-label="Pages">' in html
    assert 'aria-current="page"' in html
    assert "<script>" not in html  # every script is a file (the CSP allows no inline one)


def test_root_sends_local_mode_to_its_one_workspace(client: TestClient) -> None:
    response = client.get("/", follow_redirects=False)
    assert response.status_code == 307
    assert response.headers["location"] == "/t/acme/"


def test_each_person_and_partner_has_a_page(client: TestClient, acme: Session) -> None:
    workspace = acme.workspace
    some_people = sorted(workspace.people)[:: max(1, len(workspace.people) // 12)]
    for person in some_people:
        response = client.get(f"/t/acme/people/{person}")
        assert response.status_code == 200, person
        assert f"<h1>{workspace.people[person].name}</h1>" in response.text
    for partner in workspace.partners.values():
        response = client.get(f"/t/acme/partners/{partner.id}")
        assert response.status_code == 200
        assert f"<h1>{partner.name}</h1>" in response.text


def test_a_person_page_shows_their_line_of_sight(client: TestClient, acme: Session) -> None:
    sight = acme.line_of_sight("dana-reyes")
    html = client.get("/t/acme/people/dana-reyes").text
    assert "Line of sight" in html
    for objective in sight.objectives:
        assert objective.title in html
    assert "Hours by band" in html
    assert "Week by week" in html


def test_an_unknown_person_is_a_page_saying_so(client: TestClient) -> None:
    response = client.get("/t/acme/people/nobody-at-all")
    assert response.status_code == 404
    assert "nobody-at-all" in response.text


def test_the_findings_page_lists_what_the_check_found(client: TestClient, acme: Session) -> None:
    report = acme.check()
    html = client.get("/t/acme/findings").text
    assert sorted(rows(html)) == sorted(f.code for f in report.findings)
    assert f"{len(report.findings)} of {len(report.findings)} findings" in html


@pytest.mark.parametrize(
    ("query", "keeps"),
    [
        ("family=LEV", lambda f: f.code.startswith("LEV")),
        ("severity=error", lambda f: f.severity.value == "error"),
        ("subject=partner", lambda f: f.subject.kind == "partner"),
        (
            "family=JOB&severity=info",
            lambda f: f.code.startswith("JOB") and f.severity.value == "info",
        ),
    ],
)
def test_the_findings_filters_keep_what_they_name(
    client: TestClient, acme: Session, query: str, keeps: object
) -> None:
    expected = sorted(f.code for f in acme.check().findings if keeps(f))  # type: ignore[operator]
    assert expected, f"acme has findings for {query}"
    html = client.get(f"/t/acme/findings?{query}").text
    assert sorted(rows(html)) == expected


def test_the_findings_search_finds_a_subject_by_text(client: TestClient, acme: Session) -> None:
    finding = acme.check().findings[0]
    wanted = finding.subject.id
    expected = [
        f.code
        for f in acme.check().findings
        if wanted.casefold()
        in " ".join((f.code, f.rule, f.subject.id, f.message, f.recommendation)).casefold()
    ]
    html = client.get("/t/acme/findings", params={"q": wanted.upper()}).text
    assert sorted(rows(html)) == sorted(expected)
    assert f'value="{wanted.upper()}"' in html  # the form keeps what was asked


def test_the_filter_form_labels_every_control(client: TestClient) -> None:
    html = client.get("/t/acme/findings").text
    form = html[html.index("<form") : html.index("</form>")]
    controls = re.findall(r'<(?:select|input) id="([^"]+)"', form)
    assert controls
    for control in controls:
        assert f'<label for="{control}">' in form


def test_every_finding_links_to_its_source(client: TestClient, acme: Session) -> None:
    html = client.get("/t/acme/findings").text
    placed = [f for f in acme.check().findings if f.location and f.location.line]
    assert placed
    for finding in placed:
        loc = finding.location
        assert loc is not None
        assert f'/t/acme/source/{loc.file}?line={loc.line}#L{loc.line}"' in html


def test_the_plan_page_shows_what_applying_the_plan_closes(
    client: TestClient, acme: Session
) -> None:
    applied = acme.verified_plan().applied
    assert applied is not None
    html = client.get("/t/acme/plan").text
    assert f"closes <strong>{len(applied.closed)}</strong> findings" in html
    assert applied.closed, "acme's plan closes findings"
    start = html.index("<caption>Findings the plan closes</caption>")
    closed = html[start : html.index("</table>", start)]
    assert sorted(rows(closed)) == sorted(f.code for f in applied.closed)


def test_a_seat_titled_like_a_script_is_text(tmp_path: Path) -> None:
    workspace = copy_acme(tmp_path)
    org = workspace / "org.yaml"
    org.write_text(
        org.read_text().replace("title: Chief Operating Officer", f"title: '{HOSTILE}'", 1)
    )
    with TestClient(create_app(ServeConfig.local(workspace, watch=False))) as hostile:
        for page in ("org", "people", "people/dana-reyes"):
            html = hostile.get(f"/t/acme/{page}").text
            assert HOSTILE not in html
        html = hostile.get("/t/acme/org").text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        api = hostile.get("/api/t/acme/org").json()
        assert HOSTILE in str(api)  # data stays data in JSON, served as application/json


class PartnerAuthority:
    """A caller holding the partner role of ``stride`` (team mode's cut)."""

    def access(self, request: Request, tenant: str) -> Access:
        return Access(user="sam", tenant=tenant, role=Role.PARTNER, partner="stride")


def test_a_partner_role_gets_404_on_every_whole_organization_page(acme_workspace: Path) -> None:
    app = create_app(ServeConfig.local(acme_workspace, watch=False), authority=PartnerAuthority())
    with TestClient(app) as partner:
        for page in (*PAGES, "people/dana-reyes", "partners/stride", "source/org.yaml"):
            assert partner.get(f"/t/acme/{page}").status_code == 404, page
        for answer in ("overview", "findings", "plan", "org", "people", "partners/stride"):
            response = partner.get(f"/api/t/acme/{answer}")
            assert response.status_code == 404, answer
            assert set(response.json()) == {"error", "problems"}


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("/t/no-such-tenant/findings", "no such organization"),
        ("/t/acme/no-such-page", "no such page"),
    ],
)
def test_a_page_not_found_is_a_page(client: TestClient, address: str, reason: str) -> None:
    response = client.get(address)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert f'<h1>Not found</h1>\n<p class="lede">{reason}.</p>' in response.text
    assert 'aria-label="Pages"' not in response.text  # no tenant's navigation
    answer = client.get("/api" + address)
    assert (answer.status_code, answer.json()["problems"]) == (404, [])


def test_the_overview_says_its_figures_in_the_words_of_the_html_report(
    client: TestClient, acme_workspace: Path, tmp_path: Path
) -> None:
    out = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["report", str(acme_workspace), "-o", str(out)])
    assert result.exit_code == 0, result.output
    report = out.read_text()
    overview = client.get("/t/acme/").text
    headlines = overview[overview.index('<dl class="headlines">') : overview.index("</dl>")]
    said = re.findall(r"<dt>([^<]+)</dt><dd>[^<]+<p>([^<]+)</p></dd>", headlines)
    assert len(said) == 3  # the leadership's share, the unowned hours, DSO: each explained
    for title, words in said:
        assert f"<h3>{title}</h3>" in report
        assert f"<p>{words}</p>" in report


def _seats(nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [s for node in nodes for s in (node, *_seats(node["reports"]))]


def test_a_seat_held_by_several_people_lists_them_apart(client: TestClient) -> None:
    shared = [
        s for s in _seats(client.get("/api/t/acme/org").json()["seats"]) if len(s["holders"]) > 1
    ]
    assert shared, "acme has seats several people hold"
    text = re.sub(r"<[^>]+>", "", client.get("/t/acme/org").text)
    for seat in shared:
        names = [unescape(h["name"]) for h in seat["holders"]]
        assert ", ".join(names) in unescape(text), seat["id"]
