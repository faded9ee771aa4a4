"""Sanctions of the moderation queue: suspending an author for a period (the account
opens again by itself), banning (until an administrator lifts it), the confirmation
form, the member's notice in their language, the audit trail and the end of the
sanctioned member's sessions."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from pathlib import Path

from flask_appbuilder.security.sqla.models import User
from sqlalchemy import select, text

from tremplin.core.api import db, report
from tremplin.core.audit.models import AuditEvent
from tremplin.core.moderation import sanctions
from tremplin.core.moderation.models import Sanction, utcnow
from tremplin.core.testing.accounts import answer_second_step
from tremplin.core.testing.fixtures import TEST_PASSWORD, csrf_token
from tremplin.core.testing.plugins import load_uninstalled

TESTS = Path(__file__).resolve().parent.parent
plugin = load_uninstalled(TESTS / "testplugin", "tremplin_testplugin", "plugin")
EXTRA_PLUGINS = [plugin]


def _sign_in(client, username):  # type: ignore[no-untyped-def]
    page = client.get("/fr/login")
    response = client.post(
        "/fr/login",
        data={"login": username, "password": TEST_PASSWORD, "csrf_token": csrf_token(page.text)},
    )
    return answer_second_step(client, response, username, "fr")


def _reported(make_user):  # type: ignore[no-untyped-def]
    from tremplin_testplugin.services import add_note

    awa, ahmed = make_user("awa", mfa=False), make_user("ahmed", mfa=False)
    note = add_note("Offre frauduleuse", author_id=ahmed.id)
    db.session.commit()
    item = report("testplugin.note", note.id, reporter=awa, reason="fraud", author_id=ahmed.id)
    db.session.commit()
    return item, ahmed


def _moderator(app, make_user, name="modo", roles=("Moderator",)):  # type: ignore[no-untyped-def]
    make_user(name, roles=list(roles), mfa=True)
    client = app.test_client()
    _sign_in(client, name)
    return client


def _active(user_id: int) -> bool:
    db.session.expire_all()
    return bool(db.session.get(User, user_id).active)


def _audited(event: str) -> list[AuditEvent]:
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.event == event)))


def _notices(user_id: int) -> list[tuple[str, dict]]:
    query = text("SELECT type, context FROM core_notification WHERE user_id = :u ORDER BY id")
    rows = db.session.execute(query, {"u": user_id}).all()
    return [(kind, ctx if isinstance(ctx, dict) else json.loads(ctx)) for kind, ctx in rows]


def test_suspension_needs_reason_and_confirmation_then_closes_the_account(app, make_user):
    item, ahmed = _reported(make_user)
    modo = _moderator(app, make_user)
    page = modo.get(f"/admin/moderation/{item.id}")
    assert page.status_code == 200 and 'data-sanction-form="suspend"' in page.text
    form = {"action": "suspend", "suspend-csrf_token": csrf_token(page.text)}
    form |= {"suspend-duration": "30", "suspend-reason": "fraud", "suspend-note": ""}
    refused = modo.post(f"/admin/moderation/{item.id}/action", data=form)
    assert refused.status_code == 400
    assert "Expliquez au membre" in refused.text and "Cochez la confirmation" in refused.text
    assert _active(ahmed.id) and not sanctions.in_force(ahmed.id)
    form |= {"suspend-note": "Annonces trompeuses.", "suspend-confirm": "y"}
    done = modo.post(f"/admin/moderation/{item.id}/action", data=form)
    assert done.status_code == 302
    assert not _active(ahmed.id)
    [row] = sanctions.in_force(ahmed.id)
    assert row.kind == "suspend" and row.note == "Annonces trompeuses."
    assert timedelta(days=29) < row.ends_at - utcnow() <= timedelta(days=30)
    [audit] = _audited("moderation_suspend")
    assert audit.subject_user_id == ahmed.id and audit.details["until"]
    [(kind, context)] = _notices(ahmed.id)
    assert kind == "core.moderation_suspended" and context["note"] == "Annonces trompeuses."
    assert context["until"] and "fraude" in context["reason"].lower()


def test_suspension_until_a_date_rejects_a_past_date(app, make_user):
    item, ahmed = _reported(make_user)
    modo = _moderator(app, make_user)
    page = modo.get(f"/admin/moderation/{item.id}")
    form = {"action": "suspend", "suspend-csrf_token": csrf_token(page.text)}
    form |= {"suspend-duration": "date", "suspend-until": "2020-01-01", "suspend-reason": "spam"}
    form |= {"suspend-note": "Démarchage.", "suspend-confirm": "y"}
    assert modo.post(f"/admin/moderation/{item.id}/action", data=form).status_code == 400
    assert _active(ahmed.id)
    until = (utcnow() + timedelta(days=10)).date()
    form["suspend-until"] = until.isoformat()
    assert modo.post(f"/admin/moderation/{item.id}/action", data=form).status_code == 302
    [row] = sanctions.in_force(ahmed.id)
    assert row.ends_at.date() == until


def test_notice_is_in_the_members_language(app, make_user):
    from tremplin.core.accounts import Profile

    item, ahmed = _reported(make_user)
    profile = db.session.scalar(select(Profile).where(Profile.user_id == ahmed.id))
    if profile is None:
        profile = Profile(user_id=ahmed.id)
        db.session.add(profile)
    profile.language = "en"
    db.session.commit()
    with app.test_request_context("/fr/"):
        sanctions.give("ban", ahmed.id, reason="fraud", note="Bye.", by=None, report_id=item.id)
        db.session.commit()
    [(kind, context)] = _notices(ahmed.id)
    assert kind == "core.moderation_banned" and context["reason"] == "Fraud or impersonation"


def test_suspension_ends_by_itself(app, make_user, monkeypatch):
    _item, ahmed = _reported(make_user)
    with app.test_request_context("/fr/"):
        sanctions.give(
            "suspend",
            ahmed.id,
            reason="spam",
            note="Une semaine.",
            by=None,
            ends_at=sanctions.end_of(7),
        )
        db.session.commit()
    assert sanctions.lift_ended() == 0 and not _active(ahmed.id)
    later = utcnow() + timedelta(days=7, minutes=1)
    monkeypatch.setattr(sanctions, "utcnow", lambda: later)
    assert sanctions.lift_ended() == 1
    assert _active(ahmed.id)
    assert _audited("moderation_suspension_ended")


def test_sign_in_after_the_end_opens_the_account(app, client, make_user, monkeypatch):
    _item, ahmed = _reported(make_user)
    with app.test_request_context("/fr/"):
        sanctions.give(
            "suspend", ahmed.id, reason="spam", note="-", by=None, ends_at=sanctions.end_of(7)
        )
        db.session.commit()
    _sign_in(client, "ahmed")
    assert client.get("/fr/dashboard").status_code == 302  # still suspended: refused
    later = utcnow() + timedelta(days=8)
    monkeypatch.setattr(sanctions, "utcnow", lambda: later)
    _sign_in(client, "ahmed")
    assert client.get("/fr/dashboard").status_code == 200


def test_ban_persists_and_only_an_admin_lifts_it(app, make_user, monkeypatch):
    item, ahmed = _reported(make_user)
    modo = _moderator(app, make_user)
    page = modo.get(f"/admin/moderation/{item.id}")
    form = {"action": "ban", "ban-csrf_token": csrf_token(page.text), "ban-reason": "fraud"}
    form |= {"ban-note": "Usurpation d’identité.", "ban-confirm": "y"}
    assert modo.post(f"/admin/moderation/{item.id}/action", data=form).status_code == 302
    [row] = sanctions.in_force(ahmed.id)
    assert row.kind == "ban" and row.ends_at is None
    later = utcnow() + timedelta(days=3650)
    monkeypatch.setattr(sanctions, "utcnow", lambda: later)
    assert sanctions.lift_ended() == 0 and not _active(ahmed.id)
    monkeypatch.undo()
    listing = modo.get("/admin/moderation/sanctions/")
    assert listing.status_code == 200 and "Réservé aux administrateurs" in listing.text
    lift = f"/admin/moderation/sanctions/{row.id}/lift"
    assert modo.post(lift, data={"csrf_token": csrf_token(page.text)}).status_code == 403
    assert not _active(ahmed.id)
    admin = _moderator(app, make_user, "chef", ("Admin",))
    listing = admin.get("/admin/moderation/sanctions/")
    assert admin.post(lift, data={"csrf_token": csrf_token(listing.text)}).status_code == 302
    assert _active(ahmed.id)
    assert db.session.get(Sanction, row.id).lifted_at is not None
    assert _audited("moderation_ban") and _audited("moderation_lift")


def test_signed_in_member_is_signed_out_when_suspended(app, client, make_user):
    _item, ahmed = _reported(make_user)
    _sign_in(client, "ahmed")
    assert client.get("/fr/dashboard").status_code == 200
    with app.test_request_context("/fr/"):
        sanctions.give(
            "suspend", ahmed.id, reason="abuse", note="-", by=None, ends_at=sanctions.end_of(30)
        )
        db.session.commit()
    response = client.get("/fr/dashboard")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_sanctions_page_is_for_moderators_only(app, client, make_user):
    make_user("awa", mfa=False)
    _sign_in(client, "awa")
    assert client.get("/admin/moderation/sanctions/").status_code in (302, 403, 404)


def test_hiding_notifies_the_author(app, make_user):
    item, ahmed = _reported(make_user)
    modo = _moderator(app, make_user)
    page = modo.get(f"/admin/moderation/{item.id}")
    form = {"action": "hide", "csrf_token": csrf_token(page.text)}
    assert modo.post(f"/admin/moderation/{item.id}/action", data=form).status_code == 302
    [(kind, context)] = _notices(ahmed.id)
    assert kind == "core.moderation_hidden" and context["title"] == f"Note {item.object_id}"
    assert context["reason"] == "Fraude ou usurpation"


def test_backoffice_home_counts_open_reports_and_sanctions(app, make_user):
    _item, ahmed = _reported(make_user)
    modo = _moderator(app, make_user)
    with app.test_request_context("/fr/"):
        sanctions.give("ban", ahmed.id, reason="spam", note="-", by=None)
        db.session.commit()
    home = modo.get("/admin/").text
    figure = re.compile(
        r'data-figure="core\.(reports_open|sanctions)">.*?<strong>(\d+)</strong>', re.S
    )
    assert dict(figure.findall(home)) == {"reports_open": "1", "sanctions": "1"}
    assert "/admin/moderation/sanctions/" in home
