"""Contextual help (spec 7.1.6): which knowledge-base article explains which portal
page, for the ``contextual_help`` hook.

A page's endpoint is looked up exactly, then by its blueprint (``"directory."``); the
article named must be published. Otherwise (an unknown page, or the article was
unpublished) the link opens the help centre's search pre-filled with the page's
title. The help centre's own pages and the home page get no link. Published
articles are read at most once a minute per process.
"""

from __future__ import annotations

import time

from flask import current_app, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from tremplin.core.api import HelpLink, app_cache, db

from .models import HelpArticle

CACHE = app_cache("tremplin.support.help_titles")
CACHE_SECONDS = 60
NO_HELP = frozenset({"portal.home", "portal.search", "support.index", "support.article"})
BY_ENDPOINT = {
    "accounts.login": "se-connecter-et-securiser-son-compte",
    "accounts.password_change": "se-connecter-et-securiser-son-compte",
    "onboarding.signup": "creer-son-compte",
    "portal.dashboard": "tableau-de-bord",
    "directory.index": "utiliser-l-annuaire",
    "directory.company": "utiliser-l-annuaire",
    "directory.expert": "utiliser-l-annuaire",
    "directory.edit_expert": "profil-expert",
    "directory.report_company": "signaler-un-contenu",
    "directory.report_expert": "signaler-un-contenu",
    "messaging.report": "signaler-un-contenu",
    "kpis.feedback": "donner-son-avis",
    "support.accessibility": "signaler-un-probleme-d-accessibilite",
}
BY_BLUEPRINT = {
    "accounts": "se-connecter-et-securiser-son-compte",
    "sessions": "se-connecter-et-securiser-son-compte",
    "onboarding": "creer-son-compte",
    "gdpr": "donnees-personnelles",
    "notifications": "notifications",
    "portal": "tableau-de-bord",
    "directory": "fiche-entreprise",
    "verification": "verification-entreprise",
    "assessment": "diagnostic-export",
    "messaging": "messagerie",
    "events": "evenements-et-missions",
    "resources": "ressources-et-etudes",
    "surveys": "repondre-aux-enquetes",
    "kpis": "donner-son-avis",
    "support": "demande-d-assistance",
}


def slug_for(endpoint: str) -> str | None:
    """The article that explains the page, published or not."""
    return BY_ENDPOINT.get(endpoint) or BY_BLUEPRINT.get(endpoint.partition(".")[0])


def _titles() -> dict[str, tuple[str, str]]:
    """Titles (French, English) of the published articles, by slug (cached)."""
    cached = current_app.extensions.get(CACHE)
    if cached is not None and time.monotonic() - cached[0] < CACHE_SECONDS:
        return cached[1]  # type: ignore[no-any-return]
    rows = db.session.execute(
        select(HelpArticle.slug, HelpArticle.title_fr, HelpArticle.title_en).where(
            HelpArticle.published.is_(True)
        )
    )
    found = {slug: (fr, en or fr) for slug, fr, en in rows}
    current_app.extensions[CACHE] = (time.monotonic(), found)
    return found


def forget() -> None:
    """Articles changed: read them again at the next page."""
    current_app.extensions.pop(CACHE, None)


def help_link(endpoint: str, lang: str, title: str) -> HelpLink | None:
    if endpoint in NO_HELP:
        return None
    slug = slug_for(endpoint)
    titles = _titles().get(slug or "")
    if slug and titles:
        label = titles[1] if lang == "en" else titles[0]
        return HelpLink(url_for("support.article", slug=slug, lang_code=lang), label)
    if not title:
        return HelpLink(url_for("support.index", lang_code=lang), _("Consulter l’aide en ligne"))
    return HelpLink(
        url_for("support.index", lang_code=lang, q=title),
        _("Chercher « %(title)s » dans l’aide", title=title),
    )
