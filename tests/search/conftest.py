"""The search tests run once per backend: ``whoosh``, and ``postgresql`` when the test
database is PostgreSQL (the PostgreSQL cases skip on SQLite)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask

from tremplin.core.extensions import db


@pytest.fixture(params=["whoosh", "postgresql"])
def backend(request: pytest.FixtureRequest, app: Flask) -> Iterator[str]:
    """The search backend this test runs on (set on the session's app, then reset)."""
    name = str(request.param)
    with app.app_context():
        dialect = db.engine.dialect.name
    if name == "postgresql" and dialect != "postgresql":
        pytest.skip("the PostgreSQL search backend needs a PostgreSQL test database")
    app.extensions["search_backend"] = name
    yield name
    app.extensions.pop("search_backend", None)
