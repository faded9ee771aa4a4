"""Full-text search: plugins say what to index (``register_search_types``), core
keeps one index in the configured backend (whoosh or PostgreSQL).

``tremplin search reindex`` rebuilds it from the plugins' documents; plugins keep
it fresh with ``index_document`` / ``remove_document`` (best after their commit:
``index_document(..., after_commit=True)``). ``search_query`` searches with
filters, facets, audiences, sorting and pages.
"""

from __future__ import annotations

from .query import Result, SearchError, SearchPage, SearchQuery
from .service import (
    MAX_RESULTS,
    _opened,
    backend_name,
    doc_types,
    index_document,
    index_path,
    open_index,
    rebuild,
    reindex,
    remove_document,
    resolve,
    search,
    search_audiences,
    search_query,
)
from .whoosh_index import SCHEMA

__all__ = [
    "MAX_RESULTS",
    "SCHEMA",
    "Result",
    "SearchError",
    "SearchPage",
    "SearchQuery",
    "_opened",
    "backend_name",
    "doc_types",
    "index_document",
    "index_path",
    "open_index",
    "rebuild",
    "reindex",
    "remove_document",
    "resolve",
    "search",
    "search_audiences",
    "search_query",
]
