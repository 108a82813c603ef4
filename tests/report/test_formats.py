"""The format registry: one list of formats, per-view renderers, plug-ins like built-ins."""

from __future__ import annotations

import io
import json
from importlib.metadata import EntryPoint
from pathlib import Path

import pytest
from rich.console import Console

from levelset.model import Finding, Location, Report, Severity, Subject
from levelset.report import formats
from levelset.report.builtin_formats import BUILTIN_FORMATS
from levelset.report.formats import (
    Format,
    FormatError,
    Rendering,
    builtin_formats,
    default_formats,
)
from levelset.report.views import (
    CheckView,
    DiffView,
    FinanceView,
    GoalTreeView,
    LineOfSightView,
    OrgView,
    PlanView,
    RulesView,
    ScenarioView,
    TrendView,
)

ZANY = Finding(
    code="ZZZ001",
    rule="zany-rule",
    severity=Severity.WARNING,
    subject=Subject("seat", "ceo"),
    message="the ceo juggles",
    recommendation="Put the balls down",
    location=Location("org.yaml", 3),
)
GAP = Finding(
    code="LEV002",
    rule="level-gap",
    severity=Severity.ERROR,
    subject=Subject("seat", "bookkeeper"),
    message="bookkeeper skips levels",
    location=Location("org.yaml", 7),
)
REPORT = Report(workspace=Path("ws"), findings=(GAP, ZANY))
#: A plug-in family the built-ins do not know, listed first so its section comes first.
FAMILIES = {"ZZZ": "Zany plug-in family", "LEV": "Leveling"}


def rendered(fmt: str, view: object) -> str:
    """``view`` in ``fmt`` as the text a user would read (text without colour)."""
    rendering: Rendering = default_formats().render(fmt, view)
    if isinstance(rendering, str):
        return rendering
    buffer = io.StringIO()
    rendering(Console(file=buffer, width=120, color_system=None))
    return buffer.getvalue()


def test_each_command_view_offers_the_formats_that_render_it() -> None:
    registry = default_formats()
    assert registry.names_for(CheckView) == ("text", "json", "markdown", "github", "sarif", "html")
    assert registry.names_for(PlanView) == ("text", "json", "markdown", "scenario")
    for view in (FinanceView, TrendView, LineOfSightView, DiffView, ScenarioView):
        assert registry.names_for(view) == ("text", "json", "markdown")
    for view in (OrgView, GoalTreeView, RulesView):
        assert registry.names_for(view) == ("text", "json", "markdown")
    assert [f.name for f in registry][:4] == ["text", "json", "markdown", "github"]
    assert registry.get("markdown").suffix == ".md"


def test_a_family_the_built_ins_do_not_know_shows_in_every_format() -> None:
    view = CheckView(REPORT, families=FAMILIES)
    text = rendered("text", view)
    assert "ZZZ  Zany plug-in family" in text
    assert text.index("Zany plug-in family") < text.index("LEV  Leveling")
    assert "the ceo juggles" in text
    markdown = rendered("markdown", view)
    assert "## ZZZ: Zany plug-in family" in markdown
    assert "| Zany plug-in family (`ZZZ`) | 1 |" in markdown
    assert markdown.index("## ZZZ:") < markdown.index("## LEV:")
    data = json.loads(rendered("json", view))
    assert [f["code"] for f in data["findings"]] == ["LEV002", "ZZZ001"]
    github = rendered("github", view)
    assert "::warning file=ws/org.yaml,line=3,title=ZZZ001 zany-rule::the ceo juggles" in github


def test_families_come_from_the_view_not_from_the_built_ins() -> None:
    text = rendered("text", CheckView(REPORT, families={"LEV": "Leveling"}))
    # a family the caller does not name comes last, under its code alone
    assert text.index("LEV  Leveling") < text.index("ZZZ\n")
    assert "Zany" not in text


def test_a_format_renders_only_the_views_it_lists() -> None:
    github = default_formats().get("github")
    assert github.views == {CheckView}
    assert github.renders(CheckView)
    assert not github.renders(PlanView)
    with pytest.raises(FormatError, match="cannot render a PlanView"):
        github.render(PlanView(REPORT))
    with pytest.raises(FormatError, match="no format 'yaml'; known: text, json"):
        default_formats().get("yaml")


def test_a_format_name_is_registered_once() -> None:
    registry = builtin_formats(plugins=False)
    with pytest.raises(FormatError, match="registered twice"):
        registry.register(Format("json", ".json", "again", {}))


def _html(view: CheckView) -> str:
    return f"<h1>{len(view.report.findings)} findings</h1>\n"


#: What a plug-in package would point its ``levelset.formats`` entry point at.
HTML = Format("page", ".html", "One page for a browser.", {CheckView: _html})


def _points(*values: str) -> list[EntryPoint]:
    return [
        EntryPoint(name=f"plugin{n}", value=value, group=formats.ENTRY_POINT_GROUP)
        for n, value in enumerate(values)
    ]


def test_a_plug_in_format_registers_like_the_built_ins(monkeypatch: pytest.MonkeyPatch) -> None:
    points = _points(f"{__name__}:HTML")
    monkeypatch.setattr("importlib.metadata.entry_points", lambda group: points)
    registry = builtin_formats()
    assert [f.name for f in registry] == [*(f.name for f in BUILTIN_FORMATS), "page"]
    assert registry.names_for(CheckView) == (
        "text",
        "json",
        "markdown",
        "github",
        "sarif",
        "html",
        "page",
    )
    assert registry.names_for(PlanView) == ("text", "json", "markdown", "scenario")
    assert registry.render("page", CheckView(REPORT)) == "<h1>2 findings</h1>\n"
    assert registry.problems == []


def test_a_broken_plug_in_is_a_problem_not_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    points = _points("levelset_no_such_plugin:FORMAT", f"{__name__}:FAMILIES")
    monkeypatch.setattr("importlib.metadata.entry_points", lambda group: points)
    registry = builtin_formats()
    assert [f.name for f in registry] == [f.name for f in BUILTIN_FORMATS]
    assert len(registry.problems) == 2
    assert "'plugin0' could not be loaded" in registry.problems[0]
    assert "is not a Format" in registry.problems[1]
