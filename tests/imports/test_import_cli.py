"""``levelset import``: a workspace from a client's files, passing ``check``; re-imports
that update it, keep what was written by hand, and change nothing when nothing changed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from imports_kit import ROOT, Run

from levelset.load import load_workspace

FIXTURES = Path(__file__).parent / "fixtures"
CLIENT = ROOT / "examples" / "client-files"


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _check(run: Run, workspace: Path) -> dict[str, object]:
    result = run("check", workspace, "--format", "json", "--exit-zero")
    assert result.exit_code == 0, result.output
    report: dict[str, object] = json.loads(result.output)
    return report


@pytest.fixture
def northwind(run: Run, tmp_path: Path) -> Path:
    """The example client's roster, goals and RACI imported into a new workspace."""
    workspace = tmp_path / "northwind"
    for kind, file in (
        ("roster", "northwind-bamboohr.csv"),
        ("goals", "northwind-goals.csv"),
        ("responsibilities", "northwind-raci.csv"),
    ):
        result = run("import", kind, CLIENT / file, "--into", workspace, "--yes")
        assert result.exit_code == 0, result.output
    return workspace


@pytest.mark.parametrize(
    "file",
    ["bamboohr.csv", "rippling.csv", "gusto.csv", "hibob.xlsx", "workday.csv", "plain.xlsx"],
)
def test_a_roster_becomes_a_workspace_that_check_reads_without_a_problem(
    run: Run, tmp_path: Path, file: str
) -> None:
    workspace = tmp_path / "client"
    result = run("import", "roster", FIXTURES / file, "--into", workspace)
    assert result.exit_code == 0, result.output
    assert "Wrote" in result.output
    loaded = load_workspace(workspace)
    assert loaded.problems == ()
    seats = loaded.workspace.seats
    assert len(loaded.workspace.people) == 24
    # four sellers under Tom Alvarez are one seat with four holders
    team = seats["account-executive-tom-alvarez"]
    assert [h.person for h in team.holders] == [
        "sofia-russo",
        "ben-carter",
        "aisha-bello",
        "noah-fischer",
    ]
    assert team.reports_to == "sales-manager"
    assert seats["warehouse-associate"].function == "operations"
    assert _check(run, workspace)["problems"] == []


def test_levels_are_proposed_in_comments_and_listed_to_confirm(run: Run, tmp_path: Path) -> None:
    workspace = tmp_path / "client"
    result = run("import", "roster", FIXTURES / "gusto.csv", "--into", workspace)
    assert "Confirm the level of 12 new seats:" in result.output
    assert '  vp-of-sales (VP of Sales): L4, the title says "vp"' in result.output
    org = (workspace / "org.yaml").read_text(encoding="utf-8")
    assert (
        '  # level proposed: L2, the title says "supervisor"\n  - {id: warehouse-supervisor' in org
    )


def test_importing_the_same_files_again_changes_no_byte(run: Run, northwind: Path) -> None:
    before = _snapshot(northwind)
    for kind, file in (
        ("roster", "northwind-bamboohr.csv"),
        ("goals", "northwind-goals.csv"),
        ("responsibilities", "northwind-raci.csv"),
    ):
        result = run("import", kind, CLIENT / file, "--into", northwind, "--yes")
        assert result.exit_code == 0, result.output
        assert "Nothing to change" in result.output
    assert _snapshot(northwind) == before


def test_the_example_client_passes_check_without_loader_problems(run: Run, northwind: Path) -> None:
    report = _check(run, northwind)
    assert report["problems"] == []
    codes = {f["code"] for f in report["findings"]}  # type: ignore[attr-defined]
    assert {"JOB001", "JOB002"} <= codes  # the RACI's row with no A and the one with two


def test_imported_files_keep_the_house_style(northwind: Path) -> None:
    """At most 92 columns, and a list is never opened at the end of a line (its first
    element alone on the next, far to the right: the RACI's "informed" lists were)."""
    for path in sorted(northwind.glob("*.yaml")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            assert len(line) <= 92, f"{path.name}:{number}: {line}"
            assert not line.rstrip().endswith("["), f"{path.name}:{number}: {line}"


def test_the_example_clients_plan_opens_nothing_and_names_new_seats_as_ids(
    run: Run, northwind: Path
) -> None:
    """The first plan a consultant sees after importing: the seat made over the staff
    accountant would own no goal, unless the close it manages serves the controller's
    key result, which the plan proposes; a function named in words ("customer success")
    gives a new seat an id, not a phrase."""
    report = _check(run, northwind)
    applied = report["applied"]
    assert applied["opened"] == []  # type: ignore[index]
    closed = {(f["code"], f["subject"]["id"]) for f in applied["closed"]}  # type: ignore[index]
    assert ("DOT006", "staff-accountant") in closed
    seats = [s["seat"] for s in report["plan"]["seats"]]  # type: ignore[index]
    assert "customer-success-l3" in seats
    assert all(re.fullmatch(r"[a-z0-9-]+", seat) for seat in seats), seats
    ties = [op for op in applied["operations"] if "kr-close-the-books" in str(op)]  # type: ignore[index]
    assert ties, applied["operations"]  # type: ignore[index]


def test_a_newer_export_updates_the_workspace_and_keeps_hand_edits(
    run: Run, northwind: Path
) -> None:
    org = northwind / "org.yaml"
    people = northwind / "people.yaml"
    hand_org = org.read_text(encoding="utf-8").replace(
        "  # level proposed: L4, 1 person reports to it, 1 below the top\n"
        "  - {id: controller, title: Controller, function: finance, level: L4,",
        "  # Confirmed with Helen: the controller looks a quarter ahead.\n"
        "  - {id: controller, title: Controller, function: finance, level: L3,",
    )
    org.write_text(hand_org, encoding="utf-8")
    hand_people = people.read_text(encoding="utf-8").replace(
        "email: marcus.bell@northwind.example}",
        "email: marcus.bell@northwind.example, cost_rate: 120}  # from payroll",
    )
    people.write_text(hand_people, encoding="utf-8")
    newer = FIXTURES / "bamboohr-newer.csv"
    before = _snapshot(northwind)

    shown = run("import", "roster", newer, "--into", northwind)
    assert shown.exit_code == 0
    assert "run again with --yes" in shown.output
    assert "-  - {id: ravi-menon" in shown.output
    assert _snapshot(northwind) == before
    dry = run("import", "roster", newer, "--into", northwind, "--dry-run", "--yes")
    assert "Dry run: nothing written." in dry.output
    assert _snapshot(northwind) == before

    written = run("import", "roster", newer, "--into", northwind, "--yes")
    assert "people: 1 new, 2 left, 2 moved to another seat" in written.output
    # eleven of the first import's twelve proposals are still to confirm (one was done)
    assert "11 seats written earlier still have a proposed level" in written.output
    assert "now vacant: controller, staff-accountant" in written.output
    loaded = load_workspace(northwind)
    assert loaded.problems == ()
    seats = loaded.workspace.seats
    assert seats["controller"].holders == ()  # Nina left: the seat stays, vacant
    assert seats["controller"].level == "L3"  # the level confirmed by hand
    assert "ravi-menon" not in loaded.workspace.people
    assert [h.person for h in seats["senior-account-executive"].holders] == ["lucia-ferreira"]
    assert "lucia-ferreira" not in [h.person for h in seats["account-executive"].holders]
    assert "paula-grant" in [h.person for h in seats["account-executive-tom-alvarez"].holders]
    text = org.read_text(encoding="utf-8")
    assert "# Confirmed with Helen: the controller looks a quarter ahead." in text
    assert "cost_rate: 120}  # from payroll" in people.read_text(encoding="utf-8")
    # the vacant controller seat is still accountable for the close: the rules see it
    codes = {f["code"] for f in _check(run, northwind)["findings"]}  # type: ignore[attr-defined]
    assert {"LEV004", "JOB003"} <= codes
    after = _snapshot(northwind)
    again = run("import", "roster", newer, "--into", northwind, "--yes")
    assert "Nothing to change" in again.output
    assert _snapshot(northwind) == after


def test_row_problems_are_shown_with_their_lines(run: Run, tmp_path: Path) -> None:
    result = run("import", "roster", FIXTURES / "problems.csv", "--into", tmp_path / "ws")
    assert result.exit_code == 0
    assert "problems.csv:3: a row with no name" in result.output
    assert "problems.csv:7: a reporting cycle: Di Vega → Ed Ruiz → Di Vega" in result.output
    assert load_workspace(tmp_path / "ws").problems == ()


def test_an_unknown_sheet_fails_with_the_columns_needed(run: Run, tmp_path: Path) -> None:
    sheet = tmp_path / "staff.csv"
    sheet.write_text("Who,Role\nAda,CEO\n", encoding="utf-8")
    result = run("import", "roster", sheet, "--into", tmp_path / "ws")
    assert result.exit_code == 2
    assert "Each needs: Rippling report: Work email" in result.output
    assert not (tmp_path / "ws").exists()


def test_goals_are_a_tree_with_owners_matched_to_seats(northwind: Path) -> None:
    goals = load_workspace(northwind).workspace.goals
    revenue = goals["kr-revenue-from-9-0m-to-10-5m"]
    assert revenue.parent == "obj-grow-revenue-profitably"
    assert revenue.owner == "vp-of-sales"
    assert goals["obj-ship-every-order-on-time"].owner == "director-of-operations"
    # an owner given by e-mail; a "Q3 2026" period; numbers written with a % sign
    shipped = goals["kr-orders-shipped-the-same-day-from-82"]
    assert shipped.owner == "warehouse-supervisor"
    assert "2026" in str(shipped.period)


def test_a_goal_owner_nobody_holds_is_a_problem(run: Run, northwind: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "goals.csv"
    sheet.write_text(
        "Objective,Key Result,Owner,Period\nBe loved,,Helen Park,2026\n"
        ",Answer within a day,Nobody Known,2026-Q4\n",
        encoding="utf-8",
    )
    result = run("import", "goals", sheet, "--into", northwind, "--yes")
    assert "goals.csv:3: the owner 'Nobody Known' is neither a seat nor a person" in result.output
    goal = load_workspace(northwind).workspace.goals["kr-answer-within-a-day"]
    assert goal.owner is None


def test_raci_rows_with_no_or_several_accountable_are_problems(run: Run, northwind: Path) -> None:
    responsibilities = load_workspace(northwind).workspace.responsibilities
    assert responsibilities["monthly-close"].accountable == ("controller",)
    assert responsibilities["monthly-close"].responsible == ("staff-accountant",)
    assert responsibilities["deal-reviews"].accountable == ("vp-of-sales", "sales-manager")
    assert responsibilities["renewals"].accountable == ()
    result = run("import", "responsibilities", CLIENT / "northwind-raci.csv", "--into", northwind)
    assert "northwind-raci.csv:4: 'Deal reviews' has 2 A's" in result.output
    assert "northwind-raci.csv:7: 'Renewals' has no A" in result.output


def test_a_goal_written_by_hand_is_updated_key_by_key(run: Run, tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    workspace.mkdir()
    (workspace / "org.yaml").write_text(
        "seats:\n"
        "  - {id: ceo, title: Chief Executive Officer, level: L5, holders: [ada]}\n"
        "people:\n"
        "  - {id: ada, name: Ada Stone, email: ada@x.example}\n",
        encoding="utf-8",
    )
    goals = (
        "goals:\n"
        "  - id: obj-grow\n"
        "    title: Grow\n"
        "    owner: ceo        # she asked for it\n"
        "    period: 2026\n"
        "    # weighed twice at the board's request\n"
        "    weight: 2\n"
        "    metric: {start: 1, target: 2, current: 1.2, unit: $M}\n"
    )
    (workspace / "goals.yaml").write_text(goals, encoding="utf-8")
    sheet = tmp_path / "goals.csv"
    sheet.write_text(
        "Objective,Owner,Period,Start,Target,Current,Unit\nGrow,Ada Stone,2026,1,2,1.5,$M\n",
        encoding="utf-8",
    )
    result = run("import", "goals", sheet, "--into", workspace, "--yes")
    assert result.exit_code == 0, result.output
    assert (workspace / "goals.yaml").read_text(encoding="utf-8") == goals.replace(
        "current: 1.2", "current: 1.5"
    )


def test_a_workspace_file_that_is_not_yaml_stops_the_import(run: Run, tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    workspace.mkdir()
    (workspace / "org.yaml").write_text("seats: [unclosed\n", encoding="utf-8")
    result = run("import", "roster", FIXTURES / "plain.csv", "--into", workspace, "--yes")
    assert result.exit_code == 2
    assert "org.yaml is not valid YAML" in result.output
    assert (workspace / "org.yaml").read_text(encoding="utf-8") == "seats: [unclosed\n"
