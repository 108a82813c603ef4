"""The HTML report: one self-contained file with charts, for a person to read and print.

The page is built from the view's plain data (``report_data.report_view_to_dict``, the
JSON output) with Jinja2, autoescaping on: every name in a workspace is text, never
markup. The parts of that data the charts read are embedded, as they are, in a
``<script type="application/json">`` block with ``<``, ``>`` and ``&`` written as JSON
escapes, so no name can close the block; the page's script draws the charts from it
with Chart.js (vendored in ``report/assets``, see ``VENDORED.json``) and writes names
with ``textContent`` only. Scripts and styles are inlined: opened from disk the file
asks nothing of the network.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from levelset.model import Plan
from levelset.model.comparison import ScenarioComparison
from levelset.report.plan_items import plan_sections
from levelset.report.report_data import family_counts, report_view_to_dict
from levelset.report.scenario import applied_headline, applied_lines
from levelset.report.views import CheckView, ReportView

#: The sections of the full report, in order: anchor and heading.
SECTIONS = (
    ("summary", "Summary"),
    ("findings", "Findings"),
    ("plan", "Plan"),
    ("org", "Org chart"),
    ("goals", "Goal tree"),
    ("people", "People"),
    ("partners", "Partners"),
    ("finance", "Finance"),
)
#: The sections of ``check --format html``: what a check holds.
CHECK_SECTIONS = SECTIONS[:3]
#: Seats deeper than this start collapsed in the org chart (a click opens them).
OPEN_DEPTH = 2


def script_json(data: object) -> Markup:
    """``data`` as JSON safe inside a ``<script>`` element: ``<``, ``>`` and ``&`` (and
    the two line separators JavaScript once treated as line ends) as ``\\u`` escapes, so
    neither ``</script>`` nor ``<!--`` in a name can end the block."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char in "<>&\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    # escaped above for the one context it goes into: the inside of a <script> element
    return Markup(text)


@cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("levelset.report", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["number"] = number
    env.filters["percent"] = percent
    env.filters["plain"] = plain
    return env


@cache
def asset(name: str) -> Markup:
    """A vendored or hand-written asset's text, to inline in a ``<script>``/``<style>``.

    A source map comment is dropped: nothing in the page may point outside it."""
    text = resources.files("levelset.report").joinpath("assets", name).read_text("utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("//# sourceMappingURL")]
    return Markup("\n".join(lines))  # our own files, never user data


def number(value: float | None, digits: int = 0) -> str:
    """``1,234`` (or ``n/a`` for nothing)."""
    return "n/a" if value is None else f"{value:,.{digits}f}"


def percent(value: float | None) -> str:
    """``12.3%`` of a share (``n/a`` for nothing)."""
    return "n/a" if value is None else f"{value * 100:.1f}%"


def plain(value: Any) -> str:
    """An evidence value as a person reads it: lists joined, numbers as written."""
    if isinstance(value, list | tuple):
        return ", ".join(plain(v) for v in value) or "none"
    if isinstance(value, dict):
        return "; ".join(f"{k}: {plain(v)}" for k, v in value.items())
    return "none" if value is None else str(value)


def chart_data(data: dict[str, Any]) -> dict[str, Any]:
    """The parts of the report's data the charts are drawn from, as the JSON output holds
    them (the findings and the seat tree are in the page as tables: a large organization's
    report would carry them twice)."""
    check = data.get("check") or {}
    return {
        "seats_by_level": data.get("seats_by_level", []),
        "people": data.get("people"),
        "check": {"finance": check.get("finance")},
    }


def _render(
    data: dict[str, Any],
    plan: Plan,
    sections: tuple[tuple[str, str], ...],
    applied: ScenarioComparison | None = None,
) -> str:
    template = _environment().get_template("report.html.j2")
    findings_on: dict[str, list[str]] = {}
    for finding in data["check"]["findings"]:
        subject = finding.get("subject") or {}
        if subject.get("kind") == "seat":
            findings_on.setdefault(str(subject.get("id")), []).append(finding["code"])
    return template.render(
        data=data,
        data_json=script_json(chart_data(data)),
        sections=sections,
        plan_sections=plan_sections(plan),
        # what applying the plan closes and opens, as `check` and `plan` say under it
        plan_applied=(
            (applied_headline(applied), applied_lines(applied)) if applied is not None else None
        ),
        findings_on=findings_on,
        open_depth=OPEN_DEPTH,
        chart_js=asset("chart.umd.min.js"),
        report_js=asset("report.js"),
        report_css=asset("report.css"),
    )


def report_html(view: ReportView) -> str:
    """The full report as one HTML document."""
    return _render(report_view_to_dict(view), view.check.report.plan, SECTIONS, view.check.applied)


def check_html(view: CheckView) -> str:
    """``levelset check --format html``: the summary, the findings and the plan."""
    from levelset.report._common import workspace_label  # noqa: PLC0415
    from levelset.report.data import report_to_dict  # noqa: PLC0415

    report = view.report
    data: dict[str, Any] = {
        "name": workspace_label(report.workspace),
        "today": None,
        "summary": {
            "findings": len(report.findings),
            "problems": len(report.problems),
            "by_family": family_counts(view),
        },
        "check": report_to_dict(report),
        "missing": {},
    }
    return _render(data, report.plan, CHECK_SECTIONS, view.applied)
