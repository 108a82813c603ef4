"""Benchmark: the plan's verification (``levelset check`` builds a plan and applies it).

``levelset check`` turns its plan into a scenario (``plan_scenario``) and verifies it by
applying it to the workspace and its measured hours (``apply_scenario``) and running the
rules again. Each transfer of the plan is a ``hand-work`` operation, so the plan grows
with the organization: this measures how the whole command, and the two plan steps
alone, grow with the number of people. It generates its own data with
``events_scale.py``'s generator (time entries and calendars) at each size, runs
``levelset check WS --format json -o /dev/null`` in a child process (wall time, peak
memory), then times the two plan steps in this process on a check already made.

    uv run python bench/plan_scale.py                       # 500, 1,000 and 2,000 people
    uv run python bench/plan_scale.py --people 500 1000     # other sizes
    uv run python bench/plan_scale.py --keep DIR            # keep the generated files

Target: near-linear growth (operations x (seats + allocation rows)); no asserts, the
figures are for reading.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from events_scale import Scale, generate
from harness import run_child, warm_up
from levelset.model.scenario_apply import apply_scenario
from levelset.plan.scenario import plan_scenario
from levelset.service import Session

STATED_PEOPLE = 20_000  # events_scale's scale 1.0


def measure_size(root: Path, people: int) -> dict[str, float]:
    """Generate a workspace of ``people`` under ``root`` and time the check and its plan."""
    generate(root, Scale.of(people / STATED_PEOPLE))
    ws = root / "ws"
    child = run_child(
        [sys.executable, "-m", "levelset", "check", str(ws), "--format", "json", "-o", "/dev/null"],
        keep_output=False,
    )
    with Session(ws) as session:
        report = session.check()
        workspace = session.loaded.workspace
        started = time.perf_counter()
        scenario = plan_scenario(workspace, report.plan, report.findings)
        planned = time.perf_counter()
        apply_scenario(workspace, scenario, report.allocation)
        applied = time.perf_counter()
    rows = len(report.allocation.rows) if report.allocation is not None else 0
    return {
        "people": people,
        "rows": rows,
        "operations": len(scenario.operations),
        "check_s": child.wall,
        "check_mib": child.peak_mib,
        "exit": child.code,
        "plan_s": planned - started,
        "apply_s": applied - planned,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, nargs="+", default=[500, 1_000, 2_000])
    parser.add_argument("--keep", type=Path, help="write the files here and keep them")
    args = parser.parse_args()
    warm_up("import levelset.cli, levelset.service")
    print(
        f"{'people':>7} {'rows':>8} {'ops':>6} {'check s':>8} {'MiB':>6} "
        f"{'plan s':>7} {'apply s':>8}"
    )
    for people in args.people:
        with tempfile.TemporaryDirectory() as scratch:
            root = (args.keep or Path(scratch)) / f"plan-{people}"
            m = measure_size(root, people)
        exit_note = "" if m["exit"] in (0, 1) else f"  (exit {m['exit']:.0f})"
        print(
            f"{m['people']:>7.0f} {m['rows']:>8.0f} {m['operations']:>6.0f} "
            f"{m['check_s']:>8.1f} {m['check_mib']:>6.0f} {m['plan_s']:>7.2f} "
            f"{m['apply_s']:>8.2f}{exit_note}",
            flush=True,
        )


if __name__ == "__main__":
    main()
