"""Finance files in data/finance: each kind and export recognised by its header, and
``[finance]`` in levelset.toml read with problems at their lines."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from levelset.load import load_files
from levelset.load.finance import has_finance_data, read_finance_files
from levelset.model import Workspace
from levelset.model.finance import FinanceFormat, FinanceKind

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "finance"
ORG = "seats:\n  - {id: ceo, title: CEO, level: L5}\n"


def _workspace(tmp_path: Path, files: dict[str, str] | None = None, copy: str = "") -> Workspace:
    folder = tmp_path / "data" / "finance"
    if copy:
        shutil.copytree(FIXTURES / copy, folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in (files or {}).items():
        (folder / name).write_text(text, encoding="utf-8")
    return Workspace(root=tmp_path)


def test_every_levelset_kind_is_recognised_by_its_header(tmp_path: Path) -> None:
    workspace, problems = read_finance_files(_workspace(tmp_path, copy="acme"))
    assert not problems
    kinds = {Path(s.file).stem: s.kind for s in workspace.finance.sources}
    assert kinds == {kind.value: kind for kind in FinanceKind}
    assert all(s.format is FinanceFormat.LEVELSET for s in workspace.finance.sources)


def test_columns_are_matched_without_case_spaces_or_order(tmp_path: Path) -> None:
    text = "Amount, Due ,Customer,ISSUED,Invoice,C_O_G_S\n"
    workspace, problems = read_finance_files(_workspace(tmp_path, {"2026.csv": text}))
    assert not problems
    (source,) = workspace.finance.sources
    assert source.kind is FinanceKind.INVOICES
    assert source.columns["due"] == "Due"
    assert source.columns["cogs"] == "C_O_G_S"


def test_quickbooks_report_with_title_lines_is_recognised(tmp_path: Path) -> None:
    workspace, problems = read_finance_files(_workspace(tmp_path, copy="exports"))
    assert not problems
    by_format = {s.format: s for s in workspace.finance.sources}
    quickbooks = by_format[FinanceFormat.QUICKBOOKS]
    assert quickbooks.kind is FinanceKind.INVOICES
    assert quickbooks.header_line == 5
    assert quickbooks.columns["customer"] == "Customer full name"
    assert quickbooks.columns["invoice"] == "Num"
    assert quickbooks.columns["balance"] == "Open balance"
    xero = by_format[FinanceFormat.XERO]
    assert (xero.header_line, xero.columns["amount"]) == (1, "Total")
    assert xero.columns["balance"] == "InvoiceAmountDue"


def test_quickbooks_open_invoices_grouped_by_customer_is_recognised(tmp_path: Path) -> None:
    workspace, problems = read_finance_files(_workspace(tmp_path, copy="open_invoices"))
    assert not problems
    (source,) = workspace.finance.sources
    assert (source.kind, source.format, source.header_line) == (
        FinanceKind.INVOICES,
        FinanceFormat.QUICKBOOKS,
        5,
    )
    assert source.columns == {
        "issued": "Date",
        "type": "Transaction type",
        "invoice": "Num",
        "customer": "Name",
        "due": "Due date",
        "amount": "Amount",
        "balance": "Open balance",
    }


def test_xero_amount_due_is_the_balance(tmp_path: Path) -> None:
    text = "ContactName,InvoiceNumber,InvoiceDate,DueDate,Total,AmountDue\n"
    workspace, problems = read_finance_files(_workspace(tmp_path, {"sales.csv": text}))
    assert not problems
    assert workspace.finance.sources[0].columns["balance"] == "AmountDue"


def test_xero_template_asterisks_are_ignored(tmp_path: Path) -> None:
    text = "*ContactName,*InvoiceNumber,*InvoiceDate,*DueDate,Total,*Description\n"
    workspace, problems = read_finance_files(_workspace(tmp_path, {"sales.csv": text}))
    assert not problems
    assert workspace.finance.sources[0].format is FinanceFormat.XERO


def test_workbook_sheets_are_each_a_source(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    customers = book.active
    assert customers is not None
    customers.title = "Customers"
    customers.append(["customer", "name", "terms_days"])
    customers.append(["c-1", "Northwind", 30])
    invoices = book.create_sheet("Invoices")
    invoices.append(["Acme ledger"])
    invoices.append([])
    invoices.append(["invoice", "customer", "issued", "due", "amount"])
    invoices.append(["I-1", "c-1", date(2026, 1, 5), date(2026, 2, 4), 1200.5])
    book.create_sheet("Empty")
    notes = book.create_sheet("Notes")
    notes.append(["written by", "when"])
    (tmp_path / "data" / "finance").mkdir(parents=True)
    book.save(tmp_path / "data" / "finance" / "books.xlsx")
    workspace, problems = read_finance_files(Workspace(root=tmp_path))
    sheets = {(s.sheet, s.kind, s.header_line) for s in workspace.finance.sources}
    assert sheets == {
        ("Customers", FinanceKind.CUSTOMERS, 1),
        ("Invoices", FinanceKind.INVOICES, 3),
    }
    (problem,) = problems
    assert problem.location.file == "data/finance/books.xlsx"
    assert "sheet 'Notes'" in problem.message
    assert "written by, when" in problem.message


def test_an_unrecognised_header_names_its_columns_and_what_is_expected(tmp_path: Path) -> None:
    text = "invoice,client,issued,due,total\nI-1,Acme,2026-01-01,2026-01-31,5\n"
    _, problems = read_finance_files(_workspace(tmp_path, {"invoices.csv": text}))
    (problem,) = problems
    assert problem.location.file == "data/finance/invoices.csv"
    assert problem.location.line == 1
    assert "invoice, client, issued, due, total" in problem.message
    assert "closest is levelset's invoices columns, which lacks customer, amount" in problem.hint
    assert "payments (invoice, paid, amount)" in problem.hint
    assert "Xero invoices export (ContactName" in problem.hint


def test_semicolons_are_read_and_other_files_are_problems_with_hints(tmp_path: Path) -> None:
    files = {"a.csv": "invoice;paid;amount\n", "b.xls": "", "notes.txt": "x"}
    workspace, problems = read_finance_files(_workspace(tmp_path, files))
    hints = {p.location.file.rsplit("/", 1)[1]: p.hint for p in problems}
    assert "a.csv" not in hints  # a European Excel's CSV: payments, separated by ;
    (payments,) = workspace.finance.sources
    assert (payments.kind.value, payments.delimiter) == ("payments", ";")
    assert "save the workbook as .xlsx" in hints["b.xls"]
    assert "export the data as CSV" in hints["notes.txt"]


def test_has_finance_data_is_the_folder(tmp_path: Path) -> None:
    assert not has_finance_data(Workspace(root=tmp_path))
    (tmp_path / "data" / "finance").mkdir(parents=True)
    assert has_finance_data(Workspace(root=tmp_path))


# -- [finance] in levelset.toml ----------------------------------------------------


def test_finance_settings_are_read() -> None:
    toml = (
        "[finance]\nas_of = 2026-09-30\ncost_of_capital = 0.12\n"
        "aging_buckets = [15, 30, 60, 120]\ndso_days = 60\ngross_margin = 0.25\n"
    )
    result = load_files({"levelset.toml": toml, "org.yaml": ORG})
    assert not result.problems
    finance = result.workspace.settings.finance
    assert finance.as_of == date(2026, 9, 30)
    assert finance.cost_of_capital == pytest.approx(0.12)
    assert finance.aging_buckets == (15, 30, 60, 120)
    assert finance.dso_days == 60
    assert finance.gross_margin == 0.25
    assert finance.location.line == 1


@pytest.mark.parametrize(
    ("line", "written", "words"),
    [
        ("as_of = 5", 2, "as_of should be a date"),
        ("cost_of_capital = 10", 2, "annual rate between 0 and 1"),
        ("aging_buckets = [60, 30]", 2, "rising list"),
        ("dso_days = 0", 2, "whole number of days"),
        ("gross_margin = 25", 2, "gross_margin should be a share between 0 and 1"),
        ("dso = 90", 2, "unknown key 'dso' in [finance]"),
    ],
)
def test_bad_finance_settings_are_problems_at_their_line(
    line: str, written: int, words: str
) -> None:
    toml = f"[finance]\n{line}\n"
    result = load_files({"levelset.toml": toml, "org.yaml": ORG})
    (problem,) = result.problems
    assert problem.location.line == written
    assert words in problem.message
    assert result.workspace.settings.finance.dso_days == 90 or "dso_days" not in line
