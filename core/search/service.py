"""The search service: the configured backend, plugins' document types, results.

``[search] backend`` chooses where documents go: ``whoosh`` (an index folder, the
single-server default) or ``postgresql`` (a core table, for several web servers).
Both take the same :class:`~.query.SearchQuery` and give the same results.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from flask import current_app

from ..contributions import SearchDocType, SearchDocument
from ..events import after_commit as run_after_commit
from ..plugins import flatten
from . import whoosh_index, whoosh_search
from .query import Found, Result, SearchPage, SearchQuery, make_query

MAX_RESULTS = 50
log = logging.getLogger(__name__)


def doc_types() -> dict[str, SearchDocType]:
    pm = current_app.extensions["tremplin"].pm
    return {t.name: t for t in flatten(pm.hook.register_search_types())}


def _setting(key: str) -> Any:
    return current_app.extensions["tremplin"].config.get("search", key)


def backend_name() -> str:
    override = current_app.extensions.get("search_backend")
    return str(override or _setting("backend"))


def index_path() -> Path:
    configured = _setting("index_path")
    config = current_app.extensions["tremplin"].config
    return Path(configured) if configured else config.instance_path / "search-index"


def write_timeout() -> float:
    return float(_setting("write_timeout"))


def _opened() -> whoosh_index.Opened:
    """The whoosh index (and searcher) kept open per app and per thread, refreshed
    only when another process (a worker, another web server, a rebuild, a restore)
    wrote a new version."""
    path = index_path()
    local = current_app.extensions.setdefault("search_index", threading.local())
    cached: whoosh_index.Opened | None = getattr(local, "opened", None)
    if cached is not None and cached.path == path and cached.is_current():
        return cached
    if cached is not None and cached.path == path:
        local.opened = cached.refreshed()
    else:
        if cached is not None:
            cached.close()
        local.opened = whoosh_index.Opened(path, whoosh_index.open_or_create(path))
    return local.opened  # type: ignore[no-any-return]


def open_index() -> Any:
    """The whoosh index, kept open per app and per thread (see :func:`_opened`)."""
    return _opened().ix


def _postgres() -> Any:
    from . import postgres

    return postgres


def index_document(type_name: str, doc: SearchDocument, *, after_commit: bool = False) -> None:
    """Add or replace ``doc``; with ``after_commit=True``, once the current database
    transaction is committed (nothing if it is rolled back)."""
    if after_commit:
        run_after_commit(lambda: index_document(type_name, doc))
    elif backend_name() == "postgresql":
        _postgres().write([(type_name, doc)], [])
    else:
        found = whoosh_index.fields(type_name, doc)
        _write_whoosh([found], [], found["uid"])


def remove_document(type_name: str, key: str, *, after_commit: bool = False) -> None:
    """Remove a document from the index (see :func:`index_document`)."""
    if after_commit:
        run_after_commit(lambda: remove_document(type_name, key))
    elif backend_name() == "postgresql":
        _postgres().write([], [(type_name, key)])
    else:
        _write_whoosh([], [f"{type_name}:{key}"], f"{type_name}:{key}")


def _write_whoosh(adds: list[dict[str, Any]], deletes: list[str], uid: str) -> None:
    try:
        whoosh_index.write(open_index(), write_timeout(), adds, deletes)
    except whoosh_index.LockError:
        log.error(
            "search index still locked after %s s: %s not written; run tremplin search reindex",
            write_timeout(),
            uid,
            extra={"event": "search.write_timeout"},
        )
        raise


def all_documents() -> Iterator[tuple[str, SearchDocument]]:
    for name, doc_type in doc_types().items():
        for doc in doc_type.documents():
            yield name, doc


def reindex(
    documents: Iterable[tuple[str, SearchDocument]] | None = None,
    progress: Callable[[], None] | None = None,
) -> int:
    """Replace the whole index by every plugin's documents (or ``documents``);
    ``progress()`` is called after each document. Returns how many were indexed."""

    def counted() -> Iterator[tuple[str, SearchDocument]]:
        for pair in all_documents() if documents is None else documents:
            yield pair
            if progress is not None:
                progress()

    if backend_name() == "postgresql":
        return int(_postgres().rebuild(counted()))
    fields = (whoosh_index.fields(name, doc) for name, doc in counted())
    procs = int(_setting("build_procs"))
    return whoosh_index.rebuild(index_path(), fields, write_timeout(), procs)


def rebuild() -> int:
    """Drop and rebuild the whole index; returns how many documents were indexed."""
    return reindex()


def search_audiences(member: Any) -> tuple[str, ...]:
    """The audiences ``member`` (an ``api.Member``, or ``None`` for a visitor) may
    see: a visitor ("public",), a member ("public", "members"), a verified member
    or staff ("public", "members", "verified")."""
    if member is None or not getattr(member, "is_authenticated", True):
        return ("public",)
    if getattr(member, "is_staff", False) or getattr(member, "verification", "") == "verified":
        return ("public", "members", "verified")
    return ("public", "members")


def find(q: SearchQuery) -> Found:
    """The backend's answer to ``q``: keys, total and facet counts."""
    if backend_name() == "postgresql":
        return _postgres().search(q)  # type: ignore[no-any-return]
    return whoosh_search.search(_opened(), q)


def search_query(
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
) -> SearchPage:
    """Search (or browse, with an empty ``text``) the documents ``audiences`` may
    see. ``filters`` are OR within one facet, AND across facets; ``facets`` asks
    for the counts of each value of those facets among the matching documents.
    ``language`` limits to documents in that language (or in none) and analyses
    the text in it. Raises :class:`SearchError` on an unknown sort or audience."""
    q = make_query(
        text,
        types=types,
        filters=filters,
        audiences=audiences,
        language=language,
        sort=sort,
        page=page,
        per_page=per_page,
        facets=facets,
    )
    found = find(q)
    results = resolve(found.keys, q.language or _locale())
    return SearchPage(results, found.keys, found.total, q.page, q.per_page, found.facet_counts)


def _locale() -> str:
    from flask_babel import get_locale

    return str(get_locale() or "fr")


def search(text: str, language: str, signed_in: bool) -> list[Result]:
    """Hits for ``text`` in ``language`` (plus language-neutral documents), the
    first :data:`MAX_RESULTS` (the site search page before facets)."""
    audiences = ("public", "members") if signed_in else ("public",)
    return search_query(text, audiences=audiences, language=language, per_page=MAX_RESULTS).results


def resolve(wanted: list[tuple[str, str]], language: str) -> list[Result]:
    """Display the hits in rank order: each document type resolves all of its keys at
    once (one query per type, not per hit); documents gone since indexing drop out."""
    types = doc_types()
    keys: dict[str, list[str]] = {}
    for type_name, key in wanted:
        if type_name in types:
            keys.setdefault(type_name, []).append(key)
    shown = {name: types[name].resolve(found, language) for name, found in keys.items()}
    results: list[Result] = []
    for type_name, key in wanted:
        hit = shown.get(type_name, {}).get(key)
        if hit is not None:
            results.append(Result(str(types[type_name].label), hit))
    return results
