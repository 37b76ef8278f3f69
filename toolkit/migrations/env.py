"""Alembic environment: migrates the engine the store hands over."""

from __future__ import annotations

from alembic import context

from toolkit.store.tabellen import metadata

engine = context.config.attributes["engine"]
with engine.connect().execution_options(schrijven=True) as verbinding:
    context.configure(
        connection=verbinding,
        target_metadata=metadata,
        render_as_batch=verbinding.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
    verbinding.commit()
