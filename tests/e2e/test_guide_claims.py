"""The guide and the README say what levelset really prints on examples/acme.

Each test parses the number out of the sentence that states it (a regular expression on a
distinctive phrase) and compares it with the figure levelset computes, so that a change to
either the text or the output breaks the test. Sections 1 and 4-6 of the guide are checked
by tests/imports/test_guide_flow.py and tests/scenario/test_guide.py; this module checks
the others and the README. Approximate wording carries its tolerance in the test.
"""

from __future__ import annotations

import csv
import json
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from e2e_kit import ROOT

import levelset
from levelset.cli import main
from levelset.model import Report

ACME = ROOT / "examples" / "acme"

#: The words the texts use for small counts.
WORDS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "seven": 7,
    "eight": 8,
    "twelve": 12,
    "sixteen": 16,
    "twenty": 20,
}


def _flat(path: Path) -> str:
    return " ".join(path.read_text(encoding="utf-8").split())


def _section(text: str, title: str) -> str:
    """The flattened text of the ``## title`` section, up to the next ``## ``."""
    start = text.index(f"## {title}")
    end = text.find(" ## ", start + 3)
    return text[start : end if end >= 0 else len(text)]


def _said(text: str, pattern: str) -> str:
    """The first group of ``pattern`` in ``text``; fails when the sentence is gone."""
    found = re.search(pattern, text)
    assert found, f"the text no longer says {pattern!r}"
    return found.group(1)


def _money(text: str) -> float:
    """ "$6.51M" -> 6_510_000, "$746k" -> 746_000, "$1.48M" -> 1_480_000."""
    found = re.fullmatch(r"[−-]?\$([\d.,]+)([kM])", text)
    assert found, text
    scale = 1_000 if found.group(2) == "k" else 1_000_000
    return float(found.group(1).replace(",", "")) * scale


def _close(said: float, real: float, rel: float) -> bool:
    """``said`` is ``real`` rounded as the text rounds it (to ``rel`` of its size)."""
    return abs(said - real) <= rel * abs(real)


@dataclass(frozen=True)
class Acme:
    """What levelset computes on examples/acme, once for the module."""

    report: Report
    workspace: levelset.Workspace
    others_work: tuple[float, ...]
    maria_hours: tuple[float, ...]
    reviews: float  # Maria's hours on her RVPs' seller pipeline reviews, all weeks
    weeks: tuple[str, ...]
    untied: tuple[str, ...]  # Dana's responsibilities tied to no goal
    dana_hours: float  # all of Dana's hours in the window
    dana_finance_month: float  # her hours on finance work of 1 day to 1 month
    window: tuple[str, str]
    report_json: dict[str, object]
    report_bytes: int
    report_html: str
    clean_findings: int


@pytest.fixture(scope="module")
def acme(tmp_path_factory: pytest.TempPathFactory) -> Acme:
    with levelset.Session(ACME) as session:
        report = session.check()
        trend = session.trend("others-work", "maria-okafor")
        sight = session.line_of_sight("dana-reyes")
        workspace = session.workspace
    month = 30.4375  # "1mo", as a Duration counts it
    finance_month = sum(
        line.hours
        for line in sight.work
        if (resp := workspace.responsibilities[line.responsibility]).function == "finance"
        and resp.horizon is not None
        and resp.horizon.low.days >= 1
        and resp.horizon.high.days <= month
    )
    runner = CliRunner()
    out = runner.invoke(main, ["report", str(ACME), "--format", "json"], catch_exceptions=False)
    assert out.exit_code == 0, out.output
    html = tmp_path_factory.mktemp("report") / "acme-report.html"
    written = runner.invoke(main, ["report", str(ACME), "-o", str(html)], catch_exceptions=False)
    assert written.exit_code == 0, written.output
    return Acme(
        report=report,
        workspace=workspace,
        others_work=trend.series[0].values,
        maria_hours=trend.total.values,
        reviews=sum(w.hours for w in trend.top_work if w.work.startswith("Seller pipeline")),
        weeks=tuple(str(week) for week in trend.weeks),
        untied=tuple(line.name for line in sight.work if not line.paths),
        dana_hours=sight.total_hours,
        dana_finance_month=finance_month,
        window=(str(sight.window_start), str(sight.window_end)),
        report_json=json.loads(out.output),
        report_bytes=html.stat().st_size,
        report_html=html.read_text(encoding="utf-8"),
        clean_findings=len(levelset.check(ROOT / "examples" / "clean").findings),
    )


@pytest.fixture(scope="module")
def guide() -> str:
    return _flat(ROOT / "docs" / "guide.md")


@pytest.fixture(scope="module")
def readme() -> str:
    return _flat(ROOT / "README.md")


def _messages(report: Report, code: str) -> dict[str, str]:
    return {f.subject.id: f.message for f in report.findings if f.code == code}


# --- Acme's size, in the guide and the README ------------------------------------------


def test_acme_is_a_140_person_company_with_sixteen_weeks(
    acme: Acme, guide: str, readme: str
) -> None:
    people = len(acme.workspace.people)
    for text in (guide, readme):
        said = int(_said(text, r"a ~(\d+)-person industrial-supplies distributor"))
        assert abs(people - said) <= 0.05 * said, (said, people)  # "~": within 5%
    assert len(acme.weeks) == WORDS[_said(readme, r"with (\w+) weeks of timesheets")]
    assert len(acme.weeks) == WORDS[_said(guide, r"`data/` folder holds (\w+) weeks")]
    assert len(acme.weeks) == WORDS[_said(guide, r"Acme carries (\w+) weeks of both")]


def test_the_clean_example_has_no_findings(acme: Acme, readme: str) -> None:
    assert "`examples/clean` is a small healthy company on which `check` finds nothing" in readme
    assert acme.clean_findings == 0


# --- 2. Look at the structure ----------------------------------------------------------


def test_the_structure_section(acme: Acme, guide: str) -> None:
    text = _section(guide, "2. Look at the structure")
    seats = acme.workspace.seats
    controller = seats["controller"]
    assert "`controller` (L3, finance) is VACANT" in text
    assert (controller.level, controller.function, controller.holders) == ("L3", "finance", ())
    bookkeeper = seats["bookkeeper"]
    said = _said(
        text, r"`bookkeeper` \(L1\) is held by the partner Stride Bookkeeping at ([\d.]+) FTE"
    )
    assert bookkeeper.level == "L1"
    assert bookkeeper.reports_to == "ceo"
    assert [(h.partner, h.fte) for h in bookkeeper.holders] == [("stride", float(said))]
    assert acme.workspace.partners["stride"].name == "Stride Bookkeeping"
    assert "reports straight to `ceo` (Dana Reyes, L5)" in text
    ceo = seats["ceo"]
    assert ceo.level == "L5"
    assert [acme.workspace.people[h.person].name for h in ceo.holders if h.person] == ["Dana Reyes"]
    marketing = seats["head-of-marketing"]
    assert "`head-of-marketing` (L3) is held by the partner Brightline Creative" in text
    assert marketing.level == "L3"
    assert [h.partner for h in marketing.holders] == ["brightline"]
    assert acme.workspace.partners["brightline"].name == "Brightline Creative"


# --- 3. Look at the goals --------------------------------------------------------------


def test_the_goals_section(acme: Acme, guide: str) -> None:
    text = _section(guide, "3. Look at the goals")
    goals = acme.workspace.goals
    weight = _said(text, r"Acme weighs the revenue key result (\d+)")
    assert goals["kr-revenue"].weight == float(weight)
    assert all(g.weight == 1.0 for g in goals.values() if g.id != "kr-revenue")
    nps = goals["kr-nps"].metric
    assert '`kr-nps` shows "no measure": it has a start and a current value but no target' in text
    assert nps is not None
    assert nps.start is not None
    assert nps.current is not None
    assert nps.target is None
    assert '`kr-webstore` has "no owner"' in text
    assert goals["kr-webstore"].owner is None
    assert "`obj-people` stands alone with nothing under it" in text
    assert goals["obj-people"].parent is None
    assert not [g for g in goals.values() if g.parent == "obj-people"]
    assert "`kr-suppliers` sits at the top level although it is a key result" in text
    assert goals["kr-suppliers"].parent is None
    # The orphan is a key result by its findings: DOT001 names it.
    assert "kr-suppliers" in _messages(acme.report, "DOT001")


def test_the_org_and_tree_commands_show_it() -> None:
    runner = CliRunner()
    org = runner.invoke(main, ["org", str(ACME)], catch_exceptions=False).output
    assert re.search(r"controller +Controller +L3 Manager · finance +VACANT", org)
    assert re.search(r"bookkeeper .* \[partner\] Stride Bookkeeping \(stride\) 0.5 fte", org)
    tree = runner.invoke(main, ["tree", str(ACME)], catch_exceptions=False).output
    assert re.search(r"kr-nps +no measure", tree)
    assert re.search(r"kr-webstore .*· no owner ·", tree)


def test_progress_is_computed_as_the_guide_says(acme: Acme, guide: str) -> None:
    text = _section(guide, "3. Look at the goals")
    assert (
        "A key result's progress is (current - start) / (target - start), kept between 0 and 100%"
        in text
    )
    assert (
        "an objective's is the weighted mean of the goals under it (`weight`, 1 by default" in text
    )
    goals = acme.workspace.goals

    def progress(goal_id: str) -> float | None:
        children = [g for g in goals.values() if g.parent == goal_id]
        if not children:
            metric = goals[goal_id].metric
            if metric is None or metric.target is None or metric.current is None:
                return None
            share = (metric.current - metric.start) / (metric.target - metric.start)
            return min(1.0, max(0.0, share))
        measured = [(progress(g.id), g.weight) for g in children]
        pairs = [(p, w) for p, w in measured if p is not None]
        if not pairs:
            return None
        return sum(p * w for p, w in pairs) / sum(w for _, w in pairs)

    tree = CliRunner().invoke(main, ["tree", str(ACME)], catch_exceptions=False).output
    shown = dict(re.findall(r"([\w-]+) +[█░]+ (\d+)%", tree))
    assert len(shown) == len([g for g in goals if progress(g) is not None]) > 10
    for goal_id, percent in shown.items():
        value = progress(goal_id)
        assert value is not None, goal_id
        assert round(100 * value) == int(percent), goal_id


def test_one_seat_for_a_team_doing_the_same_job(acme: Acme, guide: str) -> None:
    found = re.search(
        r"Acme's (\d+) sellers sit in (\w+) \"Account Executive\" seats of (\w+) holders each",
        guide,
    )
    assert found
    seats = [s for s in acme.workspace.seats.values() if s.title.startswith("Account Executive")]
    assert len(seats) == WORDS[found[2]]
    assert {len(s.holders) for s in seats} == {WORDS[found[3]]}
    assert sum(len(s.holders) for s in seats) == int(found[1])


# --- 7. Settings -----------------------------------------------------------------------


def test_the_settings_section(guide: str) -> None:
    text = _section(guide, "7. Settings you may want to change")
    toml = tomllib.loads((ACME / "levelset.toml").read_text(encoding="utf-8"))
    said = int(_said(text, r"max_accountabilities = (\d+)"))
    assert "Acme sets one:" in text
    assert toml["rules"] == {"JOB004": {"max_accountabilities": said}}
    runner = CliRunner()
    for code, option, words in (
        (
            "LEV001",
            "tolerance_levels",
            r"tolerance_levels` \(how far below its band .*?, (\d+) by default\)",
        ),
        (
            "LEV002",
            "max_gap",
            r"max_gap` \(how many levels a reporting line may span, (\d+) by default\)",
        ),
    ):
        explained = runner.invoke(main, ["explain", code], catch_exceptions=False).output
        assert f"{option} = {_said(text, words)}" in explained, (code, explained)


# --- Where the hours really go -----------------------------------------------------------


def test_the_window_and_the_files(acme: Acme, guide: str) -> None:
    text = _section(guide, "Where the hours really go")
    assert "(6 July to 25 October 2026)" in text
    assert acme.window == ("2026-07-06", "2026-10-25")
    calendars = sorted((ACME / "data" / "calendar").glob("*.ics"))
    assert len(calendars) == WORDS[_said(text, r"export and (\w+) calendars")]
    times = {p.name for p in (ACME / "data" / "time").iterdir()}
    assert times == {"acme-timesheet.csv", "stride-harvest.csv", "brightline-toggl.csv"}


def test_the_ceo_pulled_into_bookkeeping(acme: Acme, guide: str) -> None:
    text = _section(guide, "Where the hours really go")
    assert "Dana spends about a third of her logged hours on one-day-to-one-month" in text
    share = acme.dana_finance_month / acme.dana_hours
    assert 0.28 <= share <= 0.38, share  # "about a third": 28% to 38%
    assert "dana-reyes" in _messages(acme.report, "LEV005")
    assert "controller" in _messages(acme.report, "LEV006")
    assert "Monthly close" in _messages(acme.report, "JOB005")["dana-reyes"]


def test_the_cro_doing_her_rvps_job(acme: Acme, guide: str) -> None:
    text = _section(guide, "Where the hours really go")
    weeks = WORDS[_said(text, r"for (\w+) weeks Maria meets")]
    sellers = int(_said(text, r"each of (\d+) sellers for fifteen minutes every two weeks"))
    assert "about ten hours a week of reviews the four RVPs own" in text
    assert "the CRO's day a week on the reviews her RVPs own" in guide
    # The reviews stop after the handover: the others'-work series falls to a trickle.
    before, after = acme.others_work[:weeks], acme.others_work[weeks:]
    assert min(before) >= 9, acme.others_work
    assert max(after) <= 1.5, acme.others_work
    a_week = acme.reviews / weeks
    assert a_week == pytest.approx(sellers * 0.25 / 2)  # fifteen minutes every two weeks
    assert 9 <= a_week <= 11  # "about ten hours a week": 9 to 11; "a day a week" too
    # "most of her logged hours ... in the first half of the window" (Over time).
    assert "spends most of her logged hours on her regional VPs' pipeline reviews" in guide
    assert acme.reviews > 0.5 * sum(acme.maria_hours[:weeks])


def test_the_agency_left_out_of_strategy(acme: Acme, guide: str) -> None:
    text = _section(guide, "Where the hours really go")
    said = WORDS[_said(text, r"is in none of the (\w+) monthly strategy sessions")]
    assert (
        f"attended 0 of the {said} strategy sessions"
        in _messages(acme.report, "OUT006")["brightline"]
    )
    assert "Stride's lead is in all of them" in text
    assert "stride" not in _messages(acme.report, "OUT006")


def test_the_bookkeeper_outside_its_scope(acme: Acme, guide: str) -> None:
    text = _section(guide, "Where the hours really go")
    said = float(_said(text, r"Stride logs about (\d+) hours a week on payroll queries"))
    message = _messages(acme.report, "OUT007")["stride"]
    hours = float(_said(message, r"spends ([\d.]+) h a week on work outside its scope"))
    assert abs(hours - said) <= 0.5  # "about 4 hours": to the nearest hour
    for work in ("Payroll approval", "13-week cash forecast", "Collections on overdue invoices"):
        assert work in message


def test_work_nobody_owns_and_meetings_to_stop(acme: Acme, guide: str) -> None:
    assert 'a weekly "Ops status sync" tied to no responsibility and no goal' in guide
    assert (
        "tied to no responsibility and no goal"
        in _messages(acme.report, "JOB007")["Ops status sync"]
    )
    assert _messages(acme.report, "JOB006")
    assert _messages(acme.report, "DOT007")


# --- Over time ---------------------------------------------------------------------------


def test_line_of_sight_names_the_untied_work(acme: Acme, guide: str) -> None:
    assert "Dana's weekly payables run and payroll approval are tied to no goal" in guide
    assert set(acme.untied) == {"Weekly payables run", "Payroll approval"}


# --- Which customers make money -----------------------------------------------------------


@pytest.fixture(scope="module")
def finance_text(guide: str) -> str:
    return _section(guide, "Which customers make money")


def test_the_finance_files(acme: Acme, finance_text: str) -> None:
    finance = acme.report.finance
    assert finance is not None
    customers = int(_said(finance_text, r"`customers.csv` \| (\d+) customers"))
    invoices = int(_said(finance_text, r"\| ([\d,]+) invoices \(with").replace(",", ""))
    assert len(finance.customers) == customers
    assert sum(c.invoices for c in finance.customers) == invoices
    assert "(`as_of = 2026-10-31`)" in finance_text
    assert str(finance.as_of) == "2026-10-31"
    assert "(`cost_of_capital = 0.10`" in finance_text
    assert finance.cost_of_capital == 0.10


def test_the_whale_in_the_losing_tail(acme: Acme, finance_text: str) -> None:
    finance = acme.report.finance
    assert finance is not None
    by_name = {c.name: c for c in finance.customers}
    northwind = by_name["Northwind Facilities Group"]
    found = re.search(
        r"#(\d+) of (\d+) by revenue \((\$[\d.]+M)\) and #(\d+) by profit \((−\$\d+k)\)",
        finance_text,
    )
    assert found, "the Northwind sentence is gone"
    assert northwind.revenue_rank == int(found.group(1))
    assert len(finance.customers) == int(found.group(2))
    assert _close(_money(found.group(3)), northwind.revenue, 0.005)
    assert northwind.profit_rank == int(found.group(4))
    assert _close(-_money(found.group(5)), northwind.profit, 0.005)
    invoiced = _money(_said(finance_text, r"(\$[\d.]+M) invoiced"))
    credits = _money(_said(finance_text, r"(\$\d+k) of credit notes for returns"))
    assert _close(invoiced - credits, northwind.revenue, 0.005)  # revenue is net of credits
    assert _close(_money(_said(finance_text, r"(\$[\d.]+M) cost of goods")), northwind.cogs, 0.005)
    margin = int(_said(finance_text, r"a gross margin of (\d+)%"))
    assert round(100 * (northwind.revenue - northwind.cogs) / northwind.revenue) == margin
    assert _close(
        _money(_said(finance_text, r"support tickets cost (\$\d+k)")),
        northwind.activity_cost,
        0.005,
    )
    assert _close(
        _money(_said(finance_text, r"logged (\$\d+k) of hours")), northwind.people_cost, 0.005
    )
    days = int(_said(finance_text, r"it pays in (\d+) days on average on Net (?:\d+) terms"))
    assert northwind.terms_days == int(_said(finance_text, r"on average on Net (\d+) terms"))
    assert f"pays {days} days after invoice" in _messages(acme.report, "FIN004")["cust-northwind"]
    assert round(northwind.days_to_pay) == days
    assert _close(_money(_said(finance_text, r"(\$[\d.]+M) is outstanding")), northwind.open, 0.005)
    assert _close(
        _money(_said(finance_text, r"waiting cost (\$\d+k)")), northwind.carrying_cost, 0.005
    )
    ridgeline = by_name["Ridgeline Construction"]
    assert "Ridgeline Construction, #2 by revenue, is #1 by profit" in finance_text
    assert (ridgeline.revenue_rank, ridgeline.profit_rank) == (2, 1)
    said = _money(_said(finance_text, r"is #1 by profit \((\$\d+k)\)"))
    assert _close(said, ridgeline.profit, 0.005)
    losing = {c.name for c in finance.customers if c.profit < 0}
    small = {
        "Metro Facility Services",
        "QuickServe Maintenance",
        "Cedar Point Property Management",
        "Delta Site Services",
    }
    assert WORDS[_said(finance_text, r"(\w+) small accounts lose money too").lower()] == len(small)
    assert all(name in finance_text for name in small)
    assert losing == small | {"Northwind Facilities Group"}
    assert set(_messages(acme.report, "FIN001")) == {
        c.customer for c in finance.customers if c.profit < 0
    }
    assert list(_messages(acme.report, "FIN002")) == ["cust-northwind"]


def test_the_whale_curve(acme: Acme, finance_text: str) -> None:
    finance = acme.report.finance
    assert finance is not None
    peak = int(_said(finance_text, r"rises to \*\*(\d+)% of its total profit"))
    after = int(_said(finance_text, r"of its total profit after (\d+) customers"))
    back = int(_said(finance_text, r"the last (?:\w+) give (\d+)% back"))
    last = WORDS[_said(finance_text, r"the last (\w+) give")]
    profits = sorted((c.profit for c in finance.customers), reverse=True)
    cumulative = [sum(profits[: n + 1]) for n in range(len(profits))]
    top = max(range(len(cumulative)), key=cumulative.__getitem__)
    total = cumulative[-1]
    assert round(100 * cumulative[top] / total) == peak
    assert top + 1 == after
    assert len(profits) - after == last
    assert round(100 * (cumulative[top] - total) / total) == back


def test_the_receivables(acme: Acme, finance_text: str) -> None:
    finance = acme.report.finance
    assert finance is not None
    aging = finance.receivables
    assert _close(
        _money(_said(finance_text, r"(\$[\d.]+M) owed at 31 October")), aging.total.total, 0.005
    )
    over = _money(_said(finance_text, r"\*\*(\$\d+k) of it more than 90 days past due"))
    assert _close(over, aging.total.amounts[-1], 0.005)
    by_customer = {row.customer: row for row in aging.rows}
    disputed = _money(_said(finance_text, r"Red Rock Mining disputes \((\$\d+k)"))
    assert _close(disputed, by_customer["cust-redrock-mining"].amounts[-1], 0.005)
    written = _money(_said(finance_text, r"after (\$\d+k) was written off"))
    delta = next(c for c in finance.customers if c.customer == "cust-delta-site")
    assert _close(written, delta.write_offs, 0.01)
    assert {c for c, row in by_customer.items() if row.amounts[-1] > 0} == {
        "cust-redrock-mining",
        "cust-delta-site",
    }
    for pattern, real in (
        (r"DSO: \*\*(\d+) days\*\*", aging.dso),
        (r"\*\*(\d+) by the countback method\*\*", aging.dso_countback),
        (r"a best possible DSO of (\d+)", aging.best_dso),
        (r"so (\d+) days on average are days delinquent", aging.add),
        (r"terms of (\d+) days weighted by sales", aging.terms_days),
    ):
        assert int(_said(finance_text, pattern)) == round(real), pattern
    fin003 = _messages(acme.report, "FIN003")
    assert "(18%)" in fin003["cust-redrock-mining"]
    assert "Red Rock Mining (18% of" in finance_text
    assert "(100%)" in fin003["cust-delta-site"]
    fin004 = _messages(acme.report, "FIN004")
    row = _said(finance_text, r"\| `FIN004` dso-above-terms \| (.*) \|")
    named = dict(re.findall(r"([A-Z][\w ]+?) \((\d+ days on Net \d+)\)", row))
    customers = acme.report.finance.customers

    def customer(name: str) -> str:  # the guide names a customer by its name's start
        (found,) = [c.customer for c in customers if c.name.startswith(name.strip())]
        return found

    assert {customer(name) for name in named} == set(fin004)
    for name, said in named.items():
        days, terms = said.split(" days on Net ")
        message = fin004[customer(name)]
        assert f"pays {days} days after invoice" in message
        assert f"its {terms}-day terms" in message


def test_the_forecast(acme: Acme, finance_text: str) -> None:
    finance = acme.report.finance
    assert finance is not None
    periods = {p.period: p for p in finance.forecast}

    def coverage(period: str) -> int:
        p = periods[period]
        return round(100 * p.weighted_pipeline / p.forecast)

    assert coverage("2026-11") == int(_said(finance_text, r"November \((\d+)%\)"))
    assert coverage("2027-Q1") == int(_said(finance_text, r"quarter of 2027 \((\d+)%\)"))
    december = periods["2026-12"]
    assert _close(
        _money(_said(finance_text, r"December's (\$[\d.]+M) forecast")), december.forecast, 0.005
    )
    assert _close(
        _money(_said(finance_text, r"rests on (\$\d+k) of weighted")),
        december.weighted_pipeline,
        0.005,
    )
    assert coverage("2026-12") == int(_said(finance_text, r"weighted pipeline, (\d+)%\*\*"))
    assert list(_messages(acme.report, "FIN005")) == ["2026-12"]


def test_the_prospects(acme: Acme, finance_text: str) -> None:
    finance = acme.report.finance
    assert finance is not None
    prospects = sorted(finance.prospects, key=lambda p: p.rank)
    assert len(prospects) == WORDS[_said(finance_text, r"(\w+) vendors are left").lower()]
    named = re.findall(
        r"\*{0,2}([A-Z][\w ]+?)\*{0,2} \((\$[\d.]+M)",
        _said(finance_text, r"left, led by (.*?Packaging\*\* \(\$[\d.]+M\))"),
    )
    assert [n for n, _ in named] == [p.name for p in prospects[:3]]
    for (_, spend), prospect in zip(named, prospects, strict=False):
        assert _close(_money(spend), prospect.spend, 0.005)
    fin006 = next(iter(_messages(acme.report, "FIN006").values()))
    assert "the five largest vendors that are not customers" in finance_text
    assert all(p.name in fin006 for p in prospects[:5])
    assert prospects[5].name not in fin006


# --- Hand over the report ------------------------------------------------------------------


def test_the_report(acme: Acme, guide: str) -> None:
    text = _section(guide, "Hand over the report")
    limit = int(_said(text, r"under (\d+) kB for Acme"))
    assert acme.report_bytes < limit * 1000
    assert "nothing in it is fetched from the network" in text
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", acme.report_html)
    assert not re.search(r"@import|url\(\s*[\"']?https?:", acme.report_html)
    summary = acme.report_json["summary"]
    assert isinstance(summary, dict)
    below = summary["leadership_below_band"]
    share = int(_said(text, r"\*\*(\d+)% of the hours the (?:\w+) leadership seats"))
    assert round(100 * below["share"]) == share
    assert below["seats"] == WORDS[_said(text, r"the (\w+) leadership seats")]
    assert "(L4 and L5)" in text
    assert below["levels"] == ["L4", "L5"]
    unowned = summary["unowned_hours"]
    hours = int(_said(text, r"about \*\*(\d+) hours a week match no responsibility"))
    assert abs(unowned["hours_a_week"] - hours) < 1  # "about": to the hour
    assert round(100 * unowned["share"]) == int(_said(text, r"\((\d+)% of everyone's hours\)"))
    dso = summary["dso"]
    found = re.search(r"DSO is (\d+) days against terms of (\d+)", text)
    assert found
    assert (round(dso["dso"]), round(dso["terms_days"])) == (int(found[1]), int(found[2]))


# --- The README's Status section -------------------------------------------------------------


def test_the_status_section(readme: str) -> None:
    status = _section(readme, "Status")
    not_built = _said(status, r"Not built yet: - (.*?)(?: Not met|$)")
    assert "report" in main.commands  # levelset report writes the HTML report
    assert "HTML" not in not_built, not_built
    # The benchmark figures come from bench/ runs and cannot be recomputed here: each must
    # say where it was measured and be the figure bench/README.md records, rounded.
    assert "(the runs are in [bench/README.md](bench/README.md)" in status
    bench = _flat(ROOT / "bench" / "README.md")

    def recorded(pattern: str) -> float:
        return float(_said(bench, pattern))

    low, high = _said(status, r"takes ([\d.]+ to [\d.]+) s as a whole command").split(" to ")
    assert f"levelset check WS --format json, wall s {low} " in bench
    assert bench.split(f"wall s {low} ")[1].split()[1] == high
    low, high = _said(status, r"after a YAML edit ([\d.]+ to [\d.]+) s").split(" to ")
    assert re.search(rf"check after a YAML change, wall s {low} \S+ {high}", bench)
    held = _said(status, r"stated scale is ([\d.]+) times a hand-written DuckDB floor")
    assert f"levelset's event phase is {held} times that floor" in bench
    tenth = _said(status, r"dominate, it is ([\d.]+ times the floor and [\d.]+ times pandas)")
    assert tenth in bench
    finance = _said(status, r"the finance phase is ([\d.]+) times a hand-written floor")
    assert f"The finance phase is {finance} times the checked floor" in bench
    low, high = _said(status, r"take ([\d.]+ to [\d.]+) times DuckDB's time").split(" to ")
    phases = r"\| (?:finance|event phase)[^|]*\|[^|]*\|[^|]*\| ([\d.]+)x \|"
    ratios = [float(x) for x in re.findall(phases, bench)]
    assert (min(ratios), max(ratios)) == (float(low), float(high))
    pages = _said(status, r"answered pages at p95 in ([\d.]+) ms")
    assert re.search(rf"pages\s+[\d.]+\s+{re.escape(pages)}\s", bench)
    api = _said(status, r"API answers at p95 in ([\d.]+) ms")
    assert re.search(rf"api\s+[\d.]+\s+{re.escape(api)}\s", bench)
    met = _said(status, r"Met: (.*?) \[bench")
    assert float(pages) < 150, met  # what "Met" claims
    assert float(api) < 100, met


def test_the_default_levels_and_their_horizons(acme: Acme, guide: str, readme: str) -> None:
    months = 30.4375
    levels = {level.id: level for level in acme.workspace.scheme.levels}

    def band(level: str) -> tuple[float, float]:
        horizon = levels[level].horizon
        return (horizon.low.days / months, horizon.high.days / months)

    found = re.search(
        r"L1 individual contributor \(1 day to 1 month\), L2 supervisor \((\d+)-(\d+) months\), "
        r"L3 manager \((\d+)-(\d+)\), L4 director / VP \((\d+)-(\d+)\), "
        r"L5 executive \((\d+)-(\d+)\)",
        readme,
    )
    assert found
    assert levels["L1"].horizon.low.days == 1
    assert levels["L1"].horizon.high.days == months
    said = [int(n) for n in found.groups()]
    real = [round(m) for level in ("L2", "L3", "L4", "L5") for m in band(level)]
    assert said == real
    found = re.search(
        r"The CEO looks out (\d+)-(\d+) months, a director or VP (\d+)-(\d+), a manager "
        r"(\d+)-(\d+), a supervisor (\d+)-(\d+) and an individual contributor 1 day to 1 month",
        guide,
    )
    assert found
    said = [int(n) for n in found.groups()]
    assert said == [round(m) for level in ("L5", "L4", "L3", "L2") for m in band(level)]


def test_acme_is_split_as_the_texts_say(guide: str, readme: str) -> None:
    files = sorted(p.name for p in ACME.glob("*.yaml"))
    for text in (guide, readme):
        listed = _said(
            text,
            r"\(?Acme (?:is split the way a team would split it: |has )(`org.yaml`.*?`goals.yaml`)",
        )
        assert sorted(re.findall(r"`([\w.]+\.yaml)`", listed)) == files


def test_northwinds_cost_drivers(acme: Acme, finance_text: str) -> None:
    """The driver counts the text gives are the data's, and priced they are its cost."""
    folder = ACME / "data" / "finance"
    with (folder / "drivers.csv").open(encoding="utf-8") as f:
        price = {r["driver"]: float(r["cost_per_unit"]) for r in csv.DictReader(f)}
    with (folder / "driver_counts.csv").open(encoding="utf-8") as f:
        counts = {
            r["driver"]: int(r["count"])
            for r in csv.DictReader(f)
            if r["customer"] == "cust-northwind"
        }
    said = _said(finance_text, r"mostly in a hurry: (.*?) cost \$")
    for driver in ("order", "delivery", "rush order", "return", "support ticket"):
        plural = {"delivery": "deliveries"}.get(driver, driver + "s")
        number = _said(said, rf"([\d,]+) {plural}\b").replace(",", "")
        assert int(number) == counts[driver], driver
    finance = acme.report.finance
    assert finance is not None
    northwind = next(c for c in finance.customers if c.customer == "cust-northwind")
    assert sum(n * price[d] for d, n in counts.items()) == pytest.approx(northwind.activity_cost)


def test_each_partner_its_part(guide: str) -> None:
    from levelset.service.audience import partner_slice  # noqa: PLC0415

    text = _section(guide, "Send each partner its part")
    with levelset.Session(ACME) as session:
        stride = partner_slice(session, "stride")
    said = _said(text, r"For Stride that is (\d+) findings")
    assert int(said) == len(stride.findings)
    codes = re.findall(r"`([A-Z]{3}\d{3})`", _said(text, r"findings \((.*?)\)"))
    assert codes == [f.code for f in stride.findings]
    assert [f.subject_id for f in stride.findings if f.code == "LEV002"] == ["bookkeeper"]
    found = re.search(r"and (\w+ \w+)'s ([\d.]+) hours a week, ([\d.]+) of them", text)
    assert found
    person = next(p for p in stride.hours or () if p.name == found[1])
    assert (f"{person.hours_per_week:.1f}", f"{person.outside_scope_per_week:.1f}") == (
        found[2],
        found[3],
    )
    runner = CliRunner()
    printed = runner.invoke(main, ["partner", str(ACME), "stride", "--format", "markdown"])
    assert printed.exit_code == 0, printed.output
    assert f"# {stride.name}" in printed.output
