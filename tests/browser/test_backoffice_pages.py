"""The back office's most used pages in headless Chromium, signed in as an administrator:
axe (no serious/critical violation), lang from Flask-Babel, one h1, a main landmark,
the environment banner, and scripts allowed by the nonce-based CSP."""

from __future__ import annotations

import pytest

from .audit import axe_violations, screenshot_widths, structure, structure_problems

pytestmark = pytest.mark.browser

PAGES = [
    ("admin-index", "/admin/"),
    ("admin-pages-list", "/admin/pagemodelview/list/"),
    ("admin-groups-list", "/admin/groups/list/"),
]


@pytest.mark.parametrize(("name", "path"), PAGES, ids=[p[0] for p in PAGES])
def test_backoffice_page(admin, live_server, screenshots, name, path):
    page = admin.new_page()
    csp_errors: list[str] = []
    page.on(
        "console",
        lambda m: csp_errors.append(m.text) if "Content Security Policy" in m.text else None,
    )
    response = page.goto(live_server(path))
    assert response is not None and response.status == 200, page.url
    assert page.url == live_server(path), f"redirected to {page.url}"
    problems = axe_violations(page) + structure_problems(structure(page))
    problems += [f"CSP blocked: {e}" for e in csp_errors]
    scroll_width = screenshot_widths(page, screenshots, name)
    if scroll_width > 320:
        problems.append(f"horizontal scrolling at 320 px (scrollWidth {scroll_width})")
    page.close()
    assert not problems, f"{path}:\n" + "\n".join(problems)


def test_backoffice_language_follows_the_browser(browser, live_server):
    from .conftest import ADMIN, sign_in

    context = browser.new_context(locale="en-GB", extra_http_headers={"Accept-Language": "en"})
    sign_in(context, live_server, ADMIN)
    page = context.new_page()
    page.goto(live_server("/admin/"))
    assert page.get_attribute("html", "lang") == "en"
    context.close()
