"""Alembic's environment for the application's state: always run from ``State.upgrade``
with an open connection (``config.attributes["connection"]``), never from an ini file."""

from __future__ import annotations

from alembic import context

from levelset.web.state.models import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
