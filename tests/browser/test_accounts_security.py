"""Accounts security in headless Chromium, as a person would do it:

sign in → set up an authenticator app (secret read from the page, code computed with
pyotp) → sign out → sign in with a TOTP code → a second browser signs in with a
recovery code → password reset with the code read from the development outbox →
the second browser's session is over. Every page on the way passes axe (no serious
or critical violation).
"""

from __future__ import annotations

import re
import time
from typing import Any

import pyotp
import pytest

from tremplin.core.testing.accounts import body, outbox
from tremplin.core.testing.fixtures import TEST_PASSWORD

from .audit import axe_violations

pytestmark = pytest.mark.browser
USERNAME, EMAIL = "fatou.sow", "fatou.sow@example.org"
NEW_PASSWORD = "pirogue baobab harmattan saloum"


@pytest.fixture(scope="module")
def account(live_server: Any) -> str:
    from tremplin.core.accounts.shared.services import create_user
    from tremplin.core.extensions import db

    with live_server.app.app_context():
        create_user(USERNAME, EMAIL, "Fatou", "Sow", TEST_PASSWORD, ["Company"])
        db.session.commit()
        db.session.remove()
    return USERNAME


def check_axe(page: Any, problems: list[str]) -> None:
    problems.extend(f"{page.url}: {line}" for line in axe_violations(page))


def submit(page: Any) -> None:
    with page.expect_navigation():
        page.click("main form:not(.inline-form) button[type=submit]")


def password_step(page: Any, server: Any, password: str = TEST_PASSWORD) -> None:
    page.goto(server("/fr/login"))
    page.fill("#login", EMAIL)
    page.fill("#password", password)
    submit(page)


def totp_at(secret: str, steps_ahead: int) -> str:
    return pyotp.TOTP(secret).at(time.time() + 30 * steps_ahead)


def latest_reset_code(server: Any) -> str:
    for message in reversed(outbox(server.app)):
        if message["To"] == EMAIL and "réinitialisation" in str(message["Subject"]):
            return re.search(r"\b(\d{6})\b", body(message)).group(1)
    raise AssertionError("no reset code in the outbox")


def test_mfa_and_reset_journey(browser: Any, live_server: Any, account: str) -> None:
    server, problems = live_server, []
    first = browser.new_context(locale="fr-FR")
    second = browser.new_context(locale="fr-FR")
    page = first.new_page()

    page.goto(server("/fr/login"))
    check_axe(page, problems)
    password_step(page, server)
    assert page.url.endswith("/fr/dashboard")

    # Set up the authenticator app.
    page.goto(server("/fr/account/security"))
    check_axe(page, problems)
    page.goto(server("/fr/account/security/totp"))
    check_axe(page, problems)
    secret = page.inner_text("#totp-secret").replace(" ", "")
    assert page.get_attribute("img.qr", "src").startswith("data:image/svg+xml")
    page.fill("#code", totp_at(secret, 0))
    submit(page)
    codes = [c.strip() for c in page.locator(".recovery-codes code").all_inner_texts()]
    assert len(codes) == 10
    check_axe(page, problems)

    # Sign out, sign in again with a TOTP code (the next step: the first one is spent).
    page.goto(server("/fr/logout"))
    submit(page)
    password_step(page, server)
    assert page.url.endswith("/fr/login/code")
    check_axe(page, problems)
    page.fill("#code", totp_at(secret, 1))
    submit(page)
    assert page.url.endswith("/fr/dashboard"), page.url

    # A second browser signs in with a recovery code.
    other = second.new_page()
    password_step(other, server)
    other.fill("#code", codes[0])
    submit(other)
    assert other.url.endswith("/fr/dashboard")

    # Password reset with the e-mailed code.
    page.goto(server("/fr/password-reset"))
    check_axe(page, problems)
    page.fill("#email", EMAIL)
    submit(page)
    assert page.url.endswith("/fr/password-reset/code")
    check_axe(page, problems)
    page.fill("#code", latest_reset_code(server))
    submit(page)
    assert page.url.endswith("/fr/password-reset/new")
    check_axe(page, problems)
    page.fill("#password", NEW_PASSWORD)
    page.fill("#confirm", NEW_PASSWORD)
    submit(page)
    assert "/fr/login" in page.url

    # The second browser's session is over.
    other.goto(server("/fr/dashboard"))
    assert "/fr/login" in other.url

    # The new password works (with the next TOTP code).
    password_step(page, server, NEW_PASSWORD)
    page.fill("#code", codes[1])
    submit(page)
    assert page.url.endswith("/fr/dashboard")
    first.close()
    second.close()
    assert problems == [], "\n".join(problems)
