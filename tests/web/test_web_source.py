"""The source view: a workspace file with its line highlighted, and nothing outside the
workspace, whatever the path (``..``, absolute, encoded, a symbolic link out)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_kit import copy_acme

from levelset.web import ServeConfig, create_app

SECRET = "the server's own secret"


@pytest.fixture(scope="module")
def linked(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """An acme copy beside a secret file, with links inside it pointing out and in."""
    folder = tmp_path_factory.mktemp("source")
    workspace = copy_acme(folder)
    (folder / "secret.txt").write_text(SECRET)
    (workspace / "out.yaml").symlink_to(folder / "secret.txt")
    (workspace / "outdir").symlink_to(folder)
    (workspace / "in.yaml").symlink_to(workspace / "org.yaml")
    with TestClient(create_app(ServeConfig.local(workspace, watch=False))) as client:
        yield client


def test_a_file_is_shown_with_its_line_highlighted(linked: TestClient) -> None:
    response = linked.get("/t/acme/source/org.yaml", params={"line": 5})
    assert response.status_code == 200
    html = response.text
    assert '<tr id="L5" class="highlight" aria-current="location" data-highlight>' in html
    assert html.count('class="highlight"') == 1
    assert '<script src="/static/source.js"' in html


def test_the_lines_are_the_file_s_lines(linked: TestClient, tmp_path: Path) -> None:
    answer = linked.get("/api/t/acme/source/people.yaml", params={"line": 2}).json()
    workspace = Path(linked.app.state.config.tenants[0].workspace)  # type: ignore[attr-defined]
    assert answer["lines"] == (workspace / "people.yaml").read_text().splitlines()
    assert answer["line"] == 2


def test_a_link_inside_the_workspace_to_a_file_inside_is_shown(linked: TestClient) -> None:
    assert linked.get("/t/acme/source/in.yaml").status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "%2e%2e/secret.txt",
        "..%2fsecret.txt",
        "data/%2e%2e/%2e%2e/secret.txt",
        "%2fetc%2fpasswd",
        "/etc/passwd",
        "out.yaml",
        "outdir/secret.txt",
        "nothing-here.yaml",
        "data",
        "org.yaml%00.txt",
        "..%5csecret.txt",
    ],
)
def test_anything_outside_the_workspace_is_not_found(linked: TestClient, path: str) -> None:
    for prefix in ("/t/acme/source/", "/api/t/acme/source/"):
        response = linked.get(prefix + path)
        assert response.status_code == 404, (prefix, path)
        assert SECRET not in response.text
        assert "root:" not in response.text


def test_an_unreadable_file_is_not_found(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads every file")
    workspace = copy_acme(tmp_path)
    (workspace / "org.yaml").chmod(0)
    with TestClient(create_app(ServeConfig.local(workspace, watch=False))) as client:
        assert client.get("/t/acme/source/org.yaml").status_code == 404
