"""A small workspace with time entries, written into a temporary folder."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

ORG = """
    seats:
      - {id: ceo, title: Chief Executive, function: leadership, level: L5, holders: [ada]}
      - {id: ops, title: Operations Manager, function: operations, level: L3,
         reports_to: ceo, holders: [cy]}
    people:
      - {id: ada, name: Ada Moreno, email: ada@tidy.example}
      - {id: cy, name: Cy Laurent, email: cy@tidy.example}
    responsibilities:
      - {id: dispatch, name: Dispatch schedule, horizon: 3mo, accountable: ops}
"""
#: Ten weeks of Cy's hours: dispatch (a responsibility) and routing (none).
TIME = "person,date,hours,activity,customer,description\n" + "".join(
    f"cy,2026-{month:02d}-{day:02d},4,{work},,\n"
    for month, day in ((9, 7), (9, 14), (9, 21), (9, 28), (10, 5), (10, 12), (10, 19))
    for work in ("dispatch", "routing")
)


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """The workspace folder: levelset.toml, org.yaml and data/time/entries.csv."""
    root = tmp_path / "tidy"
    (root / "data" / "time").mkdir(parents=True)
    (root / "levelset.toml").write_text('[organization]\nname = "Tidy Co"\n', encoding="utf-8")
    (root / "org.yaml").write_text(textwrap.dedent(ORG).lstrip(), encoding="utf-8")
    (root / "data" / "time" / "entries.csv").write_text(TIME, encoding="utf-8")
    return root
