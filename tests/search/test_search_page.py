"""The site search page (core portal) on the search API: types, pages, audiences."""

from __future__ import annotations

import pytest
from flask import Flask

from tremplin.core import search
from tremplin.core.api import SearchDocType, SearchDocument, SearchHit, hookimpl
from tremplin.core.testing.fixtures import TEST_PASSWORD, csrf_token


class Notes:
    """A test plugin with a second searchable type (so the page offers a type filter)."""

    __name__ = "search_page_notes"

    @hookimpl
    def register_search_types(self) -> list[SearchDocType]:
        def hits(keys, language):  # type: ignore[no-untyped-def]
            return {
                k: SearchHit(f"Note {k}", f"/{language}/notes/{k}", "<b>gras</b>") for k in keys
            }

        return [SearchDocType("notes", "Note", list, lambda k, lang: None, hits)]


NOTES = Notes()


@pytest.fixture(params=["whoosh", "postgresql"])
def notes_app(request: pytest.FixtureRequest, app_factory) -> Flask:  # type: ignore[no-untyped-def]
    app = app_factory(None, [NOTES])
    with app.app_context():
        from tremplin.core.extensions import db

        if request.param == "postgresql" and db.engine.dialect.name != "postgresql":
            pytest.skip("the PostgreSQL search backend needs a PostgreSQL test database")
        app.extensions["search_backend"] = request.param
        search.reindex()  # the pages
        for number in range(25):
            doc = SearchDocument(f"n{number:02}", f"Mangrove {number:02}", "carnet de terrain")
            search.index_document("notes", doc)
        secret = SearchDocument("secret", "Mangrove réservée", "carnet", audience="members")
        search.index_document("notes", secret)
        db.session.commit()
    yield app
    app.extensions.pop("search_backend", None)


def test_the_search_page_filters_by_type_and_pages_through(notes_app):
    client = notes_app.test_client()
    page = client.get("/fr/search?q=mangrove")
    assert page.status_code == 200
    assert '<option value="notes">Note</option>' in page.text and "25 résultats" in page.text
    assert "/fr/notes/secret" not in page.text  # members only: not for visitors
    assert "/fr/notes/secret" not in client.get("/fr/search?q=reservee").text
    assert "&lt;b&gt;gras&lt;/b&gt;" in page.text  # excerpts are escaped
    assert 'rel="next"' in page.text and "Page 1 sur 2" in page.text
    second = client.get("/fr/search?q=mangrove&page=2")
    assert second.text.count("/fr/notes/n") == 5 and 'rel="prev"' in second.text
    pages_only = client.get("/fr/search?q=mangrove&type=pages")
    assert "0 résultat" in pages_only.text and 'value="pages" selected' in pages_only.text
    for odd in ("type=nope", "page=-3", "page=abc", "page=99999999"):
        assert client.get(f"/fr/search?q=mangrove&{odd}").status_code == 200
    assert client.get("/fr/search?q=" + "x" * 201).status_code == 400
    english = client.get("/en/search?q=mangrove&type=notes")
    assert "25 results" in english.text and "Content type" in english.text


def test_a_signed_in_member_also_finds_members_only_documents(notes_app):
    from tremplin.core.accounts.shared.services import create_user
    from tremplin.core.extensions import db

    with notes_app.app_context():
        create_user("ines", "ines@example.org", "Inès", "Test", TEST_PASSWORD, ["Company"])
        db.session.commit()
    client = notes_app.test_client()
    form = client.get("/fr/login")
    client.post(
        "/fr/login",
        data={"login": "ines", "password": TEST_PASSWORD, "csrf_token": csrf_token(form.text)},
    )
    assert "/fr/notes/secret" in client.get("/fr/search?q=reservee").text
