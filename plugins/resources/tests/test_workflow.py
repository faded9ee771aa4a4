"""Editorial workflow: states, scheduled publication, "to review" reminders, back office."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tremplin.core.api import db
from tremplin.plugins.resources import tasks
from tremplin.plugins.resources.services import WorkflowError, move, now

from . import verified
from .fixtures import ENABLED, get

CONFIG_OVERRIDES = ENABLED
EXTRA_PLUGINS = [verified]  # one cached app for all the plugin's test modules


def test_publishing_puts_the_item_in_search_and_archiving_takes_it_out(client, make_item):
    item = make_item("fiche-pays-tunisie", kind="country_sheet", state="draft",
                     summary_fr="Économie de la Tunisie et zarzis")  # fmt: skip
    assert "fiche-pays-tunisie" not in client.get("/fr/search?q=zarzis").text
    move(item, "review")
    move(item, "published")
    db.session.commit()
    assert "/fr/resources/fiche-pays-tunisie" in client.get("/fr/search?q=zarzis").text
    move(item, "archived")
    db.session.commit()
    assert "fiche-pays-tunisie" not in client.get("/fr/search?q=zarzis").text
    assert client.get("/fr/resources/fiche-pays-tunisie").status_code == 404


def test_impossible_transitions_are_refused(make_item):
    item = make_item("archivee", state="archived")
    with pytest.raises(WorkflowError):
        move(item, "published")


def test_scheduled_publication_waits_for_its_date(client, make_item):
    item = make_item("programmee", state="draft")
    move(item, "published", now() + timedelta(hours=2))
    db.session.commit()
    assert item.state == "review" and client.get("/fr/resources/programmee").status_code == 404
    assert tasks.publish_scheduled() == 0
    item.publish_at = now() - timedelta(minutes=1)
    db.session.commit()
    assert tasks.publish_scheduled() == 1
    assert client.get("/fr/resources/programmee").status_code == 200


def test_content_managers_are_reminded_once_when_a_sheet_passes_its_review_date(
    app, make_item, make_user
):
    from tremplin.core.notifications.models import Notification

    editor = make_user("gestionnaire", roles=["ContentManager"])
    make_user("lambda")
    updated = now() - timedelta(days=90)
    due = make_item("fiche-a-relire", kind="country_sheet", updated_at=updated,
                    review_at=now().date() - timedelta(days=1))  # fmt: skip
    make_item("fiche-a-jour", kind="country_sheet", review_at=now().date() + timedelta(days=9))
    assert tasks.remind_reviews() == 1
    assert tasks.remind_reviews() == 0  # once per review date
    sent = db.session.query(Notification).filter_by(type="resources.review_due").all()
    assert [n.user_id for n in sent] == [editor.id]
    assert "fiche-a-relire" in sent[0].context["url"]
    db.session.refresh(due)
    assert due.reminded_at == now().date()
    assert due.updated_at.replace(tzinfo=None) == updated.replace(tzinfo=None)  # not "updated"


def test_back_office_is_for_content_managers_not_members(app, make_user, client_for, make_item):
    make_item("a-relire-bo", review_at=now().date() - timedelta(days=3))
    make_user("membre-bo")
    make_user("redac-bo", roles=["ContentManager"])
    member = client_for("membre-bo")
    for url in ("/admin/resourceview/list/", "/admin/studyrequestview/list/"):
        assert member.get(url).status_code in (302, 403, 404)
    editor = client_for("redac-bo")
    assert editor.get("/admin/resourceview/list/").status_code == 200
    review = editor.get("/admin/toreviewview/list/")
    assert review.status_code == 200 and "Titre a-relire-bo" in review.text


def test_content_manager_creates_and_publishes_from_the_back_office(app, make_user, client_for):
    from tremplin.core.testing.fixtures import csrf_token
    from tremplin.plugins.resources.models import Resource

    make_user("redac-pub", roles=["ContentManager"])
    editor = client_for("redac-pub")
    form = editor.get("/admin/resourceview/add")
    assert form.status_code == 200
    data = {
        "csrf_token": csrf_token(form.text), "kind": "country_sheet", "slug": "",
        "title_fr": "Fiche pays : Bénin", "title_en": "", "summary_fr": "Cotonou et le port",
        "body_fr": "<script>alert(1)</script> **Porto-Novo**", "access": "public",
        "download_access": "public", "preview_pages": "2",
    }  # fmt: skip
    assert editor.post("/admin/resourceview/add", data=data).status_code in (200, 302)
    item = db.session.query(Resource).filter_by(title_fr="Fiche pays : Bénin").one()
    assert item.slug == "fiche-pays-benin" and item.state == "draft"
    answer = editor.post(
        "/admin/resourceview/action_post",
        data={"action": "publish", "rowid": [str(item.id)], "csrf_token": csrf_token(form.text)},
    )
    assert answer.status_code == 302
    db.session.refresh(item)
    assert item.state == "published"
    page = editor.get("/fr/resources/fiche-pays-benin").text
    assert "<strong>Porto-Novo</strong>" in page and "<script>alert(1)</script>" not in page
    assert "not translated yet" in editor.get("/en/resources/fiche-pays-benin").text


def test_the_back_office_refuses_unknown_codes_and_a_missing_title(app, make_user, client_for):
    from tremplin.core.testing.fixtures import csrf_token
    from tremplin.plugins.resources.models import Resource

    make_user("redac-codes", roles=["ContentManager"])
    editor = client_for("redac-codes")
    form = editor.get("/admin/resourceview/add")
    base = {"csrf_token": csrf_token(form.text), "kind": "guide", "access": "public",
            "download_access": "public", "preview_pages": "2"}  # fmt: skip
    wrong = editor.post(
        "/admin/resourceview/add",
        data={**base, "title_fr": "Guide Tunisie", "countries": "tn, ZZ", "sectors": "C99"},
        follow_redirects=True,
    )
    assert "Codes inconnus : ZZ, C99." in wrong.text
    untitled = editor.post("/admin/resourceview/add", data=base, follow_redirects=True)
    assert "Donnez un titre" in untitled.text
    assert db.session.query(Resource).count() == 0


def test_scheduled_publication_with_time_travel(
    client, make_item, make_user, client_for, monkeypatch
):
    """Before its date readers get 404 and search, library and sitemap leave it out,
    editors preview it marked as scheduled; once the clock passes the date, the task
    publishes it everywhere."""
    from tremplin.plugins.resources import services

    item = make_item("lancement-programme", kind="country_sheet", state="draft",
                     summary_fr="Fiche du Gabon et okoumé")  # fmt: skip
    when = now() + timedelta(days=2)
    move(item, "published", when)
    db.session.commit()
    make_user("redac-prog", roles=["ContentManager"])
    preview = get(client_for("redac-prog"), "/fr/resources/lancement-programme")
    assert preview.status_code == 200 and "publication programmée le" in preview.text
    assert get(client, "/fr/resources/lancement-programme").status_code == 404
    assert "lancement-programme" not in get(client, "/fr/search?q=okoume").text
    assert "lancement-programme" not in get(client, "/fr/resources/?q=okoume").text
    assert "lancement-programme" not in get(client, "/sitemap.xml").text
    assert tasks.publish_scheduled() == 0
    monkeypatch.setattr(services, "now", lambda: when + timedelta(minutes=5))
    assert tasks.publish_scheduled() == 1
    assert get(client, "/fr/resources/lancement-programme").status_code == 200
    assert "/fr/resources/lancement-programme" in get(client, "/fr/search?q=okoume").text
    assert "Titre lancement-programme" in get(client, "/fr/resources/?q=okoume").text
    assert "/en/resources/lancement-programme" in get(client, "/sitemap.xml").text
