"""Cached document sets of the whoosh backend's exact-value fields, per segment.

A filter (audience, type, language, facets) is a set of document numbers built from
the postings of those fields. Reading them for 100,000 documents takes a while, so
the sets are kept per segment: after a commit only the new (small) segments are
read, the large unchanged ones keep theirs. A set may still hold a document deleted
since: harmless, since it only narrows what the text query matches (and the query
never matches a deleted document).
"""

from __future__ import annotations

from typing import Any

Sets = dict[str, frozenset[int]]
LeafKey = tuple[str, int]  # (segment id, first document number)
Conditions = tuple[tuple[str, tuple[str, ...]], ...]
MAX_CACHED_FILTERS = 512
EMPTY: frozenset[int] = frozenset()


def _segment_id(leaf: Any) -> str:
    segment = leaf.segment()
    return str(segment.segment_id()) if segment is not None else f"empty-{id(leaf)}"


class ValueSets:
    """The document sets of one searcher, re-using a previous searcher's per segment."""

    def __init__(self, searcher: Any, previous: ValueSets | None = None) -> None:
        reader = searcher.reader()
        self.leaves: list[tuple[LeafKey, Any]] = [
            ((_segment_id(leaf), offset), leaf) for leaf, offset in reader.leaf_readers()
        ]
        kept = {key for key, _ in self.leaves}
        old = previous.by_leaf if previous is not None else {}
        self.by_leaf: dict[LeafKey, dict[str, Sets]] = {k: v for k, v in old.items() if k in kept}
        old_allowed = previous.allowed_by_leaf if previous is not None else {}
        self.allowed_by_leaf: dict[LeafKey, dict[Conditions, frozenset[int]]] = {
            k: v for k, v in old_allowed.items() if k in kept
        }
        self._allowed: dict[Conditions, set[int]] = {}

    def _leaf_sets(self, key: LeafKey, leaf: Any, field: str) -> Sets:
        fields = self.by_leaf.setdefault(key, {})
        if field not in fields:
            offset = key[1]
            sets: Sets = {}
            if field in leaf.indexed_field_names():
                for raw in leaf.lexicon(field):
                    value = raw.decode("utf-8") if isinstance(raw, bytes) else str(raw)
                    ids = leaf.postings(field, raw).all_ids()
                    sets[value] = frozenset(offset + docnum for docnum in ids)
            fields[field] = sets
        return fields[field]

    def counts(self, field: str, matched: set[int]) -> dict[str, int]:
        """How many of the ``matched`` documents hold each value of ``field``
        (summed segment by segment: no set spanning the whole index is built)."""
        found: dict[str, int] = {}
        for key, leaf in self.leaves:
            for value, docs in self._leaf_sets(key, leaf, field).items():
                number = len(matched & docs)
                if number:
                    found[value] = found.get(value, 0) + number
        return found

    def _leaf_allowed(self, key: LeafKey, leaf: Any, conditions: Conditions) -> frozenset[int]:
        cache = self.allowed_by_leaf.setdefault(key, {})
        if conditions not in cache:
            unions = []
            for field, values in conditions:
                sets = self._leaf_sets(key, leaf, field)
                union = EMPTY.union(*(sets.get(v, EMPTY) for v in values))
                if field == "audience" and "public" in values:  # indexed before audiences
                    union |= self._leaf_sets(key, leaf, "public").get("t", EMPTY)
                unions.append(union)
            unions.sort(key=len)
            if len(cache) >= MAX_CACHED_FILTERS:
                cache.clear()
            cache[conditions] = unions[0].intersection(*unions[1:]) if unions else EMPTY
        return cache[conditions]

    def allowed(self, conditions: Conditions) -> set[int]:
        """The documents that meet every condition (field, accepted values): a union
        within one field, an intersection across fields; cached per segment, so that
        after a commit only the new segments are computed."""
        if conditions not in self._allowed:
            found: set[int] = set()
            for key, leaf in self.leaves:
                found.update(self._leaf_allowed(key, leaf, conditions))
            if len(self._allowed) >= MAX_CACHED_FILTERS:
                self._allowed.clear()
            self._allowed[conditions] = found  # whoosh takes a set, not a frozenset
        return self._allowed[conditions]
