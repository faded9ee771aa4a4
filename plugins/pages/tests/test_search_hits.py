"""Search hits for pages come from the published pages' snapshot the menu uses."""

from __future__ import annotations

from tremplin.core import search
from tremplin.core.testing.queries import recorded_queries

# The pages plugin alone (the kpis plugin counts page views with a write per request).
CONFIG_OVERRIDES = {"plugins": {"enabled": ["pages"]}}


def test_many_page_hits_cost_no_query_of_their_own(app, client):
    search.rebuild()
    client.get("/fr/search?q=accessibilite")  # the index opened, the statements compiled
    with recorded_queries() as sql:
        page = client.get("/fr/search?q=accessibilite OR donnees OR mentions")
    assert page.status_code == 200
    links = [
        link
        for link in ("/fr/pages/accessibility", "/fr/pages/privacy", "/fr/pages/legal-notices")
        if link in page.text
    ]
    assert len(links) >= 2, page.text
    assert sql == []  # the index, then the snapshot: no query per hit


def test_an_unpublished_page_drops_out_of_results_without_a_rebuild(app, client):
    from sqlalchemy import update

    from tremplin.core.extensions import db
    from tremplin.plugins.pages.models import Page

    search.rebuild()
    assert "/fr/pages/privacy" in client.get("/fr/search?q=donnees").text
    db.session.execute(update(Page).where(Page.slug == "privacy").values(published=False))
    db.session.commit()
    assert "/fr/pages/privacy" not in client.get("/fr/search?q=donnees").text
