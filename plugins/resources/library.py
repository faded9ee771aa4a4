"""The library: the items a reader may see, filtered, searched, counted by facet.

Everything comes from core's search layer (``api.search_query``), so that the list,
its total and the facet counts always agree with the full-text results: a search
for "douane" counts the matching items only. Filters are OR within one facet and
AND across facets; the counts of each facet are computed over the items matching
the text and the *other* facets, so that every count tells how many results
choosing that value gives. Access rights are part of the query: the reader's
search audiences (``api.search_audiences``) and the ``reader`` facet, which holds
an item's exact access level (or its roles), so that nothing the reader may not
open is listed or counted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from sqlalchemy import select

from tremplin.core import api

from .access import is_editor, may_read
from .models import Resource
from .search import TYPE
from .services import now, published

FACETS = ("kind", "sector", "country", "audience", "language")
PERIODS = {"30": 30, "365": 365}
PER_PAGE = 12
SORTS = {"recent": "updated", "title": "title"}


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


def reader_values(member: Any) -> list[str] | None:
    """The ``reader`` facet values ``member`` may open (``None``: editors, no limit)."""
    if is_editor(member):
        return None
    if member is None:
        return ["public"]
    levels = ["public", "members"] + (["verified"] if member.is_verified else [])
    return levels + [f"role:{role}" for role in member.roles]


def audiences(member: Any) -> tuple[str, ...]:
    """The search audiences to ask: the member's (``api.search_audiences``), and
    ``verified`` for editors and role holders, since role-restricted items are
    indexed for verified members (the ``reader`` facet then keeps only theirs)."""
    found = tuple(api.search_audiences(member))
    if member is not None and (is_editor(member) or member.roles) and "verified" not in found:
        found += ("verified",)
    return found


def period_filter(period: str) -> dict[str, list[str]]:
    """The period as a filter on the day (30 days) or month (12 months) of update."""
    days = PERIODS.get(period)
    if days is None:
        return {}
    today = now().date()
    if days <= 31:
        return {"updated_day": [(today - timedelta(days=n)).isoformat() for n in range(days + 1)]}
    months, year, month = [], today.year, today.month
    for _ in range(12):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return {"updated_month": months}


def _search(
    query: Query, member: Any, language: str, filters: dict[str, list[str]], **options: Any
) -> api.SearchPage:
    wanted = {**filters, **period_filter(query.period)}
    readers = reader_values(member)
    if readers is not None:
        wanted["reader"] = readers
    return api.search_query(
        query.text,
        types=(TYPE,),
        filters=wanted,
        audiences=audiences(member),
        language=language,
        sort=SORTS.get(query.sort, "updated"),
        **options,
    )


def find(query: Query, member: Any, language: str) -> Found:
    filters = {k: v for k, v in query.filters.items() if k in FACETS and v}
    open_facets = [name for name in FACETS if name not in filters]
    page = max(1, query.page)
    found = _search(query, member, language, filters, page=page, per_page=PER_PAGE,
                    facets=open_facets)  # fmt: skip
    pages = max(1, -(-found.total // PER_PAGE))
    if page > pages:  # past the last page: show the last one
        page = pages
        found = _search(query, member, language, filters, page=page, per_page=PER_PAGE,
                        facets=open_facets)  # fmt: skip
    counts = dict(found.facet_counts)
    for name in filters:  # a chosen facet counts over the other facets' filters
        others = {k: v for k, v in filters.items() if k != name}
        counts[name] = _search(query, member, language, others, per_page=1,
                               facets=[name]).facet_counts.get(name, {})  # fmt: skip
    return Found(_items(found, member), found.total, _listed(counts, filters), page, pages)


def _listed(
    counts: dict[str, dict[str, int]], filters: dict[str, list[str]]
) -> dict[str, list[tuple[str, int]]]:
    """Each facet's values by count, the chosen ones kept (even at 0) to be unticked."""
    listed = {}
    for name in FACETS:
        values = dict(counts.get(name, {}))
        for chosen in filters.get(name, []):
            values.setdefault(chosen, 0)
        listed[name] = sorted(values.items(), key=lambda pair: (-pair[1], pair[0]))
    return listed


def _items(found: api.SearchPage, member: Any) -> list[Resource]:
    """The page's items in the search's order (access checked once more)."""
    ids = [int(key.partition(":")[0]) for _type, key in found.keys if key[:1].isdigit()]
    if not ids:
        return []
    loaded = {i.id: i for i in api.db.session.scalars(select(Resource).where(Resource.id.in_(ids)))}
    return [
        loaded[i]
        for i in dict.fromkeys(ids)
        if i in loaded and loaded[i].state == "published" and may_read(member, loaded[i])
    ]


def visible(member: Any) -> list[Resource]:
    return [item for item in published() if may_read(member, item)]


def recently_updated(member: Any, limit: int = 5) -> list[Resource]:
    return visible(member)[:limit]
