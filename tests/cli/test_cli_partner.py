"""``levelset partner``: the file a consultant sends a partner holds the same cut as the
partner's view of the web app (the service's slice), and nothing of the rest."""

from __future__ import annotations

import csv
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_workspaces import Invoke
from pydantic import TypeAdapter

from levelset.model.partner_slice import PartnerSlice
from levelset.service import Session
from levelset.service.audience import partner_people, partner_slice

ACME = Path(__file__).resolve().parents[2] / "examples" / "acme"
PARTNERS = ("stride", "brightline", "keystone")


@pytest.fixture(scope="module")
def acme() -> Iterator[Session]:
    with Session(ACME) as session:
        yield session


@pytest.mark.parametrize("partner", PARTNERS)
def test_the_json_is_the_slice_the_web_app_serves(
    invoke: Invoke, acme: Session, partner: str
) -> None:
    result = invoke("partner", ACME, partner, "--format", "json")
    assert result.exit_code == 0, result.output
    served = TypeAdapter(PartnerSlice).dump_python(partner_slice(acme, partner), mode="json")
    assert json.loads(result.stdout) == served


def _never_shown(session: Session, partner: str) -> set[str]:
    """Names the partner must not read: customers, other partners and their people."""
    workspace = session.workspace
    with (ACME / "data/finance/customers.csv").open(encoding="utf-8") as rows:
        names = {text for row in csv.DictReader(rows) for text in (row["customer"], row["name"])}
    for other in workspace.partners.values():
        if other.id != partner:
            names |= {other.name}
            names |= {workspace.people[p].name for p in partner_people(workspace, other)}
    return names


@pytest.mark.parametrize("partner", PARTNERS)
@pytest.mark.parametrize("fmt", ["markdown", "text"])
def test_the_document_holds_its_part_and_nothing_else(
    invoke: Invoke, acme: Session, partner: str, fmt: str
) -> None:
    result = invoke("partner", ACME, partner, "--format", fmt)
    assert result.exit_code == 0, result.output
    flat = " ".join(result.stdout.split())
    found = partner_slice(acme, partner)
    assert found.name in flat
    for seat in found.seats:
        assert seat.title in flat
    for person in found.hours or ():
        assert person.name in flat
    for finding in found.findings:
        assert finding.code in flat
    leaked = sorted(name for name in _never_shown(acme, partner) if name and name in flat)
    assert leaked == []
    assert "cost" not in flat.lower()


def test_an_unknown_partner_is_a_usage_error_with_a_suggestion(invoke: Invoke) -> None:
    result = invoke("partner", ACME, "strid")
    assert result.exit_code == 2
    assert "no partner 'strid'; did you mean 'stride'?" in result.stderr
    assert "Traceback" not in result.output


def test_the_file_is_what_was_printed(invoke: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "stride.md"
    written = invoke("partner", ACME, "stride", "--format", "markdown", "-o", target)
    assert written.exit_code == 0, written.output
    printed = invoke("partner", ACME, "stride", "--format", "markdown")
    assert target.read_text(encoding="utf-8") == printed.stdout


def test_a_seat_title_is_printed_as_text(invoke: Invoke, tmp_path: Path) -> None:
    workspace = Path(shutil.copytree(ACME, tmp_path / "acme"))
    org = workspace / "org.yaml"
    org.write_text(org.read_text().replace("title: Bookkeeper,", "title: '[red]Keeper[/red]',", 1))
    result = invoke("partner", workspace, "stride")
    assert result.exit_code == 0, result.output
    assert "[red]Keeper[/red]" in result.stdout


def test_without_event_data_the_file_says_why(invoke: Invoke) -> None:
    clean = ACME.parent / "clean"
    result = invoke("partner", clean, "ledgerly", "--format", "markdown")
    assert result.exit_code == 0, result.output
    assert "# Ledgerly Payroll" in result.stdout
    assert "the workspace has no time entries or calendars under data/" in result.stdout


def test_the_partners_hours_are_the_hours_its_finding_gives(invoke: Invoke) -> None:
    """Stride's file and OUT007 word the same hours: each rounded once, to one place
    (the file said 1.4 where the finding said 1.5 for the cash forecast: 1.4503 was
    rounded to 1.45, then to 1.4)."""
    check = invoke("check", ACME, "--format", "json", "--exit-zero")
    finding = next(
        f
        for f in json.loads(check.stdout)["findings"]
        if f["code"] == "OUT007" and f["subject"]["id"] == "stride"
    )
    pieces = re.findall(r"([\w -]+?) \(([\d.]+) h a week\)", finding["message"])
    said = {re.sub(r"^\s*(and )?", "", work): hours for work, hours in pieces}
    assert len(said) >= 2
    sliced = json.loads(invoke("partner", ACME, "stride", "--format", "json").stdout)
    by_work = {label: hours for person in sliced["hours"] for label, hours in person["by_work"]}
    for work, hours in said.items():
        assert f"{by_work[work]:.1f}" == hours, work
    printed = invoke("partner", ACME, "stride", "--format", "markdown").stdout
    for work, hours in said.items():
        assert f"{work} {hours}" in printed, work
