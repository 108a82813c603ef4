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

A case of a finance rule gives the ``finance`` figures the engine would have computed
from ``data/finance`` (see ``levelset.model.finance``); ranks, the aging total and the
prospects' ranks are derived when not written, and ``file``/``line`` make an item's
location (a row of a finance file)::

    finance:
      as_of: 2026-10-31
      cost_of_capital: 0.10      # optional
      customers:                 # CustomerFigures; revenue_rank/profit_rank derived
        - {customer: northwind, name: Northwind Traders, revenue: 480000, profit: -12000,
           terms_days: 30, open: 84000, over_90: 31000, days_to_pay: 58,
           file: data/finance/customers.csv, line: 2}
      receivables:               # Receivables; as_of from above, rows by customer
        dso_countback: 74
        terms_days: 30
        aging: {northwind: [20000, 13000, 10000, 10000, 31000]}
      forecast:                  # ForecastPeriod
        - {period: 2026-Q4, start: 2026-10-01, end: 2026-12-31, forecast: 1200000,
           weighted_pipeline: 640000, file: data/finance/forecast.csv, line: 3}
      prospects:                 # Prospect; rank by spend, highest first
        - {vendor: globex, name: Globex Logistics, spend: 184000,
           file: data/finance/vendors.csv, line: 2}
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml

from levelset.load import load_files
from levelset.model import Location
from levelset.model.allocation import TIME, Allocation, SeriesAttendance, WorkRow
from levelset.model.finance import (
    AgingRow,
    CustomerFigures,
    Finance,
    ForecastPeriod,
    Prospect,
    Receivables,
)
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
    finance: Finance | None = None

    @property
    def places(self) -> set[str]:
        """The files a finding may point at: the case's own, its calendar series' and
        its finance figures' rows."""
        series = self.allocation.series if self.allocation else ()
        return set(self.files) | {s.file for s in series} | _finance_files(self.finance)


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


_BUCKETS = ("Current", "1-30", "31-60", "61-90", "over 90")
_RANKED = ("file", "line", "revenue_rank", "profit_rank")


def _location(item: dict[str, Any]) -> Location:
    return Location(item.get("file", ""), item.get("line"))


def _ranks(values: dict[str, float]) -> dict[str, int]:
    """1 for the highest value, ties by id, as the engine ranks."""
    ordered = sorted(values, key=lambda key: (-values[key], key))
    return {key: rank for rank, key in enumerate(ordered, start=1)}


def _finance(data: dict[str, Any] | None) -> Finance | None:
    if data is None:
        return None
    as_of: date = data["as_of"]
    items = [dict(item) for item in data.get("customers", [])]
    revenue = _ranks({c["customer"]: float(c.get("revenue", 0)) for c in items})
    profit = _ranks({c["customer"]: float(c.get("profit", 0)) for c in items})
    customers = sorted(
        (
            CustomerFigures(
                **{k: v for k, v in item.items() if k not in _RANKED},
                revenue_rank=int(item.get("revenue_rank", revenue[item["customer"]])),
                profit_rank=int(item.get("profit_rank", profit[item["customer"]])),
                location=_location(item),
            )
            for item in items
        ),
        key=lambda c: (c.revenue_rank, c.customer),
    )
    spend = _ranks({p["vendor"]: float(p["spend"]) for p in data.get("prospects", [])})
    return Finance(
        as_of=as_of,
        cost_of_capital=float(data.get("cost_of_capital", 0.10)),
        customers=tuple(customers),
        receivables=_receivables(data.get("receivables"), as_of),
        forecast=tuple(
            ForecastPeriod(
                **{k: v for k, v in item.items() if k not in ("file", "line")},
                location=_location(item),
            )
            for item in data.get("forecast", [])
        ),
        prospects=tuple(
            Prospect(
                vendor=item["vendor"],
                name=item.get("name", item["vendor"]),
                spend=float(item["spend"]),
                rank=int(item.get("rank", spend[item["vendor"]])),
                category=item.get("category", ""),
                location=_location(item),
            )
            for item in data.get("prospects", [])
        ),
    )


def _receivables(data: dict[str, Any] | None, as_of: date) -> Receivables | None:
    if data is None:
        return None
    rows = tuple(
        AgingRow(customer, tuple(float(a) for a in amounts))
        for customer, amounts in data.get("aging", {}).items()
    )
    total = tuple(sum(row.amounts[i] for row in rows) for i in range(len(_BUCKETS)))
    return Receivables(
        as_of=data.get("as_of", as_of),
        buckets=_BUCKETS,
        rows=rows,
        total=AgingRow("", total),
        period_days=int(data.get("period_days", 90)),
        sales=float(data.get("sales", 0)),
        dso=data.get("dso"),
        dso_countback=data.get("dso_countback"),
        best_dso=data.get("best_dso"),
        add=data.get("add"),
        terms_days=data.get("terms_days"),
    )


def _finance_files(finance: Finance | None) -> set[str]:
    if finance is None:
        return set()
    located = [*finance.customers, *finance.forecast, *finance.prospects]
    return {item.location.file for item in located if item.location.file}


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
            finance=_finance(item.get("finance")),
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
        loaded.workspace,
        [target],
        registry=REGISTRY,
        allocation=case.allocation,
        finance=case.finance,
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
