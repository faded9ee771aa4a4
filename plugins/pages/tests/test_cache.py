"""The published pages' links (menu, footer) are kept per process: edits made by
this process show at the next request, edits made elsewhere within cache_seconds."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from tremplin.core.config import ConfigError
from tremplin.core.extensions import db
from tremplin.core.testing.queries import recorded_queries
from tremplin.plugins.pages import cache
from tremplin.plugins.pages.models import Page


def about() -> Page:
    return db.session.scalar(select(Page).where(Page.slug == "about"))


def test_portal_pages_do_not_read_the_menu_from_the_database_each_time(app, client):
    assert "À propos de Tremplin" in client.get("/fr/").text
    with recorded_queries() as sql:
        assert "À propos de Tremplin" in client.get("/fr/").text
    assert not [s for s in sql if "pages_page" in s], sql


def test_an_edit_committed_by_this_process_shows_at_the_next_request(app, client):
    client.get("/fr/")
    about().title_fr = "Qui sommes-nous ?"
    db.session.commit()
    assert "Qui sommes-nous ?" in client.get("/fr/").text


def test_a_rolled_back_edit_changes_nothing(app, client):
    client.get("/fr/")
    about().title_fr = "Brouillon"
    db.session.flush()
    db.session.rollback()
    page = client.get("/fr/").text
    assert "Brouillon" not in page and "À propos de Tremplin" in page


def test_an_edit_made_elsewhere_shows_once_cache_seconds_have_passed(app, client, monkeypatch):
    client.get("/fr/")
    with db.engine.begin() as conn:  # like another server: no event in this process
        conn.execute(text("UPDATE pages_page SET title_fr = 'Notre mission' WHERE slug = 'about'"))
    assert "Notre mission" not in client.get("/fr/").text
    now = cache.clock()
    monkeypatch.setattr(cache, "clock", lambda: now + 31)
    assert "Notre mission" in client.get("/fr/").text


def test_cache_seconds_zero_reads_the_pages_on_every_request(app_factory):
    app = app_factory({"pages": {"cache_seconds": 0}})
    client = app.test_client()
    client.get("/fr/")
    with app.app_context():
        with db.engine.begin() as conn:
            conn.execute(text("UPDATE pages_page SET in_menu = false WHERE slug = 'about'"))
        assert "À propos de Tremplin" not in client.get("/fr/").text


def test_a_negative_cache_duration_is_refused_at_start_up(app_factory):
    with pytest.raises(ConfigError, match=r"\[pages\] cache_seconds must be 0 or more"):
        app_factory({"pages": {"cache_seconds": -5}})
