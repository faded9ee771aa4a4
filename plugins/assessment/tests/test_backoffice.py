"""Back office: versions (draft → publish), JSON edit/import/export with errors, preview,
usage statistics; earlier results stay readable and comparable after a new version."""

from __future__ import annotations

import io
import json

import pytest

from tremplin.core.api import db
from tremplin.core.testing.fixtures import csrf_token

from .. import services
from ..models import DRAFT, PUBLISHED, RETIRED, Attempt, Questionnaire
from .fixtures import ENABLED, logout, take

CONFIG_OVERRIDES = ENABLED


@pytest.fixture
def admin(client, make_user, login):
    make_user("boss", roles=["Admin"])
    login("boss")
    return client


def _post(client, page_url, url, **kwargs):
    token = csrf_token(client.get(page_url).text)
    data = kwargs.pop("data", {})
    return client.post(url, data={**data, "csrf_token": token}, **kwargs)


def _import(client, upload):
    return _post(
        client,
        "/admin/assessment/",
        "/admin/assessment/import",
        data={"file": upload},
        content_type="multipart/form-data",
    )


def _new_version_without_logistics(admin):
    current = services.published()
    response = _post(admin, "/admin/assessment/", f"/admin/assessment/{current.id}/draft")
    assert response.status_code == 302
    draft = services.draft_of(current.key)
    assert (draft.version, draft.status) == (current.version + 1, DRAFT)
    definition = json.loads(json.dumps(draft.definition))
    definition["dimensions"] = [d for d in definition["dimensions"] if d["key"] != "logistics"]
    definition["rules"] = [
        r for r in definition["rules"] if r["when"].get("dimension") != "logistics"
    ]
    definition["dimensions"][0]["weight"] = 3
    edit = f"/admin/assessment/{draft.id}/edit"
    response = _post(admin, edit, edit, data={"definition": json.dumps(definition)})
    assert response.status_code == 302, response.text[-3000:]
    response = _post(admin, "/admin/assessment/", f"/admin/assessment/{draft.id}/publish")
    assert response.status_code == 302
    return current, draft


def test_publishing_a_new_version_keeps_earlier_results_readable_and_comparable(
    client, member, make_user, login
):
    first = take(client, "low")
    logout(client)
    make_user("boss", roles=["Admin"])
    login("boss")
    old, new = _new_version_without_logistics(client)
    db.session.expire_all()
    assert (old.status, new.status) == (RETIRED, PUBLISHED)
    assert services.published().id == new.id
    logout(client)
    login("aminata")
    second = take(client, "high")
    assert db.session.get(Attempt, second).questionnaire_id == new.id
    assert db.session.get(Attempt, first).questionnaire_id == old.id
    old_report = client.get(f"/fr/assessment/results/{first}")
    assert old_report.status_code == 200 and "Logistique" in old_report.text
    assert "version 1" in old_report.text
    history = client.get("/fr/assessment/history")
    assert "Logistique" in history.text and "(v2)" in history.text
    compare = client.get(f"/fr/assessment/compare?a={first}&b={second}")
    assert compare.status_code == 200
    row = compare.text.split("Logistique</th>")[1].split("</tr>")[0]
    assert "<td>—</td>" in row  # removed in version 2: no score, no change


def test_a_published_version_is_never_edited(admin):
    current = services.published()
    response = admin.get(f"/admin/assessment/{current.id}/edit")
    assert response.status_code == 302
    before = json.dumps(current.definition, sort_keys=True)
    edit = f"/admin/assessment/{current.id}/edit"
    token = csrf_token(admin.get("/admin/assessment/").text)
    admin.post(edit, data={"definition": "{}", "csrf_token": token})
    db.session.expire_all()
    assert (
        json.dumps(db.session.get(Questionnaire, current.id).definition, sort_keys=True) == before
    )


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("{not json", "JSON illisible"),
        ("[]", "Le JSON doit être un objet"),
        (
            '{"key": "export-maturity", "title": {"fr": "x"}, "dimensions": [], "levels": []}',
            "« dimensions » doit être une liste non vide.",
        ),
    ],
)
def test_editing_a_draft_with_errors_explains_them_and_saves_nothing(admin, body, message):
    current = services.published()
    _post(admin, "/admin/assessment/", f"/admin/assessment/{current.id}/draft")
    draft = services.draft_of(current.key)
    before = json.dumps(draft.definition, sort_keys=True)
    edit = f"/admin/assessment/{draft.id}/edit"
    response = _post(admin, edit, edit, data={"definition": body})
    assert response.status_code == 400
    assert message in response.text
    assert "Rien n’a été enregistré" in response.text
    db.session.expire_all()
    assert json.dumps(db.session.get(Questionnaire, draft.id).definition, sort_keys=True) == before


def test_export_then_import_round_trip_and_bad_files(admin):
    current = services.published()
    exported = admin.get(f"/admin/assessment/{current.id}/export.json")
    assert exported.status_code == 200
    assert "attachment" in exported.headers["Content-Disposition"]
    definition = json.loads(exported.data)
    definition["title"]["fr"] = "Diagnostic <script>alert(1)</script>"
    upload = (io.BytesIO(json.dumps(definition).encode()), "model.json")
    response = _import(admin, upload)
    assert response.status_code == 302
    draft = services.draft_of(current.key)
    assert draft.definition["title"]["fr"].startswith("Diagnostic <script>")
    listing = admin.get("/admin/assessment/")
    assert "<script>alert(1)" not in listing.text  # shown escaped
    preview = admin.get(f"/admin/assessment/{draft.id}/preview")
    assert preview.status_code == 200 and "<script>alert(1)" not in preview.text
    assert "Engagement de la direction" in preview.text
    assert (
        "Management commitment" in admin.get(f"/admin/assessment/{draft.id}/preview?lang=en").text
    )
    for content, message in [
        (b"\x89PNG\r\n\x1a\n", "JSON illisible"),
        (b"", "Choisissez un fichier JSON."),
        (b"{" + b" " * (600 * 1024) + b"}", "512 Ko"),
        (
            json.dumps(
                {**definition, "levels": [{"key": "x", "min": 10, "title": {"fr": "x", "en": "x"}}]}
            ).encode(),
            "Un niveau doit commencer à 0.",
        ),
    ]:
        upload = (io.BytesIO(content), "bad.json") if content else (io.BytesIO(b""), "")
        response = _import(admin, upload)
        assert response.status_code == 400, message
        assert message in response.text


def test_usage_statistics(client, member, make_user, login):
    take(client, "high")
    logout(client)
    make_user("boss", roles=["Admin"])
    login("boss")
    page = client.get("/admin/assessment/usage")
    assert page.status_code == 200
    assert "Taux d’achèvement : 100.0 %" in page.text
    assert '<th scope="row">CI</th>' in page.text


def test_members_cannot_open_the_back_office(client, member):
    assert client.get("/admin/assessment/").status_code in (302, 403, 404)
    current = services.published()
    assert client.get(f"/admin/assessment/{current.id}/export.json").status_code in (302, 403, 404)
