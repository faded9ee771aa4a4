"""Alembic environment shared by core and every plugin (see tremplin.core.migrate)."""

from __future__ import annotations

import logging

from alembic import context
from flask import current_app

config = context.config
component = config.attributes["component"]
db = current_app.extensions["sqlalchemy"]
log = logging.getLogger("tremplin.migrate")


def include_object(obj, name, type_, reflected, compare_to):  # type: ignore[no-untyped-def]
    """Each component only sees its own tables."""
    if type_ == "table":
        return component.owns(name)
    table = getattr(obj, "table", None)
    if table is not None:
        return component.owns(table.name)
    return True


def run_migrations_online() -> None:
    with db.engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=db.metadata,
            version_table=component.version_table,
            include_object=include_object,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


if context.is_offline_mode():
    raise SystemExit("offline migrations are not supported; run `tremplin db upgrade`")
run_migrations_online()
