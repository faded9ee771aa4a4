"""Every portal page in headless Chromium: axe (no serious/critical violation),
structure (lang, one h1, one main, skip link, no external asset, banner), no
horizontal scrolling at 320 px, and screenshots at 320 and 1280 px."""

from __future__ import annotations

from typing import Any

import pytest

from .audit import axe_violations, screenshot_widths, structure, structure_problems

pytestmark = pytest.mark.browser

# (screenshot name, browser context fixture, path)
PAGES = [
    ("home-fr", "visitor", "/fr/"),
    ("home-en", "visitor", "/en/"),
    ("login", "visitor", "/fr/login"),
    ("login-en", "visitor", "/en/login"),
    ("logout", "member", "/fr/logout"),
    ("dashboard", "member", "/fr/dashboard"),
    ("search", "visitor", "/fr/search?q=tremplin"),
    ("search-en", "visitor", "/en/search?q=tremplin"),
    ("search-pages", "visitor", "/fr/search?q=accessibilite+OR+donnees+OR+mentions"),
    ("not-found", "visitor", "/fr/cette-page-n-existe-pas"),
    ("not-found-en", "visitor", "/en/no-such-page"),
]


def _open(context: Any, url: str) -> Any:
    page = context.new_page()
    response = page.goto(url)
    assert response is not None
    return page, response.status


def _check_page(context: Any, url: str, name: str, folder: Any) -> list[str]:
    page, status = _open(context, url)
    try:
        problems = [f"HTTP {status}"] if status >= 500 else []
        problems += axe_violations(page)
        problems += structure_problems(structure(page))
        if not structure(page)["description"]:
            problems.append("empty meta description")
        scroll_width = screenshot_widths(page, folder, name)
        if scroll_width > 320:
            problems.append(f"horizontal scrolling at 320 px (scrollWidth {scroll_width})")
        return problems
    finally:
        page.close()


@pytest.mark.parametrize(("name", "who", "path"), PAGES, ids=[p[0] for p in PAGES])
def test_portal_page(request, live_server, screenshots, name, who, path):
    context = request.getfixturevalue(who)
    problems = _check_page(context, live_server(path), name, screenshots)
    assert not problems, f"{path}:\n" + "\n".join(problems)


def test_search_page_shows_results(visitor, live_server):
    page, status = _open(visitor, live_server("/fr/search?q=tremplin"))
    assert status == 200
    assert page.locator("ul.results li").count() >= 1
    page.close()


def test_not_found_page_is_a_404(visitor, live_server):
    page, status = _open(visitor, live_server("/fr/cette-page-n-existe-pas"))
    assert status == 404
    assert page.locator(".request-id code").inner_text().strip()
    page.close()


def test_every_page_of_the_pages_plugin(visitor, live_server, screenshots):
    from tremplin.plugins.pages.services import published_pages

    with live_server.app.app_context():
        slugs = [p.slug for p in published_pages()]
    assert slugs, "the default pages are created by the pages plugin's migration"
    problems = []
    for slug in slugs:
        for lang in ("fr", "en"):
            path = f"/{lang}/pages/{slug}"
            found = _check_page(visitor, live_server(path), f"pages-{slug}-{lang}", screenshots)
            problems += [f"{path}: {p}" for p in found]
    assert not problems, "\n".join(problems)
