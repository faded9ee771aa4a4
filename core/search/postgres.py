"""The PostgreSQL backend: rows of ``core_search_document`` searched with full-text search.

Each row's ``tsv`` is weighted (title A, tags B, body C) and analysed with
``tremplin_fr`` or ``tremplin_en`` (french or english stemming after ``unaccent``),
both for a document in no language. Queries go through ``websearch_to_tsquery``
(words, "quoted phrases", ``or``, ``-excluded``) and rank with ``ts_rank_cd``.
Writes are upserts in their own transaction: concurrent writers never lose one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import islice
from typing import Any

from sqlalchemy import Text, bindparam, text
from sqlalchemy.dialects.postgresql import ARRAY

from ..contributions import SearchDocument
from ..extensions import db
from .analysis import searchable, sort_key
from .query import Found, SearchQuery, clean_value

CONFIG = {"fr": "tremplin_fr", "en": "tremplin_en"}
BATCH = 500


def _vector(config: str) -> str:
    return (
        f"setweight(to_tsvector('{config}', :title), 'A') || "
        f"setweight(to_tsvector('{config}', :tags), 'B') || "
        f"setweight(to_tsvector('{config}', :body), 'C')"
    )


UPSERT = text(
    "INSERT INTO core_search_document (doctype, key, language, audience, title, title_sort,"
    " body, tags, facets, updated, tsv) VALUES (:doctype, :key, :language, :audience,"
    " :title, :title_sort, :body, :tags, :facets, :updated,"
    f" CASE :language WHEN 'en' THEN {_vector('tremplin_en')}"
    f" WHEN 'fr' THEN {_vector('tremplin_fr')}"
    f" ELSE {_vector('tremplin_fr')} || {_vector('tremplin_en')} END)"
    " ON CONFLICT (doctype, key) DO UPDATE SET language = EXCLUDED.language,"
    " audience = EXCLUDED.audience, title = EXCLUDED.title,"
    " title_sort = EXCLUDED.title_sort, body = EXCLUDED.body, tags = EXCLUDED.tags,"
    " facets = EXCLUDED.facets, updated = EXCLUDED.updated, tsv = EXCLUDED.tsv"
).bindparams(bindparam("facets", type_=ARRAY(Text())), bindparam("language", type_=Text()))
DELETE = text("DELETE FROM core_search_document WHERE doctype = :doctype AND key = :key")


def _row(type_name: str, doc: SearchDocument) -> dict[str, Any]:
    facets = [f"{name}:{clean_value(v)}" for name, values in doc.facets.items() for v in values]
    return {
        "doctype": type_name,
        "key": doc.key,
        "language": doc.language if doc.language in CONFIG else "",
        "audience": doc.effective_audience,
        "title": searchable(doc.title),
        "title_sort": sort_key(doc.title),
        "body": searchable(doc.body),
        "tags": ", ".join(doc.tags),
        "facets": [f for f in facets if not f.endswith(":")],
        "updated": doc.updated.replace(tzinfo=None) if doc.updated else None,
    }


def write(adds: Sequence[tuple[str, SearchDocument]], deletes: Sequence[tuple[str, str]]) -> None:
    with db.engine.begin() as conn:
        for type_name, key in deletes:
            conn.execute(DELETE, {"doctype": type_name, "key": key})
        if adds:
            conn.execute(UPSERT, [_row(name, doc) for name, doc in adds])


def rebuild(documents: Iterable[tuple[str, SearchDocument]]) -> int:
    """Replace every row in one transaction: searches see the old rows until it ends."""
    count = 0
    pairs = iter(documents)
    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM core_search_document"))
        while batch := list(islice(pairs, BATCH)):
            conn.execute(UPSERT, [_row(name, doc) for name, doc in batch])
            count += len(batch)
    return count


def _tsquery(language: str | None) -> str:
    if language in CONFIG:
        return f"websearch_to_tsquery('{CONFIG[language]}', :text)"
    return (
        "(websearch_to_tsquery('tremplin_fr', :text) || websearch_to_tsquery('tremplin_en', :text))"
    )


def search(query: SearchQuery) -> Found:
    params: dict[str, Any] = {"audiences": list(query.audiences)}
    where = ["d.audience = ANY(:audiences)"]
    if query.types:
        where.append("d.doctype = ANY(:types)")
        params["types"] = list(query.types)
    if query.language:
        where.append("d.language IN (:language, '')")
        params["language"] = query.language
    for number, (name, values) in enumerate(query.filters):
        where.append(f"d.facets && CAST(:facet{number} AS text[])")
        params[f"facet{number}"] = [f"{name}:{v}" for v in values]
    source = "core_search_document d"
    if query.text:
        source += f", (SELECT {_tsquery(query.language)} AS query) AS q"
        where.append("d.tsv @@ q.query")
        params["text"] = query.text
    condition = " AND ".join(where)
    if query.sort == "updated":
        order = "d.updated DESC NULLS LAST, d.title_sort, d.key"
    elif query.sort == "title" or not query.text:
        order = "d.title_sort, d.key"
    else:
        order = "ts_rank_cd(d.tsv, q.query) DESC, d.title_sort, d.key"
    session = db.session
    rows = session.execute(
        text(
            f"SELECT d.doctype, d.key FROM {source} WHERE {condition}"
            f" ORDER BY {order} LIMIT :limit OFFSET :offset"
        ),
        {**params, "limit": query.per_page, "offset": query.offset},
    ).all()
    total = session.execute(
        text(f"SELECT count(*) FROM {source} WHERE {condition}"),
        params,
    ).scalar_one()
    counts: dict[str, dict[str, int]] = {f: {} for f in query.facets}
    if query.facets:
        found = session.execute(
            text(
                f"SELECT f, count(*) FROM {source}, unnest(d.facets) AS f"
                f" WHERE {condition} AND split_part(f, ':', 1) = ANY(:facet_names) GROUP BY f"
            ),
            {**params, "facet_names": list(query.facets)},
        ).all()
        for value, number in found:
            name, _, rest = str(value).partition(":")
            counts[name][rest] = int(number)
    return Found([(str(t), str(k)) for t, k in rows], int(total), counts)
