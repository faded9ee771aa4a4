"""The knowledge base: published articles, their safe rendering and search documents.

Article bodies are plain text with two conventions (a blank line starts a paragraph,
lines starting with "- " make a list); everything is escaped, so no HTML from an
editor ever reaches a page.
"""

from __future__ import annotations

from collections.abc import Sequence

from flask import url_for
from markupsafe import Markup, escape
from sqlalchemy import select

from tremplin.core.api import SearchDocument, SearchHit, db, index_document, remove_document

from .models import HelpArticle

LANGUAGES = ("fr", "en")
TYPE = "support_article"


def published_articles() -> list[HelpArticle]:
    return list(
        db.session.scalars(
            select(HelpArticle)
            .where(HelpArticle.published.is_(True))
            .order_by(HelpArticle.category, HelpArticle.title_fr)
        )
    )


def article_by_slug(slug: str) -> HelpArticle | None:
    return db.session.scalar(
        select(HelpArticle).where(HelpArticle.slug == slug, HelpArticle.published.is_(True))
    )


def article_html(article: HelpArticle, language: str) -> Markup:
    parts: list[str] = []
    for block in article.body(language).replace("\r\n", "\n").split("\n\n"):
        lines = [line.strip() for line in block.strip().split("\n") if line.strip()]
        if not lines:
            continue
        if all(line.startswith("- ") for line in lines):
            items = "".join(f"<li>{escape(line[2:])}</li>" for line in lines)
            parts.append(f"<ul>{items}</ul>")
        else:
            parts.append(f"<p>{'<br>'.join(str(escape(line)) for line in lines)}</p>")
    return Markup("\n".join(parts))


def documents_of(article: HelpArticle) -> list[SearchDocument]:
    return [
        SearchDocument(
            key=f"{article.slug}:{lang}",
            title=article.title(lang),
            body=article.body(lang),
            language=lang,
            facets={"category": (article.category,)},
            updated=article.updated_at,
        )
        for lang in LANGUAGES
    ]


def search_documents() -> list[SearchDocument]:
    return [doc for article in published_articles() for doc in documents_of(article)]


def reindex(article: HelpArticle, old_slug: str | None = None) -> None:
    for lang in LANGUAGES:
        if old_slug and old_slug != article.slug:
            remove_document(TYPE, f"{old_slug}:{lang}")
        if not article.published:
            remove_document(TYPE, f"{article.slug}:{lang}")
    if article.published:
        for doc in documents_of(article):
            index_document(TYPE, doc)


def hits(keys: Sequence[str], language: str) -> dict[str, SearchHit]:
    slugs = {key.partition(":")[0] for key in keys}
    found = {
        a.slug: a
        for a in db.session.scalars(
            select(HelpArticle).where(HelpArticle.slug.in_(slugs), HelpArticle.published.is_(True))
        )
    }
    result = {}
    for key in keys:
        slug, _, lang = key.partition(":")
        article = found.get(slug)
        if article is not None:
            text = article.body(lang)
            result[key] = SearchHit(
                article.title(lang),
                url_for("support.article", slug=slug, lang_code=lang),
                text[:200] + ("…" if len(text) > 200 else ""),
            )
    return result


def hit(key: str, language: str) -> SearchHit | None:
    return hits([key], language).get(key)
