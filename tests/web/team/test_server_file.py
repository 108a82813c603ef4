"""Reading server.toml: what it serves, where the state and the secret key live, and every
problem named with the file and the line it is on."""

from __future__ import annotations

import shutil
import stat
from pathlib import Path

import pytest

from levelset.service import LevelsetError
from levelset.web.config import ServeConfig
from levelset.web.serverfile import read_server_file

ACME = Path(__file__).resolve().parents[3] / "examples" / "acme"


def _server(folder: Path, text: str) -> Path:
    (folder / "acme").mkdir(exist_ok=True)
    path = folder / "server.toml"
    path.write_text(text)
    return path


def _problems(path: Path) -> list[str]:
    with pytest.raises(LevelsetError) as raised:
        ServeConfig.read(path)
    return [str(p) for p in raised.value.problems]


def test_a_good_file_gives_the_tenants_and_the_state(tmp_path: Path) -> None:
    path = _server(
        tmp_path,
        'session_minutes = 30\ndatabase = "postgresql+psycopg://u@db/levelset"\n\n'
        '[tenants.acme]\ntitle = "Acme"\nworkspace = "acme"\n',
    )
    config = read_server_file(path)
    assert config.team
    assert [(t.name, t.title, t.workspace) for t in config.tenants] == [
        ("acme", "Acme", (tmp_path / "acme").resolve())
    ]
    assert config.session_minutes == 30
    assert config.database == "postgresql+psycopg://u@db/levelset"
    assert config.state_folder == tmp_path / "data"


def test_the_secret_key_is_made_once_readable_by_its_owner_only(tmp_path: Path) -> None:
    path = _server(tmp_path, '[tenants.acme]\nworkspace = "acme"\n')
    first = ServeConfig.read(path).secret_key
    key = tmp_path / "data" / "secret.key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert first is not None
    assert len(first) >= 32
    assert ServeConfig.read(path).secret_key == first  # kept across restarts


def test_the_secret_key_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _server(tmp_path, 'secret_key_env = "TEAM_SECRET"\n[tenants.acme]\nworkspace = "acme"\n')
    assert _problems(path) == [f"{path}:1: the environment variable TEAM_SECRET is not set"]
    monkeypatch.setenv("TEAM_SECRET", "s" * 40)
    assert ServeConfig.read(path).secret_key == "s" * 40
    assert not (tmp_path / "data" / "secret.key").exists()


def test_every_problem_is_named_with_its_line(tmp_path: Path) -> None:
    path = _server(
        tmp_path,
        'secret_key = "in the file"\n'  # 1
        "session_minutes = 0\n"  # 2
        "sesion = 3\n"  # 3
        "\n"
        "[tenants.acme]\n"  # 5
        'workspace = "acme"\n'
        'titel = "Acme"\n'  # 7
        "\n"
        "[tenants.Bad_Name]\n"  # 9
        'workspace = "acme"\n'
        "\n"
        "[tenants.gone]\n"  # 12
        'workspace = "no-such-folder"\n',  # 13
    )
    problems = _problems(path)
    assert any(p.startswith(f"{path}:1: the secret key must not stand") for p in problems)
    assert any(p.startswith(f"{path}:2: session_minutes") for p in problems)
    assert any(p.startswith(f"{path}:3: unknown key 'sesion'") for p in problems)
    assert any(p.startswith(f"{path}:7: unknown key 'titel'") and "title" in p for p in problems)
    assert any(p.startswith(f"{path}:9: 'Bad_Name' cannot be") for p in problems)
    assert any(p.startswith(f"{path}:13: no workspace folder") for p in problems)
    assert len(problems) == 6
    assert not (tmp_path / "data").exists()  # nothing made for a file that does not hold


def test_malformed_toml_and_no_tenants(tmp_path: Path) -> None:
    path = _server(tmp_path, "[tenants.acme\n")
    (problem,) = _problems(path)
    assert problem.startswith(f"{path}:1: malformed TOML")
    path.write_text("session_minutes = 10\n")
    (problem,) = _problems(path)
    assert "no tenants" in problem
    assert problem.startswith(f"{path}:1:")


def test_the_serve_command_reports_the_problems_and_starts_nothing(tmp_path: Path) -> None:
    from click.testing import CliRunner  # noqa: PLC0415

    from levelset.cli import main  # noqa: PLC0415

    path = _server(tmp_path, '[tenants.acme]\nworkspace = "missing"\n')
    result = CliRunner().invoke(main, ["serve", "--config", str(path)])
    assert result.exit_code == 2
    assert f"{path}:2: no workspace folder" in result.output


def test_an_unknown_table_is_named_at_its_header(tmp_path: Path) -> None:
    path = _server(tmp_path, '[tenants.acme]\nworkspace = "acme"\n\n[server]\ndata = "state"\n')
    problems = _problems(path)
    assert [p.split(" (")[0] for p in problems] == [f"{path}:4: unknown key 'server'"]


def test_https_marks_the_csrf_cookie_secure(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient  # noqa: PLC0415

    from levelset.web import create_app  # noqa: PLC0415

    shutil.copytree(ACME, tmp_path / "acme")
    cookies = {}
    for https in (False, True):
        folder = tmp_path / str(https)
        folder.mkdir()
        path = folder / "server.toml"
        workspace = str(tmp_path / "acme")
        path.write_text(
            f"https = {str(https).lower()}\n\n[tenants.acme]\nworkspace = {workspace!r}\n"
        )
        config = read_server_file(path)
        assert config.https is https
        with TestClient(create_app(config)) as client:
            cookies[https] = client.get("/login").headers["set-cookie"]
    assert "csrftoken=" in cookies[True]
    assert "secure" in cookies[True].lower()
    assert "secure" not in cookies[False].lower()


def test_https_must_be_true_or_false(tmp_path: Path) -> None:
    path = _server(tmp_path, 'https = "yes"\n\n[tenants.acme]\nworkspace = "acme"\n')
    (problem,) = _problems(path)
    assert problem.startswith(f"{path}:1: https must be true or false")
