"""The directory in headless Chromium, as people use it (axe on every page,
screenshots at 320 and 1280 px in test-output/screenshots):

- Aminata, signed up without a company, creates her company's profile and sees the
  completion indicator listing what is missing;
- Awa searches "agroalimentaire", filters by country, and opens a verified profile
  (the badge comes from the ``member_verification`` hook: a stand-in plugin here);
- an expert's profile, and a video that loads only after a click.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tremplin.core.testing.browser import axe_violations, live_app, sign_in
from tremplin.core.testing.fixtures import TEST_PASSWORD

from . import verification_stub

pytestmark = pytest.mark.browser
SCREENSHOTS = Path(__file__).resolve().parents[3] / "test-output" / "screenshots"
WIDTHS = (320, 1280)


def _seed(app: Any) -> None:
    # Core's demo (personas, experts) then the directory's, through the demo_data hook.
    from tremplin.core.accounts.shared.services import create_user
    from tremplin.core.demo import load_demo
    from tremplin.core.extensions import db

    with app.app_context():
        load_demo(password=TEST_PASSWORD)
        create_user(
            "aminata.new", "aminata.new@example.org", "Aminata", "Koné", TEST_PASSWORD, ["Company"]
        )
        db.session.commit()
        db.session.remove()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, template_database: str) -> Iterator[Any]:
    overrides = {"accounts": {"mfa_required_roles": []}, "limits": {"default": "100000 per hour"}}
    with live_app(
        tmp_path_factory.mktemp("directory-live"),
        template_database,
        overrides,
        seed=_seed,
        extra_plugins=[verification_stub],
    ) as (app, base):
        yield app, base


def _check(page: Any, name: str, problems: list[str]) -> None:
    problems.extend(f"{page.url}: {line}" for line in axe_violations(page))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SCREENSHOTS / f"directory-{name}-{width}.png"), full_page=True)
        overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
        if overflow:
            problems.append(f"{page.url}: horizontal overflow at {width} px")
    page.set_viewport_size({"width": 1280, "height": 900})


def _company_id(app: Any, name: str) -> int:
    from tremplin.core import api

    with app.app_context():
        return next(c.id for c in api.companies() if c.name == name)


def test_aminata_creates_her_profile_and_awa_finds_a_verified_one(browser, server):
    app, base = server
    problems: list[str] = []
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sign_in(page, base, "aminata.new")
    page.goto(f"{base}/fr/directory/my-company")
    _check(page, "create", problems)
    page.fill("#name", "Atelier Pagne Koné")
    page.select_option("#country", "CI")
    page.fill("#city", "Abidjan")
    page.select_option("#sector", "C14")
    page.fill("#description", "Atelier de mode éthique en pagne tissé à Abidjan.")
    page.select_option("#markets", ["BE", "CA"])
    page.fill("#free_tags", "mode éthique, pagne")
    with page.expect_navigation():
        page.click("main form.dir-form button[type=submit]")
    assert "/fr/directory/companies/" in page.url, page.url
    completion = page.locator(".dir-completion")
    assert "Fiche complète à" in completion.inner_text()
    assert "un logo" in completion.inner_text() and "au moins une photo" in completion.inner_text()
    _check(page, "company-own", problems)
    context.close()

    saveurs = _company_id(app, "Saveurs du Sine")
    verification_stub.VERIFIED.add(saveurs)
    with app.app_context():
        from tremplin.plugins.directory.indexing import reindex_company

        reindex_company(saveurs, after_commit=False)  # as the verification event does
    awa = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = awa.new_page()
    sign_in(page, base, "awa.ndiaye")
    page.goto(f"{base}/fr/directory/")
    page.fill("#q", "agroalimentaire")
    with page.expect_navigation():
        page.click("form.dir-filters button[type=submit]")
    assert "Saveurs du Sine" in page.content()
    page.select_option("#f-country", "SN")
    with page.expect_navigation():
        page.click("form.dir-filters button[type=submit]")
    assert "country=SN" in page.url and "q=agroalimentaire" in page.url
    cards = page.locator(".dir-card")
    assert cards.count() >= 1
    assert all("Sénégal" in cards.nth(i).inner_text() for i in range(cards.count()))
    card = page.locator(".dir-card", has_text="Saveurs du Sine")
    assert "Profil vérifié" in card.inner_text()
    _check(page, "search", problems)
    with page.expect_navigation():
        card.locator("h3 a").click()
    assert "Profil vérifié" in page.locator(".dir-profile-header").inner_text()
    assert "Entreprises avec qui travailler" in page.content()
    _check(page, "company", problems)

    from tremplin.core import api

    with app.app_context():
        expert = api.members(email="fatou.sarr@experts.example", limit=1)[0]
    page.goto(f"{base}/fr/directory/experts/{expert.id}")
    assert "Consultante en export agroalimentaire" in page.content()
    _check(page, "expert", problems)
    awa.close()
    verification_stub.VERIFIED.clear()
    assert problems == []


def test_a_video_player_is_inserted_only_after_a_click(browser, server):
    app, base = server
    from tremplin.core.extensions import db
    from tremplin.plugins.directory import media

    wax = _company_id(app, "Madrasa Num")
    with app.app_context():
        media.add_video(wax, "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "Présentation")
        db.session.commit()
        db.session.remove()
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.route("https://www.youtube-nocookie.com/**", lambda route: route.abort())
    sign_in(page, base, "ahmed.benali")
    page.goto(f"{base}/fr/directory/companies/{wax}")
    assert page.locator("iframe").count() == 0
    assert not [u for u in requested if "youtube" in u]
    page.click(".dir-video a")
    frame = page.locator(".dir-video iframe")
    assert frame.count() == 1
    assert frame.get_attribute("src") == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    context.close()
