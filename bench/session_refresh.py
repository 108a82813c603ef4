"""Benchmark: a session asked again after a YAML file changed, on the events workspace.

Generates the workspace of ``events_scale.py`` (20,000 people, 20,000,000 time entries,
2,000,000 calendar occurrences at the stated scale) and runs, each in a child process:

1. a ``levelset.service.Session`` that checks the workspace, then a YAML file changes
   (a responsibility is renamed in ``responsibilities.yaml``), and it checks again: the
   second check re-reads the organization and resolves the kept scans of the event
   files against it, without reading them again;
2. the baseline: a fresh ``levelset.api.check`` after the same change, which reads
   everything again (what every question cost before the service layer).

The two second checks must give the same findings. Printed: the wall time of each step,
their ratio and each child's peak memory.

    uv run python bench/session_refresh.py                 # the stated scale
    uv run python bench/session_refresh.py --scale 0.05    # a twentieth, for a quick look
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

from events_scale import Scale, generate
from harness import arguments, be_child, measure, rounds, warm_up

_IMPORTS = "import levelset.service, levelset.engine, ibis, duckdb"


def _change(ws: Path) -> None:
    """Rename the first responsibility: a YAML change that leaves every event file as it is."""
    path = ws / "responsibilities.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("name: Responsibility 0,", "name: Renamed responsibility,", 1))


def run_session(root: Path) -> dict[str, float]:
    """A session: check, change a YAML file, check again."""
    from levelset.service import Session  # noqa: PLC0415

    ws = root / "ws"
    with Session(ws) as session:
        started = time.perf_counter()
        first = session.check()
        first_s = time.perf_counter() - started
        _change(ws)
        started = time.perf_counter()
        second = session.check()
        again_s = time.perf_counter() - started
        return {
            "first_s": first_s,
            "again_s": again_s,
            "findings": float(len(second.findings)),
            "first_findings": float(len(first.findings)),
            "time files scanned": float(session.computed["event files"]),
            "cubes built": float(session.computed["events"]),
        }


def run_fresh(root: Path) -> dict[str, float]:
    """The baseline: a fresh check after the change."""
    import levelset  # noqa: PLC0415

    _change(root / "ws")
    started = time.perf_counter()
    report = levelset.check(root / "ws")
    return {"again_s": time.perf_counter() - started, "findings": float(len(report.findings))}


CONTENDERS = {"session": run_session, "fresh": run_fresh}


def main() -> None:
    """Generate, measure, print; or, with --child, be one contender."""
    args = arguments(__doc__.splitlines()[0], "1.0 = 20,000 people, 20M entries")
    if be_child(args, CONTENDERS):
        return
    scale = Scale.of(args.scale)
    with tempfile.TemporaryDirectory() as tmp:
        root = args.keep or Path(tmp)
        generate(root, scale)
        pristine = root / "pristine.yaml"
        shutil.copy(root / "ws" / "responsibilities.yaml", pristine)
        warm_up(_IMPORTS)
        me = [sys.executable, str(Path(__file__).resolve())]

        def one_round() -> list:  # type: ignore[type-arg]
            taken = []
            for name in CONTENDERS:
                shutil.copy(pristine, root / "ws" / "responsibilities.yaml")
                taken.append(measure(name, [*me, "--child", name, str(root)]))
            return taken

        session, fresh = rounds(one_round, args.repeat)
    print(f"scale {args.scale}: {scale.people:,} people, {scale.entries:,} time entries")
    print(json.dumps({"session": session.result, "fresh": fresh.result}, indent=1))
    print(f"{'':44} {'wall s':>8} {'peak MiB':>9}")
    print(f"{'session: first check':44} {session.result['first_s']:8.2f}")
    print(f"{'session: check again after a YAML change':44} {session.result['again_s']:8.2f}")
    print(f"{'fresh check after the change (baseline)':44} {fresh.result['again_s']:8.2f}")
    print(f"{'session child (both checks), peak':44} {session.wall:8.2f} {session.peak_mib:9.0f}")
    print(f"{'fresh child, peak':44} {fresh.wall:8.2f} {fresh.peak_mib:9.0f}")
    ratio = session.result["again_s"] / fresh.result["again_s"]
    print(f"check again / fresh check: {ratio:.2f}x")
    scanned = session.result["time files scanned"]
    print(f"the session scanned the event files {scanned:.0f} time(s) for its two checks")
    same = session.result["findings"] == fresh.result["findings"]
    print(f"findings after the change agree: {'yes' if same else 'NO'}")


if __name__ == "__main__":
    main()
