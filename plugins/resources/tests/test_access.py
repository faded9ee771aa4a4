"""Who reads an item's page, who previews a study, who downloads, and the counter."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tremplin.core.api import db
from tremplin.plugins.resources.files import attach
from tremplin.plugins.resources.pdfgen import text_pdf

from . import verified
from .fixtures import ENABLED

CONFIG_OVERRIDES = ENABLED
EXTRA_PLUGINS = [verified]
PAGES = [["Etude page un synthese"], ["Chapitre deux prix"], ["Chapitre trois marges"]]


@pytest.fixture
def study(app, make_item, storage_folder):
    item = make_item(
        "etude-test", kind="study", access="members", download_access="verified",
        preview_pages=1, summary_fr="Résumé visible des membres",
    )  # fmt: skip
    attach(item, text_pdf(PAGES), "etude.pdf", None, "Étude (PDF)")
    db.session.commit()
    return item


def _links(client, item):
    row = item.files[0]
    return (
        f"/fr/resources/{item.slug}/files/{row.id}",
        f"/fr/resources/{item.slug}/files/{row.id}/preview",
        f"/files/{row.file_key}",
    )


def test_visitor_sees_public_items_only(client, make_item):
    make_item("public-guide", summary_fr="Pour tous")
    make_item("members-guide", access="members")
    assert client.get("/fr/resources/public-guide").status_code == 200
    assert client.get("/fr/resources/members-guide").status_code == 404
    library = client.get("/fr/resources/").text
    assert "Titre public-guide" in library and "Titre members-guide" not in library


def test_drafts_are_hidden_from_readers_and_shown_to_content_managers(
    make_item, make_user, client_for
):
    make_item("brouillon", state="draft")
    make_user("lecteur")
    assert client_for("lecteur").get("/fr/resources/brouillon").status_code == 404
    make_user("redac", roles=["ContentManager"])
    page = client_for("redac").get("/fr/resources/brouillon")
    assert page.status_code == 200 and "Aperçu éditeur" in page.text


def test_roles_items_are_for_the_named_roles(make_item, make_user, client_for):
    make_item("mission-dakar", access="roles", access_roles="Expert")
    make_user("simple")
    assert client_for("simple").get("/fr/resources/mission-dakar").status_code == 404
    make_user("experte", roles=["Expert"])
    assert client_for("experte").get("/fr/resources/mission-dakar").status_code == 200


def test_member_previews_a_study_but_cannot_download_it_even_by_url(
    client, study, make_member, login
):
    make_member("aminata")
    login("aminata")
    download, preview, direct = _links(client, study)
    page = client.get("/fr/resources/etude-test")
    assert page.status_code == 200
    assert "Résumé visible des membres" in page.text and "réservé aux membres vérifiés" in page.text
    assert "Etude page un synthese" in page.text  # the first page's text
    assert "Chapitre deux" not in page.text
    assert client.get(download).status_code == 404
    assert client.get(direct).status_code == 404  # the guessed storage URL
    cut = client.get(preview)
    assert cut.status_code == 303
    served = client.get(cut.headers["Location"])
    assert served.status_code == 200 and served.data.startswith(b"%PDF")
    assert study.files[0].downloads == 0


def test_visitor_gets_404_for_the_study_its_preview_and_file(client, study):
    for link in _links(client, study):
        assert client.get(link).status_code == 404


def test_verified_member_downloads_and_the_counter_moves(client, study, make_member, login):
    from tremplin.core.activity.models import Activity

    make_member("awa", verified_company=True)
    login("awa")
    download, _preview, _direct = _links(client, study)
    answer = client.get(download)
    assert answer.status_code == 303
    served = client.get(answer.headers["Location"])
    assert served.status_code == 200 and served.data.startswith(b"%PDF")
    db.session.refresh(study.files[0])
    assert study.files[0].downloads == 1
    events = db.session.scalars(select(Activity.event)).all()
    assert events.count("resources.downloaded") == 1


def test_a_file_of_another_item_is_not_served_through_this_one(
    client, study, make_item, login, make_member
):
    make_item("autre-guide")
    make_member("awa2", verified_company=True)
    login("awa2")
    row = study.files[0]
    assert client.get(f"/fr/resources/autre-guide/files/{row.id}").status_code == 404
    assert client.get("/fr/resources/etude-test/files/999999").status_code == 404
