"""Goals sheets: the tree through ``parent``, owners to seats, numbers and periods read."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from levelset.load.importers import SheetError, import_goals

ORG = """\
seats:
  - {id: ceo, title: Chief Executive Officer, level: L5, holders: [ada]}
  - {id: controller, title: Controller, level: L3, reports_to: ceo, holders: [bo]}
people:
  - {id: ada, name: Ada Stone, email: ada@x.example}
  - {id: bo, name: Bo Chen, email: bo@x.example}
"""


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    root.mkdir()
    (root / "org.yaml").write_text(ORG, encoding="utf-8")
    return root


def test_a_workbook_with_underscored_headers_and_merged_objective_cells(
    workspace: Path, tmp_path: Path
) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Goals FY2026"])  # a title row above the header
    sheet.append(
        [
            "Objective_Title",
            "Key_Result_Title",
            "Owner_Email_ID",
            "Time_Period",
            "Metric_Start_Value",
            "Metric_Target_Value",
            "Metric_Current_Value",
            "Metric_Unit",
        ]
    )
    sheet.append(["Profitable growth", None, "ada@x.example", "2026"])
    sheet.append([None, "Close in 5 days", "Controller", "Q3 2026", 9, 5, 6.5, "days"])
    sheet.append([None, "Gross margin to 30%", "Bo Chen", "2026-Q4", "24%", "30%", "26%", None])
    path = tmp_path / "goals.xlsx"
    book.save(path)
    outcome = import_goals(path, workspace)
    assert outcome.problems == ()
    outcome.files.write()
    text = (workspace / "goals.yaml").read_text(encoding="utf-8")
    assert (
        "  - {id: obj-profitable-growth, title: Profitable growth, owner: ceo, period: 2026}"
        in text
    )
    assert (
        "  - {id: kr-close-in-5-days, title: Close in 5 days, parent: obj-profitable-growth,\n"
        "     owner: controller, period: 2026-Q3,\n"
        "     metric: {start: 9, target: 5, current: 6.5, unit: days}}"
    ) in text
    assert 'metric: {start: 24, target: 30, current: 26, unit: "%"}' in text


def test_a_sheet_without_an_objective_column_is_refused(workspace: Path, tmp_path: Path) -> None:
    path = tmp_path / "goals.csv"
    path.write_text("Goal,Owner\nGrow,Ada Stone\n", encoding="utf-8")
    with pytest.raises(SheetError, match="lacks objective"):
        import_goals(path, workspace)


def test_a_number_that_is_not_one_is_a_problem(workspace: Path, tmp_path: Path) -> None:
    path = tmp_path / "goals.csv"
    path.write_text("Objective,Key Result,Target\nGrow,Revenue,lots\n", encoding="utf-8")
    outcome = import_goals(path, workspace)
    assert [(p.location.line, p.message) for p in outcome.problems] == [
        (2, "the target 'lots' is not a number")
    ]
