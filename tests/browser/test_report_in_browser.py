"""The HTML report in a real browser (Chromium), offline: it loads with no error and no
request, every section and chart is there, every chart draws the figures of the JSON
output, the links and the filter work, it prints cleanly, it passes axe-core, and
hostile names stay text."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from browser_kit import HOSTILE_CUSTOMER, HOSTILE_SEAT, ROOT, SECTION_IDS

AXE = Path(__file__).parent / "assets" / "axe.min.js"
SCREENSHOT = ROOT / "docs" / "images" / "report-summary.png"

CHARTS_JS = """() => Object.fromEntries(Object.entries(window.levelsetReport.charts).map(
  ([id, chart]) => [id, chart.data.datasets.map((set, i) => ({
    label: set.label, data: set.data, marks: chart.getDatasetMeta(i).data.length}))]))"""


def expected_charts(data: dict[str, Any]) -> dict[str, list[list[Any]]]:
    """What each chart must draw, read from the JSON output: one list per dataset."""
    levels = data["seats_by_level"]
    people = data["people"]
    leaders = people["leaders"]
    finance = data["check"]["finance"]
    aging = finance["receivables"]
    paying = [c for c in finance["customers"] if c["days_to_pay"] is not None]
    return {
        "chart-seats": [[row[k] for row in levels] for k in ("held", "partner", "vacant")],
        "chart-leaders": [[x[k] for x in leaders] for k in ("below", "in_band", "above")],
        "chart-below-share": [people["below_share"]],
        "chart-weekly-hours": [people["others_work"], people["unowned"]],
        "chart-whale": [[p["cumulative"] for p in finance["whale_curve"]]],
        "chart-ranks": [
            [{"x": c["revenue_rank"], "y": c["profit_rank"]} for c in finance["customers"]]
        ],
        "chart-aging": [
            [row["amounts"][b] for row in aging["rows"]] for b in range(len(aging["buckets"]))
        ],
        "chart-dso": [[c["days_to_pay"] for c in paying], [c["terms_days"] for c in paying]],
        "chart-forecast": [
            [p["forecast"] for p in finance["forecast"]],
            [p["weighted_pipeline"] for p in finance["forecast"]],
        ],
    }


def test_acme_loads_offline_with_no_error_and_no_request(
    open_report: Any, acme_report: Any
) -> None:
    html, data = acme_report
    opened = open_report(html)
    assert opened.errors == []
    assert [m for m in opened.console if m.startswith(("error", "warning"))] == []
    assert opened.requests == []
    page = opened.page
    assert page.eval_on_selector_all("main > section", "s => s.map(e => e.id)") == list(SECTION_IDS)
    assert page.locator("html").get_attribute("data-charts-drawn") == str(
        len(expected_charts(data))
    )
    assert html.stat().st_size < 3 * 1024 * 1024


def test_the_report_draws_in_under_two_seconds(open_report: Any, acme_report: Any) -> None:
    opened = open_report(acme_report[0])
    drawn = opened.page.evaluate(
        "performance.getEntriesByName('levelset-charts-drawn')[0].startTime"
    )
    assert drawn < 2000, f"last chart drawn {drawn:.0f} ms after navigation started"


def test_every_chart_draws_the_figures_of_the_json_output(
    open_report: Any, acme_report: Any
) -> None:
    html, data = acme_report
    drawn = open_report(html).page.evaluate(CHARTS_JS)
    expected = expected_charts(data)
    assert set(drawn) == set(expected)
    for chart, datasets in expected.items():
        assert [d["data"] for d in drawn[chart]] == datasets, chart
        assert [d["marks"] for d in drawn[chart]] == [len(d) for d in datasets], chart
        assert all(d["marks"] > 0 for d in drawn[chart]), chart


def test_the_figures_shown_equal_the_json_output(open_report: Any, acme_report: Any) -> None:
    html, data = acme_report
    page = open_report(html).page
    summary = data["summary"]
    figures = {
        "leadership_below_band": summary["leadership_below_band"]["share"],
        "unowned_hours": summary["unowned_hours"]["hours_a_week"],
        "dso": summary["dso"]["dso"],
    }
    for name, value in figures.items():
        shown = page.locator(f'[data-figure="{name}"]').get_attribute("data-value")
        assert float(shown or "nan") == pytest.approx(value), name
    big = page.locator('[data-figure="leadership_below_band"] .big').inner_text()
    assert big == f"{figures['leadership_below_band'] * 100:.1f}%"
    assert page.locator('[data-figure="dso"] .big').inner_text() == f"{figures['dso']:,.1f} days"
    rows = page.locator("table.counts tbody tr")
    assert rows.count() == len(summary["by_family"])
    for row, family in zip(rows.all(), summary["by_family"], strict=True):
        cells = [int(t) for t in row.locator("td").all_inner_texts()]
        assert cells == [family["error"], family["warning"], family["info"]]
    assert page.locator("tr.finding").count() == len(data["check"]["findings"])
    assert page.locator("table.customers tbody tr").count() == len(
        data["check"]["finance"]["customers"]
    )


def test_the_table_of_contents_links_work(open_report: Any, acme_report: Any) -> None:
    page = open_report(acme_report[0]).page
    links = page.locator("nav.toc a")
    assert links.count() == len(SECTION_IDS)
    for link, section in zip(links.all(), SECTION_IDS, strict=True):
        link.click()
        assert page.evaluate("location.hash") == f"#{section}"
        top = page.evaluate(f"document.getElementById('{section}').getBoundingClientRect().top")
        assert -2 <= top <= 2, section


def test_the_findings_filter_by_family_and_severity(open_report: Any, acme_report: Any) -> None:
    html, data = acme_report
    page = open_report(html).page
    findings = data["check"]["findings"]
    page.select_option("#filter-severity", "error")
    errors = [f for f in findings if f["severity"] == "error"]
    assert page.locator("tr.finding:visible").count() == len(errors)
    page.select_option("#filter-family", "JOB")
    both = [f for f in errors if f["code"].startswith("JOB")]
    assert page.locator("tr.finding:visible").count() == len(both)
    assert page.locator("#filter-count").inner_text() == f"{len(both)} shown"


def test_a_click_on_a_customer_goes_to_its_row(open_report: Any, acme_report: Any) -> None:
    html, data = acme_report
    page = open_report(html).page
    point = page.evaluate(
        "(() => { const p = window.levelsetReport.charts['chart-ranks'].getDatasetMeta(0).data[0];"
        " return {x: p.x, y: p.y}; })()"
    )
    page.locator("#chart-ranks").click(position=point)
    customer = data["check"]["finance"]["customers"][0]["customer"]
    assert page.locator("tr.target").get_attribute("id") == f"customer-{customer}"


def test_the_org_chart_is_collapsed_below_a_depth_and_expands(
    open_report: Any, acme_report: Any
) -> None:
    page = open_report(acme_report[0]).page
    closed = page.locator("ul.org details:not([open])")
    assert closed.count() > 0
    assert page.locator("ul.org details[open]").count() > 0
    page.click("#org-expand")
    assert closed.count() == 0
    assert page.locator("ul.org .badge.vacant").count() > 0
    assert page.locator("ul.org .badge.partner").count() > 0
    assert page.locator("ul.org .badge.finding").count() > 0


def test_it_prints_without_the_interactive_chrome(open_report: Any, acme_report: Any) -> None:
    page = open_report(acme_report[0]).page
    page.emulate_media(media="print")
    assert page.locator("nav.toc").is_hidden()
    assert page.locator(".filters").is_hidden()
    assert page.locator("#org-expand").is_hidden()
    breaks = page.eval_on_selector_all(
        "main > section", "s => s.map(e => getComputedStyle(e).breakBefore)"
    )
    assert breaks == ["auto"] + ["page"] * (len(SECTION_IDS) - 1)
    charts = page.eval_on_selector_all(
        "figure.chart", "f => f.map(e => getComputedStyle(e).breakInside)"
    )
    assert set(charts) == {"avoid"}
    pdf = page.pdf(format="A4")
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))
    assert pages > len(SECTION_IDS)  # each section starts a page; findings take several


def test_axe_finds_no_serious_accessibility_violation(open_report: Any, acme_report: Any) -> None:
    page = open_report(acme_report[0]).page
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    violations = page.evaluate(
        "axe.run(document, {resultTypes: ['violations']}).then(r => r.violations"
        ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length})))"
    )
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == [], json.dumps(serious)


def test_hostile_names_show_as_written_and_run_nothing(
    open_report: Any, hostile_report: Path
) -> None:
    opened = open_report(hostile_report)
    page = opened.page
    page.click("#org-expand")
    assert opened.dialogs == []
    assert opened.errors == []
    assert opened.requests == []
    assert page.locator("img").count() == 0
    assert page.locator("ul.org span.title", has_text=HOSTILE_SEAT).count() == 1
    assert page.locator("table.customers th", has_text=HOSTILE_CUSTOMER).count() == 1
    labels = page.evaluate("window.levelsetReport.charts['chart-whale'].data.labels")
    assert HOSTILE_CUSTOMER in labels
    assert HOSTILE_SEAT in page.locator("#people").inner_text()


def test_the_docs_screenshot_of_the_summary(
    open_report: Any, acme_report: Any, tmp_path: Path
) -> None:
    """The summary photographs small enough for the docs. With LEVELSET_WRITE_DOCS_IMAGES=1
    the picture replaces docs/images/report-summary.png (so the docs show the report as it
    is); otherwise it goes to a temporary folder and a test run leaves the tree untouched."""
    page = open_report(acme_report[0], width=1000).page
    target = (
        SCREENSHOT if os.environ.get("LEVELSET_WRITE_DOCS_IMAGES") == "1" else tmp_path / "s.png"
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    page.locator("#summary").screenshot(path=str(target))
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert 5_000 < target.stat().st_size < 300_000


# Each evidence value's widest piece that holds no space or hyphen (where a line may break
# between words), measured outside the table, against the width the value is given.
UNBROKEN_WORDS_JS = """() => [...document.querySelectorAll('.evidence dd')].flatMap(dd => {
  const widest = dd.textContent.split(/[\\s,-]+/).reduce((a, b) => b.length > a.length ? b : a, '');
  const probe = document.createElement('span');
  probe.style.cssText = 'position: absolute; visibility: hidden; white-space: nowrap';
  probe.style.font = getComputedStyle(dd).font;
  probe.textContent = widest;
  document.body.appendChild(probe);
  const fits = probe.getBoundingClientRect().width <= dd.getBoundingClientRect().width + 0.5;
  probe.remove();
  return fits ? [] : [dd.textContent];
})"""


def test_evidence_values_break_between_words_never_inside_one(
    open_report: Any, acme_report: Any
) -> None:
    page = open_report(acme_report[0]).page
    assert page.locator(".evidence dd").count() > 0
    assert page.evaluate(UNBROKEN_WORDS_JS) == []
