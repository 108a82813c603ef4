"""``levelset users`` through the command line: adding users, passwords read from
standard input or a hidden prompt, granting and revoking roles, listing; every role change
in the audit log; mistakes said plainly, with nothing changed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from teamkit import ROOT

from levelset.cli import main
from levelset.web.config import ServeConfig
from levelset.web.state import State

PASSWORD = "a password long enough"


@pytest.fixture
def server(tmp_path: Path) -> Path:
    shutil.copytree(
        ROOT / "examples/acme", tmp_path / "acme", ignore=shutil.ignore_patterns("data")
    )
    path = tmp_path / "server.toml"
    path.write_text('[tenants.acme]\nworkspace = "acme"\n')
    return path


def _users(server: Path, *args: str, given: str | None = None) -> Result:
    return CliRunner().invoke(main, ["users", *args, "--config", str(server)], input=given)


def _state(server: Path) -> State:
    return State.open(ServeConfig.read(server))


def test_add_reads_the_password_from_stdin_and_stores_only_its_hash(server: Path) -> None:
    result = _users(server, "add", "ann", "--password-stdin", given=PASSWORD + "\n")
    assert result.exit_code == 0, result.output
    state = _state(server)
    try:
        assert state.users.verify("ann", PASSWORD) is not None
        assert PASSWORD.encode() not in (server.parent / "data/web.sqlite").read_bytes()
    finally:
        state.close()


def test_add_asks_twice_with_a_hidden_prompt(server: Path) -> None:
    result = _users(server, "add", "ann", given=f"{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert PASSWORD not in result.output  # hidden: not echoed
    mismatch = _users(server, "add", "bob", given=f"{PASSWORD}\nsomething else\n")
    assert mismatch.exit_code != 0
    listed = _users(server, "list")
    assert listed.output.split() == ["ann", "(no", "role)"]


def test_grant_list_and_revoke(server: Path) -> None:
    _users(server, "add", "ann", "--password-stdin", given=PASSWORD)
    _users(server, "add", "sam", "--password-stdin", given=PASSWORD)
    assert _users(server, "grant", "ann", "acme", "editor").exit_code == 0
    granted = _users(server, "grant", "sam", "acme", "partner", "--partner", "stride")
    assert granted.exit_code == 0, granted.output
    assert _users(server, "list").output.splitlines() == [
        "ann\tacme: editor",
        "sam\tacme: partner of stride",
    ]
    assert _users(server, "revoke", "ann", "acme").exit_code == 0
    again = _users(server, "revoke", "ann", "acme")
    assert again.exit_code == 1
    assert "holds no role" in again.output
    assert _users(server, "list").output.splitlines()[0] == "ann\t(no role)"


def test_role_changes_go_into_the_audit_log(server: Path) -> None:
    _users(server, "add", "sam", "--password-stdin", given=PASSWORD)
    _users(server, "grant", "sam", "acme", "partner", "--partner", "keystone")
    _users(server, "revoke", "sam", "acme")
    state = _state(server)
    try:
        entries = [(e.user, e.action, e.detail) for e in state.auditor.entries("acme")]
    finally:
        state.close()
    assert entries == [("sam", "revoke", ""), ("sam", "grant", "partner of keystone")]


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["grant", "ann", "globex", "viewer"], "serves no tenant 'globex'"),
        (["grant", "ann", "acme", "partner", "--partner", "nobody"], "no partner 'nobody'"),
        (["grant", "ann", "acme", "partner"], "--partner"),
        (["grant", "nobody", "acme", "viewer"], "no user 'nobody'"),
        (["passwd", "nobody", "--password-stdin"], "no user 'nobody'"),
    ],
)
def test_mistakes_are_said_and_change_nothing(server: Path, args: list[str], said: str) -> None:
    _users(server, "add", "ann", "--password-stdin", given=PASSWORD)
    result = _users(server, *args, given=PASSWORD)
    assert result.exit_code == 2, result.output
    assert said in result.output
    assert "Traceback" not in result.output
    assert _users(server, "list").output.splitlines() == ["ann\t(no role)"]


def test_passwd_changes_the_password_and_ends_the_sessions(server: Path) -> None:
    _users(server, "add", "ann", "--password-stdin", given=PASSWORD)
    state = _state(server)
    try:
        user = state.users.verify("ann", PASSWORD)
        assert user is not None
        token = state.logins.open(user.id)
        result = _users(server, "passwd", "ann", "--password-stdin", given=PASSWORD + "!")
        assert result.exit_code == 0, result.output
        assert state.logins.user_of(token) is None
        assert state.users.verify("ann", PASSWORD) is None
        assert state.users.verify("ann", PASSWORD + "!") is not None
    finally:
        state.close()


def test_a_broken_server_file_is_reported_with_its_line(server: Path) -> None:
    server.write_text('[tenants.acme]\nworkspace = "acme"\ncolour = "blue"\n')
    result = _users(server, "list")
    assert result.exit_code == 2
    assert f"{server}:3: unknown key 'colour'" in result.output
