"""Scheduled publication of static pages: a content manager gives a page a date in
the back office; before it readers get 404 (and no sitemap or search entry) while
editors preview it marked "programmée"; from it the page shows, and the scheduled
task publishes it and puts it in search. Time is moved, not waited for."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from tremplin.core import search
from tremplin.core.extensions import db
from tremplin.core.testing.accounts import answer_second_step
from tremplin.core.testing.fixtures import TEST_PASSWORD, csrf_token
from tremplin.plugins.pages import cache, services
from tremplin.plugins.pages.models import Page

SLUG = "lancement"


def _editor(app, make_user):
    make_user("redac-programme", roles=["ContentManager"])
    client = app.test_client()
    form = client.get("/fr/login")
    credentials = {"login": "redac-programme", "password": TEST_PASSWORD}
    answer = client.post("/fr/login", data={**credentials, "csrf_token": csrf_token(form.text)})
    answer_second_step(client, answer, "redac-programme", "fr")
    return client


def get(client, url):
    """A request in an app context of its own: the test's app context holds ``g``,
    which would otherwise keep the previous client's signed-in member."""
    with client.application.app_context():
        response = client.get(url)
        response.get_data()
        return response


def _travel(monkeypatch, moment):
    """Move the pages' clock to ``moment`` and let the menu snapshot expire."""
    monkeypatch.setattr(services, "now", lambda: moment)
    later = cache.clock() + 3600
    monkeypatch.setattr(cache, "clock", lambda: later)


@pytest.fixture
def scheduled(app, make_user):
    """A page created and scheduled from the back office, two hours from now."""
    editor = _editor(app, make_user)
    form = editor.get("/admin/pagemodelview/add")
    when = services.now() + timedelta(hours=2)
    fields = {
        "csrf_token": csrf_token(form.text), "slug": SLUG, "title_fr": "Lancement zanzibarite",
        "title_en": "Launch zanzibarite", "summary_fr": "Bientôt", "body_fr": "<p>Bientôt</p>",
        "body_en": "<p>Soon</p>", "position": "7", "in_footer": "y",
        "publish_at": when.strftime("%Y-%m-%d %H:%M:%S"),
    }  # fmt: skip
    editor.post("/admin/pagemodelview/add", data=fields)
    page = db.session.scalar(select(Page).where(Page.slug == SLUG))
    assert page is not None and page.state == "draft"
    editor.post(
        "/admin/pagemodelview/action_post",
        data={"action": "publish", "rowid": [str(page.id)], "csrf_token": csrf_token(form.text)},
    )
    db.session.refresh(page)
    return editor, page, when


def test_before_its_date_readers_get_404_and_editors_see_it_scheduled(client, scheduled):
    editor, page, _when = scheduled
    assert page.state == "scheduled" and not page.published
    assert get(client, f"/fr/pages/{SLUG}").status_code == 404
    assert f"/fr/pages/{SLUG}" not in get(client, "/sitemap.xml").text
    assert "Lancement zanzibarite" not in get(client, "/fr/").text  # not in the footer
    search.rebuild()
    assert f"/fr/pages/{SLUG}" not in get(client, "/fr/search?q=zanzibarite").text
    preview = get(editor, f"/fr/pages/{SLUG}")
    assert preview.status_code == 200 and "page programmée" in preview.text
    assert "Programmée" in get(editor, "/admin/pagemodelview/list/").text
    assert services.publish_scheduled() == 0


def test_from_its_date_the_page_shows_and_the_task_puts_it_in_search(
    client, scheduled, monkeypatch
):
    _editor_client, page, when = scheduled
    _travel(monkeypatch, when + timedelta(minutes=1))
    assert get(client, f"/fr/pages/{SLUG}").status_code == 200  # before the task ran
    assert f"/en/pages/{SLUG}" in get(client, "/sitemap.xml").text
    assert "Lancement zanzibarite" in get(client, "/fr/").text
    assert services.publish_scheduled() == 1
    db.session.refresh(page)
    assert page.state == "published" and page.published
    assert f"/fr/pages/{SLUG}" in get(client, "/fr/search?q=zanzibarite").text
    assert services.publish_scheduled() == 0  # once


def test_a_date_already_past_publishes_at_once(app, client, make_user):
    page = Page(slug="deja", title_fr="Déjà", state="draft", published=False,
                publish_at=services.now() - timedelta(minutes=5))  # fmt: skip
    db.session.add(page)
    assert services.schedule_or_publish(page) == "published"
    db.session.commit()
    assert get(client, "/fr/pages/deja").status_code == 200


def test_missing_translations_show_to_editors_and_fall_back_for_readers(app, client, make_user):
    page = Page(slug="aide", title_fr="Aide", body_fr="<p>Comment faire ?</p>", title_en="Help",
                body_en="", state="published", published=True)  # fmt: skip
    db.session.add(page)
    db.session.commit()
    reader = get(client, "/en/pages/aide").text
    assert "Comment faire ?" in reader and "not translated yet" in reader
    assert "Translation missing" not in reader
    editor = get(_editor(app, make_user), "/en/pages/aide").text
    assert "Translation missing" in editor and "Comment faire ?" in editor
