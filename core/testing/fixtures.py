"""Pytest fixtures: ``app``, ``app_factory``, ``fresh_app_factory``, ``client``,
``make_user``, ``login``.

``app`` is built once per configuration for the session, on a copy of a database
migrated once, and given back to each test as it was built (:mod:`.apps`). A test
module can set ``EXTRA_PLUGINS = [module]`` (plugins not installed as entry points)
and ``CONFIG_OVERRIDES = {...}``; they are read by ``app``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from . import databases
from .apps import AppCache, CachedApp

# Plugins' own tests (plugins/<name>/tests/) are imported under tremplin.plugins.*.
pytest_plugins = ["tremplin.core.testing.collect"]

TEST_PASSWORD = "correct horse battery staple 2026"


def pytest_configure(config: pytest.Config) -> None:
    # The CLI's rich consoles fold lines at the terminal's width, which under
    # pytest-xdist is 80 columns: long paths in the output would be cut in two.
    os.environ.setdefault("COLUMNS", "200")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked ``any_database`` never use the database under test (packaging,
    Ansible): CI runs them once, on SQLite, and skips them on PostgreSQL."""
    if databases.server_url() is None:
        return
    once = pytest.mark.skip(reason="does not depend on the database: run on SQLite")
    for item in items:
        if item.get_closest_marker("any_database") is not None:
            item.add_marker(once)


@pytest.fixture(scope="session")
def screenshots(pytestconfig: pytest.Config) -> Path:
    """``test-output/screenshots/`` at the repository's root, for browser tests'
    320 and 1280 px captures."""
    folder = Path(str(pytestconfig.rootpath)) / "test-output" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def base_overrides(instance: Path, url: str) -> dict[str, dict[str, Any]]:
    return {
        "app": {
            "environment": "test",
            "instance_path": str(instance),
            "secret_key": "test-secret-" + "x1y2z3" * 8,
        },
        "database": {"url": url},
        "tasks": {"immediate": True},
        "mail": {"backend": "file"},
        "limits": {"storage_url": "memory://"},
        "logging": {"json": True, "level": "WARNING"},
        # Cheap argon2id (about 1 ms instead of 200): tests sign in thousands of times.
        # The production cost is the settings' default, checked in tests/test_config.py.
        "accounts": {"password_hash_time_cost": 1, "password_hash_memory_kib": 1024},
    }


def merge(*layers: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    merged: dict[str, dict[str, Any]] = {}
    for layer in layers:
        for section, values in layer.items():
            merged.setdefault(section, {}).update(values)
    return merged


def build_app(
    instance: Path,
    url: str,
    overrides: dict[str, dict[str, Any]] | None = None,
    extra_plugins: list[Any] | None = None,
    migrate_db: bool = False,
) -> Flask:
    from ..app import create_app

    app = create_app(
        overrides=merge(base_overrides(instance, url), overrides or {}),
        extra_plugins=extra_plugins or [],
    )
    if migrate_db:
        from .. import migrate
        from ..roles_sync import sync_all_roles

        with app.app_context():
            migrate.upgrade(app)
            sync_all_roles(app)
    return app


@pytest.fixture(scope="session")
def template_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A database migrated once with core and the bundled plugins."""
    folder = tmp_path_factory.mktemp("template-db")
    url = databases.new_database_url(folder)
    app = build_app(folder / "instance", url, migrate_db=True)
    with app.app_context():
        from ..extensions import db

        db.session.remove()
        db.engine.dispose()
    yield url
    databases.drop_database(url)


@pytest.fixture(scope="session")
def app_cache(
    tmp_path_factory: pytest.TempPathFactory, template_database: str
) -> Iterator[AppCache]:
    """The session's apps, built once per configuration (see :mod:`.apps`)."""
    cache = AppCache(tmp_path_factory.mktemp("apps"), template_database)
    yield cache
    cache.close()


@pytest.fixture
def app_factory(app_cache: AppCache) -> Iterator[Callable[..., Flask]]:
    """``app_factory(overrides, extra_plugins)``: the session's app for that
    configuration, its database and instance folder as built; whatever the test
    writes is undone afterwards. Asking twice for one configuration gives the same
    app: a test that needs two separate apps, or other connections that see its
    writes, uses ``fresh_app_factory``."""
    used: list[CachedApp] = []

    def make(
        overrides: dict[str, dict[str, Any]] | None = None, extra_plugins: list[Any] | None = None
    ) -> Flask:
        cached = app_cache.get(overrides, extra_plugins)
        if cached not in used:
            used.append(cached)
            cached.checkout()
        return cached.app

    yield make
    for cached in reversed(used):
        cached.release()


@pytest.fixture
def fresh_app_factory(
    request: pytest.FixtureRequest, tmp_path: Path, template_database: str
) -> Iterator[Callable[..., Flask]]:
    """Build new apps on new database copies (committed for real, disposed after the
    test): for config validation, migrations, plugin loading, several servers on one
    database. Slow (about a second each): the test must be marked ``fresh_app``."""
    if request.node.get_closest_marker("fresh_app") is None:
        pytest.fail(
            "fresh_app_factory builds apps from scratch: mark the test "
            "@pytest.mark.fresh_app, or use app_factory (built once, isolated)"
        )
    made: list[tuple[Flask, str]] = []

    def make(
        overrides: dict[str, dict[str, Any]] | None = None,
        extra_plugins: list[Any] | None = None,
        migrate_db: bool = True,
    ) -> Flask:
        url = databases.new_database_url(tmp_path, template_database if migrate_db else None)
        app = build_app(
            tmp_path / f"instance{len(made)}", url, overrides, extra_plugins, migrate_db=migrate_db
        )
        made.append((app, url))
        return app

    yield make
    for app, url in made:
        with app.app_context():
            from ..extensions import db

            db.session.remove()
            db.engine.dispose()
        databases.drop_database(url)


@pytest.fixture
def app(request: pytest.FixtureRequest, app_factory: Callable[..., Flask]) -> Iterator[Flask]:
    """The app for the module's ``CONFIG_OVERRIDES`` and ``EXTRA_PLUGINS``, inside an
    application context. ``@pytest.mark.app_config({...})`` adds overrides for one test;
    ``@pytest.mark.fresh_app`` builds it from scratch (see ``fresh_app_factory``)."""
    overrides = getattr(request.module, "CONFIG_OVERRIDES", None) or {}
    marker = request.node.get_closest_marker("app_config")
    if marker is not None:
        overrides = merge(overrides, *marker.args)
    extra = getattr(request.module, "EXTRA_PLUGINS", None)
    if request.node.get_closest_marker("fresh_app") is not None:
        app_factory = request.getfixturevalue("fresh_app_factory")
    application = app_factory(overrides or None, extra)
    with application.app_context():
        yield application


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Chromium (a Playwright ``Browser``), one per test process: Playwright's
    sync API runs one instance per thread, so every browser test shares this one."""
    from .browser import chromium

    with chromium() as found:
        yield found


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def make_user(app: Flask) -> Callable[..., Any]:
    """Create an account: ``make_user("awa", roles=["Company"])``."""
    from ..accounts.shared.services import create_user
    from ..extensions import db

    def make(
        username: str = "member",
        roles: list[str] | None = None,
        password: str = TEST_PASSWORD,
        email: str | None = None,
        mfa: bool | None = None,
    ) -> Any:
        """``mfa``: None = TOTP when the roles require it, True = always, False = never."""
        from .accounts import enrol_if_required

        user = create_user(
            username,
            email or f"{username}@example.org",
            username.title(),
            "Test",
            password,
            roles or ["Company"],
        )
        db.session.commit()
        if mfa is not False:
            enrol_if_required(user, force=bool(mfa))
        return user

    return make


def csrf_token(html: str) -> str:
    match = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', html)
    if not match:
        match = re.search(r'value="([^"]+)"[^>]*name="csrf_token"', html)
    assert match, "no CSRF token in the page"
    return match.group(1)


@pytest.fixture
def login(client: FlaskClient) -> Callable[..., Any]:
    """Sign in through the real form: ``login("awa")`` (answering the TOTP step for
    users that ``make_user`` enrolled in MFA)."""

    def do(username: str, password: str = TEST_PASSWORD, lang: str = "fr") -> Any:
        from .accounts import answer_second_step

        page = client.get(f"/{lang}/login")
        response = client.post(
            f"/{lang}/login",
            data={"login": username, "password": password, "csrf_token": csrf_token(page.text)},
        )
        return answer_second_step(client, response, username, lang)  # users made with MFA

    return do
