"""The built-in formats: text, JSON, Markdown, GitHub annotations, SARIF, HTML and
the plan as a scenario file.

Declared exactly as a plug-in declares its formats (a plug-in points its
``levelset.formats`` entry point at a ``Format`` or a tuple of them, like
``BUILTIN_FORMATS``). Each renderer is a ``lazy`` reference, so the CLI lists the formats
of a command without importing rich or any renderer.
"""

from __future__ import annotations

from levelset.report.formats import Format, lazy
from levelset.report.views import (
    CheckView,
    DiffView,
    FinanceView,
    GoalTreeView,
    LineOfSightView,
    OrgView,
    PartnerSliceView,
    PlanView,
    ReportView,
    RulesView,
    RuleView,
    ScenarioView,
    SnapshotsView,
    TrendView,
)

_R = "levelset.report"

TEXT = Format(
    name="text",
    suffix=".txt",
    description="For a person at a terminal: tables and trees, in colour on a terminal.",
    renderers={
        CheckView: lazy(f"{_R}.text:check_text"),
        PlanView: lazy(f"{_R}.plan_view:plan_text"),
        ScenarioView: lazy(f"{_R}.scenario:scenario_text"),
        FinanceView: lazy(f"{_R}.finance:finance_text"),
        TrendView: lazy(f"{_R}.trend:trend_text"),
        LineOfSightView: lazy(f"{_R}.line_of_sight:line_of_sight_text"),
        PartnerSliceView: lazy(f"{_R}.partner_slice:partner_text"),
        DiffView: lazy(f"{_R}.history:diff_text"),
        SnapshotsView: lazy(f"{_R}.history:snapshots_text"),
        OrgView: lazy(f"{_R}.org:org_text"),
        GoalTreeView: lazy(f"{_R}.goals:goal_tree_text"),
        RulesView: lazy(f"{_R}.catalogue:rules_text"),
        RuleView: lazy(f"{_R}.catalogue:rule_text"),
    },
)

JSON = Format(
    name="json",
    suffix=".json",
    description="For programs: the view as JSON (check's shape is a public interface).",
    renderers={
        CheckView: lazy(f"{_R}.data:check_json"),
        PlanView: lazy(f"{_R}.plan_view:plan_json"),
        ScenarioView: lazy(f"{_R}.scenario:scenario_json"),
        FinanceView: lazy(f"{_R}.finance_formats:render_finance_json"),
        TrendView: lazy(f"{_R}.trend:trend_json"),
        LineOfSightView: lazy(f"{_R}.line_of_sight:line_of_sight_json"),
        PartnerSliceView: lazy(f"{_R}.partner_slice:partner_json"),
        DiffView: lazy(f"{_R}.history:diff_json"),
        OrgView: lazy(f"{_R}.tree_data:org_json"),
        GoalTreeView: lazy(f"{_R}.tree_data:goal_tree_json"),
        RulesView: lazy(f"{_R}.catalogue:rules_json"),
        ReportView: lazy(f"{_R}.report_data:report_view_json"),
    },
)

MARKDOWN = Format(
    name="markdown",
    suffix=".md",
    description="For a document or an issue: headings, tables and lists.",
    renderers={
        CheckView: lazy(f"{_R}.markdown:check_markdown"),
        PlanView: lazy(f"{_R}.plan_view:plan_markdown"),
        ScenarioView: lazy(f"{_R}.scenario:scenario_markdown"),
        FinanceView: lazy(f"{_R}.finance_formats:render_finance_markdown"),
        TrendView: lazy(f"{_R}.trend:trend_markdown"),
        LineOfSightView: lazy(f"{_R}.line_of_sight:line_of_sight_markdown"),
        PartnerSliceView: lazy(f"{_R}.partner_slice:partner_markdown"),
        DiffView: lazy(f"{_R}.history:diff_markdown"),
        OrgView: lazy(f"{_R}.tree_markdown:org_markdown"),
        GoalTreeView: lazy(f"{_R}.tree_markdown:goal_tree_markdown"),
        RulesView: lazy(f"{_R}.catalogue:rules_markdown"),
    },
)

GITHUB = Format(
    name="github",
    suffix=".txt",
    description="For GitHub Actions: one workflow annotation per problem and finding.",
    renderers={CheckView: lazy(f"{_R}.github:check_github")},
)

SCENARIO = Format(
    name="scenario",
    suffix=".yaml",
    description="The plan as a scenario file, to edit and try with `levelset scenario`.",
    renderers={PlanView: lazy(f"{_R}.plan_view:plan_scenario_file")},
)

HTML = Format(
    name="html",
    suffix=".html",
    description="For a person with a browser or a printer: one self-contained page with charts.",
    renderers={
        CheckView: lazy(f"{_R}.html:check_html"),
        ReportView: lazy(f"{_R}.html:report_html"),
    },
)

SARIF = Format(
    name="sarif",
    suffix=".sarif",
    description="For code scanning (GitHub, GitLab, Azure DevOps): a SARIF 2.1.0 log.",
    renderers={CheckView: lazy(f"{_R}.sarif:check_sarif")},
)

BUILTIN_FORMATS: tuple[Format, ...] = (TEXT, JSON, MARKDOWN, GITHUB, SARIF, HTML, SCENARIO)
