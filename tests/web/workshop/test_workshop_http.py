"""The workshop over HTTP: drafts made with the forms (POST, redirect, GET), their
comparison set against ``Session.scenario`` on the same operations, the scenario file
downloaded and saved, applying (editors only), and two drafts applied in turn."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from click.testing import CliRunner
from fastapi.testclient import TestClient
from workshop_kit import Served

from levelset.cli import main
from levelset.load.scenario import parse_scenario
from levelset.model import Finding
from levelset.model.scenario import (
    ChangeScope,
    FillSeat,
    HandWork,
    MoveAccountability,
    Operation,
    StopMeeting,
)
from levelset.report.scenario import operation_dict
from levelset.service import Session

#: The five kinds of change the workshop's forms must offer, as the forms send them.
FORMS: list[dict[str, str | list[str]]] = [
    {"op": "fill-seat", "seat": "controller"},
    {"op": "move-accountability", "responsibility": "ap-processing", "to": "controller"},
    {
        "op": "hand-work",
        "responsibility": "monthly-close",
        "from": "dana-reyes",
        "to": "controller",
    },
    {"op": "stop-meeting", "meeting": "Ops status sync"},
    {"op": "change-scope", "partner": "stride", "add": ["collections", "payroll"]},
]
#: The same changes as the model's operations.
OPERATIONS: list[Operation] = [
    FillSeat("controller"),
    MoveAccountability("ap-processing", "controller"),
    HandWork("monthly-close", "dana-reyes", "controller"),
    StopMeeting("Ops status sync"),
    ChangeScope("stride", ("collections", "payroll")),
]
#: Changes that are all written into the files (a person fills the seat).
WRITTEN: list[dict[str, str | list[str]]] = [
    {"op": "fill-seat", "seat": "controller", "person": "dana-reyes"},
    {"op": "move-accountability", "responsibility": "ap-processing", "to": "controller"},
    {"op": "change-scope", "partner": "stride", "add": ["collections"]},
]


def start(client: TestClient, tenant: str, how: str = "empty", file: str = "") -> str:
    """Start a draft with the start form; its page's path."""
    answer = client.post(
        f"/t/{tenant}/workshop",
        data={"start": how, "file": file, "csrftoken": ""},
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text
    return str(answer.headers["location"])


def add(client: TestClient, page: str, form: dict[str, str | list[str]]) -> None:
    """Send one change form; the redirect leads back to the draft's page."""
    answer = client.post(f"{page}/operations", data={**form, "csrftoken": ""})
    assert answer.status_code == 200, answer.text
    assert answer.url.path == page


def api(page: str) -> str:
    """The API address of the draft whose page is ``page``."""
    tenant, draft = re.fullmatch(r"/t/([^/]+)/workshop/([^/]+)", page).groups()  # type: ignore[union-attr]
    return f"/api/t/{tenant}/workshop/drafts/{draft}"


def keys(findings: list[dict[str, str]] | tuple[Finding, ...]) -> list[tuple[str, str, str]]:
    """Findings (API answers or model values) as (code, kind, subject), sorted."""
    return sorted(
        (f["code"], f["kind"], f["subject"])
        if isinstance(f, dict)
        else (f.code, f.subject.kind, f.subject.id)
        for f in findings
    )


def files_of(workspace: Path) -> dict[str, str]:
    """Every file of the workspace and the hash of its bytes."""
    return {
        p.relative_to(workspace).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(workspace.rglob("*"))
        if p.is_file()
    }


def test_a_draft_made_with_the_forms_compares_as_the_session_does(served: Served) -> None:
    client = served.client()
    page = start(client, served.tenant)
    for form in FORMS:
        add(client, page, form)
    shown = client.get(api(page)).json()
    with Session(served.workspace) as session:
        expected = session.scenario(OPERATIONS)
    assert [op["operation"] for op in shown["operations"]] == [
        operation_dict(op) for op in OPERATIONS
    ]
    compared = shown["comparison"]
    assert keys(compared["closed"]) == keys(expected.closed)
    assert keys(compared["opened"]) == keys(expected.opened)
    assert compared["kept"] == len(expected.kept)
    assert [(h["person"], h["change"]) for h in compared["hours"]] == [
        (h.person, h.change) for h in expected.hours
    ]
    assert compared["cost_difference"] == expected.cost_difference
    assert compared["problems"] == []
    assert expected.closed, "the changes close findings on acme"
    html = client.get(page).text
    for finding in expected.closed:
        assert f"<td>{finding.code}</td>" in html
    assert f'<dd id="closed-count">{len(expected.closed)}</dd>' in html


def test_the_scenario_file_reads_back_as_the_same_scenario(served: Served) -> None:
    client = served.client()
    page = start(client, served.tenant)
    for form in FORMS:
        add(client, page, form)
    answer = client.get(f"{api(page)}/scenario.yaml")
    assert answer.status_code == 200
    assert "attachment" in answer.headers["content-disposition"]
    scenario, problems = parse_scenario(answer.text)
    assert problems == ()
    assert [operation_dict(op) for op in scenario.operations] == [
        operation_dict(op) for op in OPERATIONS
    ]


def test_saving_writes_the_scenarios_folder_and_a_draft_starts_from_it(served: Served) -> None:
    client = served.client()
    page = start(client, served.tenant)
    client.post(f"{page}/name", data={"name": "Controller first", "csrftoken": ""})
    for form in FORMS[:2]:
        add(client, page, form)
    client.post(f"{page}/save", data={"csrftoken": ""})
    saved = served.workspace / "scenarios" / "controller-first.yaml"
    scenario, problems = parse_scenario(saved.read_text(encoding="utf-8"))
    assert problems == ()
    assert scenario.name == "Controller first"
    again = start(client, served.tenant, "file", "controller-first.yaml")
    shown = client.get(api(again)).json()
    assert [op["operation"] for op in shown["operations"]] == [
        operation_dict(op) for op in OPERATIONS[:2]
    ]


def test_a_scenario_file_with_a_problem_is_shown_with_its_place(served: Served) -> None:
    folder = served.workspace / "scenarios"
    folder.mkdir()
    (folder / "broken.yaml").write_text("operations:\n  - {op: fill-seet, seat: controller}\n")
    client = served.client()
    answer = client.post(
        f"/t/{served.tenant}/workshop", data={"start": "file", "file": "broken.yaml"}
    )
    assert answer.status_code == 422
    assert "<li>scenarios/broken.yaml:2: operation 1: unknown op &#39;fill-seet&#39;" in answer.text
    assert client.get("/api/t/" + served.tenant + "/workshop/drafts").json() == []


def test_a_workspace_that_cannot_be_read_is_shown_with_its_places(served: Served) -> None:
    client = served.client()
    page = start(client, served.tenant)
    org = served.workspace / "org.yaml"
    org.write_text(org.read_text(encoding="utf-8") + "  - {id: [unclosed\n", encoding="utf-8")
    answer = client.get(page)
    assert answer.status_code == 422
    assert "<li>org.yaml:" in answer.text
    assert client.get(api(page)).json()["problems"][0].startswith("org.yaml:")


def test_a_change_can_be_removed_and_a_bad_one_is_said(served: Served) -> None:
    client = served.client()
    page = start(client, served.tenant)
    for form in FORMS[:3]:
        add(client, page, form)
    client.post(f"{page}/operations/0/remove", data={"csrftoken": ""})
    shown = client.get(api(page)).json()
    assert [op["operation"] for op in shown["operations"]] == [
        operation_dict(op) for op in OPERATIONS[1:3]
    ]
    add(client, page, {"op": "fill-seat"})  # no seat
    shown = client.get(api(page)).json()
    assert len(shown["operations"]) == 2
    assert shown["outcome"]["kind"] == "invalid"
    assert "seat" in shown["outcome"]["message"]
    add(client, page, {"op": "fill-seat", "seat": "no-such-seat"})
    problems = client.get(api(page)).json()["comparison"]["problems"]
    assert len(problems) == 1
    assert "no-such-seat" in problems[0]
    assert problems[0].startswith("workshop-scenario.yaml:7: ")


def test_applying_writes_the_workspace_and_closes_the_findings(served: Served) -> None:
    client = served.client()
    page = start(client, served.tenant)
    for form in WRITTEN:
        add(client, page, form)
    closed = keys(client.get(api(page)).json()["comparison"]["closed"])
    assert closed
    answer = client.post(f"{page}/apply", data={"csrftoken": ""})
    assert "Applied to the workspace" in answer.text
    with Session(served.workspace) as session:
        after = keys(session.check().findings)
        assert session.loaded.workspace.seats["controller"].holders[0].person == "dana-reyes"
    assert not set(closed) & set(after)
    assert [entry[1] for entry in served.audit.entries] == ["apply-scenario"]


def test_a_viewer_cannot_apply_or_save(served: Served) -> None:
    viewer = served.client(user="vera", role="viewer")
    page = start(viewer, served.tenant)
    for form in WRITTEN:
        add(viewer, page, form)
    before = files_of(served.workspace)
    assert viewer.post(f"{page}/apply", data={"csrftoken": ""}).status_code == 404
    assert viewer.post(f"{api(page)}/apply").status_code == 404
    assert viewer.post(f"{page}/save", data={"csrftoken": ""}).status_code == 404
    assert files_of(served.workspace) == before
    assert "Apply to the workspace" not in viewer.get(page).text
    assert served.audit.entries == []


def test_another_users_draft_is_not_found(served: Served) -> None:
    owner = served.client(user="olga")
    page = start(owner, served.tenant)
    other = served.client(user="oscar")
    assert other.get(page).status_code == 404
    assert other.get(api(page)).status_code == 404
    assert other.post(f"{page}/operations", data=FORMS[0]).status_code == 404
    assert other.get("/api/t/" + served.tenant + "/workshop/drafts").json() == []
    assert owner.get(page).status_code == 200


def test_the_second_of_two_drafts_is_refused_with_the_difference(served: Served) -> None:
    first, second = served.client(user="ann"), served.client(user="bob")
    page_a, page_b = start(first, served.tenant), start(second, served.tenant)
    for form in WRITTEN:
        add(first, page_a, form)
    add(second, page_b, {"op": "move-accountability", "responsibility": "payroll", "to": "coo"})
    first.post(f"{page_a}/apply", data={"csrftoken": ""})
    after_first = files_of(served.workspace)
    written = first.get(api(page_a)).json()["outcome"]["written"]
    answer = second.post(f"{api(page_b)}/apply")
    assert answer.status_code == 409
    outcome = answer.json()["outcome"]
    assert outcome["kind"] == "changed"
    assert outcome["files"] == written
    with Session(served.workspace) as session:
        now = keys(session.check().findings)
    assert keys(outcome["closed"]) == sorted(set(keys(outcome["closed"])) - set(now))
    assert outcome["closed"], "the first draft closed findings the second did not see"
    page = second.post(f"{page_b}/apply", data={"csrftoken": ""}).text
    assert "the workspace changed since this draft was made" in page
    assert files_of(served.workspace) == after_first
    second.post(f"{page_b}/rebase", data={"csrftoken": ""})
    assert second.post(f"{api(page_b)}/apply").status_code == 200
    assert files_of(served.workspace) != after_first


def test_the_workshop_is_in_the_openapi_document(served: Served) -> None:
    paths = served.client().get("/api/openapi.json").json()["paths"]
    assert "/api/t/{tenant}/workshop/drafts/{draft_id}/operations" in paths
    assert "/api/t/{tenant}/workshop/drafts/{draft_id}/apply" in paths


def test_the_plan_costs_the_same_words_on_the_plan_page_the_draft_and_the_cli(
    served: Served,
) -> None:
    said = CliRunner().invoke(main, ["scenario", "show", str(served.workspace), "plan"])
    found = re.search(r"^Cost: (.+)\.$", said.output, re.MULTILINE)
    assert found is not None, said.output
    words = found.group(1)
    assert "a week less" in words  # acme's plan costs less: a figure, not "unknown"
    client = served.client()
    plan = client.get(f"/t/{served.tenant}/plan").text
    assert f"Cost: {words}." in plan
    draft = client.get(start(client, served.tenant, "plan")).text
    assert f'<dd id="cost">{words}</dd>' in draft
