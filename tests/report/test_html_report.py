"""The HTML report without a browser: the vendored files are what was vendored, the data
block cannot be broken out of, names are escaped, html is a registered format, and a
section without data says so. The browser tests (tests/browser) open the page itself."""

from __future__ import annotations

import hashlib
import json
import re
from html import unescape
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from levelset.cli import main
from levelset.report.formats import default_formats
from levelset.report.html import asset, script_json
from levelset.report.views import CheckView, ReportView

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "<!-- x", "a & b")


def _vendored(folder: Path) -> list[tuple[Path, dict[str, str]]]:
    listed = json.loads((folder / "VENDORED.json").read_text(encoding="utf-8"))
    return [(folder / entry["file"], entry) for entry in listed["files"]]


@pytest.mark.parametrize(
    "folder",
    [ROOT / "src/levelset/report/assets", ROOT / "tests/browser/assets"],
    ids=["report", "browser-tests"],
)
def test_vendored_files_match_their_recorded_checksums(folder: Path) -> None:
    vendored = _vendored(folder)
    assert vendored
    for path, entry in vendored:
        assert hashlib.sha256(path.read_bytes()).hexdigest() == entry["sha256"], path.name
        assert all(entry[key] for key in ("version", "license", "package"))
        assert (folder / entry["license_file"]).is_file()


def test_the_chart_library_ships_as_package_data() -> None:
    shipped = resources.files("levelset.report").joinpath("assets", "chart.umd.min.js")
    assert "Chart.js v4.6.2" in shipped.read_text("utf-8")[:200]
    # inlined without its source map comment: the page points at nothing outside itself
    assert "sourceMappingURL" not in asset("chart.umd.min.js")


@pytest.mark.parametrize("name", HOSTILE)
def test_script_json_keeps_names_inside_the_data_block(name: str) -> None:
    block = str(script_json({"name": name, "list": [name]}))
    assert not set("<>&") & set(block)
    assert json.loads(block) == {"name": name, "list": [name]}


def test_html_is_a_format_of_check_and_of_the_report() -> None:
    formats = default_formats()
    assert "html" in formats.names_for(CheckView)
    assert formats.names_for(ReportView) == ("json", "html")


def _copy(source: Path, target: Path) -> Path:
    for path in source.rglob("*"):
        if path.is_file():
            (target / path.relative_to(source)).parent.mkdir(parents=True, exist_ok=True)
            (target / path.relative_to(source)).write_bytes(path.read_bytes())
    return target


def test_a_report_without_event_or_finance_data_says_so_in_one_line(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["report", str(ROOT / "examples/clean"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "No event data: put time entries or calendars in data/." in page
    assert "No finance data: put customers, invoices and the rest in data/finance/." in page
    assert "No snapshot yet" in page
    assert not re.search(r"(src|href)=\"(https?:)?//", page)  # nothing fetched from anywhere


def test_a_hostile_seat_title_is_text_in_the_html(tmp_path: Path) -> None:
    workspace = _copy(ROOT / "examples/clean", tmp_path / "ws")
    org = workspace / "org.yaml"
    text = org.read_text(encoding="utf-8")
    first_title = re.search(r"title: ([^,}\n]+)", text)
    assert first_title is not None
    org.write_text(text.replace(first_title.group(0), "title: '<script>alert(1)</script>'", 1))
    result = CliRunner().invoke(main, ["report", str(workspace)])
    assert result.exit_code == 0, result.output
    assert "<script>alert(1)</script>" not in result.output
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in result.output
    assert result.output.count("<script") == 3  # the data block, Chart.js, the page's own


def test_the_summary_figures_say_what_they_are_a_share_of(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    args = ["report", str(ROOT / "examples/acme"), "--format", "json", "-o", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    lead = data["summary"]["leadership_below_band"]
    leaders = data["people"]["leaders"]
    assert lead["below_hours"] == pytest.approx(sum(x["below"] for x in leaders))
    assert lead["hours"] == pytest.approx(
        sum(x["below"] + x["in_band"] + x["above"] for x in leaders)
    )
    assert lead["share"] == pytest.approx(lead["below_hours"] / lead["hours"], abs=1e-4)
    unowned = data["summary"]["unowned_hours"]
    weeks = data["people"]["weeks"]
    assert unowned["hours_a_week"] == pytest.approx(
        sum(data["people"]["unowned"]) / len(weeks), abs=0.01
    )
    dso = data["summary"]["dso"]
    assert dso["dso"] == data["check"]["finance"]["receivables"]["dso"]
    assert dso["terms_days"] == data["check"]["finance"]["receivables"]["terms_days"]
    # the check inside the report is the check's own JSON shape
    check = CliRunner().invoke(main, ["check", str(ROOT / "examples/acme"), "--format", "json"])
    assert json.loads(check.output)["findings"] == data["check"]["findings"]


def test_check_format_html_holds_the_summary_findings_and_plan() -> None:
    result = CliRunner().invoke(main, ["check", str(ROOT / "examples/clean"), "--format", "html"])
    assert result.exit_code == 0, result.output
    sections = re.findall(r'<section id="([a-z]+)"', result.output)
    assert sections == ["summary", "findings", "plan"]
    assert "No findings." in result.output


def test_the_summary_says_what_changed_since_the_last_snapshot(tmp_path: Path) -> None:
    workspace = _copy(ROOT / "examples/clean", tmp_path / "ws")
    runner = CliRunner()
    saved = runner.invoke(main, ["check", str(workspace), "--save", "--exit-zero"])
    assert saved.exit_code == 0, saved.output
    org = workspace / "org.yaml"
    # a function led by nobody at manager level: a finding the snapshot does not have
    seat = "seats:\n  - {id: lost-seat, title: Lost Seat, level: L2, function: ops}"
    org.write_text(org.read_text(encoding="utf-8").replace("seats:", seat, 1), encoding="utf-8")
    result = runner.invoke(main, ["report", str(workspace), "--format", "json"])
    assert result.exit_code == 0, result.output
    changes = json.loads(result.output)["changes"]
    assert changes is not None
    assert changes["closed"] == []
    assert [f["code"] for f in changes["opened"]] == ["LEV003"]
    page = runner.invoke(main, ["report", str(workspace)]).output
    opened = len(changes["opened"])
    assert f"{opened} finding{'' if opened == 1 else 's'} opened, 0 closed" in page


def _held(nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [s for node in nodes for s in (node, *_held(node["reports"]))]


def test_a_seat_held_by_several_people_lists_them_apart(tmp_path: Path) -> None:
    clean = str(ROOT / "examples/clean")
    data = json.loads(CliRunner().invoke(main, ["report", clean, "--format", "json"]).output)
    shared = [s for s in _held(data["org"]["seats"]) if len(s["holders"]) > 1]
    assert shared, "examples/clean has seats several people hold"
    page = CliRunner().invoke(main, ["report", clean]).output
    text = unescape(re.sub(r"<[^>]+>", "", page))
    for seat in shared:
        assert ", ".join(unescape(h["name"]) for h in seat["holders"]) in text, seat["id"]


def test_the_reports_plan_says_what_applying_it_does_as_check_does(tmp_path: Path) -> None:
    """The report's plan ends as `check` and the web's plan page end: what applying the
    plan closes, opens and keeps, with the counts of `check --format json`."""
    out = tmp_path / "report.html"
    acme = str(ROOT / "examples/acme")
    result = CliRunner().invoke(main, ["report", acme, "-o", str(out)])
    assert result.exit_code == 0, result.output
    check = CliRunner().invoke(main, ["check", acme, "--format", "json", "--exit-zero"])
    applied = json.loads(check.output)["applied"]
    closed, opened = len(applied["closed"]), len(applied["opened"])
    plan = out.read_text(encoding="utf-8").split('<section id="plan"')[1].split("</section>")[0]
    headline = (
        f"Applying the plan closes {closed} findings and opens {opened}; "
        f"{applied['kept']} stay open."
    )
    assert headline in unescape(plan)
    assert f"<summary>Closes ({closed})</summary>" in plan
    assert f"<summary>As operations ({len(applied['operations'])})</summary>" in plan
