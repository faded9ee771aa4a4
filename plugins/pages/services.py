"""Reading pages and cleaning their HTML (no request objects here)."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import nh3
from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement, and_, or_, select

from tremplin.core.api import SearchDocument, db, index_document, remove_document

from .models import Page

STATE_LABELS = {
    "draft": _l("Brouillon"),
    "review": _l("En relecture"),
    "scheduled": _l("Programmée"),
    "published": _l("Publiée"),
}
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


def now() -> datetime:
    """The current time (UTC); tests move it to check scheduled publication."""
    return datetime.now(UTC)


def _live() -> ColumnElement[bool]:
    """Readers see published pages, and scheduled ones whose date has come (even
    before the ``pages-publish`` task has marked them published)."""
    due = and_(Page.state == "scheduled", Page.publish_at.is_not(None), Page.publish_at <= now())
    return or_(Page.published.is_(True), due)


def get_page(slug: str) -> Page | None:
    """Any page, published or not (editors preview drafts and scheduled pages)."""
    if not SLUG.match(slug or ""):
        return None
    return db.session.scalar(select(Page).where(Page.slug == slug))


def get_published(slug: str) -> Page | None:
    if not SLUG.match(slug or ""):
        return None
    return db.session.scalar(select(Page).where(Page.slug == slug, _live()))


def published_pages() -> list[Page]:
    return list(db.session.scalars(select(Page).where(_live()).order_by(Page.position, Page.slug)))


def schedule_or_publish(page: Page, moment: datetime | None = None) -> str:
    """Publish ``page`` now, or schedule it when its ``publish_at`` is still to come;
    returns the new state."""
    when = page.publish_at
    if when is not None and _aware(when) > (moment or now()):
        page.state, page.published = "scheduled", False
    else:
        page.state, page.published = "published", True
    return page.state


def publish_due(moment: datetime | None = None) -> list[Page]:
    """Mark published the scheduled pages whose date has come (the scheduled task);
    the caller commits and re-indexes them."""
    at = moment or now()
    scheduled = db.session.scalars(select(Page).where(Page.state == "scheduled"))
    due = [p for p in scheduled if p.publish_at is not None and _aware(p.publish_at) <= at]
    for page in due:
        page.state, page.published = "published", True
    return due


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


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


def reindex_page(page: Page) -> None:
    """Put the page in search as readers see it now (or take it out)."""
    docs = [d for d in search_documents() if d.key.startswith(f"{page.slug}:")]
    for doc in docs:
        index_document("pages", doc)
    if not docs:
        for lang in ("fr", "en"):
            remove_document("pages", f"{page.slug}:{lang}")


def publish_scheduled() -> int:
    """The ``pages-publish`` task: publish the scheduled pages whose date has come,
    then put them in search; returns how many were published."""
    due = publish_due()
    db.session.commit()
    for page in due:
        reindex_page(page)
    return len(due)
