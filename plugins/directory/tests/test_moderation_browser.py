"""Issue 16's "done when": a reported profile is hidden by a moderator and the audit
shows it, in headless Chromium (axe on every page, French and English; screenshots
at 320 and 1280 px in test-output/screenshots):

- Awa reports a company profile (a mistake first: no reason; then a reason);
- a moderator opens the report in the back office's queue and hides the profile;
- Awa no longer finds it (404, not in the directory), its owner sees a notice;
- an administrator finds the moderator's action in the audit trail.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tremplin.core.testing.browser import axe_violations, live_app, sign_in

pytestmark = pytest.mark.browser
NAME = "Arnaque Export SARL"


def _seed(app: Any) -> None:
    from tremplin.core import api
    from tremplin.core.accounts import create_user
    from tremplin.core.api import db
    from tremplin.core.testing.accounts import enrol_if_required
    from tremplin.core.testing.fixtures import TEST_PASSWORD
    from tremplin.plugins.directory import profiles
    from tremplin.plugins.directory.indexing import reindex_company

    with app.app_context():
        people = {
            login: create_user(login, f"{login}@example.org", first, "Test", TEST_PASSWORD, roles)
            for login, first, roles in (
                ("ahmed", "Ahmed", ["Company"]),
                ("awa", "Awa", ["Company"]),
                ("modo", "Mona", ["Moderator"]),
                ("chef", "Chloé", ["Admin"]),
            )
        }
        db.session.commit()
        for login in ("modo", "chef"):
            enrol_if_required(people[login], force=True)
        for name, owner in ((NAME, people["ahmed"]), ("Honnête Export SA", None)):
            made = api.create_company(name=name, country="SN", sector="C10")
            if owner is not None:
                api.set_member_company(owner.id, made.id)
            row = profiles.ensure_profile(made.id, owner_id=owner.id if owner else None)
            row.products_fr = "Fonio précuit garanti miraculeux"
            db.session.commit()
            reindex_company(made.id, after_commit=False)
        db.session.commit()
        db.session.remove()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, template_database: str) -> Iterator[Any]:
    overrides = {
        "plugins": {"enabled": ["pages", "directory", "support"]},
        "limits": {"default": "100000 per hour"},
    }
    with live_app(
        tmp_path_factory.mktemp("directory-moderation-live"),
        template_database,
        overrides,
        seed=_seed,
    ) as found:
        yield found


def _check(page: Any, name: str, folder: Path) -> None:
    assert axe_violations(page) == [], name
    for width in (320, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        if width == 320:
            overflow = page.evaluate("document.documentElement.scrollWidth")
            assert overflow <= 320, f"{name}: horizontal scrolling at 320 px ({overflow})"
        page.screenshot(
            path=str(folder / f"directory-moderation-{name}-{width}.png"), full_page=True
        )


def _company_ids(app: Any) -> dict[str, int]:
    from tremplin.core import api

    with app.app_context():
        return {c.name: c.id for c in api.companies(None)}


def test_a_reported_profile_is_hidden_and_the_audit_shows_it(browser, server, screenshots):
    app, base = server
    ids = _company_ids(app)
    profile_url = f"{base}/fr/directory/companies/{ids[NAME]}"

    awa = browser.new_context(locale="fr-FR").new_page()
    sign_in(awa, base, "awa")
    awa.goto(profile_url)
    _check(awa, "profile", screenshots)
    with awa.expect_navigation():
        awa.get_by_role("link", name="Signaler ce profil").click()
    _check(awa, "report-form", screenshots)
    awa.fill("#comment", "Produits miracles, paiement d’avance exigé.")
    with awa.expect_navigation():
        awa.click("main form button[type=submit]")
    assert "Choisissez un motif." in awa.text_content(".error-summary")
    assert awa.input_value("#comment") == "Produits miracles, paiement d’avance exigé."
    _check(awa, "report-error", screenshots)
    awa.select_option("#reason", "fraud")
    with awa.expect_navigation():
        awa.click("main form button[type=submit]")
    assert "transmis à la modération" in awa.text_content("main")

    english = browser.new_context(locale="en-GB").new_page()
    sign_in(english, base, "awa")
    english.goto(f"{base}/en/directory/companies/{ids['Honnête Export SA']}/report")
    assert english.text_content("h1").startswith("Report this profile")
    assert "Need help?" in english.text_content("main")
    _check(english, "report-form-en", screenshots)

    modo = browser.new_context(locale="fr-FR").new_page()
    sign_in(modo, base, "modo", app=app)
    modo.goto(f"{base}/admin/moderation/")
    assert axe_violations(modo) == []
    with modo.expect_navigation():
        modo.click("main table a")
    assert NAME in modo.text_content("main") and "Produits miracles" in modo.text_content("main")
    _check(modo, "queue-report", screenshots)
    with modo.expect_navigation():
        modo.click("button[data-action=hide]")
    assert modo.text_content("[data-report-state]") == "Masqué"

    assert awa.goto(profile_url).status == 404
    awa.goto(f"{base}/fr/directory/?q=fonio")
    assert NAME not in awa.text_content("main") and "Honnête Export SA" in awa.text_content("main")

    ahmed = browser.new_context(locale="fr-FR").new_page()
    sign_in(ahmed, base, "ahmed")
    ahmed.goto(profile_url)
    assert "masquée par la modération" in ahmed.text_content("main")
    _check(ahmed, "owner-notice", screenshots)

    chef = browser.new_context(locale="fr-FR").new_page()
    sign_in(chef, base, "chef", app=app)
    chef.goto(f"{base}/admin/auditeventview/list/?_flt_0_event=moderation_hide")
    rows = chef.locator("tr", has_text="moderation_hide")
    assert rows.count() == 1
    assert "Ahmed Test" in rows.first.text_content()  # the owner, whose profile was hidden
    assert "Mona Test" in rows.first.text_content()  # the moderator who hid it
    _check(chef, "audit", screenshots)
