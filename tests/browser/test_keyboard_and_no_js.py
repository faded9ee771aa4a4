"""Keyboard use (skip link, visible focus) and the portal without JavaScript."""

from __future__ import annotations

import pytest

from tremplin.core.testing.fixtures import TEST_PASSWORD

from .conftest import MEMBER

pytestmark = pytest.mark.browser

FOCUS_STYLE_JS = """() => {
  const e = document.activeElement;
  const s = getComputedStyle(e);
  const box = e.getBoundingClientRect();
  return {tag: e.tagName, cls: e.className, outline: s.outlineStyle, width: s.outlineWidth,
          visible: box.width > 0 && box.height > 0 && box.left >= 0 && box.top >= 0};
}"""


def test_skip_link_is_first_visible_on_focus_and_moves_to_main(visitor, live_server):
    page = visitor.new_page()
    page.goto(live_server("/fr/"))
    page.keyboard.press("Tab")
    focus = page.evaluate(FOCUS_STYLE_JS)
    assert focus["cls"] == "skip-link" and focus["visible"]
    assert focus["outline"] != "none" and focus["width"] != "0px"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.close()


def test_every_link_and_button_shows_its_focus(visitor, live_server):
    page = visitor.new_page()
    page.goto(live_server("/fr/login"))
    invisible = []
    for _ in range(12):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_STYLE_JS)
        if focus["tag"] == "BODY":
            break
        if focus["outline"] == "none" or focus["width"] == "0px":
            invisible.append(focus)
    page.close()
    assert not invisible, f"focus not visible on {invisible}"


def test_portal_works_without_javascript(browser, live_server):
    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    page = context.new_page()
    page.goto(live_server("/fr/login"))
    page.fill("#login", MEMBER)
    page.fill("#password", TEST_PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert page.url == live_server("/fr/dashboard")
    assert page.locator("h1").inner_text().startswith("Bonjour")
    page.goto(live_server("/en/search?q=tremplin"))
    assert page.locator("ul.results li").count() >= 1
    page.click("a[hreflang=fr]")
    assert page.url.startswith(live_server("/fr/search"))
    with page.expect_navigation():
        page.click("header .account-menu button[type=submit]")
    assert page.url == live_server("/fr/")
    assert page.locator("header .account-menu a[href='/fr/login']").count() == 1
    context.close()
