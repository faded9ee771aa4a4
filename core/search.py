"""Full-text search with whoosh; plugins say what to index (``register_search_types``).

The index lives in one folder (instance folder by default; a shared folder when
there are several web servers). ``tremplin search rebuild`` rebuilds it from the
plugins' documents; plugins keep it fresh with ``index_document``.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from whoosh import index
from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.fields import BOOLEAN, ID, KEYWORD, TEXT, Schema
from whoosh.qparser import MultifieldParser, OrGroup
from whoosh.searching import Searcher
from whoosh.support.charset import accent_map
from whoosh.writing import AsyncWriter

from .contributions import SearchDocType, SearchDocument, SearchHit
from .plugins import flatten

MAX_RESULTS = 50


def _analyzer():  # type: ignore[no-untyped-def]
    return (
        RegexTokenizer()
        | LowercaseFilter()
        | CharsetFilter(accent_map)
        | StopFilter(lang="fr")
        | StemFilter(lang="fr")
    )


SCHEMA = Schema(
    uid=ID(unique=True, stored=True),
    doctype=ID(stored=True),
    key=ID(stored=True),
    title=TEXT(analyzer=_analyzer(), stored=True),
    body=TEXT(analyzer=_analyzer()),
    language=ID(stored=True),
    public=BOOLEAN(stored=True),
    tags=KEYWORD(commas=True, lowercase=True),
)


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


class _Opened:
    """The index and a searcher kept open by one thread of one app, with the
    identity of the index version they read (generation and table-of-contents file)."""

    def __init__(self, path: Path, ix: index.Index) -> None:
        self.path, self.ix = path, ix
        self.version = _version(path, ix)
        self._searcher: Searcher | None = None
        self._parser: MultifieldParser | None = None

    def searcher(self) -> Searcher:
        if self._searcher is None:
            self._searcher = self.ix.searcher()
        return self._searcher

    def parser(self) -> MultifieldParser:
        if self._parser is None:
            self._parser = MultifieldParser(
                ["title", "body", "tags"], schema=self.ix.schema, group=OrGroup
            )
        return self._parser

    def close(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None


def _version(path: Path, ix: index.Index) -> tuple[int, int, int] | None:
    """What changes whenever a commit or a rebuild (even in another process) writes
    a new version: a rebuild restarts generations, hence the file's identity too."""
    try:
        generation = ix.latest_generation()
        found = os.stat(path / f"_{index._DEF_INDEX_NAME}_{generation}.toc")
    except OSError:
        return None
    return generation, found.st_ino, found.st_mtime_ns


def _opened() -> _Opened:
    """The index (and searcher) kept open per app and per thread, reopened only when
    another process (a worker, another web server, a rebuild, a restore) wrote a new
    version."""
    path = index_path()
    local = current_app.extensions.setdefault("search_index", threading.local())
    cached: _Opened | None = getattr(local, "opened", None)
    if (
        cached is not None
        and cached.path == path
        and cached.version is not None
        and _version(path, cached.ix) == cached.version
    ):
        return cached
    if cached is not None:
        cached.close()
    if index.exists_in(str(path)):
        ix = index.open_dir(str(path))
    else:
        path.mkdir(parents=True, exist_ok=True)
        ix = index.create_in(str(path), SCHEMA)
    local.opened = _Opened(path, ix)
    return local.opened  # type: ignore[no-any-return]


def open_index() -> index.Index:
    """The index, kept open per app and per thread (see :func:`_opened`)."""
    return _opened().ix


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
    return {
        "uid": f"{type_name}:{doc.key}",
        "doctype": type_name,
        "key": doc.key,
        "title": doc.title,
        "body": doc.body,
        "language": doc.language or "any",
        "public": doc.public,
        "tags": ",".join(doc.tags),
    }


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
    count = 0
    with ix.writer() as writer:
        for name, doc_type in doc_types().items():
            for doc in doc_type.documents():
                writer.add_document(**_fields(name, doc))
                count += 1
    return count


def search(text: str, language: str, signed_in: bool) -> list[Result]:
    """Hits for ``text`` in ``language`` (plus language-neutral documents)."""
    opened = _opened()
    query = opened.parser().parse(text)
    wanted: list[tuple[str, str]] = []
    for found in opened.searcher().search(query, limit=MAX_RESULTS * 2):
        if found["language"] not in (language, "any"):
            continue
        if not found["public"] and not signed_in:
            continue
        wanted.append((found["doctype"], found["key"]))
    return _results(wanted, language)


def _results(wanted: list[tuple[str, str]], language: str) -> list[Result]:
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
            if len(results) >= MAX_RESULTS:
                break
    return results
