"""Browser tests: one live server and one headless Chromium shared by the session.

The server runs the real application in a thread (werkzeug ``make_server``) on a
free port, on a migrated copy of the test database (SQLite, or PostgreSQL when
``TREMPLIN_TEST_DATABASE_URL`` is set) loaded with the demo data, a company
member and an administrator. Screenshots go to ``test-output/screenshots/``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from tremplin.core.testing.browser import live_app
from tremplin.core.testing.browser import sign_in as browser_sign_in
from tremplin.core.testing.fixtures import TEST_PASSWORD

REPO = Path(__file__).resolve().parents[2]
MEMBER = "awa.ndiaye"
ADMIN = "admin"


@dataclass
class LiveServer:
    url: str
    app: Flask

    def __call__(self, path: str) -> str:
        return self.url + path


def _seed(app: Flask) -> None:
    from tremplin.core import search
    from tremplin.core.accounts.shared.services import create_user
    from tremplin.core.demo import load_demo
    from tremplin.core.extensions import db
    from tremplin.core.testing.accounts import enrol_if_required

    with app.app_context():
        load_demo(password=TEST_PASSWORD)
        admin = create_user(ADMIN, "admin@example.org", "Ada", "Admin", TEST_PASSWORD, ["Admin"])
        db.session.commit()
        enrol_if_required(admin)  # administrators must use MFA (TOTP)
        search.rebuild()
        db.session.remove()


@pytest.fixture(scope="session")
def live_server(
    tmp_path_factory: pytest.TempPathFactory, template_database: str
) -> Iterator[LiveServer]:
    overrides = {
        "limits": {"default": "100000 per hour"},
        # MFA has its own tests; here the administrator signs in with a password.
        "accounts": {"mfa_required_roles": []},
    }
    with live_app(
        tmp_path_factory.mktemp("live-server"), template_database, overrides, seed=_seed
    ) as (app, base):
        yield LiveServer(base, app)


def sign_in(context: Any, server: LiveServer, username: str) -> None:
    """Sign in through the real form, as a person would (second step included)."""
    page = context.new_page()
    browser_sign_in(page, server.url, username, app=server.app)
    assert "/login" not in page.url, f"{username} could not sign in: {page.url}"
    page.close()


def _context(browser: Any, server: LiveServer, username: str | None) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    if username:
        sign_in(context, server, username)
    yield context
    context.close()


@pytest.fixture(scope="session")
def visitor(browser: Any, live_server: LiveServer) -> Iterator[Any]:
    yield from _context(browser, live_server, None)


@pytest.fixture(scope="session")
def member(browser: Any, live_server: LiveServer) -> Iterator[Any]:
    yield from _context(browser, live_server, MEMBER)


@pytest.fixture(scope="session")
def admin(browser: Any, live_server: LiveServer) -> Iterator[Any]:
    yield from _context(browser, live_server, ADMIN)
