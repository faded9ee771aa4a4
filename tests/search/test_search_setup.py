"""Search configuration, table and audiences."""

from __future__ import annotations

import pytest

from tremplin.core.config import ConfigError, load_config
from tremplin.core.extensions import db
from tremplin.core.search import search_audiences


def test_the_postgresql_backend_needs_a_postgresql_database():
    with pytest.raises(ConfigError, match="PostgreSQL"):
        load_config(
            overrides={"search": {"backend": "postgresql"}, "database": {"url": "sqlite:///x.db"}},
            environ={},
        )
    with pytest.raises(ConfigError, match="whoosh, postgresql"):
        load_config(overrides={"search": {"backend": "solr"}}, environ={})
    config = load_config(
        overrides={
            "search": {"backend": "postgresql"},
            "database": {"url": "postgresql+psycopg://tremplin@db/tremplin"},
        },
        environ={},
    )
    assert config.get("search", "backend") == "postgresql"
    assert load_config(environ={}).get("search", "backend") == "whoosh"


def test_the_search_table_matches_its_migration(app):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    def mine(obj, name, type_, reflected, compare_to):  # type: ignore[no-untyped-def]
        table = name if type_ == "table" else getattr(getattr(obj, "table", None), "name", "")
        return table == "core_search_document"

    with db.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"include_object": mine, "compare_type": True}
        )
        assert compare_metadata(context, db.metadata) == []


class Viewer:
    def __init__(self, verification: str = "unverified", is_staff: bool = False) -> None:
        self.is_authenticated = True
        self.verification, self.is_staff = verification, is_staff


def test_each_viewer_has_its_audiences():
    assert search_audiences(None) == ("public",)
    assert search_audiences(Viewer()) == ("public", "members")
    assert search_audiences(Viewer("pending")) == ("public", "members")
    assert search_audiences(Viewer("verified")) == ("public", "members", "verified")
    assert search_audiences(Viewer(is_staff=True)) == ("public", "members", "verified")
