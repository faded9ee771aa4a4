"""The notification centre in a real browser: axe, marking read without and with
JavaScript, and the header's count refreshed by ``core/static/js/notifications.js``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from tremplin.core.testing.browser import axe_violations, live_app, sign_in
from tremplin.core.testing.plugins import load_uninstalled

pytestmark = pytest.mark.browser

TESTPLUGIN = Path(__file__).resolve().parents[1] / "testplugin"
NOTE_SAVED = "testplugin.note_saved"
MEMBER = "binta"


def _seed(app: Flask) -> None:
    from tremplin.core.accounts import create_user
    from tremplin.core.api import db, notify
    from tremplin.core.notifications.services import set_preference
    from tremplin.core.testing.fixtures import TEST_PASSWORD

    with app.app_context():
        user = create_user(MEMBER, "binta@example.org", "Binta", "Sow", TEST_PASSWORD, ["Company"])
        db.session.flush()
        set_preference(user.id, NOTE_SAVED, "platform")
        for text in ("Salon de Dakar", "Mission à Abidjan"):
            notify(user, NOTE_SAVED, text=text, url="/fr/testplugin/")
        db.session.commit()
        db.session.remove()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, template_database: str) -> Iterator[Any]:
    plugins = [
        load_uninstalled(TESTPLUGIN, "tremplin_testplugin", "plugin"),
        load_uninstalled(TESTPLUGIN, "tremplin_testplugin", "listener"),
    ]
    overrides = {"accounts": {"mfa_required_roles": []}, "limits": {"default": "100000 per hour"}}
    with live_app(
        tmp_path_factory.mktemp("notifications-live"),
        template_database,
        overrides,
        seed=_seed,
        extra_plugins=plugins,
    ) as found:
        yield found


def _count(page: Any) -> str:
    return str(page.text_content(".notification-badge [data-notification-count]")).strip()


def test_centre_is_accessible_and_marks_read(browser, server):
    _app, base = server
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    sign_in(page, base, MEMBER)
    page.goto(f"{base}/fr/notifications/")
    assert page.locator("h1").text_content() == "Notifications"
    assert "Votre note « Salon de Dakar » est enregistrée." in page.text_content("main")
    assert _count(page) == "2"
    assert axe_violations(page) == []
    with page.expect_navigation():
        page.locator("main form.inline-form button").first.click()
    assert _count(page) == "1"
    page.goto(f"{base}/fr/notifications/preferences")
    assert axe_violations(page) == []
    context.close()


@pytest.mark.parametrize("width", [320, 1280])
def test_centre_and_preferences_fit_the_screen(browser, server, screenshots, width):
    _app, base = server
    context = browser.new_context(locale="fr-FR", viewport={"width": width, "height": 900})
    page = context.new_page()
    sign_in(page, base, MEMBER)
    for name, path in (
        ("centre", "/fr/notifications/"),
        ("preferences", "/fr/notifications/preferences"),
    ):
        page.goto(f"{base}{path}")
        page.screenshot(path=str(screenshots / f"notifications-{name}-{width}.png"), full_page=True)
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= width, f"{path} is {scroll} px wide on a {width} px screen"
    context.close()


def test_count_refreshes_with_javascript(browser, server):
    app, base = server
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    sign_in(page, base, MEMBER)
    page.goto(f"{base}/fr/")
    before = int(_count(page))
    with app.app_context():
        from tremplin.core.accounts import find_user
        from tremplin.core.api import db, notify

        notify(find_user(MEMBER), NOTE_SAVED, text="Nouvelle")
        db.session.commit()
        db.session.remove()
    page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
    page.wait_for_function(
        "n => document.querySelector('[data-notification-count]').textContent === String(n)",
        arg=before + 1,
    )
    context.close()


def test_centre_works_without_javascript(browser, server):
    _app, base = server
    context = browser.new_context(locale="fr-FR", java_script_enabled=False)
    page = context.new_page()
    sign_in(page, base, MEMBER)
    page.goto(f"{base}/fr/notifications/")
    with page.expect_navigation():
        page.click("text=Tout marquer comme lu")
    assert _count(page) == "0"
    assert "marquée(s) comme lue(s)" in page.text_content("main")
    context.close()
