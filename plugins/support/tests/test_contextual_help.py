"""Contextual help (spec 7.1.6): the forms of every bundled plugin show a "Besoin
d'aide ?" link to a knowledge-base article of the default guides, which opens (200),
in French and English; without the article, the link searches the help centre with
the page's title; the help centre itself shows no link."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest

from tremplin.core.api import db
from tremplin.plugins.support.contextual import BY_BLUEPRINT, BY_ENDPOINT
from tremplin.plugins.support.help_content import GUIDES, load_guides
from tremplin.plugins.support.models import HelpArticle

CONFIG_OVERRIDES = {"accounts": {"mfa_required_roles": []}}
HELP = re.compile(r'<p class="contextual-help">[^<]*<a href="([^"]+)">([^<]+)</a></p>')
# A form of each bundled plugin (and of core), the role that opens it, its guide.
FORMS = [
    ("/fr/login", None, "se-connecter-et-securiser-son-compte"),
    ("/fr/signup", None, "creer-son-compte"),
    ("/fr/notifications/preferences", "Company", "notifications"),
    ("/fr/account/password", "Company", "se-connecter-et-securiser-son-compte"),
    ("/fr/directory/my-company", "Company", "fiche-entreprise"),
    ("/fr/directory/me/expert", "Expert", "profil-expert"),
    ("/fr/verification/", "Company", "verification-entreprise"),
    ("/fr/assessment/", "Company", "diagnostic-export"),
    ("/fr/messages/new", "Company", "messagerie"),
    ("/fr/events/", "Company", "evenements-et-missions"),
    ("/fr/resources/studies/request", "Company", "ressources-et-etudes"),
    ("/fr/feedback/", "Company", "donner-son-avis"),
    ("/fr/support/tickets/new", "Company", "demande-d-assistance"),
    ("/fr/support/accessibility", None, "signaler-un-probleme-d-accessibilite"),
]


def _help(page: str) -> tuple[str, str]:
    found = HELP.search(page)
    assert found, "no contextual help link on the page"
    return html.unescape(found.group(1)), html.unescape(found.group(2))


@pytest.fixture
def guides(app: Any) -> None:
    load_guides()
    db.session.commit()


def test_every_guide_the_mapping_names_exists_in_both_languages():
    slugs = {g.slug for g in GUIDES}
    assert set(BY_ENDPOINT.values()) | set(BY_BLUEPRINT.values()) <= slugs
    assert all(g.title_en and g.body_en and g.body_fr for g in GUIDES)


def test_loading_the_guides_twice_adds_nothing(app, guides):
    assert load_guides() == 0
    assert db.session.scalar(db.select(db.func.count(HelpArticle.id))) == len(GUIDES)


@pytest.mark.parametrize(("path", "role", "slug"), FORMS)
def test_a_form_of_each_plugin_links_to_its_guide(
    app, client, make_user, login, guides, path, role, slug
):
    if role is not None:
        make_user("helped", roles=[role])
        login("helped")
    page = client.get(path)
    assert page.status_code == 200, path
    href, label = _help(page.text)
    assert href == f"/fr/support/articles/{slug}"
    article = client.get(href)
    assert article.status_code == 200 and label in html.unescape(article.text)


def test_the_link_is_in_english_on_english_pages(app, client, guides):
    href, label = _help(client.get("/en/login").text)
    assert href == "/en/support/articles/se-connecter-et-securiser-son-compte"
    assert label == "Signing in and securing your account"
    assert client.get(href).status_code == 200


def test_without_its_article_the_link_searches_the_help_with_the_title(app, client, guides):
    article = db.session.scalar(
        db.select(HelpArticle).where(HelpArticle.slug == "creer-son-compte")
    )
    article.published = False
    db.session.commit()
    from tremplin.plugins.support.contextual import forget

    forget()
    page = client.get("/fr/signup").text
    href, label = _help(page)
    assert href.startswith("/fr/support/?q=") and "dans l’aide" in label
    assert client.get(href).status_code == 200


def test_the_help_centre_itself_has_no_link(app, client, guides):
    assert 'class="contextual-help"' not in client.get("/fr/support/").text
    assert 'class="contextual-help"' not in client.get("/fr/").text
