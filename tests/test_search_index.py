"""The search index stays open per process and notices other processes' writes."""

from __future__ import annotations

from whoosh import index

from tremplin.core import search
from tremplin.core.api import SearchDocType, SearchHit


def titles(app, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    with app.test_request_context("/fr/search"):
        return [r.hit.title for r in search.search(text, "fr", signed_in=True)]


def other_process_adds(title: str, recreate: bool = False) -> None:
    """Write to the index folder the way another process would: its own index object."""
    path = str(search.index_path())
    ix = index.create_in(path, search.SCHEMA) if recreate else index.open_dir(path)
    with ix.writer() as writer:
        writer.add_document(
            uid=f"pages:{title}",
            doctype="pages",
            key="about:fr",
            title=title,
            body=title,
            language="fr",
            public=True,
            tags="",
        )


def test_the_searcher_is_reused_until_the_index_changes(app, client):
    search.rebuild()
    client.get("/fr/search?q=tremplin")
    first = search._opened()
    assert search._opened() is first and first.searcher() is first.searcher()
    other_process_adds("Baobab")
    assert search._opened() is not first


def test_a_commit_by_another_process_is_seen_by_the_next_search(app):
    search.rebuild()
    assert titles(app, "baobab") == []  # index and searcher now open
    other_process_adds("Baobab")
    assert titles(app, "baobab") == ["À propos de Tremplin"]


def test_a_rebuild_by_another_process_is_seen_even_at_the_same_generation(app):
    search.rebuild()
    assert titles(app, "karite") == []
    generation = search.open_index().latest_generation()
    other_process_adds("Karité", recreate=True)  # a new index: generations restart
    assert index.open_dir(str(search.index_path())).latest_generation() == generation
    assert titles(app, "karite") == ["À propos de Tremplin"]


def test_doc_types_without_batch_hits_are_resolved_one_by_one_in_rank_order(app):
    asked: list[str] = []

    def hit(key: str, language: str) -> SearchHit | None:
        asked.append(key)
        return None if key == "gone" else SearchHit(key.upper(), f"/{language}/{key}")

    one_by_one = SearchDocType("notes", "Note", list, hit)
    assert one_by_one.resolve(["b", "gone", "a"], "fr") == {
        "b": SearchHit("B", "/fr/b"),
        "a": SearchHit("A", "/fr/a"),
    }
    assert asked == ["b", "gone", "a"]

    batched = SearchDocType(
        "notes",
        "Note",
        list,
        hit,
        lambda keys, lang: {k: SearchHit(k, "/" + k) for k in keys},
    )
    assert list(batched.resolve(["x", "y"], "fr")) == ["x", "y"] and asked == ["b", "gone", "a"]
