"""The portal shell: no CDN, titles and descriptions, sitemap, robots, environment
banner (portal and back office), landmarks, labelled fields, no inline script."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

CONFIG_OVERRIDES = {"accounts": {"mfa_required_roles": []}}  # MFA is tested elsewhere
PUBLIC_PAGES = [
    "/fr/",
    "/en/",
    "/fr/login",
    "/en/login",
    "/fr/search",
    "/en/search?q=export",
    "/fr/logout",
    "/fr/pages/about",
    "/en/pages/legal-notices",
    "/fr/nope",
]
EXTERNAL = re.compile(r"^(https?:)?//", re.I)


class Tags(HTMLParser):
    """Collects every start tag with its attributes (and the text of <script>)."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.inline_scripts = 0
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        self.tags.append((tag, attributes))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.inline_scripts += 1

    def all(self, tag: str) -> list[dict[str, str]]:
        return [attrs for name, attrs in self.tags if name == tag]


def parse(html: str) -> Tags:
    tags = Tags()
    tags.feed(html)
    return tags


def external_assets(tags: Tags) -> list[str]:
    found = [a.get("src", "") for a in tags.all("script") + tags.all("img")]
    found += [
        a.get("href", "")
        for a in tags.all("link")
        if not {"alternate", "canonical"} & set(a.get("rel", "").split())
    ]
    return [url for url in found if EXTERNAL.match(url)]


@pytest.fixture
def admin_client(client, make_user, login):
    make_user("chief", roles=["Admin"])
    assert login("chief").status_code == 302
    return client


def test_no_external_assets_and_no_inline_script(client):
    for path in PUBLIC_PAGES:
        response = client.get(path)
        assert response.status_code in (200, 404), path
        tags = parse(response.text)
        assert external_assets(tags) == [], path
        assert tags.inline_scripts == 0, f"{path}: the portal's CSP forbids inline scripts"
        assert not any("style" in attrs for _, attrs in tags.tags), f"{path}: style attribute"
        assert "script-src 'self'" in response.headers["Content-Security-Policy"]


def test_back_office_serves_its_assets_locally(admin_client):
    tags = parse(admin_client.get("/admin/pagemodelview/list/").text)
    assert tags.all("link") and tags.all("script")
    assert external_assets(tags) == []


def test_landmarks_skip_link_and_one_h1(client, make_user, login):
    make_user("awa", roles=["Company"])
    pages = PUBLIC_PAGES + ["/fr/dashboard"]
    for path in pages:
        if path == "/fr/dashboard":
            assert login("awa").status_code == 302
        tags = parse(client.get(path).text)
        first_link = tags.all("a")[0]
        assert first_link.get("class") == "skip-link" and first_link["href"] == "#main", path
        assert [a.get("id") for a in tags.all("main")] == ["main"], path
        assert len(tags.all("h1")) == 1, path
        assert len(tags.all("header")) == 1 and len(tags.all("footer")) == 1, path
        assert all(nav.get("aria-label") for nav in tags.all("nav")), f"{path}: unnamed nav"


def test_every_form_field_has_a_label(client):
    for path in ["/fr/login", "/en/search"]:
        tags = parse(client.get(path).text)
        labelled = {a.get("for") for a in tags.all("label")}
        fields = [
            a
            for a in tags.all("input") + tags.all("select") + tags.all("textarea")
            if a.get("type") not in ("hidden", "submit")
        ]
        assert fields, path
        assert all(f.get("id") in labelled or f.get("aria-label") for f in fields), path


def _title_and_description(html: str) -> tuple[str, str]:
    title = re.search(r"<title>(.*?)</title>", html, re.S)
    description = re.search(r'<meta name="description" content="([^"]*)"', html)
    assert title and description
    return title.group(1).strip(), description.group(1).strip()


def test_each_page_has_its_own_title_and_a_description(client):
    seen = {}
    for path in ["/fr/", "/fr/login", "/fr/search", "/fr/pages/about", "/fr/pages/privacy"]:
        title, description = _title_and_description(client.get(path).text)
        assert title.endswith("· Tremplin") and len(title) > len("· Tremplin") + 2
        assert len(description) > 20
        seen[title] = path
    assert len(seen) == 5, f"titles must differ: {seen}"
    english_title, english_description = _title_and_description(client.get("/en/login").text)
    assert english_title == "Sign in · Tremplin" and "SMEs" in english_description


def test_pages_plugin_page_description_is_its_summary(client):
    _, description = _title_and_description(client.get("/en/pages/accessibility").text)
    assert description and description != "Accessibility statement"


def test_sitemap_lists_public_pages_in_both_languages(client, app):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200 and response.mimetype == "application/xml"
    root = ET.fromstring(response.data)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    locs = [loc.text for loc in root.findall("s:url/s:loc", ns)]
    base = app.config["TREMPLIN_BASE_URL"]
    for path in [
        "/fr/",
        "/en/",
        "/fr/pages/about",
        "/en/pages/about",
        "/fr/pages/privacy",
        "/en/pages/legal-notices",
    ]:
        assert base + path in locs
    assert not any("dashboard" in loc or "/admin" in loc for loc in locs)
    first = root.find("s:url", ns)
    alternates = {link.get("hreflang") for link in first.findall("x:link", ns)}
    assert alternates == {"fr", "en"}


def test_robots_txt(client, app):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response.mimetype == "text/plain"
    lines = response.text.splitlines()
    assert "User-agent: *" in lines and "Disallow: /admin/" in lines
    assert f"Sitemap: {app.config['TREMPLIN_BASE_URL']}/sitemap.xml" in lines


def test_environment_banner_on_portal_and_back_office(client, admin_client):
    for path, text in [
        ("/fr/", "Environnement de test"),
        ("/en/", "Environment: test"),
        ("/admin/", "Environnement de test"),
        ("/admin/pagemodelview/list/", "Environnement de test"),
    ]:
        html = admin_client.get(path, headers={"Accept-Language": "fr"}).text
        assert re.search(r'<div class="env-banner" role="note">[^<]*' + re.escape(text), html), path


def test_development_banner_and_none_in_production(app_factory):
    dev = app_factory({"app": {"environment": "development"}}).test_client()
    assert "Environnement de développement" in dev.get("/fr/").text
    assert "Environment: development" in dev.get("/en/").text
    prod = app_factory(
        {
            "app": {"environment": "production", "base_url": "https://t.example"},
            "security": {"https": True},
        }
    ).test_client()
    html = prod.get("/fr/", base_url="https://t.example").text
    assert "<h1>" in html and "env-banner" not in html


def test_back_office_lang_heading_main_and_script_nonces(admin_client):
    response = admin_client.get("/admin/pagemodelview/list/", headers={"Accept-Language": "en"})
    assert response.status_code == 200
    html = response.text
    assert '<html lang="en"' in html
    tags = parse(html)
    assert len(tags.all("h1")) == 1 and len(tags.all("main")) == 1
    nonce = re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"]).group(1)
    scripts = tags.all("script")
    assert scripts and all(s.get("nonce") == nonce for s in scripts)
    french = admin_client.get("/admin/", headers={"Accept-Language": "fr"}).text
    assert '<html lang="fr"' in french and "<h1" in french


def test_back_office_pages_render_with_the_accessible_layout(admin_client):
    for path in [
        "/admin/pagemodelview/add",
        "/admin/pagemodelview/show/1",
        "/admin/pagemodelview/edit/1",
        "/admin/users/list/",
        "/admin/roles/list/",
        "/admin/userinfoedit/form",
        "/swagger/v1",
    ]:
        response = admin_client.get(path, headers={"Accept-Language": "fr"})
        assert response.status_code == 200, path
        tags = parse(response.text)
        assert len(tags.all("h1")) == 1 and len(tags.all("main")) == 1, path
        assert tags.all("html")[0].get("lang") == "fr", path
        assert external_assets(tags) == [], path
