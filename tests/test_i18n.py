"""Languages: catalogues complete, URL prefixes, Accept-Language redirect, hreflang."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tremplin.core import i18n_tools


def test_every_string_is_in_the_catalogues_and_translated_to_english():
    problems = [p for c in i18n_tools.components() for p in i18n_tools.check_component(c)]
    assert not problems, (
        "run `make translations` and translate the new strings in "
        "en/LC_MESSAGES/messages.po:\n" + "\n".join(problems)
    )


def test_core_and_pages_plugin_have_their_own_catalogues():
    names = {c.name: c for c in i18n_tools.components()}
    assert {"core", "pages"} <= set(names)
    for name in ("core", "pages"):
        for lang in ("fr", "en"):
            assert names[name].po_path(lang).exists()
            assert names[name].mo_path(lang).exists(), "compiled catalogues are committed"


def _fake_component(tmp_path: Path) -> i18n_tools.Component:
    source = tmp_path / "fakeplugin"
    (source / "templates").mkdir(parents=True)
    (source / "templates" / "page.html").write_text(
        "<h1>{{ _('Bienvenue sur la page') }}</h1>\n", encoding="utf-8"
    )
    (source / "views.py").write_text(
        'from flask_babel import lazy_gettext as _l\nLABEL = _l("Libellé du menu")\n',
        encoding="utf-8",
    )
    return i18n_tools.Component("fake", [source], source / "translations")


def test_check_names_a_template_string_missing_from_the_french_catalogue(tmp_path):
    component = _fake_component(tmp_path)
    assert any("catalogue absent" in p for p in i18n_tools.check_component(component))
    i18n_tools.update_component(component)
    problems = i18n_tools.check_component(component)
    assert any("traduction vide" in p and "Bienvenue sur la page" in p for p in problems)
    assert not any("absent du catalogue" in p for p in problems)
    template = component.sources[0] / "templates" / "page.html"
    template.write_text(template.read_text() + "<p>{{ _('Une phrase ajoutée') }}</p>\n")
    problems = i18n_tools.check_component(component)
    assert any("[fr] : absent du catalogue : 'Une phrase ajoutée'" in p for p in problems)


def test_update_keeps_existing_translations_and_fills_french(tmp_path):
    component = _fake_component(tmp_path)
    i18n_tools.update_component(component)
    po = component.po_path("en")
    text = po.read_text(encoding="utf-8")
    text = text.replace(
        'msgid "Bienvenue sur la page"\nmsgstr ""',
        'msgid "Bienvenue sur la page"\nmsgstr "Welcome to the page"',
    )
    text = text.replace(
        'msgid "Libellé du menu"\nmsgstr ""', 'msgid "Libellé du menu"\nmsgstr "Menu label"'
    )
    po.write_text(text, encoding="utf-8")
    i18n_tools.update_component(component)  # re-run: translations survive, .mo compiled
    assert 'msgstr "Welcome to the page"' in po.read_text(encoding="utf-8")
    assert 'msgstr "Bienvenue sur la page"' in component.po_path("fr").read_text(encoding="utf-8")
    assert i18n_tools.check_component(component) == []
    assert i18n_tools.main(["check", "nonexistent-component"]) == 0


def test_stale_compiled_catalogue_is_reported(tmp_path):
    component = _fake_component(tmp_path)
    i18n_tools.update_component(component)
    component.mo_path("fr").write_bytes(b"")
    assert any("messages.mo à recompiler" in p for p in i18n_tools.check_component(component))


@pytest.mark.parametrize(
    ("header", "target"),
    [
        ("en-GB,en;q=0.9", "/en/"),
        ("fr-CA,fr;q=0.9,en;q=0.5", "/fr/"),
        ("de-DE,de;q=0.9", "/fr/"),
        (None, "/fr/"),
        ("en;q=0.4,fr;q=0.8", "/fr/"),
    ],
)
def test_root_redirects_by_accept_language(client, header, target):
    headers = {"Accept-Language": header} if header else {}
    response = client.get("/", headers=headers)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(target)
    assert "Accept-Language" in response.headers.get("Vary", "")


def test_pages_are_served_in_both_languages(client):
    fr = client.get("/fr/login")
    en = client.get("/en/login")
    assert '<html lang="fr"' in fr.text and "Se connecter" in fr.text
    assert '<html lang="en"' in en.text and "Sign in" in en.text
    assert "Se connecter" not in en.text


def test_unknown_language_prefix_is_not_found(client):
    assert client.get("/de/").status_code == 404
    assert client.get("/xx/login").status_code == 404


def test_hreflang_alternates_point_to_both_languages(client, app):
    base = app.config["TREMPLIN_BASE_URL"]
    html = client.get("/fr/search").text
    links = dict(re.findall(r'<link rel="alternate" hreflang="(\w+)" href="([^"]+)"', html))
    assert links == {"fr": f"{base}/fr/search", "en": f"{base}/en/search"}
    switch = re.findall(r'<a href="(/\w+/search)" hreflang="(\w+)"', html)
    assert ("/en/search", "en") in switch


def test_plural_forms_follow_each_language(client):
    fr = client.get("/fr/").text
    en = client.get("/en/").text
    assert re.search(r"<strong>0</strong> entreprise<", fr)  # French: 0 is singular
    assert re.search(r"<strong>0</strong> companies<", en)


def test_pages_plugin_strings_are_translated(client):
    html = client.get("/en/pages/about").text
    assert "Last updated:" in html
    assert "Dernière mise à jour" in client.get("/fr/pages/about").text
