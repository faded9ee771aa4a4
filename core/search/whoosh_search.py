"""Searching the whoosh index: text query, exact-value conditions, totals, facet counts.

The exact-value conditions (audience, type, language, facets) become a cached set of
document numbers (:mod:`.whoosh_sets`). When that set is small next to the index
(a country filter: about 1/60 of it), the search walks it in order and asks the
text query's matcher to skip to each document, scoring only those; otherwise it
walks the text query's matches and keeps those in the set. Either way the total
and the facet counts come from the same matches, and the top hits from a heap.
"""

from __future__ import annotations

import heapq
from typing import Any

from whoosh import query

from .query import Found, SearchQuery
from .whoosh_index import FACET_PREFIX, Opened

DRIVE_BY_FILTER_SHARE = 0.3


class _TreeOr(query.Or):
    """An ``Or`` matched by a tree of union matchers. (On small indexes whoosh picks
    a pre-loaded array matcher whose ``skip_to`` breaks inside ``Require``.)"""

    matcher_type = query.Or.DEFAULT_MATCHER


def _tree_ors(node: query.Query) -> query.Query:
    if type(node) is query.Or:
        return _TreeOr(node.subqueries, boost=node.boost, minmatch=node.minmatch, scale=node.scale)
    return node


def restrictions(q: SearchQuery) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The exact-value conditions of ``q``: (field, accepted values) pairs."""
    audiences: list[tuple[str, tuple[str, ...]]] = [("audience", q.audiences)]
    parts: list[tuple[str, tuple[str, ...]]] = []
    if q.types:
        parts.append(("doctype", q.types))
    if q.language:
        parts.append(("language", (q.language, "any")))
    parts.extend((FACET_PREFIX + name, values) for name, values in q.filters)
    return tuple(audiences + parts)


def _as_query(conditions: tuple[tuple[str, tuple[str, ...]], ...]) -> query.Query:
    parts: list[query.Query] = []
    for field, values in conditions:
        terms = [query.Term(field, v) for v in values]
        if field == "audience" and "public" in values:  # indexed before audiences
            terms.append(query.Term("public", True))
        parts.append(_TreeOr(terms) if len(terms) > 1 else terms[0] if terms else query.NullQuery)
    return parts[0] if len(parts) == 1 else query.And(parts)


def _sorting(q: SearchQuery) -> dict[str, Any]:
    if q.sort == "title" or (q.sort == "relevance" and not q.text):
        return {"sortedby": "title_sort"}
    if q.sort == "updated":
        return {"sortedby": "updated", "reverse": True}
    return {}


def _parse(opened: Opened, q: SearchQuery) -> query.Query:
    parsed = opened.parser(q.language).parse(q.text).accept(_tree_ors)
    if any(isinstance(node, query.Phrase) for node in parsed.leaves()):
        # Bodies keep no positions (a smaller, faster index): phrases match as words.
        parsed = opened.parser(q.language).parse(q.text.replace('"', " ")).accept(_tree_ors)
    return parsed


def _matches(searcher: Any, text_query: query.Query, allowed: set[int]) -> dict[int, float]:
    """The score of every document of ``allowed`` that the text query matches."""
    found: dict[int, float] = {}
    context = searcher.context(needs_current=False)
    drive_by_filter = len(allowed) <= DRIVE_BY_FILTER_SHARE * max(1, searcher.doc_count_all())
    ordered = sorted(allowed) if drive_by_filter else []
    start = 0
    for sub, offset in searcher.leaf_searchers():
        matcher = text_query.matcher(sub, context)
        end = offset + sub.doc_count_all()
        if drive_by_filter:
            while start < len(ordered) and ordered[start] < end and matcher.is_active():
                local = ordered[start] - offset
                if matcher.id() < local:
                    matcher.skip_to(local)
                if matcher.is_active() and matcher.id() == local:
                    found[ordered[start]] = matcher.score()
                start += 1
            while start < len(ordered) and ordered[start] < end:
                start += 1
            continue
        while matcher.is_active():
            docnum = offset + matcher.id()
            if docnum in allowed:
                found[docnum] = matcher.score()
            matcher.next()
    return found


def _ranked(searcher: Any, q: SearchQuery, found: dict[int, float]) -> list[int]:
    """The document numbers of the page asked, best first (or by title / update)."""
    wanted = q.offset + q.per_page
    if q.sort == "relevance":
        best = heapq.nsmallest(wanted, found.items(), key=lambda item: (-item[1], item[0]))
        return [docnum for docnum, _ in best][q.offset :]
    reader = searcher.reader()
    column = reader.column_reader("title_sort" if q.sort == "title" else "updated")
    if q.sort == "title":
        ordered = heapq.nsmallest(wanted, found, key=lambda d: (column[d], d))
    else:
        ordered = heapq.nsmallest(wanted, found, key=lambda d: (-(column[d] or 0), d))
    return ordered[q.offset :]


def search(opened: Opened, q: SearchQuery) -> Found:
    """One page of ``q``: its keys, the total and the facet counts asked."""
    searcher = opened.searcher()
    conditions = restrictions(q)
    allowed = opened.sets().allowed(conditions)
    if not allowed:
        return Found([], 0, {facet: {} for facet in q.facets})
    if q.text:
        found = _matches(searcher, _parse(opened, q), allowed)
        page = _ranked(searcher, q, found)
        stored = [searcher.stored_fields(docnum) for docnum in page]
        keys = [(fields["doctype"], fields["key"]) for fields in stored]
        matched: set[int] = set(found)
    else:  # browse: the matcher leaves out deleted documents (the cached sets may not)
        results = searcher.search(_as_query(conditions), limit=q.offset + q.per_page, **_sorting(q))
        keys = [(hit["doctype"], hit["key"]) for hit in results[q.offset :]]
        matched = results.docs() if q.facets else set()
        found = {}
        total = len(results)
    counts: dict[str, dict[str, int]] = {}
    for facet in q.facets:
        counts[facet] = opened.sets().counts(FACET_PREFIX + facet, matched)
    return Found(keys, len(found) if q.text else total, counts)
