"""The core moderation queue (``api.report``, ``/admin/moderation/``) with the test
plugin's notes: one report per member and object, the queue for moderators only,
the reported object shown through ``moderation_target`` behind a second factor,
hide/restore applied by ``moderation_apply``, dismiss, and the audit trail. Also
sealed files (``storage.save(..., seal=...)`` and the ``file_bytes`` hook)."""

from __future__ import annotations

import io
from pathlib import Path

from sqlalchemy import select

from tremplin.core.api import db, moderation, report, storage
from tremplin.core.audit.models import AuditEvent
from tremplin.core.testing.fixtures import csrf_token
from tremplin.core.testing.plugins import load_uninstalled
from tremplin.core.testing.storage import pdf

TESTS = Path(__file__).resolve().parent.parent
plugin = load_uninstalled(TESTS / "testplugin", "tremplin_testplugin", "plugin")
EXTRA_PLUGINS = [plugin]


def _note(author):
    from tremplin_testplugin.services import add_note

    note = add_note("Offre frauduleuse", author_id=author.id)
    db.session.commit()
    return note


def test_one_open_report_per_member_and_object(app, make_user):
    awa, ahmed = make_user("awa", mfa=False), make_user("ahmed", mfa=False)
    note = _note(ahmed)
    first = report("testplugin.note", note.id, reporter=awa, reason="fraud", author_id=ahmed.id)
    again = report("testplugin.note", note.id, reporter=awa, reason="spam")
    assert first.id == again.id
    assert [r.reason for r in moderation.reports_on("testplugin.note", [note.id])] == ["fraud"]


def test_queue_show_hide_dismiss(app, client, login, make_user):
    awa, ahmed = make_user("awa", mfa=False), make_user("ahmed", mfa=False)
    note = _note(ahmed)
    item = report("testplugin.note", note.id, reporter=awa, reason="fraud", author_id=ahmed.id)
    db.session.commit()
    login("awa")
    assert client.get(f"/admin/moderation/{item.id}").status_code in (302, 403, 404)
    client.post("/fr/logout", data={"csrf_token": csrf_token(client.get("/fr/").text)})
    make_user("modo", roles=["Moderator"], mfa=True)
    login("modo")
    assert "Signalement" in client.get("/admin/moderation/").text
    page = client.get(f"/admin/moderation/{item.id}")
    assert page.status_code == 200 and "Offre frauduleuse" in page.text
    token = csrf_token(page.text)
    client.post(f"/admin/moderation/{item.id}/action", data={"action": "hide", "csrf_token": token})
    assert str(note.id) in app.extensions[plugin.HIDDEN_NOTES]
    client.post(
        f"/admin/moderation/{item.id}/action", data={"action": "restore", "csrf_token": token}
    )
    assert str(note.id) not in app.extensions[plugin.HIDDEN_NOTES]
    client.post(
        f"/admin/moderation/{item.id}/action", data={"action": "dismiss", "csrf_token": token}
    )
    bad = client.post(
        f"/admin/moderation/{item.id}/action", data={"action": "burn", "csrf_token": token}
    )
    assert bad.status_code == 302
    db.session.expire_all()
    assert moderation.reports_on("testplugin.note", [note.id])[0].state == "dismissed"
    events = set(db.session.scalars(select(AuditEvent.event)))
    assert {
        "moderation_read",
        "moderation_hide",
        "moderation_restore",
        "moderation_dismiss",
    } <= events
    assert "moderation_burn" not in events


def test_sealed_file_is_served_clear(app, client, login, make_user):
    member = make_user("binta", mfa=False)
    file = storage.save(
        io.BytesIO(pdf()),
        filename="a.pdf",
        owner=member,
        purpose="testplugin.sealed",
        kinds=("pdf",),
        seal=lambda data: data[::-1],
    )
    db.session.commit()
    with storage.open(file) as stored:
        assert stored.read() == pdf()[::-1]
    with app.test_request_context():
        url = storage.url_for_download(file)
    response = client.get(url)
    assert response.status_code == 200 and response.data == pdf()
