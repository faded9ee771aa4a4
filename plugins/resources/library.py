"""The library: the items a reader may see, filtered, searched, counted by facet.

Filters are OR within one facet and AND across facets; the counts of each facet are
computed over the items matching the text and the *other* facets, so that every
count tells how many results choosing that value gives. The text is matched by
core's search (``api.search_query``) when the platform has it, else by the words of
the title, summary, body, sections and documents' text, accents and case ignored.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from tremplin.core import api

from .access import may_read
from .models import Resource
from .richtext import plain
from .search import TYPE, facets_of
from .services import _aware, now, published

FACETS = ("kind", "sector", "country", "audience", "language")
PERIODS = {"30": 30, "365": 365}
PER_PAGE = 12


@dataclass
class Query:
    text: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    period: str = ""
    sort: str = "recent"
    page: int = 1


@dataclass
class Found:
    items: list[Resource]
    total: int
    counts: dict[str, list[tuple[str, int]]]
    page: int
    pages: int


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def haystack(item: Resource) -> str:
    parts: list[str | None] = [
        item.title_fr,
        item.title_en,
        item.summary_fr,
        item.summary_en,
        item.tags,
    ]
    parts += [plain(item.body_fr or ""), plain(item.body_en or ""), item.publisher, item.coverage]
    parts += [f"{s.body_fr or ''} {s.body_en or ''}" for s in item.sections]
    parts += [f.text for f in item.files]
    return fold(" ".join(p for p in parts if p))


def text_matches(items: list[Resource], text: str, language: str) -> list[Resource]:
    words = [w for w in fold(text).split() if len(w) > 1]
    if not words:
        return items
    search_query = getattr(api, "search_query", None)
    if search_query is not None:
        ids = _searched_ids(search_query, text, language)
        return [i for i in items if i.id in ids]
    return [i for i in items if all(w in haystack(i) for w in words)]


def _searched_ids(search_query: Any, text: str, language: str) -> set[int]:
    """Ids of the items matching ``text``; every audience is asked, because the caller
    keeps only the items this reader may see (role-restricted items included)."""
    audiences = ("public", "members", "verified")
    found = search_query(text, types=(TYPE,), audiences=audiences, language=language, per_page=1000)
    return {int(key.partition(":")[0]) for _type, key in found.keys if key[:1].isdigit()}


def _matches(item: Resource, filters: dict[str, list[str]], skip: str = "") -> bool:
    values = facets_of(item)
    return all(
        set(wanted) & set(values.get(name, ()))
        for name, wanted in filters.items()
        if wanted and name != skip
    )


def _in_period(item: Resource, period: str) -> bool:
    days = PERIODS.get(period)
    if days is None or item.updated_at is None:
        return True
    return _aware(item.updated_at) >= now() - timedelta(days=days)


def visible(member: Any) -> list[Resource]:
    return [item for item in published() if may_read(member, item)]


def find(query: Query, member: Any, language: str) -> Found:
    pool = [i for i in visible(member) if _in_period(i, query.period)]
    pool = text_matches(pool, query.text, language)
    filters = {k: v for k, v in query.filters.items() if k in FACETS and v}
    matching = [i for i in pool if _matches(i, filters)]
    counts = {name: _count(pool, filters, name) for name in FACETS}
    if query.sort == "title":
        matching.sort(key=lambda i: fold(i.title(language)))
    pages = max(1, -(-len(matching) // PER_PAGE))
    page = min(max(1, query.page), pages)
    shown = matching[(page - 1) * PER_PAGE : page * PER_PAGE]
    return Found(shown, len(matching), counts, page, pages)


def _count(pool: list[Resource], filters: dict[str, list[str]], name: str) -> list[tuple[str, int]]:
    counter: Counter[str] = Counter()
    for item in pool:
        if _matches(item, filters, skip=name):
            counter.update(set(facets_of(item).get(name, ())))
    return sorted(counter.items(), key=lambda pair: (-pair[1], pair[0]))


def recently_updated(member: Any, limit: int = 5) -> list[Resource]:
    return visible(member)[:limit]
