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
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from whoosh import columns, index, writing
from whoosh.fields import BOOLEAN, COLUMN, ID, KEYWORD, STORED, TEXT, Schema
from whoosh.index import EmptyIndexError, LockError
from whoosh.qparser import FieldsPlugin, MultifieldParser
from whoosh.qparser.dateparse import DateParserPlugin
from whoosh.searching import Searcher

from ..contributions import SearchDocument
from .analysis import analyzer, searchable, sort_key
from .query import clean_value
from .whoosh_sets import ValueSets

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
        key=STORED,
        title=TEXT(analyzer=analyzer("fr"), stored=True, field_boost=3.0),
        body=TEXT(analyzer=analyzer("fr"), phrase=False),
        title_en=TEXT(analyzer=analyzer("en"), field_boost=3.0),
        body_en=TEXT(analyzer=analyzer("en"), phrase=False),
        language=ID(stored=True),
        public=BOOLEAN(stored=True),
        audience=ID(stored=True),
        tags=TEXT(analyzer=analyzer("fr"), phrase=False, field_boost=2.0),
        title_sort=COLUMN(columns.VarBytesColumn()),  # sorted on, never searched
        updated=COLUMN(columns.NumericColumn("q", default=0)),
    )
    schema.add(FACET_PREFIX + "*", KEYWORD(commas=True, scorable=True), glob=True)
    for name in ("uid", "doctype", "language", "public", "audience"):
        # A length column for exact-value fields too: a commit then reads it from a
        # cached column instead of asking the disk, posting after posting, whether
        # the field has one (a third of a bulk build's time otherwise).
        schema[name].scorable = True
    return schema


SCHEMA = make_schema()


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
        "title_sort": sort_key(title).encode("utf-8"),
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

    def __init__(self, path: Path, ix: index.Index) -> None:
        self.path, self.ix = path, ix
        self.version = _version(path, ix)
        self._searcher: Searcher | None = None
        self._parsers: dict[str | None, MultifieldParser] = {}
        self._sets: ValueSets | None = None
        self._inherited: ValueSets | None = None

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

    def sets(self) -> ValueSets:
        """The cached document sets of the exact-value fields (see :mod:`.whoosh_sets`)."""
        if self._sets is None:
            self._sets = ValueSets(self.searcher(), self._inherited)
            self._inherited = None
        return self._sets

    def refreshed(self) -> Opened:
        """This index at its latest version, opened again. (Whoosh's
        ``Searcher.refresh`` re-uses segment readers with their old deletions: a
        document updated or removed since would still be found.)"""
        self.close()
        opened = Opened(self.path, open_or_create(self.path))
        opened._inherited = self._sets or self._inherited  # unchanged segments keep theirs
        opened._parsers = self._parsers
        return opened

    def close(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None

    def is_current(self) -> bool:
        return self.version is not None and _version(self.path, self.ix) == self.version


def open_or_create(path: Path, attempts: int = 20) -> index.Index:
    """The index in ``path`` (created when there is none). Opening reads the latest
    table of contents, which a commit in another process may replace meanwhile:
    try again then."""
    for attempt in range(attempts):
        try:
            if index.exists_in(str(path)):
                return index.open_dir(str(path))
            path.mkdir(parents=True, exist_ok=True)
            return index.create_in(str(path), SCHEMA)
        except (OSError, EOFError, EmptyIndexError):
            if attempt == attempts - 1:
                raise
            time.sleep(0.005 * (attempt + 1))
    raise AssertionError("unreachable")


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
    ix: index.Index, timeout: float, adds: Sequence[dict[str, Any]], deletes: Sequence[str]
) -> None:
    """Add or replace ``adds`` and delete the documents whose uid is in ``deletes``
    (the writer reads the latest table of contents once it holds the lock)."""
    with blocking_writer(ix, timeout) as writer:
        for uid in deletes:
            writer.delete_by_term("uid", uid)
        for found in adds:
            writer.update_document(**found)


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


__all__ = ["SCHEMA", "LockError", "Opened", "fields", "open_or_create", "rebuild", "write"]
