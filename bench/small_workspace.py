"""Benchmark: a small workspace, checked after every edit (issue 17, part 6).

Most users have a few hundred people and a year of data. On such a workspace
(``examples/acme`` by default: 1.7 MB of YAML, time, calendar and finance files) the
time goes to fixed costs, not to the data: Python and its imports, building, compiling
and running many small queries. This measures, each in a child process:

1. ``command``: the whole ``levelset check WS --format json``, as a person runs it;
2. ``phases``: the same work in one process, each phase timed on its own: import
   (``levelset.cli``), load (the YAML), engine start (importing the engine and opening
   DuckDB), events (the allocation cube), finance (the figures), rules (the rules, the
   plan and its verification, as ``check`` runs them) and render (the JSON); with the
   number of queries the engine ran and the time spent compiling expressions to SQL;
3. ``refresh``: a service session that checks, then one YAML file changes (a
   responsibility renamed) and it checks again: the second check's time is what the
   web app waits for after an edit;
4. ``duckdb``: the floor, DuckDB SQL on the same files: importing DuckDB, reading every
   time and finance CSV file, the hours by person and week, and the revenue and open
   receivables by customer (SQL reads no ICS and checks no value: a floor, not an equal).

Printed: each contender's best wall time of ``--repeat`` rounds (run one after the
other, interleaved: on a shared machine, compare the ratios), its ratio to the floor,
its peak resident memory, and the phases.

    uv run python bench/small_workspace.py                   # examples/acme, best of 3
    uv run python bench/small_workspace.py --repeat 5 --workspace PATH
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from harness import Child, run_child, warm_up

_IMPORTS = "import levelset.cli, levelset.service, levelset.engine.events, levelset.engine.finance"
_ACME = Path(__file__).resolve().parents[1] / "examples" / "acme"
#: The rename the refresh contender makes: a YAML change that leaves every data file as is.
_RENAMED = ("name: Monthly strategy session", "name: Monthly strategy meeting")


def _counting() -> dict[str, float]:
    """Count the engine's statements (run, fetched, tables loaded from Python and
    tables' schemas read) and time the compiling of expressions to SQL, by wrapping
    Ibis' DuckDB backend and levelset's, in this child."""
    from ibis.backends.duckdb import Backend  # noqa: PLC0415
    from ibis.backends.sql.compilers.base import SQLGlotCompiler  # noqa: PLC0415

    from levelset.engine.backends.duckdb import DuckDBEngine  # noqa: PLC0415

    counts = {"queries": 0.0, "compile_s": 0.0}

    def counted(run: Any) -> Any:
        def run_counted(self: Any, *args: Any, **kwargs: Any) -> Any:
            counts["queries"] += 1
            return run(self, *args, **kwargs)

        return run_counted

    raw_sql, to_arrow = Backend.raw_sql, DuckDBEngine.to_arrow
    to_sqlglot = SQLGlotCompiler.to_sqlglot
    # Statements run straight on DuckDB's connection: counted where they are made (the
    # code of an earlier commit may lack ``_table``, its own read of a schema).
    direct = ["small_table", "arrow_table", "_table"]
    for name in (n for n in direct if hasattr(DuckDBEngine, n)):
        setattr(DuckDBEngine, name, counted(getattr(DuckDBEngine, name)))
    Backend.get_schema = counted(Backend.get_schema)  # type: ignore[method-assign]

    def timed(self: Any, *args: Any, **kwargs: Any) -> Any:
        started = time.process_time()
        try:
            return to_sqlglot(self, *args, **kwargs)
        finally:
            counts["compile_s"] += time.process_time() - started

    Backend.raw_sql = counted(raw_sql)  # type: ignore[method-assign]
    DuckDBEngine.to_arrow = counted(to_arrow)  # type: ignore[method-assign]
    SQLGlotCompiler.to_sqlglot = timed  # type: ignore[method-assign]
    return counts


def run_phases(ws: Path) -> dict[str, float]:
    """The work of ``levelset check --format json``, one phase at a time."""
    clock = time.process_time  # CPU seconds: the machine may be shared
    times: dict[str, float] = {}
    started = clock()
    import levelset.cli  # noqa: F401, PLC0415
    from levelset.report.formats import default_formats  # noqa: PLC0415
    from levelset.report.views import CheckView  # noqa: PLC0415
    from levelset.service import Session  # noqa: PLC0415

    times["import"] = clock() - started
    started = clock()
    session = Session(ws, reuse=True)  # keeps the cube and figures for the rules' phase
    session.loaded  # noqa: B018 - the YAML read
    times["load"] = clock() - started
    started = clock()
    from levelset.engine import open_engine  # noqa: PLC0415
    from levelset.engine.events import build_cube  # noqa: F401, PLC0415
    from levelset.engine.finance import build_finance  # noqa: F401, PLC0415

    open_engine(None).close()
    times["engine start"] = clock() - started
    counts = _counting()
    for phase, ask in (("events", session.events), ("finance", session.finance)):
        started = clock()
        ask()
        times[phase] = clock() - started
    started = clock()
    verified = session.verified_plan()
    times["rules"] = clock() - started
    started = clock()
    families = dict(session.registry.families)
    view = CheckView(verified.report, families=families, applied=verified.applied)
    rendered = default_formats().render("json", view)
    times["render"] = clock() - started
    session.close()
    findings = float(len(verified.report.findings))
    return {**times, **counts, "findings": findings, "chars": float(len(str(rendered)))}


def run_refresh(ws: Path) -> dict[str, float]:
    """A session: check, rename a responsibility in its YAML file, check again."""
    from levelset.service import Session  # noqa: PLC0415

    path = ws / "responsibilities.yaml"
    pristine = path.read_text(encoding="utf-8")
    try:
        with Session(ws) as session:
            started = time.perf_counter()
            session.check()
            first = time.perf_counter() - started
            path.write_text(pristine.replace(*_RENAMED, 1), encoding="utf-8")
            started, cpu = time.perf_counter(), time.process_time()
            report = session.check()
            again = time.perf_counter() - started
            again_cpu = time.process_time() - cpu
            computed = session.computed
    finally:
        path.write_text(pristine, encoding="utf-8")
    return {
        "first_s": first,
        "again_s": again,
        "again_cpu_s": again_cpu,
        "findings": float(len(report.findings)),
        "event files read": float(computed["event files"]),
        "finance files read": float(computed["finance files"]),
    }


_FLOOR_SQL = """
with entries as (
    select person, date, hours from read_csv('{time}/acme-timesheet.csv')
    union all
    select "Email", "Start date", extract(epoch from "Duration"::interval) / 3600
    from read_csv('{time}/brightline-toggl.csv')
    union all
    select "First Name" || ' ' || "Last Name", "Date", "Hours"
    from read_csv('{time}/stride-harvest.csv')
)
select person, date_trunc('week', date) as week, sum(hours) as hours
from entries group by all
"""
_FLOOR_FINANCE = """
with paid as (select invoice, sum(amount) as paid from read_csv('{fin}/payments.csv')
              group by all)
select i.customer, sum(i.amount) as revenue, sum(i.amount - coalesce(p.paid, 0)) as open
from read_csv('{fin}/invoices.csv') i left join paid p using (invoice)
group by all
"""


def run_duckdb(ws: Path) -> dict[str, float]:
    """The floor: DuckDB SQL over the same CSV files (hours by person and week, revenue
    and open receivables by customer)."""
    import duckdb  # noqa: PLC0415

    con = duckdb.connect()
    weeks = con.sql(_FLOOR_SQL.format(time=ws / "data" / "time")).fetchall()
    customers = con.sql(_FLOOR_FINANCE.format(fin=ws / "data" / "finance")).fetchall()
    con.close()
    return {"week rows": float(len(weeks)), "customers": float(len(customers))}


CONTENDERS = {"phases": run_phases, "refresh": run_refresh, "duckdb": run_duckdb}


@dataclass(frozen=True)
class Run:
    """One child measured: as ``harness`` measures it, and the CPU seconds it used."""

    child: Child
    cpu: float


def _measured(argv: list[str], *, keep_output: bool = True) -> Run:
    """``harness.run_child``, with the child's CPU time (user and system): on a machine
    shared with others the wall time waits for the cores, the CPU time does not."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    child = run_child(argv, keep_output=keep_output)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return Run(child, cpu)


def _child(name: str, ws: Path) -> Run:
    me = [sys.executable, str(Path(__file__).resolve())]
    return _measured([*me, "--child", name, str(ws)])


def _command(ws: Path) -> Run:
    argv = [sys.executable, "-m", "levelset", "check", str(ws), "--format", "json"]
    return _measured(argv, keep_output=False)


def _result(run: Run) -> dict[str, float]:
    try:
        found: dict[str, float] = json.loads(run.child.output)
    except ValueError:
        print(f"a child failed (exit {run.child.code}):\n{run.child.errors}", file=sys.stderr)
        return {}
    return found


def _report(taken: dict[str, list[Run]]) -> None:
    wall = {name: min(r.child.wall for r in runs) for name, runs in taken.items()}
    cpu = {name: min(r.cpu for r in runs) for name, runs in taken.items()}
    peak = {name: max(r.child.peak_mib for r in runs) for name, runs in taken.items()}
    rounds = len(taken["duckdb"])
    print(f"(best of {rounds} rounds)")
    print(f"{'':44} {'wall s':>7} {'x floor':>8} {'CPU s':>6} {'x floor':>8} {'peak MiB':>9}")
    for name, label in _LABELS.items():
        ratios = (
            f"{wall[name] / wall['duckdb']:8.2f} {cpu[name]:6.2f} {cpu[name] / cpu['duckdb']:8.2f}"
        )
        print(f"{label:44} {wall[name]:7.2f} {ratios} {peak[name]:9.0f}")
    phases = {
        name: min(_result(run).get(name, float("nan")) for run in taken["phases"])
        for name in _PHASES
    }
    print("phases, CPU s (best of each): " + ", ".join(f"{k} {v:.2f}" for k, v in phases.items()))
    counted = min((_result(run) for run in taken["phases"]), key=lambda r: r.get("finance", 0))
    queries, compile_s = counted.get("queries", 0), counted.get("compile_s", 0)
    print(f"engine: {queries:.0f} queries, {compile_s:.2f} s CPU compiling expressions to SQL")
    refreshed = [_result(run) for run in taken["refresh"]]
    first = min(r.get("first_s", float("nan")) for r in refreshed)
    again = min(r.get("again_s", float("nan")) for r in refreshed)
    again_cpu = min(r.get("again_cpu_s", float("nan")) for r in refreshed)
    print(
        f"session: first check {first:.2f} s; check after a YAML change {again:.2f} s "
        f"({again_cpu:.2f} s CPU)"
    )
    met = "met" if wall["command"] < 2 else "NOT met"
    print(
        f"target: whole command under 2 s: {met} "
        f"({wall['command']:.2f} s, CPU {cpu['command']:.2f} s)"
    )
    met = "met" if again < 0.5 else "NOT met"
    print(f"target: a session's check after a YAML change under 0.5 s: {met} ({again:.2f} s)")


_LABELS = {
    "command": "levelset check WS --format json (whole)",
    "phases": "the same work, phase by phase (one child)",
    "refresh": "service session: check, edit, check again",
    "duckdb": "DuckDB SQL on the same CSV files (floor)",
}
_PHASES = ("import", "load", "engine start", "events", "finance", "rules", "render")


def main() -> None:
    """Measure, print; or, with --child, be one contender."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workspace", type=Path, default=_ACME, help="default: examples/acme")
    parser.add_argument("--repeat", type=int, default=3, help="rounds; the best is reported")
    parser.add_argument("--child", nargs=2, metavar=("CONTENDER", "WS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        name, ws = args.child
        print(json.dumps(CONTENDERS[name](Path(ws))))
        return
    with tempfile.TemporaryDirectory() as tmp:
        ws = Path(tmp) / "ws"
        shutil.copytree(args.workspace, ws, ignore=shutil.ignore_patterns(".levelset"))
        warm_up(_IMPORTS)
        taken: dict[str, list[Run]] = {name: [] for name in _LABELS}
        for _ in range(max(args.repeat, 1)):
            taken["command"].append(_command(ws))
            for name in CONTENDERS:
                taken[name].append(_child(name, ws))
    print(f"workspace: {args.workspace}")
    _report(taken)


if __name__ == "__main__":
    main()
