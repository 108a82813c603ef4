"""The rules that read the allocation: what they say to a leadership team, what they
leave to other rules, and that they stay quiet without event data."""

from __future__ import annotations

from datetime import date

from levelset.load import load_files
from levelset.model import Finding, Workspace
from levelset.model.allocation import CALENDAR, Allocation, SeriesAttendance, WorkRow
from levelset.model.text import hours_of, per_week, percent
from levelset.rules import builtin_registry, run_rules

REGISTRY = builtin_registry(plugins=False)
EVENT_CODES = ("LEV005", "LEV006", "DOT007", "OUT006", "OUT007", "JOB005", "JOB006", "JOB007")

ORG = """
seats:
  - {id: ceo, title: Chief Executive Officer, function: leadership, level: L5, holders: [dana]}
  - {id: controller, title: Controller, function: finance, level: L3, reports_to: ceo}
  - {id: cro, title: Chief Revenue Officer, function: sales, level: L5, reports_to: ceo,
     holders: [jade]}
  - {id: rvp-east, title: RVP East, function: sales, level: L4, reports_to: cro,
     holders: [abe]}
people:
  - {id: dana, name: Dana Reyes, cost_rate: 150}
  - {id: jade, name: Jade Torres, cost_rate: 140}
  - {id: abe, name: Abe Ortiz}
responsibilities:
  - {id: close, name: Monthly close, function: finance, horizon: 1mo, accountable: controller}
  - {id: reviews, name: Seller reviews, function: sales, horizon: 2w, accountable: rvp-east}
  - {id: pricing, name: Pricing policy, function: sales, horizon: 6mo..1y, accountable: cro}
"""


def _workspace() -> Workspace:
    loaded = load_files({"org.yaml": ORG})
    assert loaded.problems == ()
    return loaded.workspace


def _run(rows: tuple[WorkRow, ...], series: tuple[SeriesAttendance, ...] = ()) -> list[Finding]:
    allocation = Allocation(date(2026, 7, 6), date(2026, 7, 19), 2, rows, series)
    rules = [r for r in REGISTRY if r.code in EVENT_CODES]
    findings, problems = run_rules(_workspace(), rules, registry=REGISTRY, allocation=allocation)
    assert problems == []
    return findings


def test_event_rules_are_registered_in_code_order_and_need_events() -> None:
    codes = [r.code for r in REGISTRY]
    for code in EVENT_CODES:
        rule = REGISTRY.get(code)
        assert rule is not None
        assert rule.needs_events
        family = [c for c in codes if c[:3] == code[:3]]
        assert family == sorted(family)
    assert all(v >= 0 for r in REGISTRY for v in r.options.values() if isinstance(v, float))


def test_without_an_allocation_no_event_rule_runs() -> None:
    rules = [r for r in REGISTRY if r.code in EVENT_CODES]
    findings, problems = run_rules(_workspace(), rules, registry=REGISTRY)
    assert (findings, problems) == ([], [])


def test_the_ceo_doing_the_close_reads_in_hours_a_week_with_names() -> None:
    findings = _run(
        (
            WorkRow("dana", "close", None, "time", 24, 2),  # 12 h a week
            WorkRow("dana", "pricing", None, "time", 56, 2),
        )
    )
    by_code = {f.code: f for f in findings}
    absorbed = by_code["LEV006"]
    assert absorbed.subject.id == "controller"
    assert "Dana Reyes (Chief Executive Officer, L5) spends 12 h a week on Monthly close" in (
        absorbed.message
    )
    assert absorbed.recommendation.startswith("Fill Controller at L3: 12 h a week")
    below = by_code["LEV005"]
    assert "30% of the 40 h a week of Dana Reyes's time in the data (12 h a week)" in below.message
    assert "partial" not in below.message  # 40 h a week is a working week
    assert "Hand Monthly close to Controller (vacant)" in below.recommendation
    others = by_code["JOB005"]
    assert "Monthly close (12 h a week, owned by Controller)" in others.message


def test_a_manager_doing_her_reports_work_is_listed_first_and_totalled() -> None:
    findings = _run(
        (
            WorkRow("jade", "close", None, "time", 10, 2),
            WorkRow("jade", "reviews", "Deal review", CALENDAR, 16, 2, recurring=True),
        )
    )
    (others,) = [f for f in findings if f.code == "JOB005"]
    assert others.evidence["responsibilities"] == ["reviews", "close"]
    assert others.evidence["below"] == ["reviews"]
    assert others.evidence["hours_below_per_week"] == 8.0
    assert "8 h a week of it belongs to seats under Jade Torres" in others.message
    assert others.recommendation.startswith("Transfer Seller reviews to RVP East")


def test_people_and_work_the_workspace_does_not_know_are_skipped_not_fatal() -> None:
    findings = _run(
        (
            WorkRow("ghost", "close", None, "time", 80, 2),
            WorkRow("dana", "retired-work", None, "time", 80, 2),
        ),
        (SeriesAttendance("x", "Standup", "retired-work", 4, 2.0, {"ghost": 4}, {}, "c.ics", 1),),
    )
    assert {f.code for f in findings} == {"DOT007"}  # Dana's hours on unknown work
    assert all(f.subject.id != "ghost" for f in findings)


def test_words_for_hours_and_shares() -> None:
    assert per_week(6.5) == "6.5 h a week"
    assert per_week(8.0) == "8 h a week"
    assert per_week(0.25) == "15 min a week"
    assert hours_of(14, 40) == "14 of 40 h a week"
    assert percent(0.34) == "34%"
