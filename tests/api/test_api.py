"""The Python API: check, exit_status, rule look-up, init."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

import levelset
import levelset.api
from levelset.model import (
    Finding,
    Holder,
    Location,
    Person,
    Problem,
    Report,
    Responsibility,
    Seat,
    Settings,
    Severity,
    Subject,
    Workspace,
)


def workspace(**settings: object) -> Workspace:
    """A CEO and a responsibility nobody is accountable for (JOB001, an error)."""
    return Workspace(
        root=Path("inline"),
        settings=Settings(name="Inline", **settings),  # type: ignore[arg-type]
        seats={
            "ceo": Seat("ceo", "CEO", "L5", holders=(Holder(person="ada"),)),
        },
        people={"ada": Person("ada", "Ada")},
        responsibilities={
            "audit": Responsibility("audit", "Audit", location=Location("org.yaml", 9)),
        },
    )


def finding(severity: Severity) -> Finding:
    return Finding("LEV001", "x", severity, Subject("seat", "s"), "m")


def test_check_a_workspace_object() -> None:
    report = levelset.check(workspace())
    assert report.workspace == Path("inline")
    assert report.problems == ()
    unowned = [f for f in report.findings if f.code == "JOB001"]
    assert [f.subject for f in unowned] == [Subject("responsibility", "audit")]
    assert unowned[0].location == Location("org.yaml", 9)
    assert levelset.exit_status(report) == 1


def test_select_and_ignore() -> None:
    only_job = levelset.check(workspace(), select=["JOB"])
    assert only_job.findings
    assert {f.code[:3] for f in only_job.findings} == {"JOB"}
    without = levelset.check(workspace(), ignore=["JOB001"])
    assert "JOB001" not in {f.code for f in without.findings}


def test_settings_select_applies_when_the_caller_gives_none() -> None:
    report = levelset.check(workspace(ignore=("JOB001",)))
    assert "JOB001" not in {f.code for f in report.findings}
    # the caller's own ignore replaces the file's
    report = levelset.check(workspace(ignore=("JOB001",)), ignore=["DOT"])
    assert "JOB001" in {f.code for f in report.findings}


def test_unknown_selector_in_settings_is_a_problem() -> None:
    report = levelset.check(workspace(select=("NOPE",)))
    assert any("NOPE" in p.message for p in report.problems)
    assert levelset.exit_status(report) == 2


def test_unknown_selector_raises_usage_error() -> None:
    with pytest.raises(levelset.UsageError, match="did you mean 'level-gap'"):
        levelset.check(workspace(), select=["level-gapp"])
    with pytest.raises(ValueError, match="ZZZ"):
        levelset.check(workspace(), ignore=["ZZZ"])


def test_unreadable_workspace_is_not_diagnosed(tmp_path: Path) -> None:
    (tmp_path / "org.yaml").write_text(
        textwrap.dedent("""
            seats:
              - {id: ceo, title: CEO, level: L5}
              - {id: ceo, title: CEO again, level: L5}
            responsibilities:
              - {id: audit, name: Audit}
        """)
    )
    report = levelset.check(tmp_path)
    assert report.problems
    assert report.findings == ()
    assert report.workspace == tmp_path
    assert levelset.exit_status(report) == 2


def test_exit_status_thresholds() -> None:
    warning = Report(Path("w"), findings=(finding(Severity.WARNING),))
    assert levelset.exit_status(warning) == 0
    assert levelset.exit_status(warning, Severity.WARNING) == 1
    assert levelset.exit_status(warning, "info") == 1
    assert levelset.exit_status(Report(Path("w"))) == 0
    error = Report(Path("w"), findings=(finding(Severity.ERROR),))
    assert levelset.exit_status(error, Severity.ERROR) == 1
    broken = Report(Path("w"), problems=(Problem(Location("a.yaml", 1), "bad"),))
    assert levelset.exit_status(broken, Severity.INFO) == 2


def test_fail_on_setting() -> None:
    assert levelset.fail_on_setting(workspace()) is Severity.ERROR
    assert levelset.fail_on_setting(workspace(fail_on="warning")) is Severity.WARNING


def test_find_rule() -> None:
    assert levelset.find_rule("level-gap").code == "LEV002"
    assert levelset.find_rule("lev002").name == "level-gap"
    with pytest.raises(levelset.UsageError, match="did you mean"):
        levelset.find_rule("LEV0022")


def test_init_writes_a_clean_workspace_and_never_overwrites(tmp_path: Path) -> None:
    written = levelset.init(tmp_path / "org", name='Quote "Co"')
    assert {p.name for p in written} >= {"levelset.toml"}
    loaded = levelset.load_workspace(tmp_path / "org")
    assert loaded.problems == ()
    assert loaded.workspace.name == 'Quote "Co"'
    report = levelset.check(tmp_path / "org")
    assert report.findings == ()
    assert report.problems == ()
    before = (tmp_path / "org" / "levelset.toml").read_text()
    with pytest.raises(levelset.UsageError, match="not empty"):
        levelset.init(tmp_path / "org")
    assert (tmp_path / "org" / "levelset.toml").read_text() == before
    (tmp_path / "file").write_text("x")
    with pytest.raises(levelset.UsageError, match="is a file"):
        levelset.init(tmp_path / "file")


@pytest.mark.parametrize(("written", "shown"), [(None, "610.3 MiB"), ('"2GB"', "1.8 GiB")])
def test_duckdb_is_held_to_the_memory_limit_of_the_data_settings(
    tmp_path: Path, written: str | None, shown: str
) -> None:
    """``[data] memory_limit`` reaches the engine the event run opens (DuckDB shows MiB
    and GiB); without it, 640MB."""
    (tmp_path / "org.yaml").write_text(
        "seats:\n  - {id: ceo, title: CEO, level: L5, holders: [ada]}\n"
        "people:\n  - {id: ada, name: Ada, email: ada@x.example}\n"
    )
    if written is not None:
        (tmp_path / "levelset.toml").write_text(f"[data]\nmemory_limit = {written}\n")
    (tmp_path / "data" / "time").mkdir(parents=True)
    (tmp_path / "data" / "time" / "t.csv").write_text(
        "person,date,hours,activity\nada,2026-01-05,2,strategy\n"
    )
    with levelset.events(tmp_path) as run:
        assert run.problems == []
        assert run.engine is not None
        con = run.engine.backend.con
        limit = con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
    assert limit == shown


def _with_events_and_finance(root: Path, toml: str) -> Path:
    (root / "org.yaml").write_text(
        "seats:\n  - {id: ceo, title: CEO, level: L5, holders: [ada]}\n"
        "people:\n  - {id: ada, name: Ada, email: ada@x.example}\n"
    )
    (root / "levelset.toml").write_text(toml)
    (root / "data" / "time").mkdir(parents=True)
    entries = "person,date,hours,activity\nada,2026-01-05,2,x\n"
    (root / "data" / "time" / "t.csv").write_text(entries)
    (root / "data" / "finance").mkdir(parents=True)
    (root / "data" / "finance" / "invoices.csv").write_text(
        "invoice,customer,issued,due,amount\ni1,Acme,2026-01-05,2026-02-04,100\n"
    )
    return root


def test_an_engine_that_cannot_be_opened_is_a_problem_at_the_setting(tmp_path: Path) -> None:
    root = _with_events_and_finance(tmp_path, '[data]\nengine = "mysql://db"\n')
    with levelset.events(root) as run:
        assert run.engine is None
        (problem,) = run.problems
    assert (problem.location.file, problem.location.line) == ("levelset.toml", 1)
    assert "mysql://db" in problem.message
    result = levelset.api.finance(root)
    assert result.finance is None
    assert [(p.location.file, p.message) for p in result.problems] == [
        ("levelset.toml", problem.message)
    ]


def test_an_engine_given_by_the_caller_is_not_blamed_on_the_settings(tmp_path: Path) -> None:
    root = _with_events_and_finance(tmp_path, '[organization]\nname = "X"\n')
    with levelset.events(root, engine="mysql://db") as run:
        (problem,) = run.problems
    assert problem.location.file == ""
    assert "postgres://" in problem.hint


def test_a_check_with_every_kind_of_data_never_imports_pandas() -> None:
    # pandas takes half a second to import; nothing levelset does needs it (pyarrow
    # imports it to build arrays from Python values, which the engine avoids).
    import subprocess  # noqa: PLC0415
    import sys  # noqa: PLC0415

    acme = Path(__file__).parents[2] / "examples" / "acme"
    script = (
        "import sys, levelset\n"
        f"report = levelset.check({str(acme)!r})\n"
        "assert report.finance is not None and report.allocation is not None\n"
        "print('pandas' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=300
    )
    assert done.stdout.strip() == "False", done.stderr
