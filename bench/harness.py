"""What the benchmarks share: run a contender in a child process, measure it.

Each contender runs in its own child, one after the other (never side by side: the
development machine has 2 cores), and prints one JSON line of what it computed; the
parent takes its wall time and its own peak resident memory (``wait4``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
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


def measure(
    name: str,
    argv: list[str],
    read: Callable[[Any], dict[str, float]] = dict,
) -> Measure:
    """Run ``argv`` in a child that prints one JSON document; ``read`` turns it into the
    figures to compare (by default the document is those figures)."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as errors:
        child = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=errors, env=CHILD_ENV)
        assert child.stdout is not None
        output = child.stdout.read()
        # wait4 gives this child's own peak memory (RUSAGE_CHILDREN is the peak of them all).
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        code = os.waitstatus_to_exitcode(status)
        child.returncode = code
        errors.seek(0)
        message = errors.read().decode(errors="replace")
    result: dict[str, float] = {"exit": float(code)}
    try:
        result |= read(json.loads(output))
    except ValueError:
        print(f"{name}: exit status {code}\n{message[-2000:]}", file=sys.stderr)
        result["failed"] = 1.0
    return Measure(name, wall, usage.ru_maxrss / 1024, result)
