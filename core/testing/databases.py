"""Throw-away databases for tests: one migrated template per session, one copy per test."""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ENV = "TREMPLIN_TEST_DATABASE_URL"


def server_url() -> str | None:
    """The PostgreSQL server to create test databases on, if any."""
    return os.environ.get(ENV) or None


def _admin_engine(url: str):  # type: ignore[no-untyped-def]
    return create_engine(make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")


def new_database_url(folder: Path, template: str | None = None) -> str:
    """A new empty database (or a copy of ``template``) and its URL."""
    url = server_url()
    if url is None:
        path = folder / f"test-{uuid.uuid4().hex[:8]}.db"
        if template:
            source = Path(make_url(template).database or "")
            shutil.copyfile(source, path)
        return f"sqlite:///{path}"
    name = f"tremplin_test_{uuid.uuid4().hex[:12]}"
    engine = _admin_engine(url)
    with engine.connect() as conn:
        if template:
            conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{make_url(template).database}"'))
        else:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return make_url(url).set(database=name).render_as_string(hide_password=False)


def drop_database(url: str) -> None:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(f"{parsed.database}{suffix}").unlink(missing_ok=True)
        return
    engine = _admin_engine(url)
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{parsed.database}" WITH (FORCE)'))
    engine.dispose()
