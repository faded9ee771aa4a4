"""The resource centre in a real browser, as the personas use it (issue 14, "Done when"):
Aminata finds the customs guide by a word that is only inside its PDF; she sees the
study's preview but cannot download it, not even by its file URL; Awa (verified)
downloads it and the counter moves; a content manager publishes a new country sheet
that search then finds; a custom-study request goes through its statuses with
notifications. axe on every page, French and English, screenshots at 320 and 1280 px."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask

from tremplin.core.testing.browser import axe_violations, live_app, sign_in

from . import verified

pytestmark = pytest.mark.browser

AMINATA, AWA, EDITOR = "aminata.kone", "awa.ndiaye", "redaction"


def _seed(app: Flask) -> None:
    from tremplin.core import search
    from tremplin.core.accounts import create_user, find_user
    from tremplin.core.api import company_of, db
    from tremplin.core.demo import load_demo
    from tremplin.core.testing.fixtures import TEST_PASSWORD

    with app.app_context():
        load_demo(password=TEST_PASSWORD)  # with the resource centre's (demo_data hook)
        create_user(EDITOR, "redaction@example.org", "Rita", "Rédaction", TEST_PASSWORD,
                    ["ContentManager"])  # fmt: skip
        db.session.commit()
        company = company_of(find_user(AWA))
        app.extensions[verified.VERIFIED] = {company.id} if company else set()
        search.rebuild()
        db.session.remove()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, template_database: str) -> Iterator[Any]:
    overrides = {
        "plugins": {"enabled": ["pages", "resources"]},
        "accounts": {"mfa_required_roles": []},
        "limits": {"default": "100000 per hour"},
    }
    with live_app(
        tmp_path_factory.mktemp("resources-live"), template_database, overrides,
        seed=_seed, extra_plugins=[verified],
    ) as found:  # fmt: skip
        yield found


def _page(browser: Any, base: str, user: str | None, width: int = 1280) -> Any:
    context = browser.new_context(locale="fr-FR", viewport={"width": width, "height": 900})
    page = context.new_page()
    if user:
        sign_in(page, base, user)
    return page


def _clean(page: Any) -> None:
    assert axe_violations(page) == [], page.url


def test_aminata_finds_the_guide_by_a_word_inside_its_pdf(browser, server):
    _app, base = server
    page = _page(browser, base, AMINATA)
    page.goto(f"{base}/fr/resources/")
    _clean(page)
    page.fill("#q", "TARIC")
    with page.expect_navigation():
        page.click("form.library .search-form button")
    cards = page.locator(".resource-card h3")
    assert cards.count() == 1
    assert "formalités douanières" in cards.first.text_content()
    with page.expect_navigation():
        cards.first.locator("a").click()
    assert "TARIC" not in page.text_content("main")  # the word is only in the PDF
    _clean(page)
    page.goto(f"{base}/en/resources/?q=TARIC")
    assert "customs formalities" in page.text_content(".library-results")
    _clean(page)
    page.context.close()


def _study_file(app: Flask) -> tuple[int, str]:
    from tremplin.plugins.resources.demo import STUDY
    from tremplin.plugins.resources.services import get_by_slug

    with app.app_context():
        item = get_by_slug(STUDY)
        assert item is not None
        row = item.files[0]
        return row.id, row.file_key


def test_study_preview_for_members_download_for_verified_members(browser, server):
    app, base = server
    from tremplin.plugins.resources.demo import STUDY

    file_id, key = _study_file(app)
    page = _page(browser, base, AMINATA)
    page.goto(f"{base}/fr/resources/{STUDY}")
    main = page.text_content("main")
    assert "réservé aux membres vérifiés" in main and "Télécharger" not in main
    page.click("details.preview-text summary")
    assert "Synthese et methode" in page.text_content(".preview-body")
    _clean(page)
    for guessed in (f"/files/{key}", f"/fr/resources/{STUDY}/files/{file_id}"):
        assert page.goto(base + guessed).status == 404
    page.context.close()

    awa = _page(browser, base, AWA)
    awa.goto(f"{base}/fr/resources/{STUDY}")
    assert "0 téléchargement" in awa.text_content(".download-count")
    _clean(awa)
    with awa.expect_download() as download:
        awa.click(".documents a.button")
    assert download.value.suggested_filename.endswith(".pdf")
    awa.goto(f"{base}/fr/resources/{STUDY}")
    assert "1 téléchargement" in awa.text_content(".download-count")
    awa.context.close()


def test_content_manager_publishes_a_country_sheet_that_search_finds(browser, server):
    app, base = server
    page = _page(browser, base, EDITOR)
    page.goto(f"{base}/admin/resourceview/add")
    page.select_option("#kind", "country_sheet")
    page.fill("#title_fr", "Fiche pays : Tunisie")
    page.fill("#summary_fr", "Marché maghrébin ouvert sur l'Europe, port de Radès.")
    page.fill("#countries", "TN")
    with page.expect_navigation():
        page.click("form button[type=submit], form input[type=submit]")
    with app.app_context():
        from tremplin.plugins.resources.services import get_by_slug

        item = get_by_slug("fiche-pays-tunisie")
        assert item is not None and item.state == "draft"
        pk = item.id
    page.goto(f"{base}/fr/search?q=Radès")
    assert "Fiche pays : Tunisie" not in page.text_content("main")  # a draft
    page.goto(f"{base}/admin/resourceview/show/{pk}")
    with page.expect_response(lambda r: "/action/publish/" in r.url):
        page.click("#btn-action-ResourceView\\.action-publish")
    page.wait_for_load_state()
    page.goto(f"{base}/fr/search?q=Radès")
    assert "Fiche pays : Tunisie" in page.text_content("main")
    page.goto(f"{base}/fr/resources/?q=Radès")
    assert "Fiche pays : Tunisie" in page.text_content(".library-results")
    page.context.close()


def _notifications(page: Any, base: str) -> str:
    page.goto(f"{base}/fr/notifications/")
    return str(page.text_content("main"))


def test_a_custom_study_request_goes_through_its_statuses(browser, server):
    _app, base = server
    member = _page(browser, base, AMINATA)
    member.goto(f"{base}/fr/resources/studies/request")
    _clean(member)
    member.fill("#sector", "Mode éthique")
    member.fill("#markets", "Canada, Québec")
    member.fill("#questions", "Quels salons et quels distributeurs au Québec ?")
    with member.expect_navigation():
        member.click("main form button[type=submit]")
    assert "Envoyée" in member.text_content("main")
    _clean(member)
    number = re.search(r"\d+", member.text_content("table tbody tr td")).group(0)

    editor = _page(browser, base, EDITOR)
    for state, label, message in (
        ("in_review", "En cours d'examen", "est en cours d'examen"),
        ("delivered", "Livrée", "est livrée"),
    ):
        editor.goto(f"{base}/admin/studyrequestview/edit/{number}")
        editor.select_option("#state", state)
        with editor.expect_navigation():
            editor.click("form button[type=submit], form input[type=submit]")
        assert message in _notifications(member, base)
        member.goto(f"{base}/fr/resources/studies/requests")
        assert label in member.text_content("main")
    editor.context.close()
    member.context.close()


@pytest.mark.parametrize("width", [320, 1280])
def test_main_pages_fit_the_screen(browser, server, screenshots, width):
    _app, base = server
    from tremplin.plugins.resources.demo import CUSTOMS_GUIDE, STUDY

    page = _page(browser, base, AMINATA, width)
    for name, path in (
        ("library", "/fr/resources/"),
        ("country-sheet", "/fr/resources/fiche-pays-senegal"),
        ("guide", f"/fr/resources/{CUSTOMS_GUIDE}"),
        ("study", f"/fr/resources/{STUDY}"),
        ("library-en", "/en/resources/?kind=country_sheet"),
    ):
        page.goto(base + path)
        page.screenshot(path=str(screenshots / f"resources-{name}-{width}.png"), full_page=True)
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= width, f"{path} is {scroll} px wide on a {width} px screen"
    page.context.close()
