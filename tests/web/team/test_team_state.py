"""The application's state database: the same tests on SQLite and on a real PostgreSQL
server (started as the engine tests start it, tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import inspect, text
from teamkit import fresh_postgres

from levelset.service import UsageError
from levelset.web.access import Access, Role
from levelset.web.config import ServeConfig, Tenant
from levelset.web.state import Grant, State
from levelset.web.state.database import database_url

PASSWORD = "a long enough password"


@pytest.fixture(params=["sqlite", "postgresql"])
def state(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[State]:
    database = None
    if request.param == "postgresql":
        database = fresh_postgres(request.getfixturevalue("postgres_url"))
    config = ServeConfig(
        tenants=(Tenant("acme", tmp_path),), team=True, data_folder=tmp_path, database=database
    )
    opened = State.open(config)
    yield opened
    opened.close()


def test_opening_migrates_to_the_newest_schema_and_again_changes_nothing(state: State) -> None:
    tables = set(inspect(state.database.engine).get_table_names())
    assert {"users", "grants", "login_sessions", "audit_log", "saved_scenarios"} <= tables
    state.users.add("ann", PASSWORD)
    state.database.upgrade()  # a second start: nothing to do, nothing lost
    assert [u.name for u in state.users.users()] == ["ann"]
    with state.database.engine.connect() as connection:
        assert connection.execute(text("select version_num from alembic_version")).scalar()


def test_a_password_is_stored_as_an_argon2_hash_and_checked(state: State) -> None:
    state.users.add("ann", PASSWORD)
    with state.database.engine.connect() as connection:
        stored = connection.execute(text("select password_hash from users")).scalar_one()
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored
    assert state.users.verify("ann", PASSWORD) is not None
    assert state.users.verify("ann", PASSWORD + "x") is None
    assert state.users.verify("nobody", PASSWORD) is None


def test_names_are_unique_and_passwords_long_enough(state: State) -> None:
    state.users.add("ann", PASSWORD)
    with pytest.raises(UsageError, match="exists already"):
        state.users.add("ann", PASSWORD)
    with pytest.raises(UsageError, match="at least"):
        state.users.add("bob", "short")
    with pytest.raises(UsageError, match="not a user name"):
        state.users.add("two words", PASSWORD)
    assert [u.name for u in state.users.users()] == ["ann"]


def test_grants_replace_one_another_per_tenant_and_can_be_revoked(state: State) -> None:
    state.users.add("ann", PASSWORD)
    state.users.grant("ann", Grant("acme", Role.VIEWER))
    state.users.grant("ann", Grant("acme", Role.PARTNER, "stride"))
    state.users.grant("ann", Grant("globex", Role.ADMIN))
    (user,) = state.users.users()
    assert user.grants == (Grant("acme", Role.PARTNER, "stride"), Grant("globex", Role.ADMIN))
    assert state.users.revoke("ann", "acme")
    assert not state.users.revoke("ann", "acme")
    assert state.users.users()[0].grant_in("acme") is None


def test_the_partner_role_and_only_it_names_a_partner(state: State) -> None:
    state.users.add("ann", PASSWORD)
    with pytest.raises(UsageError, match="partner"):
        state.users.grant("ann", Grant("acme", Role.PARTNER))
    with pytest.raises(UsageError, match="partner"):
        state.users.grant("ann", Grant("acme", Role.VIEWER, "stride"))
    with pytest.raises(UsageError, match="no user"):
        state.users.grant("nobody", Grant("acme", Role.VIEWER))
    assert state.users.users()[0].grants == ()


def test_sessions_end_at_logout_on_password_change_and_in_time(state: State) -> None:
    user = state.users.add("ann", PASSWORD)
    first, second = state.logins.open(user.id), state.logins.open(user.id)
    assert state.logins.user_of(first) == user.id
    state.logins.close(first)
    assert state.logins.user_of(first) is None
    assert state.logins.user_of(second) == user.id
    state.users.set_password("ann", PASSWORD + " changed")
    assert state.logins.user_of(second) is None
    state.logins.lifetime = timedelta(seconds=-1)
    assert state.logins.user_of(state.logins.open(user.id)) is None
    assert state.logins.user_of("a token nobody was given") is None


def test_the_database_keeps_no_token_that_would_open_a_session(state: State) -> None:
    user = state.users.add("ann", PASSWORD)
    token = state.logins.open(user.id)
    with state.database.engine.connect() as connection:
        kept = connection.execute(text("select id from login_sessions")).scalar_one()
    assert kept != token
    assert state.logins.user_of(kept) is None


def test_the_audit_log_keeps_entries_newest_first_per_tenant(state: State) -> None:
    state.auditor.record(Access("ann", "acme", Role.EDITOR), "apply-scenario", "hire a controller")
    state.auditor.record(Access("gil", "globex", Role.ADMIN), "apply-scenario", "other")
    state.auditor.note("acme", "bob", "grant", "viewer")
    entries = state.auditor.entries("acme")
    assert [(e.user, e.action, e.detail) for e in entries] == [
        ("bob", "grant", "viewer"),
        ("ann", "apply-scenario", "hire a controller"),
    ]
    assert entries[0].at.tzinfo is not None


def test_saved_scenarios_by_tenant_and_name(state: State) -> None:
    yaml = "scenario: hire\nchanges:\n  - fill: {seat: controller}\n"
    state.scenarios.save("acme", "hire", yaml, "ann")
    state.scenarios.save("acme", "hire", yaml + "# again\n", "bob")  # replaces
    state.scenarios.save("globex", "hire", "other", "gil")
    saved = state.scenarios.get("acme", "hire")
    assert saved is not None
    assert (saved.text, saved.author) == (yaml + "# again\n", "bob")
    assert [s.name for s in state.scenarios.list("acme")] == ["hire"]
    assert state.scenarios.delete("acme", "hire")
    assert state.scenarios.get("acme", "hire") is None
    assert state.scenarios.get("globex", "hire") is not None


def test_a_users_grants_and_sessions_go_with_them(state: State) -> None:
    user = state.users.add("ann", PASSWORD)
    state.users.grant("ann", Grant("acme", Role.VIEWER))
    token = state.logins.open(user.id)
    with state.database.transaction() as db:
        db.execute(text("delete from users"))
    with state.database.engine.connect() as connection:
        assert connection.execute(text("select count(*) from grants")).scalar() == 0
    assert state.logins.user_of(token) is None


def test_postgres_urls_are_spelled_for_psycopg(tmp_path: Path) -> None:
    assert database_url("postgres://u@h/db", tmp_path) == "postgresql+psycopg://u@h/db"
    assert database_url("postgresql://u@h/db", tmp_path) == "postgresql+psycopg://u@h/db"
    assert database_url(None, tmp_path) == f"sqlite:///{tmp_path / 'web.sqlite'}"


def test_local_mode_keeps_its_state_inside_the_workspace(tmp_path: Path) -> None:
    config = ServeConfig.local(tmp_path)
    assert config.state_folder == tmp_path.resolve() / ".levelset"
    elsewhere = ServeConfig.local(tmp_path, data_folder=tmp_path / "state")
    assert elsewhere.state_folder == (tmp_path / "state").resolve()
    opened: Any = State.open(elsewhere)
    opened.close()
    assert (tmp_path / "state" / "web.sqlite").exists()
