"""The guide's workshop is true: each count and claim of its check, plan and scenario
sections is the real output on examples/acme, and its scenario commands run in order."""

from __future__ import annotations

import re
import shlex
import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from levelset.cli import main
from levelset.model import Report
from levelset.model.comparison import ScenarioComparison
from levelset.model.scenario import TieGoals
from levelset.model.text import per_week
from levelset.rules import builtin_registry
from levelset.service import Session

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "guide.md"


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def guide() -> str:
    return _flat(GUIDE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def acme() -> Iterator[tuple[Report, ScenarioComparison]]:
    with Session(ROOT / "examples" / "acme") as session:
        yield session.check(), session.scenario("plan")


def _finding(report: Report, code: str, subject: str) -> str:
    found = [f for f in report.findings if f.code == code and f.subject.id == subject]
    assert found, (code, subject)
    return found[0].message + " " + found[0].recommendation


def test_the_check_counts(guide: str, acme: tuple[Report, ScenarioComparison]) -> None:
    report, _ = acme
    severity = Counter(f.severity.value for f in report.findings)
    registry = builtin_registry(plugins=False)
    data = Counter()
    for finding in report.findings:
        needs = {n.value for n in registry.get(finding.code).needs}  # type: ignore[union-attr]
        data["finance" if "finance" in needs else "events" if needs else "static"] += 1
    sentence = (
        f"Acme gives {len(report.findings)} findings ({severity['error']} errors, "
        f"{severity['warning']} warnings, {severity['info']} info): {data['static']} from the "
        f"organization as written, {data['events']} from its sixteen weeks of time entries "
        f"and calendars and {data['finance']} from its finance data."
    )
    assert sentence in guide


def test_the_claims_about_findings(guide: str, acme: tuple[Report, ScenarioComparison]) -> None:
    report, _ = acme
    assert "Maria Okafor spends 5.5 h a week" in _finding(report, "JOB005", "maria-okafor")
    assert "`JOB005` finds Maria Okafor, the CRO, spending 5.5 h a week" in guide
    below = _finding(report, "LEV005", "maria-okafor")
    assert "74% of the 8.3 h a week of Maria Okafor's time in the data" in below
    assert "it is partial" in below
    assert "`LEV005` finds 74% of the 8.3 h a week of her time in the data" in guide
    stride = [f.code for f in report.findings if f.subject.id == "stride"]
    assert stride == ["OUT007"]
    assert "The one OUT finding on it is `OUT007`" in guide
    assert "spends 4 h a week on work outside its scope" in _finding(report, "OUT007", "stride")
    assert "it spends 4 h a week on work outside its written scope" in guide
    for resp in ("ap-processing", "payroll", "collections"):
        advice = _finding(report, "LEV001", resp)
        assert "internal seat at L2 or L3 that Bookkeeper reports to" in advice
    assert "keeping them accountable inside, in a seat at L2 or L3 the bookkeeper" in guide


def test_the_plan_counts(guide: str, acme: tuple[Report, ScenarioComparison]) -> None:
    _, plan = acme
    assert (
        f"On Acme the plan is {len(plan.scenario.operations)} operations. Applying it closes "
        f"{len(plan.closed)} findings and opens {len(plan.opened)}; {len(plan.kept)} stay open."
    ) in guide
    freed = {h.name: per_week(-h.change) for h in plan.hours if h.change < 0}
    for name in ("Dana Reyes", "Maria Okafor", "Luis Lopez"):
        assert f"{name} frees {freed[name]}" in guide or f"{name} {freed[name]}" in guide
    assert plan.cost_difference is not None
    assert f"cost {-plan.cost_difference:,.0f} a week less" in guide
    assert plan.opened == ()
    ties = {
        (op.responsibility, op.add) for op in plan.scenario.operations if isinstance(op, TieGoals)
    }
    assert {("ap-processing", ("kr-close-days",)), ("payroll", ("kr-close-days",))} <= ties
    assert ("demand-gen", ("kr-revenue",)) in ties
    assert "the payables run and payroll to `kr-close-days`, demand generation to" in guide
    # the Dallas floor's work takes the key result its manager owns: both DOT006 close
    assert ("fulfilment-dallas", ("kr-otif-dallas",)) in ties
    closed = {(f.code, f.subject.id) for f in plan.closed}
    assert {("DOT006", "wh-supervisor-dallas"), ("DOT006", "wh-associate-dallas")} <= closed
    assert "and the Dallas fulfilment, which the Dallas shift team does" in guide
    kept = {f.code for f in plan.kept}
    named = {"JOB001", "JOB002", "JOB006", "OUT001", "OUT004", "OUT006"}
    assert {c for c in kept if not c.startswith(("DOT", "FIN"))} == named
    after = plan.applied.workspace
    assert after.responsibilities["ap-processing"].accountable == ("controller",)
    assert "collections" in after.partners["stride"].scope


def test_the_scenario_commands_run_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = GUIDE.read_text(encoding="utf-8")
    section = text.split("## 6. Try it before doing it", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"^```text\n(.*?)^```", section, flags=re.M | re.S)
    lines = [line for block in blocks for line in block.splitlines() if line.strip()]
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    ran = []
    for line in lines:
        words = shlex.split(line, comments=True)
        if words[:2] == ["cp", "-r"]:
            shutil.copytree(words[2], words[3])
            continue
        assert words[:3] == ["uv", "run", "levelset"], line
        result = runner.invoke(main, words[3:])
        assert result.exit_code == 0, (line, result.output)
        ran.append(words[3])
    assert ran == ["plan", "scenario", "scenario", "check"]
    assert (
        "accountable: controller"
        in (tmp_path / "client-after" / "responsibilities.yaml").read_text()
    )
