"""The partner view holds the partner's slice and nothing more, checked against the
workspace itself (its people's cost rates, the customers of its finance files, the other
partners and their people), through the service, the JSON API and the page."""

from __future__ import annotations

import csv
import dataclasses
import html
import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from teamkit import GLOBEX_NAME, HOSTILE, build_team, login

from levelset.model.holdings import SeatHoldings
from levelset.service import Session
from levelset.service.audience import UnknownPartner, partner_people, partner_slice
from levelset.web import create_app


@pytest.fixture(scope="module")
def acme(team: Any) -> Any:
    with Session(team.config.tenant("acme").workspace) as session:
        yield session


def _secrets(session: Any, partner: str) -> dict[str, set[str]]:
    """What the partner must never see, read from the workspace's own files."""
    workspace = session.workspace
    customers: set[str] = set()
    with (workspace.root / "data/finance/customers.csv").open(encoding="utf-8") as rows:
        for row in csv.DictReader(rows):
            customers |= {row["customer"], row["name"]}
    others = [p for p in workspace.partners.values() if p.id != partner]
    other_people = {x for p in others for x in partner_people(workspace, p)}
    return {
        "customers": customers,
        "partners": {p.id for p in others} | {p.name for p in others},
        "their people": other_people | {workspace.people[x].name for x in other_people},
    }


def _strings(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [*value, *(s for v in value.values() for s in _strings(v))]
    if isinstance(value, list | tuple):
        return [s for v in value for s in _strings(v)]
    return [value] if isinstance(value, str) else []


def _assert_holds_only_its_part(answer: dict[str, Any], session: Any, partner: str) -> None:
    workspace = session.workspace
    texts = _strings(answer)
    for kind, names in _secrets(session, partner).items():
        leaked = sorted({n for n in names for t in texts if n and n in t})
        assert leaked == [], f"{kind} in the slice of {partner}: {leaked}"
    assert not [k for k in _key_names(answer) if "cost" in k or "rate" in k or "customer" in k]
    mine = set(partner_people(workspace, workspace.partners[partner]))
    assert {h["person"] for h in answer["hours"]} == mine  # its people, each of them
    held = {s.id for s in SeatHoldings(workspace).firm_seats().get(partner, [])}
    assert {s["id"] for s in answer["seats"]} == held
    assert [g["id"] for g in answer["goals"]] == list(workspace.partners[partner].goals)


def _key_names(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _key_names(v)}
    if isinstance(value, list):
        return {k for v in value for k in _key_names(v)}
    return set()


@pytest.mark.parametrize("partner", ["stride", "brightline", "keystone"])
def test_the_service_slice_holds_only_the_partners_part(acme: Any, partner: str) -> None:
    found = json.loads(json.dumps(dataclasses.asdict(partner_slice(acme, partner))))
    _assert_holds_only_its_part(found, acme, partner)


def test_cost_rates_are_in_the_workspace_but_not_in_any_slice(acme: Any) -> None:
    rates = {p.cost_rate for p in acme.workspace.people.values() if p.cost_rate}
    assert rates  # the check below means something only with rates to hide
    for partner in acme.workspace.partners:
        found = partner_slice(acme, partner)
        numbers = {h.hours_per_week for h in found.hours or ()}
        numbers |= {hours for h in found.hours or () for _w, hours in h.by_work}
        assert "cost_rate" not in repr(found)
        assert not {float(r) for r in rates} & numbers - {0.0}, partner


def test_findings_in_the_slice_are_about_the_partner_its_seats_or_its_people(acme: Any) -> None:
    found = partner_slice(acme, "brightline")
    assert found.findings  # acme's agency has several
    allowed = {("partner", "brightline"), *(("seat", s.id) for s in found.seats)}
    allowed |= {
        ("person", p) for p in partner_people(acme.workspace, acme.workspace.partners["brightline"])
    }
    assert {(f.subject_kind, f.subject_id) for f in found.findings} <= allowed
    every = {f.code for f in acme.check().findings if f.subject.id == "brightline"}
    assert every <= {f.code for f in found.findings}


def test_an_unknown_partner_is_a_404_usage_error(acme: Any) -> None:
    with pytest.raises(UnknownPartner) as raised:
        partner_slice(acme, "strid")
    assert raised.value.http_status == 404
    assert "stride" in raised.value.message


def test_the_partners_api_answer_obeys_the_same_rule(client: Any, acme: Any) -> None:
    browser = client()
    login(browser, "sam-stride")
    answer = browser.get("/api/t/acme/partner").json()
    _assert_holds_only_its_part(answer, acme, "stride")
    assert answer["sessions"][0]["attended"] >= 1


def test_the_partners_page_shows_its_part_and_no_secret(client: Any, acme: Any) -> None:
    browser = client()
    login(browser, "sam-stride")
    page = html.unescape(browser.get("/t/acme/partner").text)
    assert "Stride Bookkeeping" in page
    assert "Bookkeeper" in page
    for kind, names in _secrets(acme, "stride").items():
        assert not [n for n in names if n in page], kind
    for person in partner_people(acme.workspace, acme.workspace.partners["stride"]):
        assert acme.workspace.people[person].name in page


def test_the_partners_download_is_what_levelset_partner_writes(client: Any, acme: Any) -> None:
    from levelset.report.partner_slice import partner_markdown  # noqa: PLC0415
    from levelset.report.views import PartnerSliceView  # noqa: PLC0415

    partner, admin = client(), client()
    login(partner, "sam-stride")
    login(admin, "ann-admin")
    page = partner.get("/t/acme/partner").text
    assert 'href="/t/acme/partner/download.md"' in page
    mine = partner.get("/t/acme/partner/download.md")
    assert mine.status_code == 200
    assert mine.headers["content-disposition"] == 'attachment; filename="stride.md"'
    assert mine.text == partner_markdown(PartnerSliceView(partner_slice(acme, "stride")))
    for kind, names in _secrets(acme, "stride").items():
        assert not [n for n in names if n in mine.text], kind
    assert admin.get("/t/acme/partners/stride/slice.md").text == mine.text
    assert (
        'href="/t/acme/partners/stride/slice.md"' in admin.get("/t/acme/partners/stride/slice").text
    )
    assert partner.get("/t/acme/partners/brightline/slice.md").status_code == 404


def test_the_admin_sees_what_the_partner_sees(client: Any) -> None:
    partner, admin = client(), client()
    login(partner, "sam-stride")
    login(admin, "ann-admin")
    assert (
        admin.get("/api/t/acme/partners/stride/slice").json()
        == partner.get("/api/t/acme/partner").json()
    )


def test_a_workspace_name_is_rendered_as_text(client: Any) -> None:
    browser = client()
    login(browser, "pat-globex-stride")
    page = browser.get("/t/globex/partner").text
    assert HOSTILE not in page
    assert HOSTILE in html.unescape(page)  # shown as written, as text
    assert GLOBEX_NAME in page


def test_the_other_tenant_has_its_own_title(client: Any) -> None:
    browser = client()
    login(browser, "gil-globex")
    assert browser.get("/api/t/globex/partners/stride/slice").json()["organization"] == GLOBEX_NAME


@pytest.mark.parametrize("partner", ["stride", "brightline", "keystone"])
def test_the_slice_counts_strategy_sessions_as_the_report_does(acme: Any, partner: str) -> None:
    from levelset.service.report import partner_summary  # noqa: PLC0415

    workspace = acme.workspace
    allocation = acme.events().allocation
    summary = partner_summary(workspace, workspace.partners[partner], allocation)
    found = partner_slice(acme, partner)
    assert found.sessions is not None
    assert sum(s.attended for s in found.sessions) == summary.strategy_sessions


def test_a_broken_workspace_is_no_traceback_and_no_leak(tmp_path: Path) -> None:
    team = build_team(tmp_path)
    org = team.config.tenant("acme").workspace / "people.yaml"
    org.write_text(org.read_text() + "\n  - {id: [broken\n")
    app: Any = create_app(team.config)
    try:
        with TestClient(app) as partner, TestClient(app) as admin:
            login(partner, "sam-stride")
            login(admin, "ann-admin")
            hidden = partner.get("/api/t/acme/partner")
            shown = admin.get("/api/t/acme/partners/stride/slice")
    finally:
        app.state.hub.close()
        app.state.team_state.close()
    assert (hidden.status_code, hidden.json()["problems"]) == (422, [])
    assert "administrators" in hidden.json()["error"]
    assert shown.status_code == 422
    assert any(p.startswith("people.yaml:") for p in shown.json()["problems"])
