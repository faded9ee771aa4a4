"""Browser-test helpers for core and plugins: a live server, headless Chromium, axe.

::

    with live_app(folder, template_database, seed=add_accounts) as (app, base):
        with chromium() as browser:
            page = browser.new_page()
            page.goto(base + "/fr/")
            assert axe_violations(page) == []

The live server runs the real application in a thread (werkzeug ``make_server``)
on a free port of 127.0.0.1, on a migrated copy of the test database, and drops
that copy afterwards. Chromium is Debian's ``/usr/bin/chromium`` driven by
Playwright; the test is skipped, saying why, when either is missing.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from werkzeug.serving import make_server

from . import databases
from .fixtures import TEST_PASSWORD, build_app, merge

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
BLOCKING_IMPACTS = ("serious", "critical")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def live_app(
    folder: Path,
    template_database: str,
    overrides: dict[str, dict[str, Any]] | None = None,
    seed: Callable[[Flask], None] | None = None,
    extra_plugins: list[Any] | None = None,
) -> Iterator[tuple[Flask, str]]:
    """Serve a fresh copy of the test database; yields the app and its base URL
    (also its ``[app] base_url``). ``seed(app)`` runs before the server starts;
    ``extra_plugins`` are plugins that are not installed (the test plugin)."""
    url = databases.new_database_url(folder, template_database)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    app = build_app(
        folder / "instance",
        url,
        merge({"app": {"base_url": base}}, overrides or {}),
        extra_plugins,
        migrate_db=True,
    )
    if seed is not None:
        seed(app)
    server = make_server("127.0.0.1", port, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield app, base
    finally:
        server.shutdown()
        thread.join(timeout=10)
        with app.app_context():
            from ..extensions import db

            db.session.remove()
            db.engine.dispose()
        databases.drop_database(url)


@contextmanager
def chromium() -> Iterator[Any]:
    """Headless Chromium (a Playwright ``Browser``); skips the test when missing."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: apt-get install -y chromium (make test does it)")
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright is not installed (make install-test)"
    )
    playwright = sync_api.sync_playwright().start()
    browser = playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS
    )
    try:
        yield browser
    finally:
        browser.close()
        playwright.stop()


def sign_in(
    page: Any, base: str, login: str, password: str = TEST_PASSWORD, app: Flask | None = None
) -> None:
    """Sign in through the real form, as a person would; with ``app``, also answer
    the second step for a user enrolled by ``make_user``/``enrol_if_required``."""
    page.goto(f"{base}/fr/login")
    page.fill("#login", login)
    page.fill("#password", password)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    if app is not None and "/login/code" in page.url:
        from .accounts import current_code_for

        page.fill("#code", current_code_for(app, login) or "")
        with page.expect_navigation():
            page.click("main form:not(.inline-form) button[type=submit]")


def axe_violations(page: Any) -> list[str]:
    """Serious and critical axe-core violations of the page, one readable line each."""
    axe = pytest.importorskip(
        "axe_playwright_python.sync_playwright", reason="axe-playwright-python is not installed"
    )
    response = axe.Axe().run(page).response
    lines = []
    for violation in response["violations"]:
        if violation.get("impact") not in BLOCKING_IMPACTS:
            continue
        targets = [", ".join(map(str, node["target"])) for node in violation["nodes"][:4]]
        lines.append(f"{violation['impact']} {violation['id']}: {violation['help']} -> {targets}")
    return lines
