"""The whole invite-only path in headless Chromium: an administrator invites, the
invitee signs up (the page's JavaScript solves the CAPTCHA), confirms the address
from the e-mail, then signs in. axe-core checks every page on the way."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask

from tremplin.core.testing.browser import axe_violations, live_app, sign_in
from tremplin.core.testing.fixtures import TEST_PASSWORD
from tremplin.core.testing.onboarding import link_in, mails_to

pytestmark = pytest.mark.browser
INVITEE = "invitee@example.org"


def _add_admin(app: Flask) -> None:
    with app.app_context():
        from tremplin.core.accounts.shared.services import create_user
        from tremplin.core.extensions import db

        create_user("admin", "admin@example.org", "Ada", "Admin", TEST_PASSWORD, ["Admin"])
        db.session.commit()
        db.session.remove()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, template_database: str) -> Iterator[Any]:
    with live_app(
        tmp_path_factory.mktemp("onboarding-browser"),
        template_database,
        {"accounts": {"mfa_required_roles": []}},
        seed=_add_admin,
    ) as (app, base):
        app.base = base
        yield app


def audit(page: Any, audited: dict[str, list[str]]) -> None:
    audited[page.url.split("?")[0]] = axe_violations(page)


def admin_invites(browser: Any, server: Any, audited: dict[str, list[str]]) -> str:
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    sign_in(page, server.base, "admin")
    page.goto(f"{server.base}/admin/onboarding/invite")
    audit(page, audited)
    page.fill("#addresses", INVITEE)
    with page.expect_navigation():
        page.click("form button[type=submit]")
    assert "1 invitation" in page.content()
    context.close()
    with server.app_context():
        return link_in(mails_to(server, INVITEE)[-1], "/signup/invitation/")


def fill_signup(page: Any) -> None:
    page.check("#kind-0")
    page.fill("#first_name", "Awa")
    page.fill("#last_name", "Ndiaye")
    page.fill("#job_title", "Directrice export")
    page.fill("#password", TEST_PASSWORD)
    page.fill("#password_confirm", TEST_PASSWORD)
    page.fill("#company_name", "Baobab Export")
    page.select_option("#company_country", "SN")
    page.fill("#company_city", "Dakar")
    page.fill("#company_sector", "Agroalimentaire")
    page.fill("#export_share", "20")
    page.check("#export_stage-0")
    page.check("#accept_privacy")


def test_invitation_signup_confirmation_and_sign_in(browser, server):
    audited: dict[str, list[str]] = {}
    path = admin_invites(browser, server, audited)
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    page.goto(server.base + path)
    assert page.input_value("#email") == INVITEE
    page.check("#kind-0")
    assert page.is_hidden("[data-kind=expert]")  # the script shows one section at a time
    audit(page, audited)
    fill_signup(page)
    page.wait_for_selector("[data-altcha-state=verified]", timeout=60000)
    assert "Vérification terminée" in page.inner_text("#altcha-status")
    with page.expect_navigation():
        page.click("form[data-signup-form] button[type=submit]")
    assert page.url.endswith("/fr/signup/done"), page.url
    audit(page, audited)
    with server.app_context():
        confirm_path = link_in(mails_to(server, INVITEE)[-1], "/confirm/")
    page.goto(server.base + confirm_path)
    audit(page, audited)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert "/fr/login" in page.url and "confirmée" in page.content()
    audit(page, audited)
    sign_in(page, server.base, INVITEE)
    assert page.url.endswith("/fr/dashboard"), page.url
    page.goto(f"{server.base}/fr/confirm/resend")
    audit(page, audited)
    context.close()
    assert len(audited) >= 6
    assert not any(audited.values()), audited


def test_without_javascript_the_page_says_why(browser, server):
    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    page = context.new_page()
    page.goto(f"{server.base}/fr/signup")
    assert "JavaScript est nécessaire" in page.inner_text(".captcha")
    assert page.is_visible("[data-kind=expert]") and page.is_visible("[data-kind=company]")
    context.close()


def test_english_signup_page_passes_axe(browser, server):
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.goto(f"{server.base}/en/signup")
    page.check("#kind-1")
    assert page.is_hidden("[data-kind=company]")
    assert not axe_violations(page)
    context.close()
