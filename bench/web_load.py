"""Benchmark: ``levelset serve`` under load, driven by a real HTTP load generator (wrk).

Generates an organization of 10,000 seats (one person each) with a year of time entries
and calendars (the generator of ``events_scale.py``), starts ``levelset serve`` on it in
a child process on loopback, warms it (the first request of each route computes the
analysis; the time of each is printed), then drives it with ``wrk``: 20 connections,
one run over the pages and one over the API answers: the pages a visitor reaches by
following links from the tenant's pages, every API answer a caller reaches with the
tenant's name alone (from ``/api/openapi.json``), and a workshop draft's page and JSON
answer. Printed: p50/p95/p99 latency and requests
per second of each run, the server's peak resident memory, and the time from a change to
a file of a copy of ``examples/acme`` to the new analysis being served.

    uv run python bench/web_load.py                    # 10,000 seats, 20 clients, 20 s a run
    uv run python bench/web_load.py --seats 1000 --duration 5   # a quick look
    uv run python bench/web_load.py --keep DIR         # keep (and reuse) the workspace in DIR

Targets (issue 16): pages p95 under 150 ms and API answers p95 under 100 ms with 20
clients; the new analysis served within 2 s of a file change. Figures are printed, never
asserted.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from events_scale import Scale, generate
from harness import CHILD_ENV

ROOT = Path(__file__).resolve().parent.parent
WEEKS_OF_ENTRIES = 5  # time entries a person logs a week (a year of them)


def main() -> None:
    """Generate, serve, warm, load, and print the figures."""
    args = _arguments()
    wrk = shutil.which("wrk")
    if wrk is None:
        sys.exit("wrk is missing: apt-get install wrk (the load generator this benchmark drives)")
    with _folder(args.keep) as root:
        ws = _workspace(root, args.seats)
        with _server(ws) as (base, pid):
            pages, api = _routes(ws, base)
            print(f"routes under load: {len(pages)} pages, {len(api)} API answers")
            _warm(base, pages + api)
            runs = {
                "pages": _wrk(wrk, base, pages, args),
                "api": _wrk(wrk, base, api, args),
            }
            peak = _peak_mib(pid)
        _report(runs, peak, args)
    with tempfile.TemporaryDirectory() as scratch:
        print(f"file change to new analysis served (examples/acme): {_reload(Path(scratch)):.2f} s")


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seats", type=int, default=10_000, help="seats (and people)")
    parser.add_argument("--connections", type=int, default=20, help="concurrent clients")
    parser.add_argument("--duration", type=int, default=20, help="seconds of each wrk run")
    parser.add_argument("--keep", type=Path, help="write the workspace here and keep it")
    return parser.parse_args()


@contextmanager
def _folder(keep: Path | None) -> Iterator[Path]:
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        yield keep
        return
    with tempfile.TemporaryDirectory() as scratch:
        yield Path(scratch)


def _workspace(root: Path, seats: int) -> Path:
    """The events benchmark's workspace at ``seats`` people: a year of time entries (five
    a person a week) and weekly meetings of five (two a person)."""
    ws = root / "ws"
    if (ws / "levelset.toml").is_file():
        print(f"reusing the workspace in {ws}")
        return ws
    scale = Scale(
        people=seats,
        responsibilities=max(10, seats // 4),
        entries=seats * 52 * WEEKS_OF_ENTRIES,
        occurrences=seats * 2 * 52,
    )
    made = generate(root, scale)
    shutil.rmtree(root / "expanded", ignore_errors=True)  # the SQL baselines' inputs
    print(
        f"generated {scale.people:,} seats, {scale.responsibilities:,} responsibilities, "
        f"{scale.entries:,} time entries, {scale.occurrences:,} meeting occurrences "
        f"({made['mib']:.0f} MiB) in {made['seconds']:.1f} s"
    )
    return ws


@contextmanager
def _server(ws: Path) -> Iterator[tuple[str, int]]:
    """``levelset serve ws`` on a free loopback port; its address and process id."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [str(Path(sys.executable).with_name("levelset")), "serve", str(ws)]
    child = subprocess.Popen([*command, "--port", str(port)], env=CHILD_ENV)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(base, child)
        yield base, child.pid
    finally:
        child.send_signal(signal.SIGINT)
        try:
            child.wait(timeout=30)
        except subprocess.TimeoutExpired:
            child.kill()


def _wait_for(base: str, child: subprocess.Popen[bytes]) -> None:
    COOKIES.clear()  # a new server signs its CSRF cookie anew; its first answer sets it
    for _ in range(600):
        if child.poll() is not None:
            sys.exit(f"levelset serve exited with status {child.returncode}")
        try:
            _get(base + "/api/openapi.json")
            return
        except OSError:
            time.sleep(0.1)
    sys.exit("levelset serve did not answer within a minute")


#: Keeps the CSRF cookie the server sets; a POST sends it back as the x-csrftoken header.
COOKIES = http.cookiejar.CookieJar()
BROWSER = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(COOKIES))


def _get(url: str) -> bytes:
    with BROWSER.open(url, timeout=600) as answer:
        body: bytes = answer.read()
        return body


def _post(url: str, data: dict[str, Any]) -> dict[str, Any]:
    token = next((c.value for c in COOKIES if c.name == "csrftoken"), None) or ""
    headers = {"content-type": "application/json", "x-csrftoken": token}
    request = urllib.request.Request(url, json.dumps(data).encode(), headers, method="POST")
    with BROWSER.open(request, timeout=600) as answer:
        found: dict[str, Any] = json.loads(answer.read())
        return found


def _routes(ws: Path, base: str) -> tuple[list[str], list[str]]:
    """The pages a visitor reaches by following links from the tenant's pages (up to
    ``PAGES``, breadth first), every GET answer of the API a caller reaches with the
    tenant's name alone (from ``/api/openapi.json``), and a workshop draft's page and
    answer (the draft made with one change)."""
    from levelset.web import ServeConfig  # noqa: PLC0415 - only for the tenant's name

    tenant = ServeConfig.local(ws).tenants[0].name
    document = json.loads(_get(base + "/api/openapi.json"))
    api = sorted(
        path.replace("{tenant}", tenant)
        for path, methods in document["paths"].items()
        if "get" in methods and path.count("{") == 1 and "{tenant}" in path
    )
    drafts = f"{base}/api/t/{tenant}/workshop/drafts"
    started = time.perf_counter()
    draft = _post(drafts, {"start": "empty"})["id"]
    print(f"first analysis (a draft started): {time.perf_counter() - started:.1f} s")
    _post(f"{drafts}/{draft}/operations", {"op": "fill-seat", "seat": "s1", "person": "p2"})
    pages = _crawl(base, [f"/t/{tenant}", f"/t/{tenant}/workshop/{draft}"], f"/t/{tenant}")
    api.append(f"/api/t/{tenant}/workshop/drafts/{draft}")
    # a route of another role (the partner's own slice) answers 404 here: not loaded
    return pages, [path for path in api if _answers(base + path)]


def _answers(url: str) -> bool:
    try:
        _get(url)
    except urllib.error.HTTPError:
        return False
    return True


PAGES = 30
_LINK = re.compile(r'href="(/t/[^"#?]*)"')


def _crawl(base: str, start: list[str], under: str) -> list[str]:
    """The HTML pages under ``under`` reached from ``start`` by links (at most ``PAGES``)."""
    found: list[str] = []
    queue = list(start)
    while queue and len(found) < PAGES:
        path = queue.pop(0)
        if path in found:
            continue
        try:
            with urllib.request.urlopen(base + path, timeout=600) as answer:
                if "html" not in answer.headers.get("content-type", ""):
                    continue
                body = answer.read().decode("utf-8", "replace")
        except OSError:
            continue
        found.append(path)
        queue += [link for link in _LINK.findall(body) if link.startswith(under)]
    return found


def _warm(base: str, paths: list[str]) -> None:
    """Ask each route once (the first computes the analysis) and print how long it took."""
    for path in paths:
        started = time.perf_counter()
        size = len(_get(base + path))
        print(f"  first answer {path}: {time.perf_counter() - started:.2f} s, {size:,} bytes")


_LUA = """
local paths = {PATHS}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '\\n{"requests": %d, "seconds": %.3f, "errors": %d, "non2xx": %d, '
    .. '"p50": %.2f, "p95": %.2f, "p99": %.2f, "max": %.2f}\\n',
    summary.requests, summary.duration / 1e6, e.connect + e.read + e.write + e.timeout,
    e.status, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
"""


def _wrk(wrk: str, base: str, paths: list[str], args: argparse.Namespace) -> dict[str, float]:
    """One wrk run cycling through ``paths``; its figures (latencies in ms)."""
    quoted = ", ".join(json.dumps(p) for p in paths)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(_LUA.replace("{PATHS}", "{" + quoted + "}"))
    try:
        threads = str(min(2, args.connections))
        command = [wrk, "-t", threads, "-c", str(args.connections), "-d", f"{args.duration}s"]
        command += ["--timeout", "30s", "-s", script.name, base]
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(script.name)
    figures: dict[str, float] = json.loads(output.strip().splitlines()[-1])
    return figures


def _peak_mib(pid: int) -> float:
    """The server's peak resident memory (``VmHWM``), in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _report(runs: dict[str, dict[str, float]], peak: float, args: argparse.Namespace) -> None:
    targets = {"pages": 150.0, "api": 100.0}
    print(f"\n{args.connections} connections, {args.duration} s a run (wrk)")
    print(f"{'':8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}{'req/s':>9}{'errors':>8}")
    for name, f in runs.items():
        rate = f["requests"] / f["seconds"] if f["seconds"] else 0.0
        errors = int(f["errors"] + f["non2xx"])
        print(
            f"{name:8}{f['p50']:9.1f}{f['p95']:9.1f}{f['p99']:9.1f}{f['max']:9.1f}"
            f"{rate:9.1f}{errors:8d}"
        )
    print(f"server peak resident memory: {peak:,.0f} MiB")
    for name, limit in targets.items():
        met = "met" if runs[name]["p95"] < limit else "NOT met"
        print(f"target: {name} p95 under {limit:.0f} ms: {met} ({runs[name]['p95']:.1f} ms)")


def _reload(scratch: Path) -> float:
    """Seconds from a change to ``responsibilities.yaml`` of a copy of examples/acme (a
    new responsibility nobody is accountable for) to a workshop answer that shows it."""
    ws = scratch / "acme"
    shutil.copytree(ROOT / "examples" / "acme", ws)
    with _server(ws) as (base, _pid):
        from levelset.web import ServeConfig  # noqa: PLC0415

        tenant = ServeConfig.local(ws).tenants[0].name
        drafts = f"{base}/api/t/{tenant}/workshop/drafts"
        url = f"{drafts}/{_post(drafts, {'start': 'empty'})['id']}"
        before = _get(url)
        path = ws / "responsibilities.yaml"
        text = path.read_text(encoding="utf-8")
        started = time.perf_counter()
        path.write_text(
            text + "\n  - id: bench-new-work\n    name: Bench new work\n    horizon: 2w\n"
        )
        while _get(url) == before and time.perf_counter() - started < 60:
            time.sleep(0.01)
        return time.perf_counter() - started


if __name__ == "__main__":
    main()
