"""The derived views rules share: fits in the level scheme, chains, partner holders."""

from __future__ import annotations

from pathlib import Path

from levelset.model import REQUISITE, Holder, Level, LevelScheme, Partner, Person, Seat, Workspace
from levelset.model.duration import parse_duration, parse_horizon
from levelset.model.index import Fit, OrgIndex
from levelset.model.period import parse_period


def _days(text: str) -> float:
    return parse_duration(text).days


def test_fit_places_horizons_in_the_default_bands() -> None:
    index = OrgIndex(Workspace(root=Path("x")))
    assert index.fit(_days("1w"), _days("1w")) == Fit(1, 1)
    assert index.fit(_days("1mo"), _days("1mo")) == Fit(1, 2)  # an edge fits both levels
    assert index.fit(_days("1y"), _days("1y")) == Fit(4, 5)
    assert index.fit(_days("2mo"), _days("1y")) == Fit(2, 5)
    assert index.fit(_days("5y"), _days("5y")) == Fit(5, 5)  # beyond the top: the top


def test_calendar_periods_fit_despite_ragged_lengths() -> None:
    index = OrgIndex(Workspace(root=Path("x")))
    q1 = parse_period("2026-Q1").days  # 90 days, a little short of 3 months
    assert index.period_fit(q1) == Fit(2, 3)
    assert index.period_fit(parse_period("2026").days) == Fit(4, 5)


def test_misfit_is_above_or_below_beyond_the_tolerance() -> None:
    fit = Fit(1, 2)
    assert fit.misfit(1, 1) is None
    assert fit.misfit(3, 1) is None
    assert fit.misfit(4, 1) == "below"
    assert Fit(4, 5).misfit(3, 1) == "above"


def test_manager_rank_per_scheme_and_option() -> None:
    assert OrgIndex(Workspace(root=Path("x"))).manager_rank() == 3
    assert OrgIndex(Workspace(root=Path("x"), scheme=REQUISITE)).manager_rank() == 2
    levels = tuple(Level(f"G{i}", f"Grade {i}", parse_horizon("1d..1y"), i) for i in range(1, 8))
    custom = OrgIndex(Workspace(root=Path("x"), scheme=LevelScheme("custom", levels)))
    assert custom.manager_rank() == 4
    assert custom.manager_rank("G2") == 2
    assert custom.manager_rank("nope") == 4


def test_partner_holders_chains_and_descriptions() -> None:
    workspace = Workspace(
        root=Path("x"),
        seats={
            "ceo": Seat("ceo", "CEO", "L5", holders=(Holder(person="dana"),)),
            "cfo": Seat("cfo", "CFO", "L4", reports_to="ceo", holders=(Holder(person="pat"),)),
            "bk": Seat("bk", "Bookkeeper", "L1", reports_to="cfo", holders=(Holder(partner="s"),)),
            "ctl": Seat("ctl", "Controller", "L3", reports_to="cfo"),
        },
        people={"dana": Person("dana", "Dana Reyes"), "pat": Person("pat", "Pat", partner="c")},
        partners={"s": Partner("s", "Stride"), "c": Partner("c", "Summit", people=("pat",))},
    )
    index = OrgIndex(workspace)
    assert [s.id for s in index.partner_seats["s"]] == ["bk"]
    assert [s.id for s in index.partner_seats["c"]] == ["cfo"]
    assert [s.id for s in index.managers(workspace.seats["bk"])] == ["cfo", "ceo"]
    assert [s.id for s in index.reports["cfo"]] == ["bk", "ctl"]
    assert index.internal_holders(workspace.seats["cfo"]) == []
    assert index.describe(workspace.seats["ctl"]) == "Controller (vacant)"
    assert index.describe(workspace.seats["ceo"]) == "CEO (Dana Reyes)"
