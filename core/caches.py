"""Per-process caches kept in ``app.extensions``, declared so they can be dropped.

A cache that holds data read from the database is wrong once the database goes
back in time: after ``tremplin restore`` in a running process, or after each
test's rolled-back transaction. Declare its key once with :func:`app_cache`;
:func:`drop_app_caches` then forgets every declared cache of an app at once.
"""

from __future__ import annotations

from flask import Flask

_KEYS: set[str] = set()


def app_cache(key: str) -> str:
    """Declare ``app.extensions[key]`` as a cache that may be dropped at any time;
    returns ``key``. The code that reads it must rebuild it when it is missing."""
    _KEYS.add(key)
    return key


def drop_app_caches(app: Flask) -> None:
    for key in _KEYS:
        app.extensions.pop(key, None)
