"""Fixtures for the workshop's HTTP tests (``workshop_kit`` says who is calling)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from workshop_kit import ROOT, Audit, HeaderAuthority, Served

from levelset.web import ServeConfig, create_app


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    """examples/acme copied to a temporary folder and served (no file watcher)."""
    workspace = tmp_path / "acme"
    shutil.copytree(ROOT / "examples/acme", workspace)
    config = ServeConfig.local(workspace, watch=False)
    audit = Audit()
    app = create_app(config, authority=HeaderAuthority(), auditor=audit)
    yield Served(app, workspace, config.tenants[0].name, audit)
    app.state.hub.close()
