"""Apps built once per configuration for the whole test session, reset per test.

Building a Flask-AppBuilder app costs about a second and leaves a few megabytes
behind, so the suite builds one app per distinct configuration (its overrides and
extra plugins) and keeps it. Each test gets the app back as it was built:

- the database through one rolled-back transaction (:mod:`.isolation`);
- the instance folder (mail outbox, search index, uploads) without the files the
  test wrote;
- the rate limiter's in-memory counters, the task queue and the per-process caches
  emptied (:func:`tremplin.core.caches.drop_app_caches`).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import Flask

from ..caches import drop_app_caches
from . import databases
from .isolation import Isolation

Overrides = dict[str, dict[str, Any]]


def _plugin_key(plugin: Any) -> str:
    name = getattr(plugin, "__name__", None) or type(plugin).__qualname__
    return f"{name}@{id(plugin)}"


def config_key(overrides: Overrides | None, extra_plugins: Sequence[Any] | None) -> str:
    """The identity of a configuration: same overrides and plugins, same app."""
    return json.dumps(
        [overrides or {}, [_plugin_key(p) for p in extra_plugins or ()]],
        sort_keys=True,
        default=repr,
    )


def _signature(path: Path) -> tuple[Any, ...]:
    """What changes when anything below ``path`` is written."""
    if path.is_file():
        stat = path.stat()
        return (stat.st_size, stat.st_mtime_ns)
    return tuple(
        (str(p.relative_to(path)), p.stat().st_size, p.stat().st_mtime_ns)
        for p in sorted(path.rglob("*"))
        if p.is_file()
    )


def _snapshot(folder: Path) -> dict[str, tuple[Any, ...]]:
    return {p.name: _signature(p) for p in folder.iterdir()} if folder.is_dir() else {}


@dataclass
class CachedApp:
    """One app of the cache, with what it takes to give it back as built."""

    app: Flask
    url: str
    isolation: Isolation
    instance: Path
    snapshot: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    plugins: list[Any] = field(default_factory=list)  # held: their ids are in the key

    def checkout(self) -> Flask:
        self.isolation.begin()
        return self.app

    def release(self) -> None:
        self.isolation.rollback()
        self._clean_instance()
        _reset_limiter(self.app)
        huey = self.app.extensions.get("huey")
        if huey is not None:
            huey.flush()
        drop_app_caches(self.app)

    def _clean_instance(self) -> None:
        """Remove what the test wrote in the instance folder (an entry that existed
        when the app was built and changed since is removed too)."""
        if not self.instance.is_dir():
            return
        for entry in self.instance.iterdir():
            if self.snapshot.get(entry.name) == _signature(entry):
                continue
            if entry.is_dir():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)


def _reset_limiter(app: Flask) -> None:
    """In-memory counters only: a shared Redis storage is shared with other workers."""
    appbuilder = getattr(app, "appbuilder", None)
    limiter = getattr(getattr(appbuilder, "sm", None), "limiter", None)
    if limiter is not None and limiter.initialized and "Memory" in type(limiter.storage).__name__:
        limiter.reset()


class AppCache:
    """The session's apps, one per configuration, each on its own database copy."""

    def __init__(self, folder: Path, template: str) -> None:
        self.folder, self.template = folder, template
        self.apps: dict[str, CachedApp] = {}

    def get(
        self, overrides: Overrides | None = None, extra_plugins: Sequence[Any] | None = None
    ) -> CachedApp:
        key = config_key(overrides, extra_plugins)
        found = self.apps.get(key)
        if found is None:
            found = self.apps[key] = self._build(overrides, list(extra_plugins or ()))
        return found

    def _build(self, overrides: Overrides | None, plugins: list[Any]) -> CachedApp:
        from .fixtures import build_app

        number = len(self.apps)
        url = databases.new_database_url(self.folder, self.template)
        instance = self.folder / f"instance{number}"
        app = build_app(instance, url, overrides, plugins, migrate_db=True)
        with app.app_context():
            from ..extensions import db

            db.session.remove()
        cached = CachedApp(app, url, Isolation(app, url), instance, plugins=plugins)
        cached.snapshot = _snapshot(instance)
        return cached

    def close(self) -> None:
        for cached in self.apps.values():
            cached.isolation.dispose()
            databases.drop_database(cached.url)
        self.apps.clear()
