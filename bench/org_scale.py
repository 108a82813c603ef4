"""Benchmark: `levelset check` on a synthetic organization at enterprise scale.

Generates (deterministically, seeded) an organization of 100,000 people holding 100,000
seats, 200,000 responsibilities and 50,000 goals, with a small share of defects so that
the rules have something to find, then times the whole `levelset check` command in a
child process (wall time, peak resident memory) and each phase in this process.

    uv run python bench/org_scale.py                # the stated scale, both styles
    uv run python bench/org_scale.py --scale 0.1    # a tenth of it, for a quick look
    uv run python bench/org_scale.py --style block  # one style only

Both YAML styles are measured by default: flow (one line per item, ``- {id: a, ...}``)
and block (one key per line, as ``yaml.safe_dump`` or a person writes them), since the
loader must be fast for what people write, not only for what generators write.

Targets (issue 2): under 20 s and 2 GiB on a 2-core machine; aim for under 5 s.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from harness import run_child, warm_up

# Seats per level, top first, at scale 1.0 (sums to 100,000).
LEVEL_SHARES = (("L5", 10), ("L4", 200), ("L3", 2_000), ("L2", 12_000), ("L1", 85_790))
HORIZONS = {"L5": "18mo", "L4": "9mo", "L3": "4mo", "L2": "2mo", "L1": "2w"}
FUNCTIONS = ("sales", "operations", "finance", "marketing", "engineering", "people")
DEFECT_RATE = 0.01


def seats_by_level(scale: float) -> list[tuple[str, int]]:
    """How many seats each level has at this scale (at least one per level)."""
    return [(level, max(1, round(count * scale))) for level, count in LEVEL_SHARES]


# An item is a list of (key, value) pairs; a value is a YAML scalar as written, a list of
# scalars, or a nested item. ``_render`` writes it in either style.
Scalar = str
Item = list[tuple[str, "Scalar | list[Scalar] | Item"]]
STYLES = ("flow", "block")


def generate(root: Path, scale: float, seed: int = 7, style: str = "flow") -> dict[str, int]:
    """Write the workspace under ``root`` and return how many of each object it holds.

    ``style`` is how items are written: ``flow``, one line each (``- {id: a, level: L1}``),
    or ``block``, one key a line, as ``yaml.safe_dump(..., sort_keys=False)`` writes them.
    Both styles hold the same organization.
    """
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    (root / "levelset.toml").write_text('[organization]\nname = "Synthetic Corp"\n')
    seats = _seat_rows(rng, scale)
    _write(root / "seats.yaml", "seats", _seat_items(seats), style)
    _write(root / "people.yaml", "people", _people_items(len(seats)), style)
    n_resp = round(200_000 * scale)
    n_goals = round(50_000 * scale)
    goal_ids, goals = _goal_items(rng, seats, n_goals)
    _write(root / "goals.yaml", "goals", iter(goals), style)
    _write(
        root / "responsibilities.yaml",
        "responsibilities",
        _responsibility_items(rng, seats, n_resp, goal_ids),
        style,
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


def _seat_items(seats: list[tuple[str, str, str | None, str]]) -> Iterator[Item]:
    for n, (seat_id, level, manager, function) in enumerate(seats):
        item: Item = [("id", seat_id), ("title", f"Seat {n}"), ("function", function)]
        item.append(("level", level))
        if manager:
            item.append(("reports_to", manager))
        item.append(("holders", [f"p{n}"]))
        yield item


def _people_items(count: int) -> Iterator[Item]:
    for n in range(count):
        yield [
            ("id", f"p{n}"),
            ("name", f"Person {n}"),
            ("email", f"p{n}@corp.example"),
            ("cost_rate", "80"),
        ]


def _goal_items(
    rng: random.Random, seats: list[tuple[str, str, str | None, str]], count: int
) -> tuple[list[str], list[Item]]:
    """Objectives owned by executives, key results below them owned down the levels."""
    executives = [s for s in seats if s[1] in ("L5", "L4")]
    managers = [s for s in seats if s[1] in ("L3", "L2")]
    objectives = max(1, count // 50)
    ids: list[str] = []
    items: list[Item] = []
    for n in range(count):
        goal_id = f"g{n}"
        if n < objectives:
            owner = executives[n % len(executives)]
            title = f"Objective {n}"
            items.append([("id", goal_id), ("title", title), ("owner", owner[0])])
            items[-1].append(("period", "'2026'"))
        else:
            owner = rng.choice(managers)
            parent = f"g{rng.randrange(objectives)}"
            item: Item = [("id", goal_id), ("title", f"Key result {n}"), ("parent", parent)]
            if rng.random() >= DEFECT_RATE:
                metric: Item = [("start", "10"), ("target", "50")]
                metric.append(("current", str(rng.randint(10, 60))))
                item += [("owner", owner[0]), ("period", "2026-Q3"), ("metric", metric)]
            items.append(item)
        ids.append(goal_id)
    return ids, items


def _responsibility_items(
    rng: random.Random, seats: list[tuple[str, str, str | None, str]], count: int, goals: list[str]
) -> Iterator[Item]:
    for n in range(count):
        seat_id, level, manager, function = seats[n % len(seats)]
        horizon = HORIZONS[level]
        if rng.random() < DEFECT_RATE:
            horizon = "2y"  # above any band but the top: a leveling finding
        item: Item = [("id", f"r{n}"), ("name", f"Responsibility {n}")]
        item += [("function", function), ("horizon", horizon), ("accountable", seat_id)]
        if manager:
            item.append(("responsible", [manager]))
        item.append(("goals", [rng.choice(goals)]))
        yield item


def _flow(item: Item) -> str:
    parts = []
    for key, value in item:
        if isinstance(value, str):
            parts.append(f"{key}: {value}")
        elif value and isinstance(value[0], tuple):
            parts.append(f"{key}: {_flow(value)}")
        else:
            parts.append(f"{key}: [{', '.join(value)}]")  # type: ignore[arg-type]
    return "{" + ", ".join(parts) + "}"


def _block(item: Item, indent: str) -> list[str]:
    # As safe_dump writes it: a list under a key is not indented further than the key.
    lines = []
    for key, value in item:
        if isinstance(value, str):
            lines.append(f"{indent}{key}: {value}")
        elif value and isinstance(value[0], tuple):
            lines.append(f"{indent}{key}:")
            lines += _block(value, indent + "  ")
        else:
            lines.append(f"{indent}{key}:")
            lines += [f"{indent}- {each}" for each in value]
    return lines


def _write(path: Path, section: str, items: Iterator[Item], style: str) -> None:
    with path.open("w") as out:
        out.write(f"{section}:\n")
        for item in items:
            if style == "flow":
                out.write(f"  - {_flow(item)}\n")
            else:
                lines = _block(item, "  ")
                out.write("- " + lines[0][2:] + "\n")
                out.write("\n".join(lines[1:]) + "\n")


def time_command(workspace: Path) -> tuple[float, float, int]:
    """Run `levelset check` in a child; return wall seconds, peak RSS in MiB, exit code."""
    check = [sys.executable, "-m", "levelset", "check", str(workspace), "--format", "json"]
    child = run_child(check, keep_output=False)
    if child.code == 2:
        print(child.errors, file=sys.stderr)
    return child.wall, child.peak_mib, child.code


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
    parser.add_argument("--keep", type=Path, help="write the workspaces here and keep them")
    parser.add_argument(
        "--style",
        choices=(*STYLES, "both"),
        default="both",
        help="how items are written: flow (one line each), block (as yaml.safe_dump "
        "writes them) or both, one after the other [default: both]",
    )
    args = parser.parse_args()
    warm_up("import levelset.cli, levelset.load, levelset.rules, levelset.plan")
    for style in STYLES if args.style == "both" else (args.style,):
        print(f"--- {style} style")
        measure(args.keep / style if args.keep else None, args.scale, style)


def measure(keep: Path | None, scale: float, style: str) -> None:
    """Generate one workspace in ``style`` and print its figures."""
    with tempfile.TemporaryDirectory() as tmp:
        root = keep or Path(tmp) / "org"
        started = time.perf_counter()
        counts = generate(root, scale, style=style)
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
