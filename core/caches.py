"""Per-process caches kept in ``app.extensions``, declared so they can be dropped.

A cache that holds data read from the database is wrong once the database goes
back in time: after ``tremplin restore`` in a running process, or after each
test's rolled-back transaction. Declare its key once with :func:`app_cache`;
:func:`drop_app_caches` then forgets every declared cache of an app at once.

:func:`per_request` remembers a read for the rest of one GET request.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar, cast

from flask import Flask, has_request_context, request
from sqlalchemy import event as sa_event
from sqlalchemy.orm import Session

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
