"""The whole path in headless Chromium: Ahmed finds Awa, writes with a brochure
attached; Awa gets one batched e-mail (development outbox) and replies; Ahmed's
header count and open conversation update without reloading; a third member
cannot open the conversation or the attachment by URL; a reported message reaches
the moderation queue and is hidden. axe on every page, screenshots at 320/1280."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from tremplin.core.testing.browser import axe_violations, live_app, sign_in
from tremplin.core.testing.storage import pdf

from .fixtures import OLD_KEY

pytestmark = pytest.mark.browser
SCREENSHOTS = Path(__file__).resolve().parents[3] / "test-output" / "screenshots"
OVERRIDES = {
    "plugins": {"enabled": ["pages", "messaging"]},
    "messaging": {"keys": [OLD_KEY], "alert_after_minutes": 0, "poll_seconds": 1},
    "limits": {"default": "100000 per hour"},
}
BROCHURE = "Bonjour Awa, voici notre brochure export."


def _seed(app: Flask) -> None:
    from tremplin.core.accounts import create_user
    from tremplin.core.api import db
    from tremplin.core.testing.accounts import enrol_if_required
    from tremplin.core.testing.fixtures import TEST_PASSWORD
    from tremplin.core.testing.members import give_company

    with app.app_context():
        people = {}
        for login, first, last in (
            ("ahmed", "Ahmed", "Benali"),
            ("awa", "Awa", "Ndiaye"),
            ("moussa", "Moussa", "Diop"),
        ):
            people[login] = create_user(
                login, f"{login}@example.org", first, last, TEST_PASSWORD, ["Company"]
            )
        modo = create_user("modo", "modo@example.org", "Mona", "Modo", TEST_PASSWORD, ["Moderator"])
        db.session.commit()
        enrol_if_required(modo, force=True)
        give_company(people["ahmed"], "Atlas Agro", "MA", "C10")
        give_company(people["awa"], "Baobab Textiles", "SN", "C13")
        db.session.remove()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, template_database: str) -> Iterator[Any]:
    with live_app(
        tmp_path_factory.mktemp("messaging-live"), template_database, OVERRIDES, seed=_seed
    ) as found:
        yield found


def _check(page: Any, name: str) -> None:
    assert axe_violations(page) == [], name
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width in (320, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        if width == 320:
            overflow = page.evaluate("document.documentElement.scrollWidth")
            assert overflow <= 320, f"{name}: horizontal scrolling at 320 px ({overflow})"
        page.screenshot(path=str(SCREENSHOTS / f"messaging-{name}-{width}.png"), full_page=True)


def _alerts(app: Flask) -> None:
    from tremplin.plugins.messaging.alerts import send_due_alerts

    with app.app_context():
        send_due_alerts()


def test_ahmed_writes_to_awa_who_replies(browser, server, tmp_path):
    app, base = server
    from tremplin.core.testing.accounts import body, outbox

    ahmed = browser.new_context(locale="fr-FR").new_page()
    sign_in(ahmed, base, "ahmed")
    ahmed.goto(f"{base}/fr/messages/new?country=SN")
    _check(ahmed, "new")
    ahmed.get_by_label("Awa Ndiaye — Baobab Textiles").check()
    ahmed.fill("#body", BROCHURE)
    brochure = tmp_path / "brochure.pdf"
    brochure.write_bytes(pdf())
    ahmed.set_input_files("#attachment", str(brochure))
    with ahmed.expect_navigation():
        ahmed.click("main form[enctype] button[type=submit]")
    conversation_url = ahmed.url.split("#")[0]
    assert BROCHURE in ahmed.text_content("main")
    attachment_url = base + str(ahmed.get_attribute("a:has-text('brochure.pdf')", "href"))
    _check(ahmed, "conversation")

    _alerts(app)
    mails = [m for m in outbox(app) if m["To"] == "awa@example.org"]
    assert len(mails) == 1 and BROCHURE not in body(mails[0]) and "Ahmed Benali" in body(mails[0])
    link = re.search(r"https?://[^\s\"]+/fr/messages/\d+", body(mails[0]))
    assert link is not None

    ahmed.goto(f"{base}/fr/messages/")
    _check(ahmed, "inbox")
    counter = "[data-messaging-unread]"
    assert ahmed.text_content(counter) == "0"

    awa = browser.new_context(locale="fr-FR").new_page()
    sign_in(awa, base, "awa")
    awa.goto(link.group(0).replace(re.match(r"https?://[^/]+", link.group(0)).group(0), base))
    assert BROCHURE in awa.text_content("main")
    assert awa.request.get(attachment_url).body() == pdf()
    awa.fill("#body", "Merci Ahmed, bien reçu.")
    with awa.expect_navigation():
        awa.click("main form[enctype] button[type=submit]")
    from playwright.sync_api import expect

    expect(ahmed.locator(counter)).to_have_text("1", timeout=10000)  # no reload

    ahmed.goto(conversation_url)
    awa.fill("#body", "Vous serez au salon de Dakar ?")
    with awa.expect_navigation():
        awa.click("main form[enctype] button[type=submit]")
    ahmed.wait_for_selector("text=Vous serez au salon de Dakar ?", timeout=10000)  # no reload

    moussa = browser.new_context(locale="fr-FR").new_page()
    sign_in(moussa, base, "moussa")
    assert moussa.goto(conversation_url).status == 404
    assert moussa.request.get(attachment_url).status == 404
    assert BROCHURE not in moussa.text_content("body")

    awa.goto(conversation_url)
    with awa.expect_navigation():
        awa.locator("li.message", has_text="voici notre brochure").get_by_role(
            "link", name="Signaler ce message"
        ).click()
    assert BROCHURE in awa.text_content("main")
    assert axe_violations(awa) == []
    awa.select_option("#reason", "spam")
    with awa.expect_navigation():
        awa.click("main form button[type=submit]")
    assert "transmis à la modération" in awa.text_content("main")

    modo = browser.new_context(locale="fr-FR").new_page()
    sign_in(modo, base, "modo", app=app)
    modo.goto(f"{base}/admin/moderation/")
    assert axe_violations(modo) == []
    with modo.expect_navigation():
        modo.click("main table a")
    assert BROCHURE in modo.text_content("main")
    assert axe_violations(modo) == []
    with modo.expect_navigation():
        modo.click("button[data-action=hide]")
    assert modo.text_content("[data-report-state]") == "Masqué"

    awa.goto(conversation_url)
    assert BROCHURE not in awa.text_content("main")
    assert "Message masqué par la modération." in awa.text_content("main")
    _check_database(app)


def _check_database(app: Flask) -> None:
    from sqlalchemy import text

    from tremplin.core.api import db

    with app.app_context():
        bodies = db.session.execute(text("SELECT body FROM messaging_message")).scalars().all()
        db.session.remove()
    assert len(bodies) == 3
    assert not any(b"brochure" in bytes(b) or b"Dakar" in bytes(b) for b in bodies)
