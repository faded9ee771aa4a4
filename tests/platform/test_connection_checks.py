"""Pooled PostgreSQL connections: pinged only after sitting idle, replaced when dead."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine, make_url

from tremplin.core.database import engine_options, install_connection_checks
from tremplin.core.testing import databases

pytestmark = pytest.mark.skipif(
    databases.server_url() is None, reason="needs the PostgreSQL test server"
)


def server_engine(idle_seconds: float) -> Engine:
    url = make_url(databases.server_url() or "").set(database="postgres")
    engine = create_engine(url, **engine_options(url.render_as_string(hide_password=False)))
    install_connection_checks(engine, idle_seconds=idle_seconds)
    return engine


def backend_pid(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(text("SELECT pg_backend_pid()")).scalar_one())


def terminate(pid: int) -> None:
    admin = create_engine(
        make_url(databases.server_url() or "").set(database="postgres"),
        isolation_level="AUTOCOMMIT",
    )
    with admin.connect() as conn:
        assert conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid}).scalar()
    admin.dispose()


def test_an_idle_connection_killed_by_the_server_is_replaced_before_use() -> None:
    engine = server_engine(idle_seconds=0)
    first = backend_pid(engine)
    terminate(first)
    assert backend_pid(engine) != first  # the ping found it dead: no error
    engine.dispose()


def test_a_connection_in_steady_use_is_not_pinged(monkeypatch: pytest.MonkeyPatch) -> None:
    engine = server_engine(idle_seconds=3600)
    pings: list[object] = []
    real_ping = engine.dialect.do_ping
    monkeypatch.setattr(
        engine.dialect, "do_ping", lambda conn: pings.append(conn) or real_ping(conn)
    )
    for _ in range(3):
        backend_pid(engine)
    assert pings == []
    engine.dispose()


def test_without_the_check_the_dead_connection_fails_the_first_use() -> None:
    """The check above is what saves the request: without it the same kill errors."""
    url = make_url(databases.server_url() or "").set(database="postgres")
    engine = create_engine(url, **engine_options(url.render_as_string(hide_password=False)))
    first = backend_pid(engine)
    terminate(first)
    with pytest.raises(Exception, match=r"(?i)terminat|closed|connection"):
        backend_pid(engine)
    engine.dispose()
