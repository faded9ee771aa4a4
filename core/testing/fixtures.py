"""Pytest fixtures: ``app``, ``client``, ``runner``, ``make_user``, ``login``.

``app`` is built on a fresh copy of a database migrated once per session.
A test module can set ``EXTRA_PLUGINS = [module]`` (plugins not installed as
entry points) and ``CONFIG_OVERRIDES = {...}``; they are read by ``app``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from . import databases

TEST_PASSWORD = "correct horse battery staple 2026"


def base_overrides(instance: Path, url: str) -> dict[str, dict[str, Any]]:
    return {
        "app": {"environment": "test", "instance_path": str(instance),
                "secret_key": "test-secret-" + "x1y2z3" * 8},
        "database": {"url": url},
        "tasks": {"immediate": True},
        "mail": {"backend": "file"},
        "limits": {"storage_url": "memory://"},
        "logging": {"json": True, "level": "WARNING"},
    }


def merge(*layers: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    merged: dict[str, dict[str, Any]] = {}
    for layer in layers:
        for section, values in layer.items():
            merged.setdefault(section, {}).update(values)
    return merged


def build_app(instance: Path, url: str, overrides: dict[str, dict[str, Any]] | None = None,
              extra_plugins: list[Any] | None = None, migrate_db: bool = False) -> Flask:
    from ..app import create_app
    app = create_app(overrides=merge(base_overrides(instance, url), overrides or {}),
                     extra_plugins=extra_plugins or [])
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


@pytest.fixture
def app_factory(tmp_path: Path, template_database: str) -> Iterator[Callable[..., Flask]]:
    """Build apps on fresh database copies; every one is disposed after the test."""
    made: list[tuple[Flask, str]] = []

    def make(overrides: dict[str, dict[str, Any]] | None = None,
             extra_plugins: list[Any] | None = None, migrate_db: bool = True) -> Flask:
        url = databases.new_database_url(tmp_path, template_database)
        app = build_app(tmp_path / f"instance{len(made)}", url, overrides, extra_plugins,
                        migrate_db=migrate_db)
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
    overrides = getattr(request.module, "CONFIG_OVERRIDES", None)
    extra = getattr(request.module, "EXTRA_PLUGINS", None)
    application = app_factory(overrides, extra)
    with application.app_context():
        yield application


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def make_user(app: Flask) -> Callable[..., Any]:
    """Create an account: ``make_user("awa", roles=["Company"])``."""
    from ..accounts.services import create_user
    from ..extensions import db

    def make(username: str = "member", roles: list[str] | None = None,
             password: str = TEST_PASSWORD, email: str | None = None,
             mfa: bool | None = None) -> Any:
        """``mfa``: None = TOTP when the roles require it, True = always, False = never."""
        from .accounts import enrol_if_required
        user = create_user(username, email or f"{username}@example.org", username.title(),
                           "Test", password, roles or ["Company"])
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
        response = client.post(f"/{lang}/login", data={"login": username, "password": password,
                                                       "csrf_token": csrf_token(page.text)})
        return answer_second_step(client, response, username, lang)  # users made with MFA

    return do
