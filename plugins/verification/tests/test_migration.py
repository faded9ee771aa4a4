"""The plugin's Alembic revision creates exactly the tables its models declare."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from tremplin.core.api import db

from .fixtures import PLUGINS

CONFIG_OVERRIDES = PLUGINS


def _ours(obj, name, type_, reflected, compare_to):  # type: ignore[no-untyped-def]
    table = name if type_ == "table" else getattr(getattr(obj, "table", None), "name", "")
    return str(table or "").startswith("verification_")


def test_migration_matches_the_models(app):
    with db.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"include_object": _ours, "compare_type": True}
        )
        assert compare_metadata(context, db.metadata) == []
