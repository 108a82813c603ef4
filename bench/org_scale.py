"""Benchmark: `levelset check` on a synthetic organization at enterprise scale.

Generates (deterministically, seeded) an organization of 100,000 people holding 100,000
seats, 200,000 responsibilities and 50,000 goals, with a small share of defects so that
the rules have something to find, then times the whole `levelset check` command in a
child process (wall time, peak resident memory) and each phase in this process.

    uv run python bench/org_scale.py                # the stated scale
    uv run python bench/org_scale.py --scale 0.1    # a tenth of it, for a quick look

Targets (issue 2): under 20 s and 2 GiB on a 2-core machine; aim for under 5 s.
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

# Seats per level, top first, at scale 1.0 (sums to 100,000).
LEVEL_SHARES = (("L5", 10), ("L4", 200), ("L3", 2_000), ("L2", 12_000), ("L1", 85_790))
HORIZONS = {"L5": "18mo", "L4": "9mo", "L3": "4mo", "L2": "2mo", "L1": "2w"}
FUNCTIONS = ("sales", "operations", "finance", "marketing", "engineering", "people")
DEFECT_RATE = 0.01


def seats_by_level(scale: float) -> list[tuple[str, int]]:
    """How many seats each level has at this scale (at least one per level)."""
    return [(level, max(1, round(count * scale))) for level, count in LEVEL_SHARES]


def generate(root: Path, scale: float, seed: int = 7) -> dict[str, int]:
    """Write the workspace under ``root`` and return how many of each object it holds."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    (root / "levelset.toml").write_text('[organization]\nname = "Synthetic Corp"\n')
    seats = _seat_rows(rng, scale)
    _write(root / "seats.yaml", "seats", _seat_lines(seats))
    _write(root / "people.yaml", "people", _people_lines(len(seats)))
    n_resp = round(200_000 * scale)
    n_goals = round(50_000 * scale)
    goal_owners = _write_goals(root / "goals.yaml", rng, seats, n_goals)
    _write(
        root / "responsibilities.yaml",
        "responsibilities",
        _responsibility_lines(rng, seats, n_resp, goal_owners),
    )
    return {"people": len(seats), "seats": len(seats), "responsibilities": n_resp, "goals": n_goals}


def _seat_rows(rng: random.Random, scale: float) -> list[tuple[str, str, str | None, str]]:
    rows: list[tuple[str, str, str | None, str]] = []
    above: list[str] = []
    for level, count in seats_by_level(scale):
        current = []
        for i in range(count):
            seat_id = f"s-{level.lower()}-{i}"
            manager = rng.choice(above) if above else None
            rows.append((seat_id, level, manager, FUNCTIONS[i % len(FUNCTIONS)]))
            current.append(seat_id)
        above = current
    return rows


def _seat_lines(seats: list[tuple[str, str, str | None, str]]) -> Iterator[str]:
    for n, (seat_id, level, manager, function) in enumerate(seats):
        reports = f", reports_to: {manager}" if manager else ""
        yield (
            f"  - {{id: {seat_id}, title: Seat {n}, function: {function}, level: {level}"
            f"{reports}, holders: [p{n}]}}"
        )


def _people_lines(count: int) -> Iterator[str]:
    for n in range(count):
        yield f"  - {{id: p{n}, name: Person {n}, email: p{n}@corp.example, cost_rate: 80}}"


def _write_goals(
    path: Path, rng: random.Random, seats: list[tuple[str, str, str | None, str]], count: int
) -> list[str]:
    """Objectives owned by executives, key results below them owned down the levels."""
    executives = [s for s in seats if s[1] in ("L5", "L4")]
    managers = [s for s in seats if s[1] in ("L3", "L2")]
    objectives = max(1, count // 50)
    ids: list[str] = []
    lines: list[str] = []
    for n in range(count):
        goal_id = f"g{n}"
        if n < objectives:
            owner = executives[n % len(executives)]
            lines.append(
                f"  - {{id: {goal_id}, title: Objective {n}, owner: {owner[0]}, period: '2026'}}"
            )
        else:
            owner = rng.choice(managers)
            parent = f"g{rng.randrange(objectives)}"
            if rng.random() < DEFECT_RATE:
                lines.append(f"  - {{id: {goal_id}, title: Key result {n}, parent: {parent}}}")
            else:
                lines.append(
                    f"  - {{id: {goal_id}, title: Key result {n}, parent: {parent}, "
                    f"owner: {owner[0]}, period: 2026-Q3, "
                    f"metric: {{start: 10, target: 50, current: {rng.randint(10, 60)}}}}}"
                )
        ids.append(goal_id)
    _write(path, "goals", iter(lines))
    return ids


def _responsibility_lines(
    rng: random.Random, seats: list[tuple[str, str, str | None, str]], count: int, goals: list[str]
) -> Iterator[str]:
    for n in range(count):
        seat_id, level, manager, function = seats[n % len(seats)]
        horizon = HORIZONS[level]
        if rng.random() < DEFECT_RATE:
            horizon = "2y"  # above any band but the top: a leveling finding
        responsible = f", responsible: [{manager}]" if manager else ""
        yield (
            f"  - {{id: r{n}, name: Responsibility {n}, function: {function}, "
            f"horizon: {horizon}, accountable: {seat_id}{responsible}, "
            f"goals: [{rng.choice(goals)}]}}"
        )


def _write(path: Path, section: str, lines: Iterator[str]) -> None:
    with path.open("w") as out:
        out.write(f"{section}:\n")
        for line in lines:
            out.write(line)
            out.write("\n")


def time_command(workspace: Path) -> tuple[float, float, int]:
    """Run `levelset check` in a child; return wall seconds, peak RSS in MiB, exit code."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "levelset", "check", str(workspace), "--format", "json"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        check=False,
        text=True,
    )
    wall = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if done.returncode == 2:
        print(done.stderr[-2000:], file=sys.stderr)
    return wall, max(peak, before) / 1024, done.returncode


# The imports are here, not at the top, so the child process alone pays for them first.
def time_phases(workspace: Path) -> dict[str, float]:
    """Time load, rules and plan in this process (imported here: the child measures all)."""
    from levelset.load import load_workspace  # noqa: PLC0415
    from levelset.plan import build_plan  # noqa: PLC0415
    from levelset.rules import builtin_registry, run_rules  # noqa: PLC0415

    phases: dict[str, float] = {}
    started = time.perf_counter()
    result = load_workspace(workspace)
    phases["load"] = time.perf_counter() - started
    started = time.perf_counter()
    findings, _ = run_rules(result.workspace, list(builtin_registry()))
    phases["rules"] = time.perf_counter() - started
    started = time.perf_counter()
    build_plan(result.workspace, findings)
    phases["plan"] = time.perf_counter() - started
    phases["findings"] = float(len(findings))
    phases["problems"] = float(len(result.problems))
    return phases


def main() -> None:
    """Generate, measure, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = 100,000 people")
    parser.add_argument("--keep", type=Path, help="write the workspace here and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = args.keep or Path(tmp) / "org"
        started = time.perf_counter()
        counts = generate(root, args.scale)
        generated = time.perf_counter() - started
        size = sum(p.stat().st_size for p in root.iterdir()) / 2**20
        print(
            f"workspace: {', '.join(f'{v:,} {k}' for k, v in counts.items())}; "
            f"{size:.1f} MiB of YAML, generated in {generated:.1f} s"
        )
        wall, peak, status = time_command(root)
        print(
            f"levelset check (whole command, child process): {wall:6.2f} s wall, "
            f"peak RSS {peak:7.1f} MiB, exit status {status}"
        )
        phases = time_phases(root)
        print(
            "phases in-process: "
            + ", ".join(
                f"{k} {v:.2f} s" for k, v in phases.items() if k in ("load", "rules", "plan")
            )
        )
        print(f"findings: {int(phases['findings']):,}; problems: {int(phases['problems']):,}")
        print(
            f"targets: < 20 s and < 2048 MiB (aim < 5 s): "
            f"{'met' if wall < 20 and peak < 2048 else 'NOT met'}"
        )


if __name__ == "__main__":
    main()
