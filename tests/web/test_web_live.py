"""Live reload on a real server: a changed workspace file is announced to open pages (a
new content hash through server-sent events), and the next answer is the new analysis."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from web_kit import Server, copy_acme

from levelset.web import ServeConfig, create_app


def hashes(lines: Iterator[str]) -> Iterator[str]:
    """The content hashes a server-sent event stream announces."""
    event = ""
    for line in lines:
        if line.startswith("event:"):
            event = line.partition(":")[2].strip()
        elif line.startswith("data:") and event == "hash":
            yield line.partition(":")[2].strip()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Server, Path]]:
    """A watching server on a fresh acme copy."""
    workspace = copy_acme(tmp_path)
    with Server(create_app(ServeConfig.local(workspace, watch=True))) as server:
        yield server, workspace


def test_a_changed_file_is_announced_and_then_answered(served: tuple[Server, Path]) -> None:
    server, workspace = served
    with (
        httpx.Client(base_url=server.url, timeout=30) as client,
        client.stream("GET", "/api/t/acme/events") as events,
    ):
        assert events.headers["content-type"].startswith("text/event-stream")
        announced = hashes(events.iter_lines())
        before = next(announced)
        org = workspace / "org.yaml"
        org.write_text(org.read_text().replace("Chief Operating Officer", "Chief of Operations"))
        changed = time.monotonic()
        after = next(announced)
        print(f"announced {time.monotonic() - changed:.2f} s after the change")
        assert after != before
        titles = str(client.get("/api/t/acme/org").json())
        assert "Chief of Operations" in titles
        assert "Chief Operating Officer" not in titles
