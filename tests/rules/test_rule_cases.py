"""Rule cases as data: ``cases/<CODE>.yaml`` holds workspaces on which the rule must
find exactly the listed subjects, run through the loader like a real workspace.

A case of an event rule also gives the ``allocation`` the engine would have summed from
the workspace's time and calendar data::

    allocation:
      start: 2026-07-06          # optional; the window, 7 days a week from here
      weeks: 8
      rows:                      # WorkRow: source time, weeks of the window by default
        - {person: dana, responsibility: ap-run, hours: 112}
        - {person: dana, label: Tariff research, hours: 16, weeks: 4}
      series:                    # SeriesAttendance; hours: one occurrence's length
        - {uid: s1, title: Strategy session, responsibility: strategy, occurrences: 2,
           hours: 2, invited: {dana: 2}, attended: {dana: 2},
           file: data/calendar/leadership.ics, line: 12}
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml

from levelset.load import load_files
from levelset.model.allocation import TIME, Allocation, SeriesAttendance, WorkRow
from levelset.rules import builtin_registry, run_rules

CASES = Path(__file__).parent / "cases"
REGISTRY = builtin_registry(plugins=False)


@dataclass(frozen=True)
class Case:
    """One workspace and the subjects the rule must find in it."""

    code: str
    name: str
    files: dict[str, str]
    expect: frozenset[str]
    allocation: Allocation | None = None

    @property
    def places(self) -> set[str]:
        """The files a finding may point at: the case's own and its calendar series'."""
        series = self.allocation.series if self.allocation else ()
        return set(self.files) | {s.file for s in series}


def _allocation(data: dict[str, Any] | None) -> Allocation | None:
    if data is None:
        return None
    weeks = int(data.get("weeks", 1))
    start = data.get("start", date(2026, 7, 6))
    rows = tuple(
        WorkRow(
            person=row["person"],
            responsibility=row.get("responsibility"),
            label=row.get("label"),
            source=row.get("source", TIME),
            hours=float(row["hours"]),
            weeks=int(row.get("weeks", weeks)),
            cost=row.get("cost"),
            recurring=bool(row.get("recurring", False)),
        )
        for row in data.get("rows", [])
    )
    series = tuple(
        SeriesAttendance(
            uid=item["uid"],
            title=item["title"],
            responsibility=item.get("responsibility"),
            occurrences=int(item["occurrences"]),
            hours=float(item["hours"]),
            invited=dict(item.get("invited", {})),
            attended=dict(item.get("attended", {})),
            file=item.get("file", ""),
            line=item.get("line"),
        )
        for item in data.get("series", [])
    )
    end = data.get("end", start + timedelta(days=7 * weeks - 1))
    return Allocation(start, end, weeks, rows, series)


def _read(path: Path) -> list[Case]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["rule"] == path.stem, f"{path.name} declares rule {data['rule']}"
    return [
        Case(
            code=data["rule"],
            name=item["name"],
            files=dict(item["files"]),
            expect=frozenset(e["subject"] for e in item["expect"]),
            allocation=_allocation(item.get("allocation")),
        )
        for item in data["cases"]
    ]


ALL_CASES = [case for path in sorted(CASES.glob("*.yaml")) for case in _read(path)]


@pytest.mark.parametrize("case", ALL_CASES, ids=[f"{c.code}: {c.name}" for c in ALL_CASES])
def test_case(case: Case) -> None:
    loaded = load_files(case.files)
    assert not loaded.problems, [str(p) for p in loaded.problems]
    target = REGISTRY.get(case.code)
    assert target is not None, f"no rule {case.code}"
    findings, problems = run_rules(
        loaded.workspace, [target], registry=REGISTRY, allocation=case.allocation
    )
    assert not problems, [str(p) for p in problems]
    found = {f"{f.subject.kind}/{f.subject.id}" for f in findings}
    assert found == case.expect
    for finding in findings:
        assert finding.code == case.code
        assert finding.message
        assert finding.recommendation
        assert finding.location is not None
        assert finding.location.file in case.places
        for name, value in finding.evidence.items():
            assert _plain(value), f"evidence {name}={value!r} is not plain data"


def _plain(value: object) -> bool:
    """Evidence renderers (JSON included) take scalars and lists of str or numbers."""
    scalars = (str, int, float, bool, type(None))
    if isinstance(value, list):
        return all(isinstance(v, str | int | float) for v in value)
    return isinstance(value, scalars)


def test_every_rule_has_passing_and_failing_cases() -> None:
    by_code: dict[str, list[Case]] = {}
    for case in ALL_CASES:
        by_code.setdefault(case.code, []).append(case)
    for registered in REGISTRY:
        cases = by_code.get(registered.code, [])
        assert any(c.expect for c in cases), f"{registered.code} has no failing case"
        assert any(not c.expect for c in cases), f"{registered.code} has no passing case"
    assert set(by_code) <= {r.code for r in REGISTRY}, "a case file names no registered rule"
