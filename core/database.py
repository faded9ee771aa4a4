"""Database engine settings: SQLite pragmas (WAL, foreign keys), engine options, and
the liveness check of pooled server connections."""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import event, exc
from sqlalchemy.engine import Engine

#: A pooled connection idle for longer than this is pinged before it is handed out.
PING_AFTER_IDLE_SECONDS = 10.0


def engine_options(url: str) -> dict[str, Any]:
    """SQLAlchemy engine options for this URL.

    No ``pool_pre_ping``: it costs a round trip on every checkout, and a request
    checks out more than once (the session store reads on a connection of its own).
    :func:`install_connection_checks` pings only connections that sat idle.
    """
    if url.startswith("sqlite"):
        return {"connect_args": {"timeout": 30}}
    return {"pool_recycle": 1800}


def install_sqlite_pragmas(engine: Engine) -> None:
    """Every SQLite connection: WAL journal, enforced foreign keys, a busy timeout."""
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _set_pragmas(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()


def install_connection_checks(
    engine: Engine, idle_seconds: float = PING_AFTER_IDLE_SECONDS
) -> None:
    """Ping a pooled server connection before reuse only when it sat idle for more
    than ``idle_seconds`` (a database restart or a firewall dropping idle
    connections is then caught before the request uses it; the pool retries
    with a fresh connection). A connection in steady use is not pinged: if the
    server went away a moment ago, the request fails once and SQLAlchemy
    invalidates the whole pool, so the next ones reconnect."""
    if engine.dialect.name == "sqlite":
        return

    @event.listens_for(engine, "checkin")
    def _checked_in(_dbapi_connection: Any, record: Any) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _checked_out(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        since = record.info.get("idle_since")
        if since is None or time.monotonic() - since < idle_seconds:
            return
        try:
            alive = engine.dialect.do_ping(dbapi_connection)
        except engine.dialect.loaded_dbapi.Error as error:
            raise exc.DisconnectionError(str(error)) from error
        if not alive:
            raise exc.DisconnectionError("the database connection did not answer")
