"""The long fuzzing campaign: mutated workspaces through the commands, seeded and
reproducible, each failure printed as a minimal workspace.

    uv run python scripts/fuzz.py --cases 10000 --seed 1
    uv run python scripts/fuzz.py --cases 200 --seed 7 --engine-share 1   # engine on all

Case ``i`` of seed ``S`` is always the same workspace (``fuzzkit.mutate`` draws from
``S * 1_000_003 + i``). Each case runs in a worker process with a time and memory limit,
so that a hang, a memory blow-up or a crash of the process itself (a segmentation fault)
is a failure of that case, not of the campaign. A failing case is shrunk (files, then
lines, while it still fails the same way) and printed as a manifest; ``--out DIR`` also
writes each to ``DIR/seed-S-case-i.json``, the form ``tests/fuzz/corpus`` keeps.

The oracle (``tests/fuzz/fuzzkit.py``): no traceback, exit status 0, 1 or 2, output valid
UTF-8 and strict JSON, every problem with a file, no file of the workspace written to.
Problems without a line are counted and listed at the end (``--strict-lines`` makes
them failures).
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing as mp
import random
import resource
import signal
import sys
import tempfile
import time
from collections import Counter
from multiprocessing.connection import Connection
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "fuzz"))

import fuzzkit  # noqa: E402

Verdict = tuple[list[str], list[str]]  # failures, problems without a line


def _worker(pipe: Connection, memory_mb: int, folder: str) -> None:
    """Run cases sent through ``pipe`` until told to stop; answer each with its verdict."""
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    root = Path(folder) / "ws"
    while True:
        message = pipe.recv()
        if message is None:
            return
        files, engine = message
        try:
            fuzzkit.write_workspace(files, root)
            outcome = fuzzkit.run_case(root, engine=engine)
            pipe.send((outcome.failures, outcome.problems_without_line))
        except MemoryError:
            pipe.send((["memory: the case needed more than the limit"], []))
        except Exception as error:  # the harness, not levelset: say so, keep going
            pipe.send(([f"harness error: {type(error).__name__}: {error}"], []))


class Runner:
    """A worker process, restarted after a case that killed or stalled it."""

    def __init__(self, timeout: float, memory_mb: int) -> None:
        self.timeout = timeout
        self.memory_mb = memory_mb
        self.folder = tempfile.mkdtemp(prefix="levelset-fuzz-")
        self.context = mp.get_context("spawn")  # no engine state shared with a parent
        self._start()

    def _start(self) -> None:
        self.pipe, child = self.context.Pipe()
        self.process = self.context.Process(
            target=_worker, args=(child, self.memory_mb, self.folder), daemon=True
        )
        self.process.start()

    def run(self, files: fuzzkit.Manifest, *, engine: bool) -> Verdict:
        """The verdict on one case; a hang or a dead worker is a failure."""
        try:
            self.pipe.send((files, engine))
            if not self.pipe.poll(self.timeout):
                self._restart()
                return [f"hang: no answer within {self.timeout:g} s"], []
            failures, without_line = self.pipe.recv()
            return failures, without_line
        except (EOFError, BrokenPipeError, ConnectionResetError):
            self.process.join(timeout=5)
            code = self.process.exitcode
            self._restart()
            return [f"the process died (exit code {code}: a crash such as a segfault)"], []

    def _restart(self) -> None:
        self.process.kill()
        self.process.join()
        self._start()

    def close(self) -> None:
        """Stop the worker."""
        with contextlib.suppress(BrokenPipeError, OSError):
            self.pipe.send(None)
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()


def _kind(failures: list[str]) -> str:
    """The first line of the first failure, without its details: what shrinking keeps."""
    first = failures[0]
    head = first.splitlines()[0]
    if "traceback" in head:
        frames = [line for line in first.splitlines() if line.strip()]
        return f"{head} {frames[-1][:120]}"
    return head[:160]


def shrink(runner: Runner, files: fuzzkit.Manifest, kind: str, *, engine: bool) -> fuzzkit.Manifest:
    """A smaller workspace that fails the same way: files dropped, then lines."""

    def still_fails(candidate: fuzzkit.Manifest) -> bool:
        failures, _ = runner.run(candidate, engine=engine)
        return bool(failures) and _kind(failures) == kind

    for name in sorted(files):
        trial = {k: v for k, v in files.items() if k != name}
        if trial and still_fails(trial):
            files = trial
    for name in sorted(files):
        lines = files[name].split(b"\n")
        step = max(1, len(lines) // 2)
        while step >= 1 and len(lines) > 1:
            start, changed = 0, False
            while start < len(lines):
                trial_lines = lines[:start] + lines[start + step :]
                if trial_lines and still_fails({**files, name: b"\n".join(trial_lines)}):
                    lines, changed = trial_lines, True
                else:
                    start += step
            files = {**files, name: b"\n".join(lines)}
            if not changed:
                step //= 2
    return files


def _arguments() -> argparse.Namespace:
    """The command line of the campaign."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--first", type=int, default=0, help="the first case number")
    parser.add_argument(
        "--engine-share",
        type=float,
        default=0.1,
        help="share of cases that also run check and finance with the engine",
    )
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per case")
    parser.add_argument("--memory-mb", type=int, default=3000, help="memory per case")
    parser.add_argument("--out", type=Path, help="write each failing case here")
    parser.add_argument(
        "--minutes", type=float, help="start no case after this long; the summary still prints"
    )
    parser.add_argument("--no-shrink", action="store_true")
    parser.add_argument("--strict-lines", action="store_true")
    parser.add_argument(
        "--lines-listed", type=int, default=10, help="how many problems without a line to list"
    )
    return parser.parse_args()


def main() -> int:
    """Run the campaign; exit 1 when a case failed."""
    args = _arguments()

    seed = fuzzkit.seed_workspace()
    runner = Runner(args.timeout, args.memory_mb)
    chooser = random.Random(args.seed)
    failed: dict[str, list[int]] = {}
    without_line: Counter[str] = Counter()
    engine_cases = 0
    started = time.monotonic()
    ran = 0
    # A campaign stopped with Ctrl-C or SIGTERM still says what it found.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        for number in range(args.first, args.first + args.cases):
            if args.minutes is not None and time.monotonic() - started > args.minutes * 60:
                break
            ran += 1
            files, done = fuzzkit.mutate(seed, args.seed * 1_000_003 + number)
            engine = chooser.random() < args.engine_share
            engine_cases += engine
            failures, no_line = runner.run(files, engine=engine)
            without_line.update(no_line)
            if args.strict_lines and no_line and not failures:
                failures = [f"problems without a line: {no_line[:3]}"]
            if failures:
                kind = _kind(failures)
                first_time = kind not in failed
                failed.setdefault(kind, []).append(number)
                if first_time:
                    _report(
                        runner,
                        args,
                        number,
                        files,
                        done=done,
                        failures=failures,
                        kind=kind,
                        engine=engine,
                    )
            if (number - args.first + 1) % 100 == 0:
                elapsed = time.monotonic() - started
                print(
                    f"... {number - args.first + 1} cases, {sum(map(len, failed.values()))} "
                    f"failed, {elapsed:.0f} s",
                    file=sys.stderr,
                    flush=True,
                )
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
    finally:
        runner.close()
    elapsed = time.monotonic() - started
    print(
        f"\n{ran} cases (seed {args.seed}, {engine_cases} with the engine) in "
        f"{elapsed:.0f} s: {sum(map(len, failed.values()))} failed, "
        f"{len(failed)} distinct failure kinds"
    )
    for kind, numbers in failed.items():
        print(f"  {len(numbers)} x {kind} (cases {', '.join(map(str, numbers[:10]))})")
    if without_line:
        print(f"{sum(without_line.values())} problems without a line; the most frequent:")
        for message, count in without_line.most_common(args.lines_listed):
            print(f"  {count} x {message[:150]}")
    return 1 if failed else 0


def _report(
    runner: Runner,
    args: argparse.Namespace,
    number: int,
    files: fuzzkit.Manifest,
    *,
    done: list[str],
    failures: list[str],
    kind: str,
    engine: bool,
) -> None:
    if not args.no_shrink:
        files = shrink(runner, files, kind, engine=engine)
    about = {
        "seed": args.seed,
        "case": number,
        "engine": engine,
        "mutations": done,
        "failure": failures[0][:4000],
    }
    manifest = fuzzkit.to_manifest_json(files, about)
    print(f"\n=== case {number}: {kind}\n{manifest}", flush=True)
    if args.out is not None:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / f"seed-{args.seed}-case-{number}.json").write_text(manifest, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
