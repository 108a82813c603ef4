"""The typed read of a large finance file: its numbers typed by DuckDB's reader where
the file holds no ``_`` and no ``+`` (which DuckDB's numbers take in ``1_000`` and
``+-1``, and levelset does not), else read as text, tested and cast. Both ways give the
same values and fail on the same spellings; a file read either way gives the same
figures, and a number levelset does not take is still a problem at its line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from levelset.engine import Engine

from .test_finance_one_pass import INVOICES, _files, _run

# Spellings the typed read takes (with their values) or fails on (the error's words, or
# ``""``: only that it fails).
SPELLINGS = {"1500": 1500.0, " 2.5 ": 2.5, "1e3": 1000.0, ".5": 0.5, "5.": 5.0, "-0": 0.0,
             "00012": 12.0, "1e-400": 0.0, '""': None, "nan": "finite", "inf": "finite",
             "-Infinity": "finite", "1e400": "finite", "abc": "", "0x10": "", "1 2": "",
             "  ": "", "٣": ""}  # fmt: skip


def _read(engine: Engine, path: Path) -> Any:
    """The file's amounts as the typed read gives them, or the error it fails with."""
    table = engine.typed_csv("typed", path, {"day"}, {"amount"})
    assert table is not None
    try:
        return [row["amount"] for row in engine.rows(table.select("amount"))]
    except Exception as error:  # the engine's own error, compared
        return type(error)


@pytest.mark.parametrize("spelling", list(SPELLINGS))
def test_numbers_typed_by_the_reader_and_as_text_alike(
    duckdb: Engine, tmp_path: Path, spelling: str
) -> None:
    """The same amount in a file without ``_`` or ``+`` (typed by the reader) and in a
    file with one in its text (read as text, then cast) reads alike, or fails alike."""
    direct, as_text = tmp_path / "direct.csv", tmp_path / "text.csv"
    direct.write_text(f"day,amount,note\n2026-01-05,{spelling},plain\n", encoding="utf-8")
    as_text.write_text(f"day,amount,note\n2026-01-05,{spelling},a_b+c\n", encoding="utf-8")
    read = _read(duckdb, direct)
    assert read == _read(duckdb, as_text)
    expected = SPELLINGS[spelling]
    if isinstance(expected, str):
        assert isinstance(read, type)
        assert issubclass(read, Exception)
        broken = duckdb.typed_csv("typed", direct, {"day"}, {"amount"})
        assert broken is not None
        with pytest.raises(Exception, match=expected or None):
            duckdb.rows(broken)
    else:
        assert read == [expected]


def test_a_file_with_an_underscore_gives_the_same_figures(engine: Engine, tmp_path: Path) -> None:
    """Invoice numbers written with an underscore (the file read with its numbers as
    text) give the figures of the same file without, on every backend."""
    _, plain, _ = _run(engine, _files(tmp_path / "plain", INVOICES))
    marked = [line.replace("i", "inv_", 1) for line in INVOICES]
    (tmp_path / "marked").mkdir()
    root = _files(tmp_path / "marked" / "ws", marked)
    payments = root / "data" / "finance" / "payments.csv"
    payments.write_text(payments.read_text().replace("\ni", "\ninv_"), encoding="utf-8")
    _, underscored, problems = _run(engine, root)
    assert problems == []
    assert underscored.revenue == plain.revenue
    assert underscored.profit == plain.profit
    assert underscored.receivables == plain.receivables


@pytest.mark.parametrize("amount", ["1_000", "+-5"])
def test_a_number_levelset_does_not_take_is_a_problem_at_its_line(
    engine: Engine, tmp_path: Path, amount: str
) -> None:
    """``1_000`` and ``+-5``, which DuckDB's own numbers take, are still not numbers to
    levelset: a problem at their file and line, on every backend."""
    planted = [*INVOICES[:3], f"i9,c4,2026-05-05,2026-06-04,{amount},10", *INVOICES[3:]]
    _, _, problems = _run(engine, _files(tmp_path, planted))
    assert [(p.location.file, p.location.line) for p in problems] == [
        ("data/finance/invoices.csv", 5)
    ]
    assert amount in problems[0].message
