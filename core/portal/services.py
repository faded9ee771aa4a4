"""Data behind core's portal pages, free of request objects."""

from __future__ import annotations

from collections.abc import Iterable

from flask import current_app, url_for
from flask_babel import get_locale
from sqlalchemy import func, select

from .. import search as search_service
from ..accounts.profile.models import Company
from ..caches import kept_for
from ..contributions import SitemapEntry
from ..extensions import db
from ..i18n import languages
from ..members.services import current_member

PER_PAGE = 20


@kept_for(60.0)
def home_figures() -> dict[str, object]:
    """Counts and a few companies for the home page, kept a minute per process (and
    forgotten as soon as this process writes); plain values, no database objects."""
    counts = db.session.execute(
        select(func.count(Company.id), func.count(func.distinct(Company.country)))
    ).one()
    rows = db.session.execute(
        select(Company.name, Company.sector, Company.city, Company.country)
        .order_by(Company.created_at.desc(), Company.id.desc())
        .limit(6)
    ).all()
    return {
        "company_count": counts[0] or 0,
        "country_count": counts[1] or 0,
        "recent_companies": [row._asdict() for row in rows],
    }


def sitemap_urls(entries: Iterable[SitemapEntry]) -> list[dict[str, object]]:
    """Absolute URLs of every public page, each with its language alternates."""
    base = current_app.config["TREMPLIN_BASE_URL"]
    urls = []
    for entry in entries:
        alternates = {
            lang: base + url_for(entry.endpoint, lang_code=lang, **entry.values)
            for lang in languages()
        }
        for lang in languages():
            urls.append({"loc": alternates[lang], "alternates": alternates})
    return urls


def search_types() -> dict[str, str]:
    """The searchable document types, name to label, in label order."""
    labels = {name: str(t.label) for name, t in search_service.doc_types().items()}
    return dict(sorted(labels.items(), key=lambda item: item[1]))


def search(text: str, type_name: str = "", page: int = 1) -> search_service.SearchPage:
    """One page of the site search, of one document type or all, for the viewer."""
    return search_service.search_query(
        text,
        types=[type_name] if type_name else None,
        audiences=search_service.search_audiences(current_member()),
        language=str(get_locale()),
        page=page,
        per_page=PER_PAGE,
    )
