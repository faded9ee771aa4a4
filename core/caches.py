"""Per-process caches kept in ``app.extensions``, declared so they can be dropped.

A cache that holds data read from the database is wrong once the database goes
back in time: after ``tremplin restore`` in a running process, or after each
test's rolled-back transaction. Declare its key once with :func:`app_cache`;
:func:`drop_app_caches` then forgets every declared cache of an app at once.

:func:`per_request` remembers a read for the rest of one GET request;
:func:`kept_for` remembers one for a few seconds in this process, until anything
in the process commits a change (:func:`dropped_on_write` declares such a cache).
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from typing import Any, TypeVar, cast

from flask import Flask, current_app, has_app_context, has_request_context, request
from sqlalchemy import event as sa_event
from sqlalchemy.orm import ORMExecuteState, Session

_KEYS: set[str] = set()


def app_cache(key: str) -> str:
    """Declare ``app.extensions[key]`` as a cache that may be dropped at any time;
    returns ``key``. The code that reads it must rebuild it when it is missing."""
    _KEYS.add(key)
    return key


def drop_app_caches(app: Flask) -> None:
    for key in _KEYS:
        app.extensions.pop(key, None)


MEMO_KEY = "tremplin.per_request"
SAFE_METHODS = frozenset({"GET", "HEAD"})
F = TypeVar("F", bound=Callable[..., Any])


def per_request(func: F) -> F:
    """Remember ``func(*args)`` for the rest of a GET or HEAD request.

    For the reads that several plugins repeat on one page (a company's verification
    case, a member's last assessment). Kept in the WSGI environ (tests share ``g``)
    and forgotten as soon as the request's session adds an object, flushes, commits
    or rolls back, so a request never reads back a stale answer to its own write.
    Positional, hashable arguments only; outside such a request, a plain call.
    """
    name = f"{func.__module__}.{func.__qualname__}"

    @functools.wraps(func)
    def remembered(*args: Any) -> Any:
        if not has_request_context() or request.method not in SAFE_METHODS:
            return func(*args)
        store: dict[tuple[Any, ...], Any] = request.environ.setdefault(MEMO_KEY, {})
        key = (name, *args)
        if key not in store:
            store[key] = func(*args)
        return store[key]

    return cast(F, remembered)


def _forget_request_memo(*_args: Any) -> None:
    if has_request_context():
        request.environ.pop(MEMO_KEY, None)


for _event in ("after_attach", "after_flush", "after_commit", "after_rollback"):
    sa_event.listen(Session, _event, _forget_request_memo)


_WRITE_KEYS: set[str] = set()
_AFTER_WRITE: list[Callable[[], None]] = []


def dropped_on_write(key: str) -> str:
    """Declare ``app.extensions[key]`` as a cache forgotten whenever this process
    commits a change (and by :func:`drop_app_caches`); returns ``key``."""
    _WRITE_KEYS.add(key)
    return app_cache(key)


def after_write(callback: Callable[[], None]) -> Callable[[], None]:
    """Call ``callback()`` (in the app context) after each commit that wrote."""
    _AFTER_WRITE.append(callback)
    return callback


def kept_for(seconds: float) -> Callable[[F], F]:
    """Remember ``func(*args)`` in this process for ``seconds``, and forget it when
    this process commits a change; another process's change shows within
    ``seconds``. For small values that many pages read and that change rarely (a
    company's verification state): never for database objects."""

    def decorate(func: F) -> F:
        key = dropped_on_write(f"tremplin.kept.{func.__module__}.{func.__qualname__}")

        @functools.wraps(func)
        def remembered(*args: Any) -> Any:
            if not has_app_context():
                return func(*args)
            store: dict[tuple[Any, ...], tuple[float, Any]]
            store = current_app.extensions.setdefault(key, {})
            now = time.monotonic()
            found = store.get(args)
            if found is not None and now - found[0] < seconds:
                return found[1]
            if len(store) >= 10_000:
                store.clear()
            value = func(*args)
            store[args] = (now, value)
            return value

        return cast(F, remembered)

    return decorate


def _wrote(session: Session, _context: Any) -> None:
    session.info["tremplin.wrote"] = True


def _executed(state: ORMExecuteState) -> None:
    """``session.execute(update(...))`` and the like write without a flush."""
    if state.is_update or state.is_delete or state.is_insert:
        state.session.info["tremplin.wrote"] = True


def _committed(session: Session) -> None:
    if not session.info.pop("tremplin.wrote", False) or not has_app_context():
        return
    for key in _WRITE_KEYS:
        current_app.extensions.pop(key, None)
    for callback in _AFTER_WRITE:
        callback()


def _rolled_back(session: Session, _previous: Any) -> None:
    session.info.pop("tremplin.wrote", None)


sa_event.listen(Session, "after_flush", _wrote)
sa_event.listen(Session, "do_orm_execute", _executed)
sa_event.listen(Session, "after_commit", _committed)
sa_event.listen(Session, "after_soft_rollback", _rolled_back)
