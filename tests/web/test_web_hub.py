"""The hub computes each answer once per workspace content, for pages and API alike, and
the root of a server with several organizations lists those the caller may see."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi import FastAPI
from fastapi.testclient import TestClient
from starlette.requests import Request
from web_kit import copy_acme

from levelset.cli import main
from levelset.web import ServeConfig, Tenant, answers, create_app
from levelset.web.access import Access, Denied, Role


def test_an_answer_is_computed_once_per_content(tmp_path: Path) -> None:
    workspace = copy_acme(tmp_path)
    app = create_app(ServeConfig.local(workspace, watch=False))
    hub = app.state.hub
    with TestClient(app) as client:
        assert client.get("/api/t/acme/goals").status_code == 200
        first = answers.goals_of(hub, "acme")
        assert client.get("/t/acme/goals").status_code == 200
        assert answers.goals_of(hub, "acme") is first  # the page read the API's answer
        goals = workspace / "goals.yaml"
        goals.write_text(goals.read_text() + "\n# a comment changes the content\n")
        again = answers.goals_of(hub, "acme")
        assert again is not first
        assert again == first  # the same tree: only a comment changed


class OnlyAcme:
    """A caller who may see the ``acme`` organization and no other."""

    def access(self, request: Request, tenant: str) -> Access:
        if tenant != "acme":
            raise Denied("not yours")
        return Access(user="someone", tenant=tenant, role=Role.VIEWER)


def test_the_root_lists_the_organizations_the_caller_may_see(acme_workspace: Path) -> None:
    config = ServeConfig(
        tenants=(
            Tenant("acme", acme_workspace, "Acme Distribution"),
            Tenant("other", acme_workspace, "Another Company"),
        ),
        watch=False,
    )
    app: FastAPI = create_app(config, authority=OnlyAcme())
    with TestClient(app) as client:
        html = client.get("/").text
        assert '<a href="/t/acme/">Acme Distribution</a>' in html
        assert "Another Company" not in html
        assert client.get("/api/tenants").json() == [{"name": "acme", "title": "Acme Distribution"}]
        assert client.get("/t/other/findings").status_code == 404
        assert client.get("/api/t/other/findings").status_code == 404


def test_serve_is_a_levelset_command() -> None:
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0, result.output
    assert "--no-watch" in result.output
    assert "127.0.0.1" in result.output


def test_a_watched_hub_looks_at_the_files_when_told_or_after_a_while(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from levelset.web import hub as hub_module  # noqa: PLC0415 - its TRUSTED is set below
    from levelset.web.hub import WorkspaceHub  # noqa: PLC0415

    workspace = copy_acme(tmp_path)
    hub = WorkspaceHub(ServeConfig.local(workspace, watch=False))
    first = hub.content_hash("acme")
    hub.watched = True  # as when the watcher runs: no look before every answer
    goals = workspace / "goals.yaml"
    goals.write_text(goals.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    assert hub.content_hash("acme") == first  # trusted for a while
    hub.changed("acme")  # what the watcher says
    second = hub.content_hash("acme")
    assert second != first
    goals.write_text(goals.read_text(encoding="utf-8") + "# again\n", encoding="utf-8")
    monkeypatch.setattr(hub_module, "TRUSTED", 0.0)  # a while has passed
    assert hub.content_hash("acme") != second
    hub.close()
