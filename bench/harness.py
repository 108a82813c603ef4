"""What the benchmarks share: run a contender in a child process, measure it.

Each contender runs in its own child, one after the other (never side by side: the
development machine has 2 cores), and prints one JSON line of what it computed; the
parent takes its wall time and its own peak resident memory (``wait4``).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Children may cache compiled imports, as any user's second run has them: with
# PYTHONDONTWRITEBYTECODE set, every run compiles ibis and pandas from source (seconds).
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


@dataclass(frozen=True)
class Measure:
    """One child's wall time, peak memory and what it computed."""

    name: str
    wall: float
    peak_mib: float
    result: dict[str, float]


def warm_up(imports: str) -> None:
    """Run ``imports`` once in a child, so that compiled bytecode is cached."""
    subprocess.run([sys.executable, "-c", imports], env=CHILD_ENV, check=False)


@dataclass(frozen=True)
class Child:
    """A finished child: wall seconds, its own peak memory, exit status, what it printed
    (standard output only when kept) and the end of what it wrote to standard error."""

    wall: float
    peak_mib: float
    code: int
    output: bytes
    errors: str


def run_child(argv: list[str], *, keep_output: bool = True) -> Child:
    """Run ``argv`` in a child process and measure it (``keep_output=False`` lets a large
    output go, unread)."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as errors:
        out = subprocess.PIPE if keep_output else subprocess.DEVNULL
        child = subprocess.Popen(argv, stdout=out, stderr=errors, env=CHILD_ENV)
        output = child.stdout.read() if child.stdout is not None else b""
        # wait4 gives this child's own peak memory (RUSAGE_CHILDREN is the peak of them all).
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        code = os.waitstatus_to_exitcode(status)
        child.returncode = code
        errors.seek(0)
        message = errors.read().decode(errors="replace")[-2000:]
    return Child(wall, usage.ru_maxrss / 1024, code, output, message)


def measure(
    name: str,
    argv: list[str],
    read: Callable[[Any], dict[str, float]] = dict,
) -> Measure:
    """Run ``argv`` in a child that prints one JSON document; ``read`` turns it into the
    figures to compare (by default the document is those figures)."""
    child = run_child(argv)
    result: dict[str, float] = {"exit": float(child.code)}
    try:
        result |= read(json.loads(child.output))
    except ValueError:
        print(f"{name}: exit status {child.code}\n{child.errors}", file=sys.stderr)
        result["failed"] = 1.0
    return Measure(name, child.wall, child.peak_mib, result)


def rounds(run: Callable[[], list[Measure]], count: int) -> list[Measure]:
    """``run`` (every contender once, in turn) ``count`` times; each contender's median
    wall time and highest peak memory. On a shared machine one run can be a third slower
    than the next: the median of interleaved rounds is the figure to compare."""
    taken = [run() for _ in range(max(count, 1))]
    if count > 1:
        print(f"(the median wall time of {count} rounds, each contender once a round)")
    medians = []
    for i, first in enumerate(taken[0]):
        same = [r[i] for r in taken]
        failed = {"failed": 1.0} if any("failed" in m.result for m in same) else {}
        wall = statistics.median(m.wall for m in same)
        medians.append(
            Measure(first.name, wall, max(m.peak_mib for m in same), first.result | failed)
        )
    return medians


def arguments(description: str, scale_help: str) -> argparse.Namespace:
    """The command line every benchmark takes: ``--scale``, ``--keep``, ``--repeat``, and
    the hidden ``--child CONTENDER ROOT`` a benchmark runs itself with."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--scale", type=float, default=1.0, help=scale_help)
    parser.add_argument("--keep", type=Path, help="write the files here and keep them")
    parser.add_argument(
        "--repeat", type=int, default=1, help="run every contender N times, report the medians"
    )
    parser.add_argument(
        "--engine",
        metavar="URL",
        help="also run levelset on this engine (spark://, sc://host:port), beside DuckDB",
    )
    parser.add_argument("--child", nargs=2, metavar=("CONTENDER", "ROOT"), help=argparse.SUPPRESS)
    return parser.parse_args()


def be_child(args: argparse.Namespace, contenders: dict[str, Callable[[Path], Any]]) -> bool:
    """With ``--child``, run that contender and print what it computed (as one JSON
    line, which ``measure`` reads); whether this process was a child."""
    if not args.child:
        return False
    if args.engine:  # the engine levelset's contenders open (``bench_engine``)
        os.environ[ENGINE_VARIABLE] = args.engine
    name, root = args.child
    print(json.dumps(contenders[name](Path(root))))
    return True


#: Where a child finds the engine its levelset contender opens (``--engine``).
ENGINE_VARIABLE = "LEVELSET_BENCH_ENGINE"


def bench_engine() -> str | None:
    """The engine a levelset contender opens: ``--engine``'s, else levelset's default."""
    return os.environ.get(ENGINE_VARIABLE)


def jvm_peak_mib() -> float | None:
    """The peak resident memory of this process's Spark JVM (local mode), if one runs."""
    context = sys.modules.get("pyspark") and sys.modules["pyspark"].SparkContext
    gateway = getattr(context, "_gateway", None) if context else None
    process = getattr(gateway, "proc", None)
    if process is None:
        return None
    try:
        status = Path(f"/proc/{process.pid}/status").read_text()
    except OSError:
        return None
    peak = next((line.split()[1] for line in status.splitlines() if line.startswith("VmHWM")), None)
    return int(peak) / 1024 if peak else None
