"""Static pages in the editorial workflow: drafts, publication, missing translations."""

from __future__ import annotations

from sqlalchemy import select

from tremplin.core.extensions import db
from tremplin.core.testing.fixtures import TEST_PASSWORD, csrf_token
from tremplin.plugins.pages.models import Page


def _editor(app, make_user):
    make_user("redac-pages", roles=["ContentManager"])
    client = app.test_client()
    form = client.get("/fr/login")
    credentials = {"login": "redac-pages", "password": TEST_PASSWORD}
    client.post("/fr/login", data={**credentials, "csrf_token": csrf_token(form.text)})
    return client


def test_a_new_page_is_a_draft_until_a_content_manager_publishes_it(app, client, make_user):
    editor = _editor(app, make_user)
    form = editor.get("/admin/pagemodelview/add")
    assert form.status_code == 200
    fields = {
        "csrf_token": csrf_token(form.text),
        "slug": "faq",
        "title_fr": "Questions fréquentes",
        "title_en": "",
        "summary_fr": "Aide",
        "body_fr": "<p>Comment s'inscrire ?</p><script>x()</script>",
        "position": "5",
    }
    editor.post("/admin/pagemodelview/add", data=fields)
    page = db.session.scalar(select(Page).where(Page.slug == "faq"))
    assert page is not None and page.state == "draft" and "<script>" not in page.body_fr
    assert client.get("/fr/pages/faq").status_code == 404
    assert "traduction manquante" in editor.get("/admin/pagemodelview/list/").text
    editor.post(
        "/admin/pagemodelview/action_post",
        data={"action": "publish", "rowid": [str(page.id)], "csrf_token": csrf_token(form.text)},
    )
    assert client.get("/fr/pages/faq").status_code == 200
    english = client.get("/en/pages/faq").text
    assert "Questions fréquentes" in english and "not translated yet" in english
    assert 'lang="fr"' in english


def test_translated_pages_show_no_fallback_note(client):
    assert "not translated yet" not in client.get("/en/pages/about").text
