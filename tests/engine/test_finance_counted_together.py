"""The kinds no other kind reads (driver counts, vendors, pipeline, forecast) have their
rows counted together, after the last of them is kept (``Registration.settle_together``):
a fault in any of them, or in several, is still a problem at its file and line, and the
figures are those of the same files without the faulty rows, on every registered
backend (``engine``). The files are read typed where the backend can, so a fault also
sends its file to be read again with its lines numbered.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from levelset.engine import Engine
from levelset.engine.finance import build_finance
from levelset.load import load_workspace
from levelset.load.finance import read_finance_files
from levelset.model import Problem
from levelset.model.finance import Finance

TODAY = date(2027, 1, 1)
FILES = {
    "customers.csv": ["customer,name,segment,terms_days", "c1,One,retail,30", "c2,Two,retail,60"],
    "invoices.csv": [
        "invoice,customer,issued,due,amount,cogs",
        "i1,c1,2026-01-05,2026-02-04,100,60",
        "i2,c2,2026-02-01,2026-03-03,250.5,100",
    ],
    "payments.csv": ["invoice,paid,amount", "i1,2026-02-01,100"],
    "drivers.csv": ["driver,cost_per_unit", "order,14.50", "delivery,38"],
    "driver_counts.csv": ["customer,driver,count", "c1,order,3", "c2,delivery,2"],
    "vendors.csv": ["vendor,name,spend,category", "v1,Vendor One,5000,Parts"],
    "pipeline.csv": [
        "opportunity,customer,prospect,amount,stage,probability,expected_close",
        "o1,c1,,1000,Open,0.5,2027-02-10",
        "o2,,Newco,2000,Open,40%,2027-03-01",
    ],
    "forecast.csv": ["period,amount", "2027-Q1,5000", "2027-02,1200"],
}
# One faulty row for each kind counted together, added last (the other rows keep their
# lines): what each is, and the line its problem is at.
FAULTS = {
    "driver_counts.csv": ("c1,order,-4", "negative count"),
    "vendors.csv": ("v2,Vendor Two,lots,Parts", "is not a number"),
    "pipeline.csv": ("o3,c2,,300,Open,0.4,someday", "is not a date"),
    "forecast.csv": ("next year,800", "is not a period"),
}


def _workspace(root: Path, faulty: tuple[str, ...]) -> Path:
    """A workspace at ``root`` with every file of ``FILES``, the rows of ``FAULTS`` of
    the files ``faulty`` added."""
    folder = root / "data" / "finance"
    folder.mkdir(parents=True)
    (root / "levelset.toml").write_text(
        '[organization]\nname = "Acme"\n\n[finance]\nas_of = 2026-12-31\n', encoding="utf-8"
    )
    (root / "org.yaml").write_text("seats:\n  - {id: ceo, title: CEO, level: L5}\n")
    for name, lines in FILES.items():
        added = [FAULTS[name][0]] if name in faulty else []
        (folder / name).write_text("\n".join([*lines, *added]) + "\n", encoding="utf-8")
    return root


def _run(engine: Engine, root: Path) -> tuple[Finance, list[Problem]]:
    workspace, found = read_finance_files(load_workspace(root).workspace)
    assert found == []
    built = build_finance(engine, workspace, today=TODAY)
    assert built.finance is not None
    return built.finance, list(built.problems)


def _faults_at(problems: list[Problem]) -> dict[str, tuple[int | None, str]]:
    return {p.location.file: (p.location.line, p.message) for p in problems}


def test_a_fault_in_each_kind_counted_together_is_placed_at_its_line(
    engine: Engine, tmp_path: Path
) -> None:
    clean, clean_problems = _run(engine, _workspace(tmp_path / "clean", ()))
    faulty, problems = _run(engine, _workspace(tmp_path / "faulty", tuple(FAULTS)))
    assert clean_problems == []
    found = _faults_at(problems)
    assert len(problems) == len(FAULTS)
    for name, (_, says) in FAULTS.items():
        line, message = found[f"data/finance/{name}"]
        assert line == len(FILES[name]) + 1, (name, message)
        assert says in message, (name, message)
    assert faulty == clean  # the faulty rows left out, every figure as without them


def test_a_fault_in_one_kind_leaves_the_others_as_they_are(engine: Engine, tmp_path: Path) -> None:
    clean, _ = _run(engine, _workspace(tmp_path / "clean", ()))
    faulty, problems = _run(engine, _workspace(tmp_path / "faulty", ("vendors.csv",)))
    assert [(p.location.file, p.location.line) for p in problems] == [
        ("data/finance/vendors.csv", len(FILES["vendors.csv"]) + 1)
    ]
    assert faulty == clean
