"""What the resource centre puts in core's full-text index, and how hits show.

One document per item and language (``<id>:fr``, ``<id>:en``): title, summary,
body, country-sheet sections and the text extracted from the attached files, so
that a word found only inside a PDF finds its guide. Facets (type, sectors,
countries, audience, language), the reader audience, the exact access level
(``reader``) and the day and month of the last update go with it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from flask import url_for
from sqlalchemy import select

from tremplin.core.api import (
    SearchDocument,
    SearchHit,
    current_member,
    db,
    index_document,
    remove_document,
)

from .access import may_read, search_audience
from .models import Resource
from .richtext import plain
from .services import _aware

TYPE = "resources"
_FIELDS = {f.name for f in dataclasses.fields(SearchDocument)}


def facets_of(item: Resource) -> dict[str, tuple[str, ...]]:
    return {
        "kind": (item.kind,),
        "sector": tuple(item.listed("sectors")),
        "country": tuple(item.listed("countries")),
        "audience": tuple(item.listed("audiences")),
        "language": tuple(item.languages),
    }


def reader_of(item: Resource) -> tuple[str, ...]:
    """Who may open the item, as the library's ``reader`` filter asks it: the access
    level, or ``role:<name>`` for each role of a role-restricted item."""
    if item.access == "roles":
        return tuple(f"role:{role}" for role in item.listed("access_roles")) or ("roles",)
    return (item.access,)


def index_facets(item: Resource) -> dict[str, tuple[str, ...]]:
    """The shown facets, plus the reader's access and the day and month of the last
    update (the library's "updated in the last 30 days / 12 months" filters)."""
    found = {**facets_of(item), "reader": reader_of(item)}
    if item.updated_at is not None:
        day = _aware(item.updated_at).date()
        found["updated_day"] = (day.isoformat(),)
        found["updated_month"] = (day.isoformat()[:7],)
    return found


def document(item: Resource, lang: str) -> SearchDocument:
    parts = [item.summary(lang), plain(item.body(lang))]
    parts += [plain(section.body(lang)) for section in item.sections]
    parts += [f.text for f in item.files if f.text]
    fields: dict[str, Any] = {
        "key": f"{item.id}:{lang}",
        "title": item.title(lang),
        "body": "\n".join(p for p in parts if p),
        "language": lang,
        "public": item.access == "public",
        "tags": tuple(item.listed("tags")),
    }
    extra = {
        "facets": index_facets(item),
        "audience": search_audience(item),
        "updated": item.updated_at,
    }
    fields.update({k: v for k, v in extra.items() if k in _FIELDS})  # the search-api contract
    return SearchDocument(**fields)


def documents() -> list[SearchDocument]:
    items = db.session.scalars(select(Resource).where(Resource.state == "published"))
    return [document(item, lang) for item in items for lang in ("fr", "en")]


def reindex_item(item: Resource) -> None:
    for lang in ("fr", "en"):
        if item.state == "published":
            index_document(TYPE, document(item, lang))
        else:
            remove_document(TYPE, f"{item.id}:{lang}")


def forget(item_id: int) -> None:
    for lang in ("fr", "en"):
        remove_document(TYPE, f"{item_id}:{lang}")


def hits(keys: Sequence[str], language: str) -> dict[str, SearchHit]:
    """Hits the signed-in member may read (a page's access is checked again here:
    the index only knows three audiences)."""
    ids = {int(k.partition(":")[0]) for k in keys if k.partition(":")[0].isdigit()}
    if not ids:
        return {}
    items = {i.id: i for i in db.session.scalars(select(Resource).where(Resource.id.in_(ids)))}
    member = current_member()
    found = {}
    for key in keys:
        head, _, lang = key.partition(":")
        item = items.get(int(head)) if head.isdigit() else None
        if item is None or item.state != "published" or not may_read(member, item):
            continue
        found[key] = SearchHit(
            item.title(lang),
            url_for("resources.show", slug=item.slug, lang_code=lang or language),
            item.summary(lang)[:240],
        )
    return found


def hit(key: str, language: str) -> SearchHit | None:
    return hits([key], language).get(key)
