"""The JSON API: each answer is what the service says (computed here by an independent
session), described by /api/openapi.json, with one error shape; a broken workspace is
its problems with their places, never a server error."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape
from pydantic import TypeAdapter
from web_kit import copy_acme

from levelset.report.finance_data import finance_to_dict
from levelset.report.tree_data import goal_tree_to_dict, org_to_dict
from levelset.service import Session
from levelset.service.findings import FindingFilter, FindingsPage, findings_page
from levelset.service.overview import (
    HistoryPage,
    Overview,
    PlanPage,
    history_page,
    overview,
    plan_page,
    plan_window,
)
from levelset.service.partners import PartnerPage, partner_page
from levelset.service.people import PersonPage, person_page
from levelset.service.report import report_view
from levelset.service.window import Window
from levelset.web import ServeConfig, create_app


@pytest.fixture(scope="module")
def acme(acme_workspace: Path) -> Iterator[Session]:
    """An independent service session on the same files."""
    with Session(acme_workspace) as session:
        yield session


def as_json(kind: object, value: object) -> Any:
    """``value`` as the API writes it."""
    return TypeAdapter(kind).dump_python(value, mode="json")


def test_the_overview_is_the_service_s(client: TestClient, acme: Session) -> None:
    view = report_view(acme, Path("acme"))
    expected = as_json(Overview, overview(view, acme.workspace))
    assert client.get("/api/t/acme/overview").json() == expected


def test_the_findings_are_the_service_s(client: TestClient, acme: Session) -> None:
    families = acme.registry.families
    for wanted in (FindingFilter(), FindingFilter(family="FIN"), FindingFilter(search="stride")):
        expected = as_json(FindingsPage, findings_page(acme.check(), families, wanted, Window()))
        params = {"family": wanted.family, "q": wanted.search}
        assert client.get("/api/t/acme/findings", params=params).json() == expected


def test_the_plan_is_the_verified_plan(client: TestClient, acme: Session) -> None:
    whole = plan_page(acme.verified_plan(), acme.registry.families)
    expected = as_json(PlanPage, plan_window(whole, Window()))
    answer = client.get("/api/t/acme/plan").json()
    assert answer == expected
    assert answer["applied"]
    assert answer["closed"]


def test_the_trees_and_finance_are_the_commands_json(client: TestClient, acme: Session) -> None:
    view = report_view(acme, Path("acme"))
    org = client.get("/api/t/acme/org").json()
    assert {k: v for k, v in org.items() if k != "by_level"} == org_to_dict(view.org)
    assert client.get("/api/t/acme/goals").json() == goal_tree_to_dict(view.goals)
    finance = client.get("/api/t/acme/finance").json()
    assert view.finance is not None
    assert view.finance.finance is not None
    assert finance["finance"] == finance_to_dict(view.finance.finance)


def test_a_person_and_a_partner_are_the_service_s(client: TestClient, acme: Session) -> None:
    report = acme.check()
    person = as_json(PersonPage, person_page(acme, report, "dana-reyes"))
    assert client.get("/api/t/acme/people/dana-reyes").json() == person
    assert person["sight"]["work"]
    assert person["weeks"]
    partner = as_json(PartnerPage, partner_page(acme, report, "stride"))
    assert client.get("/api/t/acme/partners/stride").json() == partner


def test_the_history_is_the_service_s(client: TestClient, acme: Session) -> None:
    assert client.get("/api/t/acme/history").json() == as_json(HistoryPage, history_page(acme))


def test_the_people_list_names_everyone(client: TestClient, acme: Session) -> None:
    answer = client.get("/api/t/acme/people").json()
    assert sorted(p["id"] for p in answer["people"]) == sorted(acme.workspace.people)
    assert answer["leadership"]["leaders"]


def test_every_answer_is_described_by_the_openapi_document(client: TestClient) -> None:
    document = client.get("/api/openapi.json").json()
    paths = document["paths"]
    for answer in ("overview", "findings", "plan", "org", "goals", "people", "partners"):
        operation = paths[f"/api/t/{{tenant}}/{answer}"]["get"]
        assert "$ref" in str(operation["responses"]["200"])
        assert operation["responses"]["404"]["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/ErrorAnswer"
        }
    assert not any(path.startswith("/t/") for path in paths)  # pages are not the API


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/t/nowhere/overview", 404),
        ("/api/t/acme/people/nobody", 404),
        ("/api/t/acme/partners/nobody", 404),
        ("/api/t/acme/source/org.yaml?line=0", 422),
        ("/api/t/acme/no-such-answer", 404),
    ],
)
def test_errors_have_one_shape(client: TestClient, url: str, status: int) -> None:
    response = client.get(url)
    assert response.status_code == status
    body = response.json()
    assert set(body) == {"error", "problems"}
    assert body["error"]


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """acme with a YAML syntax error in org.yaml."""
    workspace = copy_acme(tmp_path_factory.mktemp("broken"))
    org = workspace / "org.yaml"
    org.write_text(org.read_text().replace("seats:", "seats: [unclosed", 1))
    with TestClient(create_app(ServeConfig.local(workspace, watch=False))) as client:
        yield client


@pytest.mark.parametrize(
    "page", ["", "plan", "org", "goals", "people", "partners", "finance", "people/dana-reyes"]
)
def test_a_broken_workspace_shows_its_problems_with_their_places(
    broken: TestClient, page: str
) -> None:
    response = broken.get(f"/t/acme/{page}")
    assert response.status_code == 422
    assert "The workspace has problems" in response.text
    assert "/t/acme/source/org.yaml?line=" in response.text


def test_a_broken_workspace_s_findings_page_lists_the_problems(broken: TestClient) -> None:
    response = broken.get("/t/acme/findings")
    assert response.status_code == 200
    assert "Problems in the workspace" in response.text
    assert "org.yaml:" in response.text


def test_a_broken_workspace_s_api_answers_are_its_problems(broken: TestClient) -> None:
    for answer in ("overview", "plan", "org", "people", "partners/stride", "finance"):
        response = broken.get(f"/api/t/acme/{answer}")
        assert response.status_code == 422, answer
        problems = response.json()["problems"]
        assert problems
        assert all(p.startswith("org.yaml:") for p in problems), problems
    assert broken.get("/api/t/acme/findings").json()["problems"]


def test_the_history_shows_what_changed_between_the_last_two_snapshots(tmp_path: Path) -> None:
    workspace = copy_acme(tmp_path)
    with Session(workspace) as session:
        report = session.check()
        dropped = report.findings[0]
        earlier = dataclasses.replace(report, findings=report.findings[1:])
        session.save(earlier, now=datetime(2026, 1, 5, tzinfo=UTC))
        session.save(report, now=datetime(2026, 1, 12, tzinfo=UTC))
        expected = as_json(HistoryPage, history_page(session))
    with TestClient(create_app(ServeConfig.local(workspace, watch=False))) as client:
        answer = client.get("/api/t/acme/history").json()
        assert answer == expected
        assert [f["code"] for f in answer["opened"]] == [dropped.code]
        html = client.get("/t/acme/history").text
        assert "1 opened, 0 closed" in html
        assert str(escape(dropped.message)) in html
