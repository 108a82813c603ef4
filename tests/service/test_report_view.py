"""The report view's people figures are the engine's own trends, summed: each leadership
seat's ``horizon`` trend and each leader's ``others-work`` trend (the view reads them from
the cube in one query, which must not change a figure)."""

from __future__ import annotations

from pathlib import Path

import pytest

from levelset.service import Session
from levelset.service.report import leadership_seats, report_view

ACME = Path(__file__).resolve().parents[2] / "examples" / "acme"


def test_people_figures_are_the_sum_of_the_engine_trends() -> None:
    with Session(ACME) as session:
        view = report_view(session)
        people = view.people
        assert people is not None
        seats = leadership_seats(session.workspace)
        assert [leader.seat for leader in people.leaders] == seats
        below = [0.0] * len(people.weeks)
        banded = [0.0] * len(people.weeks)
        for leader in people.leaders:
            trend = session.trend("horizon", leader.seat)
            assert trend.weeks == people.weeks
            sums = [sum(trend.series[n].values) for n in range(3)]
            assert [leader.below, leader.in_band, leader.above] == pytest.approx(sums, abs=0.01)
            for week in range(len(trend.weeks)):
                below[week] += trend.series[0].values[week]
                banded[week] += sum(s.values[week] for s in trend.series[:3])
        shares = [b / t if t else None for b, t in zip(below, banded, strict=True)]
        assert list(people.below_share) == pytest.approx(shares, abs=1e-4)
        holders = {h.person for s in seats for h in session.workspace.seats[s].holders}
        others = [0.0] * len(people.weeks)
        for person in sorted(p for p in holders if p):
            for week, value in enumerate(session.trend("others-work", person).primary.values):
                others[week] += value
        assert list(people.others_work) == pytest.approx(others, abs=0.01)
        assert sum(people.others_work) > 0
        unowned = session.trend("unowned")
        assert list(people.unowned) == pytest.approx(unowned.primary.values, abs=0.01)


def test_partners_show_scope_owner_and_hours_outside_scope() -> None:
    with Session(ACME) as session:
        view = report_view(session)
    by_id = {p.id: p for p in view.partners}
    assert set(by_id) == {"stride", "brightline", "keystone"}
    evidence = {(f.code, f.subject.id): f.evidence for f in view.check.report.findings}
    # the same figures the OUT rules report
    stride = evidence[("OUT007", "stride")]
    assert by_id["stride"].hours_outside_scope == pytest.approx(stride.hours_per_week, abs=0.01)
    assert by_id["brightline"].strategy_sessions == evidence[("OUT006", "brightline")].attended
    assert by_id["stride"].owner == "Chief Executive Officer"
    assert by_id["brightline"].scope == ()
    assert view.missing.keys() == {"changes"}
