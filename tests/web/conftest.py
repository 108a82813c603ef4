"""Fixtures for the web app's HTTP tests: the app of ``create_app(ServeConfig.local(...))``
on a copy of examples/acme, served through ``fastapi.testclient.TestClient``, and a real
uvicorn server in a thread for what needs one (server-sent events, the browser).

The acme app is built once for the session: its first answer reads the event data
(seconds); every later one is served from the hub's memory, as in a running server.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from web_kit import copy_acme

from levelset.web import ServeConfig, create_app


@pytest.fixture(scope="session")
def acme_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of examples/acme no test changes."""
    return copy_acme(tmp_path_factory.mktemp("web"))


@pytest.fixture(scope="session")
def acme_app(acme_workspace: Path) -> FastAPI:
    """The local-mode app on the acme copy (no file watcher: nothing changes)."""
    return create_app(ServeConfig.local(acme_workspace, watch=False))


@pytest.fixture(scope="session")
def client(acme_app: FastAPI) -> Iterator[TestClient]:
    """A client of the acme app, its startup and shutdown run."""
    with TestClient(acme_app) as found:
        yield found
