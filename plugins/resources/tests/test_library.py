"""The library: filters, facet counts, "recently updated", related items, recommendations,
safe rich text, translations missing or present."""

from __future__ import annotations

import re
from types import SimpleNamespace

from tremplin.plugins.resources.recommend import for_assessment
from tremplin.plugins.resources.richtext import render

from . import verified
from .fixtures import ENABLED

CONFIG_OVERRIDES = ENABLED
EXTRA_PLUGINS = [verified]  # one cached app for all the plugin's test modules


def _seed(make_item):
    make_item("sheet-sn", kind="country_sheet", countries="SN", audiences="first_time",
              title_en="Senegal sheet", tags="finance")  # fmt: skip
    make_item("sheet-fr", kind="country_sheet", countries="FR", audiences="growing")
    make_item("guide-fr", kind="guide", countries="FR,CI", sectors="C14", tags="compliance")
    make_item("study-be", kind="study", countries="BE", sectors="C14", access="members")


def test_filters_combine_and_facets_count(client, make_item):
    _seed(make_item)
    page = client.get("/fr/resources/?kind=country_sheet").text
    assert "Titre sheet-sn" in page and "Titre sheet-fr" in page and "Titre guide-fr" not in page
    both = client.get("/fr/resources/?kind=country_sheet&country=FR").text
    assert "Titre sheet-fr" in both and "Titre sheet-sn" not in both
    either = client.get("/fr/resources/?country=SN&country=CI").text
    assert (
        "Titre sheet-sn" in either and "Titre guide-fr" in either and "Titre sheet-fr" not in either
    )
    assert 'Fiche pays <span class="count">(2)</span>' in page  # counted before the kind filter
    assert "Titre study-be" not in client.get("/fr/resources/").text  # members only


def test_language_filter_and_missing_translations(client, make_item):
    _seed(make_item)
    english = client.get("/en/resources/?language=en").text
    assert "Senegal sheet" in english and "Titre sheet-fr" not in english
    fallback = client.get("/en/resources/sheet-fr").text
    assert "Titre sheet-fr" in fallback and 'lang="fr"' in fallback
    assert "not translated yet" in fallback


def test_bad_query_strings_are_harmless(client, make_item):
    _seed(make_item)
    for query in ("?page=-3", "?page=99999999", "?period=x", "?sort=drop", "?kind=<script>",
                  "?q=" + "a" * 5000):  # fmt: skip
        answer = client.get("/fr/resources/" + query)
        assert answer.status_code == 200 and "<script>" not in answer.text.split("<main")[1]


def test_related_items_share_topics(client, make_item):
    _seed(make_item)
    page = client.get("/fr/resources/sheet-fr").text
    assert "Sur le même sujet" in page and "Titre guide-fr" in page


def test_assessment_recommendations_follow_weak_topics(app, make_item):
    _seed(make_item)
    result = SimpleNamespace(user_id=None, language="fr", weak_topics=["compliance", "finance"])
    with app.test_request_context("/fr/"):
        found = for_assessment(result)
    assert [r["dimension"] for r in found] == ["compliance", "finance"]
    assert found[0]["url"] == "/fr/resources/guide-fr" and found[0]["text"]


def test_dashboard_widget_lists_resources_for_the_member(make_item, make_member, client_for):
    _seed(make_item)
    make_member("widget-ci")  # a company in CI (fixtures)
    dashboard = client_for("widget-ci").get("/fr/dashboard").text
    assert "Ressources pour vous" in dashboard and "Titre guide-fr" in dashboard


def test_markdown_is_sanitised():
    html = str(render("# Titre\n<script>alert(1)</script>\n\n[x](javascript:alert(1)) "
                      "<img src=x onerror=alert(1)> ![a](https://evil.example/p.png)"))  # fmt: skip
    assert "<script" not in html and "&lt;script&gt;" in html  # shown as text, not run
    assert not re.search(r"<[^>]*onerror", html) and 'href="javascript' not in html
    assert "<h2>Titre</h2>" in html and "evil.example" not in html


def test_the_library_stylesheet_is_served(client):
    page = client.get("/fr/resources/").text
    href = re.search(r'href="([^"]*resources\.css)"', page).group(1)
    assert client.get(href).status_code == 200
