"""The dashboard in a real browser: a first-time exporter's onboarding and first
steps, an exporter in growth without them, and an arrangement (hide, move) that
survives a reload; axe on both, screenshots at 320 and 1280 px."""

from __future__ import annotations

import pytest

from tremplin.core.testing.browser import axe_violations

from .conftest import sign_in

pytestmark = pytest.mark.browser


def card_ids(page) -> list[str]:  # type: ignore[no-untyped-def]
    return page.eval_on_selector_all(
        "main section.card", "cards => cards.map(c => c.id.replace('widget-', ''))"
    )


def test_first_time_exporter_gets_onboarding_and_can_arrange_her_dashboard(
    browser, live_server, screenshots
):
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    sign_in(context, live_server, "aminata.kone")
    page = context.new_page()
    page.goto(live_server("/fr/dashboard"))
    shown = card_ids(page)
    assert shown[0] == "onboarding" and "first_steps" in shown, shown
    assert "Bien démarrer sur Tremplin" in page.text_content("main")
    assert page.locator("#widget-onboarding progress").count() == 1
    assert axe_violations(page) == []
    page.screenshot(path=str(screenshots / "dashboard-first-time-1280.png"), full_page=True)

    page.get_by_role("button", name="Masquer le bloc « Premiers pas à l’export »").click()
    page.wait_for_load_state()
    assert "Le bloc a été masqué" in page.text_content("main")
    page.get_by_role("button", name="Descendre le bloc « Mon profil »").click()
    page.wait_for_load_state()
    page.reload()
    arranged = card_ids(page)
    assert "first_steps" not in arranged
    assert arranged.index("profile") == shown.index("profile") + 1, (shown, arranged)
    assert axe_violations(page) == []

    page.get_by_role("button", name="Afficher le bloc « Premiers pas à l’export »").click()
    page.wait_for_load_state()
    assert "first_steps" in card_ids(page)
    page.get_by_role("button", name="Revenir à la disposition par défaut").click()
    page.wait_for_load_state()
    assert card_ids(page) == shown
    context.close()


@pytest.mark.parametrize("width", [320, 1280])
def test_an_exporter_in_growth_sees_no_first_steps_and_the_page_fits(
    browser, live_server, screenshots, width
):
    context = browser.new_context(locale="fr-FR", viewport={"width": width, "height": 900})
    sign_in(context, live_server, "awa.ndiaye")
    page = context.new_page()
    page.goto(live_server("/fr/dashboard"))
    assert "first_steps" not in card_ids(page)
    assert "profile" in card_ids(page)
    page.screenshot(path=str(screenshots / f"dashboard-growing-{width}.png"), full_page=True)
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"the dashboard is {scroll} px wide on a {width} px screen"
    if width == 320:
        page.goto(live_server("/en/dashboard"))
        assert "Customise the dashboard" in page.text_content("main")
        assert axe_violations(page) == []
    context.close()
