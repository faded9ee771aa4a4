"""What a search asks (:class:`SearchQuery`) and what it gets back (:class:`SearchPage`).

Both backends take the same normalised query, so that they behave the same way:
filters are OR within one facet and AND across facets, an empty text browses.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..contributions import SearchHit

AUDIENCES = ("public", "members", "verified")
SORTS = ("relevance", "title", "updated")
LANGUAGES = ("fr", "en")
MAX_PER_PAGE = 100
MAX_TEXT = 200
MAX_FILTER_VALUES = 100
FACET_NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


class SearchError(ValueError):
    """A query that cannot be run as asked (unknown sort, bad facet name...)."""


@dataclass(frozen=True)
class Result:
    """A hit resolved for display, with the label of its document type."""

    type_label: str
    hit: SearchHit


@dataclass(frozen=True)
class SearchQuery:
    """A normalised search: see :func:`tremplin.core.search.search_query`."""

    text: str
    types: tuple[str, ...] = ()
    filters: tuple[tuple[str, tuple[str, ...]], ...] = ()
    audiences: tuple[str, ...] = ("public",)
    language: str | None = None
    sort: str = "relevance"
    page: int = 1
    per_page: int = 20
    facets: tuple[str, ...] = ()

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


@dataclass
class SearchPage:
    """One page of results. ``keys`` are the (type, key) pairs the index found, in
    order; ``results`` the ones still there once resolved for display."""

    results: list[Result]
    keys: list[tuple[str, str]]
    total: int
    page: int
    per_page: int
    facet_counts: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))


@dataclass
class Found:
    """What a backend returns: the page's keys, the total and the facet counts."""

    keys: list[tuple[str, str]]
    total: int
    facet_counts: dict[str, dict[str, int]]


def check_facet_name(name: str) -> str:
    if not FACET_NAME.match(name):
        raise SearchError(f"invalid facet name {name!r} (lowercase letters, digits, _)")
    return name


def clean_value(value: str) -> str:
    """A facet value as indexed: no comma (the whoosh separator), no edge spaces."""
    return value.replace(",", " ").strip()[:100]


def make_query(
    text: str,
    *,
    types: Sequence[str] | None = None,
    filters: Mapping[str, Sequence[str]] | None = None,
    audiences: Sequence[str] = ("public",),
    language: str | None = None,
    sort: str = "relevance",
    page: int = 1,
    per_page: int = 20,
    facets: Sequence[str] = (),
) -> SearchQuery:
    """Check and normalise the arguments of ``search_query``."""
    if sort not in SORTS:
        raise SearchError(f"unknown sort {sort!r} (one of {', '.join(SORTS)})")
    unknown = [a for a in audiences if a not in AUDIENCES]
    if unknown:
        raise SearchError(f"unknown audience {unknown[0]!r} (one of {', '.join(AUDIENCES)})")
    if language is not None and language not in LANGUAGES:
        language = None  # a language without its own analyser: search every field
    cleaned: list[tuple[str, tuple[str, ...]]] = []
    for name, values in sorted((filters or {}).items()):
        wanted = tuple(dict.fromkeys(clean_value(v) for v in values if clean_value(v)))
        if wanted:
            cleaned.append((check_facet_name(name), wanted[:MAX_FILTER_VALUES]))
    return SearchQuery(
        text=" ".join(text.split())[:MAX_TEXT],
        types=tuple(types or ()),
        filters=tuple(cleaned),
        audiences=tuple(dict.fromkeys(audiences)),
        language=language,
        sort=sort,
        page=max(1, int(page)),
        per_page=min(MAX_PER_PAGE, max(1, int(per_page))),
        facets=tuple(check_facet_name(f) for f in facets),
    )
