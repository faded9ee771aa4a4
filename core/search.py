"""Full-text search with whoosh; plugins say what to index (``register_search_types``).

The index lives in one folder (instance folder by default; a shared folder when
there are several web servers). ``tremplin search rebuild`` rebuilds it from the
plugins' documents; plugins keep it fresh with ``index_document``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from whoosh import index
from whoosh.analysis import (CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter,
                             StopFilter)
from whoosh.fields import BOOLEAN, ID, KEYWORD, TEXT, Schema
from whoosh.qparser import MultifieldParser, OrGroup
from whoosh.support.charset import accent_map
from whoosh.writing import AsyncWriter

from .contributions import SearchDocType, SearchDocument, SearchHit
from .plugins import flatten

MAX_RESULTS = 50


def _analyzer():  # type: ignore[no-untyped-def]
    return (RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)
            | StopFilter(lang="fr") | StemFilter(lang="fr"))


SCHEMA = Schema(uid=ID(unique=True, stored=True), doctype=ID(stored=True),
                key=ID(stored=True), title=TEXT(analyzer=_analyzer(), stored=True),
                body=TEXT(analyzer=_analyzer()), language=ID(stored=True),
                public=BOOLEAN(stored=True), tags=KEYWORD(commas=True, lowercase=True))


@dataclass(frozen=True)
class Result:
    type_label: str
    hit: SearchHit


def doc_types() -> dict[str, SearchDocType]:
    pm = current_app.extensions["tremplin"].pm
    return {t.name: t for t in flatten(pm.hook.register_search_types())}


def index_path() -> Path:
    config = current_app.extensions["tremplin"].config
    configured = config.get("search", "index_path")
    return Path(configured) if configured else config.instance_path / "search-index"


def open_index() -> index.Index:
    """The index, kept open per app and refreshed only when another process
    (a worker, another web server, a rebuild) committed a newer generation."""
    path = index_path()
    cached = current_app.extensions.get("search_index")
    if cached is not None and cached[0] == path:
        try:
            ix = cached[1] if cached[1].up_to_date() else cached[1].refresh()
        except (OSError, index.EmptyIndexError):  # folder replaced (restore) or removed
            ix = None
        if ix is not None:
            current_app.extensions["search_index"] = (path, ix)
            return ix
    if index.exists_in(str(path)):
        ix = index.open_dir(str(path))
    else:
        path.mkdir(parents=True, exist_ok=True)
        ix = index.create_in(str(path), SCHEMA)
    current_app.extensions["search_index"] = (path, ix)
    return ix


@contextmanager
def _writer() -> Iterator[AsyncWriter]:
    writer = AsyncWriter(open_index())
    try:
        yield writer
    except BaseException:
        writer.cancel()
        raise
    writer.commit()


def _fields(type_name: str, doc: SearchDocument) -> dict[str, object]:
    return {"uid": f"{type_name}:{doc.key}", "doctype": type_name, "key": doc.key,
            "title": doc.title, "body": doc.body, "language": doc.language or "any",
            "public": doc.public, "tags": ",".join(doc.tags)}


def index_document(type_name: str, doc: SearchDocument) -> None:
    with _writer() as writer:
        writer.update_document(**_fields(type_name, doc))


def remove_document(type_name: str, key: str) -> None:
    with _writer() as writer:
        writer.delete_by_term("uid", f"{type_name}:{key}")


def rebuild() -> int:
    """Drop and rebuild the whole index; returns how many documents were indexed."""
    path = index_path()
    path.mkdir(parents=True, exist_ok=True)
    ix = index.create_in(str(path), SCHEMA)
    current_app.extensions["search_index"] = (path, ix)
    count = 0
    with ix.writer() as writer:
        for name, doc_type in doc_types().items():
            for doc in doc_type.documents():
                writer.add_document(**_fields(name, doc))
                count += 1
    return count


def search(text: str, language: str, signed_in: bool) -> list[Result]:
    """Hits for ``text`` in ``language`` (plus language-neutral documents)."""
    types = doc_types()
    ix = open_index()
    parser = MultifieldParser(["title", "body", "tags"], schema=ix.schema, group=OrGroup)
    query = parser.parse(text)
    results: list[Result] = []
    with ix.searcher() as searcher:
        for found in searcher.search(query, limit=MAX_RESULTS * 2):
            if found["language"] not in (language, "any"):
                continue
            if not found["public"] and not signed_in:
                continue
            doc_type = types.get(found["doctype"])
            hit = doc_type.hit(found["key"], language) if doc_type else None
            if hit is not None:
                results.append(Result(str(doc_type.label), hit))  # type: ignore[union-attr]
            if len(results) >= MAX_RESULTS:
                break
    return results
