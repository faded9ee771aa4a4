"""Aminata's and a moderator's paths in headless Chromium: four documents uploaded,
findings shown, review with MFA, more information requested, approval, badge.
Every page is checked with axe and photographed at 320 and 1280 px."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from tremplin.core.testing.browser import axe_violations, live_app, sign_in
from tremplin.core.testing.storage import png_with_text

from .fixtures import AMINATA_COMPANY, PLUGINS, make_pdf, trade_register

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).resolve().parents[3] / "test-output" / "screenshots"
PDF_DOCS = {
    "trade_register": trade_register(),
    "financial_statements": make_pdf(
        ["Etats financiers 2025 - Saveurs du Sahel SARL", "RCCM SN-DKR-2019-B-12345"]
    ),
    "proof_of_address": make_pdf(
        ["Facture Senelec", "Saveurs du Sahel SARL", "12 rue Carnot, 10200 Dakar"]
    ),
}


def _seed(app: Flask) -> None:
    from tremplin.core import api
    from tremplin.core.accounts.shared.services import create_user
    from tremplin.core.api import db
    from tremplin.core.testing.accounts import enrol_if_required
    from tremplin.core.testing.fixtures import TEST_PASSWORD

    with app.app_context():
        aminata = create_user(
            "aminata", "aminata@example.org", "Aminata", "Diallo", TEST_PASSWORD, ["Company"]
        )
        moderator = create_user(
            "moussa", "moussa@example.org", "Moussa", "Sarr", TEST_PASSWORD, ["Moderator"]
        )
        company = api.create_company(**AMINATA_COMPANY)
        api.set_member_company(aminata.id, company.id)
        db.session.commit()
        enrol_if_required(moderator)
        db.session.remove()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, template_database: str) -> Iterator[Any]:
    overrides = {**PLUGINS, "limits": {"default": "100000 per hour"}}
    with live_app(
        tmp_path_factory.mktemp("verification-live"), template_database, overrides, seed=_seed
    ) as (app, base):
        yield app, base


def check_page(page: Any, name: str) -> None:
    """No serious axe violation, no horizontal scrolling at 320 px; screenshots."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    problems = axe_violations(page)
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SHOTS / f"verification-{name}-{width}.png"), full_page=True)
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if width == 320 and scroll > 330:
            problems.append(f"horizontal scrolling at 320 px ({scroll})")
    page.set_viewport_size({"width": 1280, "height": 900})
    assert not problems, f"{name}: " + "\n".join(problems)


def upload(page: Any, base: str, doc_type: str, name: str, data: bytes, mime: str) -> None:
    page.goto(f"{base}/fr/verification/")
    page.select_option("#doc_type", doc_type)
    page.set_input_files("#file", files=[{"name": name, "mimeType": mime, "buffer": data}])
    with page.expect_navigation():
        page.click("form[action$='/documents'] button[type=submit]")
    assert "Document reçu" in page.content()


def decide(page: Any, base: str, action: str, reason: str) -> None:
    page.goto(f"{base}/admin/verification/")
    page.click("text=Saveurs du Sahel SARL")
    assert "/admin/verification/" in page.url and "confirm" not in page.url
    page.check(f"input[name=action][value={action}]")
    page.fill("#reason", reason)
    with page.expect_navigation():
        page.click("form[action$='/decision'] button[type=submit]")


def test_aminata_uploads_and_a_moderator_requests_more_then_approves(browser, server):
    app, base = server
    member = browser.new_context(locale="fr-FR")
    page = member.new_page()
    sign_in(page, base, "aminata")
    page.goto(f"{base}/fr/verification/")
    check_page(page, "status-empty")
    for doc_type, data in PDF_DOCS.items():
        upload(page, base, doc_type, f"{doc_type}.pdf", data, "application/pdf")
    upload(page, base, "manager_id", "passeport.png", png_with_text(), "image/png")
    text = page.inner_text("main")
    assert "En cours d’examen" in text
    assert "Le numéro d’immatriculation SN-DKR-2019-B-12345 figure dans le document." in text
    assert "Le texte n’a pas pu être vérifié" in text
    check_page(page, "status-findings")

    moderator = browser.new_context(locale="fr-FR")
    review = moderator.new_page()
    sign_in(review, base, "moussa", app=app)  # with the TOTP second step
    review.goto(f"{base}/admin/verification/")
    assert "Saveurs du Sahel SARL" in review.inner_text("main, body")
    check_page(review, "queue")
    review.click("text=Saveurs du Sahel SARL")
    assert "SN-DKR-2019-B-12345" in review.inner_text("body")  # the PDF's text, inline
    assert review.locator("img.verification-image").count() == 1
    check_page(review, "review")
    decide(review, base, "more_info", "Merci d’envoyer un extrait de moins de trois mois.")

    page.goto(f"{base}/fr/verification/")
    assert "Informations complémentaires demandées" in page.inner_text("main")
    assert "moins de trois mois" in page.inner_text("main")
    upload(page, base, "trade_register", "extrait-recent.pdf", trade_register(), "application/pdf")
    decide(review, base, "approve", "Documents conformes.")
    page.goto(f"{base}/fr/verification/")
    assert "Profil vérifié" in page.inner_text("#verification-state")
    check_page(page, "status-verified")
    member.close()
    moderator.close()
