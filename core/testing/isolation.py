"""Per-test database isolation for an app built once: one transaction, rolled back.

The app's engine is replaced by one that hands every caller the **same** database
connection (``StaticPool``), kept in the driver's autocommit mode. A test opens a
real transaction on it (``BEGIN``); every transaction that SQLAlchemy starts on
top (the ORM session, ``engine.begin()`` in the session store, an ``AUTOCOMMIT``
read...) becomes a savepoint, its commit a ``RELEASE`` and its rollback a
``ROLLBACK TO``. At the end of the test one ``ROLLBACK`` puts the database back as
it was, on SQLite and PostgreSQL alike, in a few milliseconds.

This is SQLAlchemy's "joining a session into an external transaction" recipe
(``join_transaction_mode="create_savepoint"``) applied at the dialect level, so
that code which takes its own connection from the engine is isolated too.

Limits: one connection means one thread at a time; a test that drives the app
from several threads at once, or that needs other connections to see its
writes (a second server on the same database), builds a fresh app instead
(``fresh_app_factory``, marked ``fresh_app``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import Flask
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.pool import StaticPool

from ..database import install_sqlite_pragmas
from ..extensions import db

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER")


@dataclass
class Level:
    """One transaction that SQLAlchemy believes it has: a savepoint, or ``None`` while
    it is suspended (see :class:`SavepointDialect`)."""

    savepoint: str | None
    dirty: bool = False


class SavepointDialect:
    """Turns the dialect's begin/commit/rollback into savepoints on a connection that
    the test holds in a transaction of its own.

    In production, code that takes its own connection (the session store saving a
    session at the end of a request) commits independently of the ORM session's
    transaction, which Flask-SQLAlchemy then rolls back at teardown. On one shared
    connection the second transaction would be a savepoint *inside* the first, and
    that rollback would undo it. So when a transaction begins while the open ones
    have written nothing (they only read), they are suspended instead: their
    savepoints are forgotten, and the first of them gets a new savepoint once it is
    back on top. A transaction begun while an open one has written is nested, as a
    savepoint, and shares its fate.
    """

    def __init__(self, engine: Engine) -> None:
        self.levels: list[Level] = []
        self.count = 0
        dialect = engine.dialect
        dialect.do_begin = self._begin  # type: ignore[method-assign]
        dialect.do_commit = self._commit  # type: ignore[method-assign]
        dialect.do_rollback = self._rollback  # type: ignore[method-assign]
        # One shared connection: an AUTOCOMMIT read is a transaction like the others.
        dialect.set_isolation_level = lambda *_args: None  # type: ignore[method-assign]
        dialect.reset_isolation_level = lambda *_args: None  # type: ignore[method-assign]
        event.listen(engine, "before_cursor_execute", self._note_write)

    def reset(self) -> None:
        self.levels.clear()

    def _savepoint(self, dbapi_connection: Any) -> str:
        self.count += 1
        name = f"tremplin_test_{self.count}"
        _execute(dbapi_connection, f"SAVEPOINT {name}")
        return name

    def _note_write(self, _conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if self.levels and statement.lstrip()[:7].upper().startswith(WRITES):
            self.levels[-1].dirty = True

    def _begin(self, dbapi_connection: Any) -> None:
        if not any(level.dirty for level in self.levels):
            for level in self.levels:
                level.savepoint = None  # only reads: suspended, not nested
        self.levels.append(Level(self._savepoint(dbapi_connection)))

    def _end(self, dbapi_connection: Any, rollback: bool) -> None:
        if not self.levels:
            return
        name = self.levels.pop().savepoint
        if name is not None:
            if rollback:
                _execute(dbapi_connection, f"ROLLBACK TO SAVEPOINT {name}")
            _execute(dbapi_connection, f"RELEASE SAVEPOINT {name}")
        if self.levels and self.levels[-1].savepoint is None:
            self.levels[-1] = Level(self._savepoint(dbapi_connection))  # back on top

    def _commit(self, dbapi_connection: Any) -> None:
        self._end(dbapi_connection, rollback=False)

    def _rollback(self, dbapi_connection: Any) -> None:
        self._end(dbapi_connection, rollback=True)


def _execute(dbapi_connection: Any, sql: str) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(sql)
    finally:
        cursor.close()


def _autocommit(dbapi_connection: Any, dialect_name: str) -> None:
    """The driver does no transaction handling of its own: the test and the
    savepoints above say when transactions begin and end."""
    if dialect_name == "sqlite":
        dbapi_connection.isolation_level = None
    else:
        dbapi_connection.autocommit = True  # psycopg


class KeptStaticPool(StaticPool):
    """A ``StaticPool`` that test code cannot close behind the cache's back.

    Tests (and commands they run, such as ``tremplin restore``) call
    ``db.engine.dispose()`` on the app they were given; on a cached app that would
    close the one connection every later test of that configuration uses, in
    whichever worker and order xdist chose: a failure that comes and goes. So
    ``dispose`` keeps the connection, ``recreate`` keeps the pool, and only
    :meth:`Isolation.dispose` closes it (``close_connection``)."""

    def dispose(self) -> None:
        """Kept open: see the class docstring."""

    def recreate(self) -> KeptStaticPool:
        return self

    def close_connection(self) -> None:
        super().dispose()


class Isolation:
    """The app's single connection and its per-test transaction."""

    def __init__(self, app: Flask, url: str) -> None:
        self.app = app
        options: dict[str, Any] = {"poolclass": KeptStaticPool, "pool_reset_on_return": None}
        if url.startswith("sqlite"):
            options["connect_args"] = {"check_same_thread": False, "timeout": 30}
        engine = create_engine(url, **options)
        install_sqlite_pragmas(engine)
        with engine.connect():
            pass  # the dialect learns the server on the one connection
        self.raw = engine.pool.connection.dbapi_connection  # type: ignore[attr-defined]
        _autocommit(self.raw, engine.dialect.name)
        self.dialect = SavepointDialect(engine)
        with app.app_context():
            engines = db._app_engines[app]
            engines[None].dispose()
            engines[None] = engine
        self.engine = engine
        self.active = False

    def begin(self) -> None:
        """Open the test's transaction (idempotent within a test)."""
        if not self.active:
            _execute(self.raw, "BEGIN")
            self.dialect.reset()
            self.active = True

    def rollback(self) -> None:
        """Undo everything the test wrote."""
        if self.active:
            with self.app.app_context():
                db.session.remove()
            _execute(self.raw, "ROLLBACK")
            self.dialect.reset()
            self.active = False

    def dispose(self) -> None:
        self.rollback()
        pool = self.engine.pool
        if isinstance(pool, KeptStaticPool):
            pool.close_connection()
        self.engine.dispose()
