"""E-mail notices for critical account changes, in the member's language."""

from __future__ import annotations

from flask import current_app

from tremplin.core.accounts.profile.models import Profile
from tremplin.core.accounts.shared import events
from tremplin.core.accounts.shared.services import set_roles
from tremplin.core.extensions import db
from tremplin.core.testing.accounts import body, enable_totp, login_with_totp, outbox
from tremplin.core.testing.fixtures import csrf_token


def sent_to(app, address):
    return [m for m in outbox(app) if m["To"] == address]


def emit(signal, user, **details):
    signal.send(current_app._get_current_object(), user=user, **details)


def test_every_critical_event_sends_a_notice(app, make_user):
    user = make_user("awa")
    cases = [
        (events.password_changed, {"via": "profile"}, "mot de passe a été modifié"),
        (events.mfa_enabled, {"method": "totp"}, "deux étapes activée"),
        (events.mfa_disabled, {"method": "totp"}, "deux étapes désactivée"),
        (events.recovery_codes_regenerated, {}, "Nouveaux codes de secours"),
        (events.role_changed, {"added": ["Expert"], "removed": []}, "rôles ont changé"),
        (
            events.new_device_login,
            {"user_agent": "Firefox, Linux", "ip": "203.0.113.9"},
            "nouvel appareil",
        ),
        (events.mfa_replay_refused, {}, "réutilisé"),
    ]
    for signal, details, subject in cases:
        emit(signal, user, **details)
        last = sent_to(app, "awa@example.org")[-1]
        assert subject in last["Subject"], (subject, last["Subject"])
        text = body(last)
        assert text.startswith("Bonjour Awa,")
        assert "/fr/password-reset" in text  # what to do if it was not you
    assert len(sent_to(app, "awa@example.org")) == len(cases)


def test_email_change_is_sent_to_the_old_address(app, make_user):
    user = make_user("awa")
    user.email = "awa.new@example.org"
    current_app.appbuilder.sm.update_user(user)
    notices = sent_to(app, "awa@example.org")
    assert len(notices) == 1 and "adresse e-mail" in notices[0]["Subject"]
    assert "awa.new@example.org" in body(notices[0])
    assert sent_to(app, "awa.new@example.org") == []


def test_role_change_from_the_cli_service(app, make_user):
    make_user("awa")
    set_roles("awa", ["Company", "Expert"])
    notices = sent_to(app, "awa@example.org")
    assert len(notices) == 1 and "Rôles ajoutés : Expert" in body(notices[0])
    set_roles("awa", ["Company", "Expert"])  # no change, no notice
    assert len(sent_to(app, "awa@example.org")) == 1


def test_role_and_email_change_from_the_back_office(app, make_user):
    admin = make_user("ada", roles=["Admin"])
    client = app.test_client()
    login_with_totp(client, "ada", enable_totp(admin))
    member = make_user("awa")
    page = client.get(f"/admin/users/edit/{member.id}")
    assert page.status_code == 200
    expert = current_app.appbuilder.sm.find_role("Expert")
    company = current_app.appbuilder.sm.find_role("Company")
    client.post(
        f"/admin/users/edit/{member.id}",
        data={
            "first_name": "Awa",
            "last_name": "Test",
            "username": "awa",
            "active": "y",
            "email": "awa.bo@example.org",
            "roles": [str(company.id), str(expert.id)],
            "csrf_token": csrf_token(page.text),
        },
    )
    old = sent_to(app, "awa@example.org")
    subjects = " | ".join(m["Subject"] for m in old)
    assert "adresse e-mail" in subjects, subjects
    assert [m for m in sent_to(app, "awa.bo@example.org") if "rôles" in m["Subject"]]


def test_notice_in_the_members_language(app, make_user):
    user = make_user("john")
    db.session.add(Profile(user_id=user.id, language="en"))
    db.session.commit()
    emit(events.password_changed, user, via="profile")
    notice = sent_to(app, "john@example.org")[-1]
    assert notice["Subject"] == "Tremplin: Your password was changed"
    assert body(notice).startswith("Hello John,")


def test_a_broken_notice_never_breaks_the_change(app, make_user, monkeypatch):
    user = make_user("awa")
    from tremplin.core.accounts.notices import services as notices

    def broken(*args, **kwargs):
        raise RuntimeError("SMTP down")

    monkeypatch.setattr(notices, "send_mail", broken)
    emit(events.password_changed, user, via="profile")  # must not raise
