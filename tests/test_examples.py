"""The example workspaces, through the public API and the command line.

``examples/acme`` must read without a problem and make every organizational rule fire;
``examples/clean`` must read without a problem and make none fire. The scenario tests pin
the stories the examples and docs/guide.md tell, so an edit that breaks one fails here.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import levelset
from levelset.cli import main
from levelset.model import Finding, Report, Severity

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
ACME = EXAMPLES / "acme"
CLEAN = EXAMPLES / "clean"


@pytest.fixture(scope="module")
def acme() -> Report:
    """One check of acme, shared by the tests that read it."""
    return levelset.check(ACME)


def found(report: Report, code: str, subject_id: str) -> Finding:
    """The finding of ``code`` on ``subject_id``; fails the test when there is none."""
    matches = [f for f in report.findings if f.code == code and f.subject.id == subject_id]
    assert matches, f"{code} did not fire on {subject_id}: {sorted(_fired(report))}"
    return matches[0]


def line_of(file: Path, pattern: str) -> int:
    """The 1-based line of the only line of ``file`` matching the regex ``pattern``."""
    lines = [
        number
        for number, text in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1)
        if re.search(pattern, text)
    ]
    assert len(lines) == 1, f"{pattern!r} matches lines {lines} of {file.name}"
    return lines[0]


def _fired(report: Report) -> set[tuple[str, str]]:
    return {(f.code, f.subject.id) for f in report.findings}


# -- the two examples as a whole ---------------------------------------------------------


@pytest.mark.parametrize("example", [ACME, CLEAN], ids=["acme", "clean"])
def test_example_loads_without_problems(example: Path) -> None:
    loaded = levelset.load_workspace(example)
    assert loaded.problems == ()
    assert loaded.workspace.seats
    assert loaded.workspace.goals


def test_acme_is_a_believable_distributor() -> None:
    workspace = levelset.load_workspace(ACME).workspace
    employees = [p for p in workspace.people.values() if p.partner is None]
    sellers = [h for s in workspace.seats.values() if s.id.startswith("ae-") for h in s.holders]
    assert workspace.name == "Acme Distribution"
    assert 60 <= len(employees) <= 150
    assert 90 <= len(sellers) <= 110  # the CRO's "about 100" sellers
    assert len(workspace.partners) >= 2


def test_acme_checks_without_problems(acme: Report) -> None:
    assert acme.problems == ()


def test_acme_fires_every_rule(acme: Report) -> None:
    """Every registered rule, organizational or event-based, has an example in acme.

    A new rule without a scenario in examples/acme fails here until one is written.
    """
    expected = {r.code for r in levelset.default_registry()}
    assert any(r.needs_events for r in levelset.default_registry()), "no event rules listed"
    assert acme.allocation is not None, "acme's data/ was not read"
    assert expected - {f.code for f in acme.findings} == set()


def test_acme_findings_point_at_its_files(acme: Report) -> None:
    for finding in acme.findings:
        assert finding.location is not None, finding
        assert finding.location.line is not None, finding
        assert (ACME / finding.location.file).is_file(), finding


def test_clean_reports_nothing() -> None:
    report = levelset.check(CLEAN)
    assert report.problems == ()
    assert report.findings == ()
    assert report.plan.is_empty()
    assert levelset.exit_status(report, Severity.INFO) == 0


# -- the stories of the source articles, finding by finding -------------------------------


def test_bookkeeper_reporting_to_the_ceo_is_a_level_gap(acme: Report) -> None:
    """Leveling: the outsourced bookkeeper (L1) reports straight to the CEO (L5)."""
    finding = found(acme, "LEV002", "bookkeeper")
    assert finding.subject.kind == "seat"
    assert finding.evidence["from_level"] == "L1"
    assert finding.evidence["to_level"] == "L5"
    assert finding.location is not None
    assert finding.location.file == "org.yaml"
    assert finding.location.line == line_of(ACME / "org.yaml", r"\{id: bookkeeper,")


def test_finance_has_nobody_at_manager_level(acme: Report) -> None:
    """The controller seat is vacant, so its close lands on the CEO."""
    assert found(acme, "LEV003", "finance").subject.kind == "function"
    vacant = found(acme, "LEV004", "controller")
    assert vacant.evidence["absorbed_by"] == "ceo"
    assert found(acme, "JOB003", "monthly-close").location is not None
    assert any(a.seat == "controller" for a in acme.plan.seats)


def test_ceo_is_pulled_down_into_bookkeeping(acme: Report) -> None:
    """The CEO is accountable for weekly payables and owns a quarterly close target."""
    payables = found(acme, "LEV001", "ap-processing")
    assert payables.evidence["seat"] == "ceo"
    assert found(acme, "DOT005", "kr-close-days").evidence["owner"] == "ceo"
    assert found(acme, "JOB004", "ceo").subject.kind == "seat"


def test_cro_runs_the_reviews_her_rvps_own(acme: Report) -> None:
    """Not your job: two-week deal reviews with a CRO accountable for them."""
    reviews = found(acme, "LEV001", "deal-reviews")
    assert reviews.evidence["seat"] == "cro"
    assert reviews.location is not None
    expected = line_of(ACME / "responsibilities.yaml", r"- id: deal-reviews$")
    assert reviews.location.line == expected


def test_outsourced_marketing_agency(acme: Report) -> None:
    """Brightline: holds marketing leadership, no scope, no references, no shared goal."""
    for code in ("OUT001", "OUT002", "OUT004", "OUT005"):
        finding = found(acme, code, "brightline")
        assert finding.subject.kind == "partner"
    assert ("OUT001", "stride") not in _fired(acme)  # Stride is vetted, scoped, not leading
    assert any(action.partner == "brightline" for action in acme.plan.partners)


def test_goals_that_do_not_connect(acme: Report) -> None:
    """Connect the dots: an orphan key result and an objective nobody works toward."""
    assert found(acme, "DOT001", "kr-suppliers").location is not None
    assert found(acme, "DOT002", "obj-people").location is not None
    assert ("DOT001", "kr-revenue-east") not in _fired(acme)


def test_acme_with_only_leveling_rules(acme: Report) -> None:
    report = levelset.check(ACME, select=["LEV"])
    assert {f.code[:3] for f in report.findings} == {"LEV"}
    assert len(report.findings) == sum(f.code.startswith("LEV") for f in acme.findings)


# -- the command line on the examples ------------------------------------------------------


def test_cli_json_on_acme_names_the_bookkeeper_line() -> None:
    result = CliRunner().invoke(main, ["check", str(ACME), "--format", "json"])
    report = levelset.check(ACME)
    fail_on = levelset.fail_on_setting(levelset.load_workspace(ACME).workspace)
    assert result.exit_code == levelset.exit_status(report, fail_on), result.output
    assert result.exit_code in (0, 1), result.output  # findings, but never a usage error
    data = json.loads(result.output)
    gap = next(f for f in data["findings"] if f["code"] == "LEV002")
    assert gap["subject"] == {"kind": "seat", "id": "bookkeeper"}
    assert gap["location"] == {
        "file": "org.yaml",
        "line": line_of(ACME / "org.yaml", r"\{id: bookkeeper,"),
    }


@pytest.mark.parametrize("command", ["check", "tree", "org"])
def test_cli_on_clean_succeeds(command: str) -> None:
    result = CliRunner().invoke(main, [command, str(CLEAN)])
    assert result.exit_code == 0, result.output
