"""The whoosh backend: one index folder, one blocking writer at a time, searchers reused.

Writes never lose an update: every write takes the index's lock, waiting for it
(``[search] write_timeout`` seconds at most) instead of failing at once or
buffering in a thread that a worker may never get to run, as whoosh's
``AsyncWriter`` does. The lock is a file lock, so it holds across gunicorn
workers and Huey workers alike.

Each thread of each process keeps its index and searcher open; a search first
checks (one ``stat``) whether another process wrote a new version, and refreshes
the searcher then, re-using the segments that did not change. Facet filters are
``Require`` clauses (the matcher skips to the documents of the wanted values) and
facet counts intersect the matching documents with per-value sets cached per
searcher.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from whoosh import index, query, writing
from whoosh.fields import BOOLEAN, ID, KEYWORD, NUMERIC, TEXT, Schema
from whoosh.index import LockError
from whoosh.qparser import FieldsPlugin, MultifieldParser
from whoosh.qparser.dateparse import DateParserPlugin
from whoosh.searching import Searcher
from whoosh.support.charset import accent_map

from ..contributions import SearchDocument
from .analysis import analyzer, searchable
from .query import Found, SearchQuery, clean_value

FACET_PREFIX = "facet_"
FIELDS_BY_LANGUAGE = {
    "fr": ["title", "body", "tags"],
    "en": ["title_en", "body_en", "tags"],
    None: ["title", "body", "title_en", "body_en", "tags"],
}


def make_schema() -> Schema:
    schema = Schema(
        uid=ID(unique=True, stored=True),
        doctype=ID(stored=True),
        key=ID(stored=True),
        title=TEXT(analyzer=analyzer("fr"), stored=True, field_boost=3.0),
        body=TEXT(analyzer=analyzer("fr"), phrase=False),
        title_en=TEXT(analyzer=analyzer("en"), field_boost=3.0),
        body_en=TEXT(analyzer=analyzer("en"), phrase=False),
        language=ID(stored=True),
        public=BOOLEAN(stored=True),
        audience=ID(stored=True),
        tags=TEXT(analyzer=analyzer("fr"), phrase=False, field_boost=2.0),
        title_sort=ID(sortable=True),
        updated=NUMERIC(int, bits=64, sortable=True, stored=True),
    )
    schema.add(FACET_PREFIX + "*", KEYWORD(commas=True), glob=True)
    return schema


SCHEMA = make_schema()


def sort_key(title: str) -> str:
    return title.translate(accent_map).casefold()[:80]


def fields(type_name: str, doc: SearchDocument) -> dict[str, Any]:
    """The whoosh fields of ``doc``: the title and body go to the fields of its
    language (both languages' when it has none)."""
    title, body = doc.title, searchable(doc.body)
    found: dict[str, Any] = {
        "uid": f"{type_name}:{doc.key}",
        "doctype": type_name,
        "key": doc.key,
        "language": doc.language or "any",
        "public": doc.effective_audience == "public",
        "audience": doc.effective_audience,
        "tags": ", ".join(doc.tags),
        "title_sort": sort_key(title),
        "updated": int(doc.updated.timestamp()) if doc.updated else 0,
    }
    if doc.language != "en":
        found.update(title=searchable(title), body=body)
    if doc.language != "fr":
        found.update(title_en=searchable(title), body_en=body)
    for name, values in doc.facets.items():
        cleaned = [clean_value(v) for v in values if clean_value(v)]
        if cleaned:
            found[FACET_PREFIX + name] = ",".join(cleaned)
    return found


def _version(path: Path, ix: index.Index) -> tuple[int, int, int] | None:
    """What changes whenever a commit or a rebuild (even in another process) writes
    a new version: a rebuild restarts generations, hence the file's identity too."""
    try:
        generation = ix.latest_generation()
        found = os.stat(path / f"_{index._DEF_INDEX_NAME}_{generation}.toc")
    except OSError:
        return None
    return generation, found.st_ino, found.st_mtime_ns


class Opened:
    """The index and a searcher kept open by one thread of one app, with the
    identity of the index version they read (generation and table-of-contents file)."""

    def __init__(self, path: Path, ix: index.Index, searcher: Searcher | None = None) -> None:
        self.path, self.ix = path, ix
        self.version = _version(path, ix)
        self._searcher = searcher
        self._parsers: dict[str | None, MultifieldParser] = {}
        self._value_sets: dict[str, dict[str, frozenset[int]]] = {}

    def searcher(self) -> Searcher:
        if self._searcher is None:
            self._searcher = self.ix.searcher()
        return self._searcher

    def parser(self, language: str | None = None) -> MultifieldParser:
        if language not in self._parsers:
            parser = MultifieldParser(FIELDS_BY_LANGUAGE[language], schema=self.ix.schema)
            parser.remove_plugin_class(FieldsPlugin)  # no "audience:members" in the text
            parser.remove_plugin_class(DateParserPlugin)
            self._parsers[language] = parser
        return self._parsers[language]

    def value_sets(self, facet: str) -> dict[str, frozenset[int]]:
        """The documents of each value of ``facet``, read once per searcher."""
        if facet not in self._value_sets:
            reader = self.searcher().reader()
            name = FACET_PREFIX + facet
            sets: dict[str, frozenset[int]] = {}
            if name in reader.indexed_field_names():
                for raw in reader.lexicon(name):
                    value = raw.decode("utf-8") if isinstance(raw, bytes) else str(raw)
                    sets[value] = frozenset(reader.postings(name, raw).all_ids())
            self._value_sets[facet] = sets
        return self._value_sets[facet]

    def refreshed(self) -> Opened:
        """This index at its latest version: the searcher refreshed (unchanged
        segments re-used) when only new commits came, reopened after a rebuild."""
        ix = self.ix
        old = self._searcher
        if old is not None and _version(self.path, ix) is not None:
            generation = ix.latest_generation()
            if generation > old.reader().generation():
                return Opened(self.path, ix, old.refresh())
        self.close()
        return Opened(self.path, index.open_dir(str(self.path)))

    def close(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None

    def is_current(self) -> bool:
        return self.version is not None and _version(self.path, self.ix) == self.version


def open_or_create(path: Path) -> index.Index:
    if index.exists_in(str(path)):
        return index.open_dir(str(path))
    path.mkdir(parents=True, exist_ok=True)
    return index.create_in(str(path), SCHEMA)


@contextmanager
def blocking_writer(ix: index.Index, timeout: float, **options: Any) -> Iterator[Any]:
    """A writer that waits for the index lock (up to ``timeout`` seconds, polling
    every few milliseconds) rather than raising ``LockError`` at once."""
    writer = ix.writer(timeout=timeout, delay=0.005, **options)
    try:
        yield writer
    except BaseException:
        writer.cancel()
        raise
    writer.commit()


def write(
    path: Path, timeout: float, adds: Sequence[dict[str, Any]], deletes: Sequence[str]
) -> None:
    """Add or replace ``adds`` and delete the documents whose uid is in ``deletes``."""
    ix = open_or_create(path)
    try:
        with blocking_writer(ix, timeout) as writer:
            for uid in deletes:
                writer.delete_by_term("uid", uid)
            for found in adds:
                writer.update_document(**found)
    finally:
        ix.close()


def rebuild(path: Path, docs: Iterable[dict[str, Any]], timeout: float, procs: int = 1) -> int:
    """Replace the whole index by ``docs``. An index of the current schema is
    rewritten under its lock (writers wait; searchers see the old version until
    the commit); an index of an older schema is created again."""
    path.mkdir(parents=True, exist_ok=True)
    current = index.exists_in(str(path)) and (
        set(index.open_dir(str(path)).schema.names()) == set(SCHEMA.names())
    )
    ix = index.open_dir(str(path)) if current else index.create_in(str(path), SCHEMA)
    options: dict[str, Any] = {"limitmb": 256}
    if procs > 1:
        options.update(procs=procs, multisegment=True)
    count = 0
    writer = ix.writer(timeout=timeout, delay=0.05, **options)
    try:
        for found in docs:
            writer.add_document(**found)
            count += 1
    except BaseException:
        writer.cancel()
        raise
    writer.commit(mergetype=writing.CLEAR)
    if procs > 1:  # one segment: fewer postings lists to read per term
        ix.writer(timeout=timeout, delay=0.05).commit(optimize=True)
    ix.close()
    return count


def _any_of(field: str, values: Iterable[str]) -> query.Query:
    terms = [query.Term(field, v) for v in values]
    return terms[0] if len(terms) == 1 else query.Or(terms)


def _restrictions(q: SearchQuery) -> list[query.Query]:
    parts: list[query.Query] = []
    audiences: list[query.Query] = [query.Term("audience", a) for a in q.audiences]
    if "public" in q.audiences:
        audiences.append(query.Term("public", True))  # documents indexed before audiences
    parts.append(query.Or(audiences) if audiences else query.NullQuery)
    if q.types:
        parts.append(_any_of("doctype", q.types))
    if q.language:
        parts.append(_any_of("language", (q.language, "any")))
    for name, values in q.filters:
        parts.append(_any_of(FACET_PREFIX + name, values))
    return parts


def search(opened: Opened, q: SearchQuery) -> Found:
    searcher = opened.searcher()
    restrictions = _restrictions(q)
    required = restrictions[0] if len(restrictions) == 1 else query.And(restrictions)
    if q.text:
        text_query = opened.parser(q.language).parse(q.text)
        wanted: query.Query = query.Require(text_query, required)
    else:
        wanted = required
    options: dict[str, Any] = {}
    if q.sort == "title" or (q.sort == "relevance" and not q.text):
        options["sortedby"] = "title_sort"
    elif q.sort == "updated":
        options.update(sortedby="updated", reverse=True)
    try:
        results = searcher.search(wanted, limit=q.offset + q.per_page, **options)
    except query.QueryError:  # a quoted phrase on a field without positions
        results = searcher.search(
            query.Require(opened.parser(q.language).parse(q.text.replace('"', " ")), required),
            limit=q.offset + q.per_page,
            **options,
        )
    keys = [(hit["doctype"], hit["key"]) for hit in results[q.offset : q.offset + q.per_page]]
    counts: dict[str, dict[str, int]] = {}
    if q.facets:
        matched = results.docs()
        for facet in q.facets:
            found = {v: len(matched & docs) for v, docs in opened.value_sets(facet).items()}
            counts[facet] = {v: n for v, n in found.items() if n}
        total = len(matched)
    else:
        total = len(results)
    return Found(keys, total, counts)


__all__ = ["SCHEMA", "LockError", "Opened", "fields", "rebuild", "search", "write"]
