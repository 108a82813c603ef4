"""Reading roster exports: layouts recognised by header, managers resolved, bad rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from levelset.load.importers.levels import propose_level
from levelset.load.importers.roster import read_roster
from levelset.load.importers.sheets import SheetError, read_sheet

FIXTURES = Path(__file__).parent / "fixtures"
DEFAULT = ("L1", "L2", "L3", "L4", "L5")


@pytest.mark.parametrize(
    ("file", "layout"),
    [
        ("bamboohr.csv", "BambooHR report"),
        ("rippling.csv", "Rippling report"),
        ("gusto.csv", "Gusto employee export"),
        ("hibob.xlsx", "HiBob people report"),
        ("workday.csv", "Workday worker report"),
        ("plain.csv", "plain roster"),
        ("plain.xlsx", "plain roster"),
    ],
)
def test_every_layout_gives_the_same_organization(file: str, layout: str) -> None:
    roster = read_roster(read_sheet(FIXTURES / file))
    assert roster.layout == layout
    assert roster.problems == ()
    names = {e.line: e.name for e in roster.employees}
    chart = {(e.name, names.get(e.manager) if e.manager else None) for e in roster.employees}
    assert len(roster.employees) == 24
    assert ("Helen Park", None) in chart
    assert ("Mei Tanaka", "Priya Raman") in chart
    assert ("Zara Quinn", "Leah Stone") in chart
    helen = next(e for e in roster.employees if e.name == "Helen Park")
    assert helen.title == "Chief Executive Officer"
    assert helen.email == "helen.park@northwind.example"


def test_people_who_have_left_are_skipped() -> None:
    roster = read_roster(read_sheet(FIXTURES / "rippling.csv"))
    assert roster.skipped == 1
    assert "Carl Weiss" not in {e.name for e in roster.employees}


def test_every_bad_row_is_a_problem_with_its_line_and_the_rest_imported() -> None:
    roster = read_roster(read_sheet(FIXTURES / "problems.csv"))
    found = {(p.location.line, p.message.split(" ")[0]) for p in roster.problems}
    messages = " | ".join(f"{p.location}: {p.message}" for p in roster.problems)
    assert (3, "a") in found, messages  # a row with no name
    assert any(
        p.location.line == 5 and "already given to line 4" in p.message for p in roster.problems
    ), messages
    assert any(
        p.location.line == 6 and "is not in the file" in p.message for p in roster.problems
    ), messages
    assert any("reporting cycle" in p.message and p.location.line == 7 for p in roster.problems), (
        messages
    )
    imported = {e.name for e in roster.employees}
    assert imported == {"Ada Stone", "Bo Chen", "Cy Moor", "Di Vega", "Ed Ruiz", "Flo Ames"}
    flo = next(e for e in roster.employees if e.name == "Flo Ames")
    assert flo.manager == 4  # Bo Chen's line: managers resolve past the problems


def test_a_sheet_that_fits_no_layout_says_which_columns_it_needs(tmp_path: Path) -> None:
    sheet = tmp_path / "people.csv"
    sheet.write_text("Name,Mail,Role\nAda,ada@x.example,CEO\n", encoding="utf-8")
    with pytest.raises(SheetError) as error:
        read_roster(read_sheet(sheet))
    message = str(error.value)
    assert "Reporting to" in message
    assert "Manager - Work email" in message
    assert "plain roster: name, email, title, department, manager" in message


def test_a_file_that_is_not_a_sheet_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "roster.pdf"
    other.write_bytes(b"%PDF")
    with pytest.raises(SheetError, match=r"\.csv or \.xlsx"):
        read_sheet(other)


@pytest.mark.parametrize(
    ("title", "place", "level", "reason"),
    [
        ("Chief Executive Officer", (0, 3, None), "L5", '"chief"'),
        ("VP of Sales", (1, 2, 5), "L4", '"vp"'),
        ("Sales Manager", (2, 5, 4), "L3", '"manager"'),
        ("Warehouse Supervisor", (2, 4, 4), "L2", '"supervisor"'),
        ("Account Executive", (3, 0, 3), "L1", "nobody reports to it"),
        ("Controller", (1, 1, 5), "L4", "1 person reports to it, 1 below the top"),
        ("Founder", (0, 9, None), "L5", '"founder"'),
        # a "Director" under a seat at L4 is proposed one below it, and says so
        ("Director of Sales Ops", (2, 2, 4), "L3", "one below the seat it reports to (L4)"),
    ],
)
def test_levels_are_proposed_with_a_reason(
    title: str, place: tuple[int, int, int | None], level: str, reason: str
) -> None:
    depth, reports, above = place  # below the top, people under it, rank of the seat above
    proposal = propose_level(title, depth, reports, DEFAULT, above)
    assert proposal.level == level
    assert reason in proposal.reason


def test_proposals_follow_a_scheme_of_another_size() -> None:
    requisite = ("I", "II", "III", "IV", "V", "VI", "VII")
    assert propose_level("Chief Executive Officer", 0, 2, requisite, None).level == "VII"
    assert propose_level("Clerk", 3, 0, requisite, 3).level == "I"


@pytest.mark.parametrize(
    ("written", "read"),
    [("Park, Helen", "Helen Park"), ("Ann Lee, Jr.", "Ann Lee, Jr."), ("  Bo   Chen ", "Bo Chen")],
)
def test_names_written_last_name_first_are_turned_round(
    tmp_path: Path, written: str, read: str
) -> None:
    sheet = tmp_path / "roster.csv"
    sheet.write_text(
        f'name,email,title,department,manager\n"{written}",a@x.example,CEO,Leadership,\n',
        encoding="utf-8",
    )
    (employee,) = read_roster(read_sheet(sheet)).employees
    assert employee.name == read
