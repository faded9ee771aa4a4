"""Reading pages and cleaning their HTML (no request objects here)."""

from __future__ import annotations

import re

import nh3
from sqlalchemy import select

from tremplin.core.api import SearchDocument, db

from .models import Page

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ALLOWED_TAGS = {
    "p",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "a",
    "strong",
    "em",
    "br",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "blockquote",
    "code",
    "abbr",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "hreflang", "title"},
    "abbr": {"title"},
    "th": {"scope"},
    "td": {"colspan"},
}


def clean_html(html: str) -> str:
    """The page body with only harmless markup kept (scripts, handlers, styles go)."""
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


def plain_text(html: str) -> str:
    return re.sub(r"\s+", " ", nh3.clean(html or "", tags=set())).strip()


def get_published(slug: str) -> Page | None:
    if not SLUG.match(slug or ""):
        return None
    return db.session.scalar(select(Page).where(Page.slug == slug, Page.published.is_(True)))


def published_pages() -> list[Page]:
    return list(db.session.scalars(_PUBLISHED))


_PUBLISHED = select(Page).where(Page.published.is_(True)).order_by(Page.position, Page.slug)


def search_documents() -> list[SearchDocument]:
    docs = []
    for page in published_pages():
        for lang in ("fr", "en"):
            docs.append(
                SearchDocument(
                    key=f"{page.slug}:{lang}",
                    title=page.title(lang),
                    body=plain_text(page.body(lang)),
                    language=lang,
                )
            )
    return docs
