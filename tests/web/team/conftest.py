"""Fixtures of the team-mode tests: a built team server and its app in a TestClient."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from teamkit import Team, build_team

from levelset.web import create_app


@pytest.fixture(scope="module")
def team(tmp_path_factory: pytest.TempPathFactory) -> Team:
    """Two tenants and a user per role, state in SQLite in the data folder."""
    return build_team(tmp_path_factory.mktemp("team"))


@pytest.fixture(scope="module")
def app(team: Team) -> Iterator[Any]:
    """The team app (its service sessions kept for the module: the analysis is slow)."""
    built = create_app(team.config)
    yield built
    built.state.hub.close()
    built.state.team_state.close()


@pytest.fixture
def client(app: Any) -> Iterator[Callable[[], TestClient]]:
    """``client()``: a fresh browser-like client (its own cookies) on the team app."""
    opened: list[TestClient] = []

    def make() -> TestClient:
        made = TestClient(app, base_url="http://testserver")
        opened.append(made)
        return made

    yield make
    for made in opened:
        made.close()
