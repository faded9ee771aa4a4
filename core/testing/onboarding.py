"""Test helpers for sign-up and invitations: fill the form as a browser would
(CSRF token and solved CAPTCHA read from the page), read the development outbox."""

from __future__ import annotations

import html
import json
import re
from email.message import EmailMessage
from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from .accounts import body as body  # re-exported for the onboarding tests
from .accounts import outbox as outbox
from .fixtures import TEST_PASSWORD, csrf_token

STRONG_PASSWORD = TEST_PASSWORD


def page_challenge(page_html: str) -> dict[str, Any]:
    """The CAPTCHA challenge a page hands to its solver."""
    match = re.search(r'data-altcha-challenge="([^"]+)"', page_html)
    assert match, "no CAPTCHA challenge in the page"
    return dict(json.loads(html.unescape(match.group(1))))


def solved(page_html: str) -> str:
    """The payload the page's JavaScript would put in the hidden ``altcha`` field."""
    from ..accounts.captcha.services import solve_for_tests

    return solve_for_tests(page_challenge(page_html))


def company_fields(**overrides: Any) -> dict[str, Any]:
    """A complete, valid company representative sign-up."""
    fields: dict[str, Any] = {
        "kind": "company",
        "first_name": "Awa",
        "last_name": "Ndiaye",
        "email": "awa@example.org",
        "job_title": "Directrice export",
        "password": STRONG_PASSWORD,
        "password_confirm": STRONG_PASSWORD,
        "company_mode": "new",
        "company_name": "Baobab Export",
        "company_country": "SN",
        "company_city": "Dakar",
        "company_sector": "Agroalimentaire",
        "export_share": "15",
        "export_stage": "growing",
        "accept_privacy": "y",
    }
    fields.update(overrides)
    return {k: v for k, v in fields.items() if v is not None}


def expert_fields(**overrides: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "kind": "expert",
        "first_name": "Jean",
        "last_name": "Kaboré",
        "email": "jean@example.org",
        "password": STRONG_PASSWORD,
        "password_confirm": STRONG_PASSWORD,
        "organisation": "Cabinet Sahel Conseil",
        "expertise": "Logistique\nCertification",
        "countries": ["BF", "CI"],
        "accept_privacy": "y",
    }
    fields.update(overrides)
    return {k: v for k, v in fields.items() if v is not None}


def post_signup(
    client: FlaskClient,
    fields: dict[str, Any],
    lang: str = "fr",
    page: str | None = None,
    captcha: bool = True,
) -> Any:
    """Open the sign-up page (or ``page``), then send ``fields`` with its CSRF token
    and a solved CAPTCHA."""
    form_page = client.get(page or f"/{lang}/signup")
    assert form_page.status_code == 200, form_page.status_code
    data = dict(fields)
    data["csrf_token"] = csrf_token(form_page.text)
    if captcha:
        data.setdefault("altcha", solved(form_page.text))
    invitation = re.search(r'name="invitation" type="hidden" value="([^"]*)"', form_page.text)
    if invitation and invitation.group(1):
        data.setdefault("invitation", html.unescape(invitation.group(1)))
    return client.post(f"/{lang}/signup", data=data)


def mails_to(app: Flask, address: str) -> list[EmailMessage]:
    return [m for m in outbox(app) if m["To"] == address]


def link_in(message: EmailMessage, marker: str) -> str:
    """The path of the first link in ``message`` containing ``marker``."""
    for url in re.findall(r"https?://\S+", body(message)):
        if marker in url:
            return re.sub(r"^https?://[^/]+", "", url)
    raise AssertionError(f"no link with {marker!r} in: {body(message)}")
