"""Two-step verification: TOTP enrolment, replay, recovery codes, SMS, mandatory roles,
``require_mfa``, and no code in any log line."""

from __future__ import annotations

import logging
import re

import pyotp
import pytest
from flask import Blueprint

from tremplin.core.accounts.mfa import services as mfa
from tremplin.core.accounts.mfa.models import RecoveryCode
from tremplin.core.accounts.sessions.security_state import security_for
from tremplin.core.accounts.shared import crypto, events
from tremplin.core.contributions import PortalBlueprint
from tremplin.core.extensions import db
from tremplin.core.plugins import hookimpl
from tremplin.core.testing.accounts import (
    answer_totp,
    enable_totp,
    login_with_totp,
    outbox,
    sms_outbox,
    totp_code,
)
from tremplin.core.testing.fixtures import TEST_PASSWORD, csrf_token

secret_page = Blueprint("mfa_test", __name__)


@secret_page.route("/verification-documents")
@mfa.require_mfa
def documents():
    return "other companies' verification documents"


class ProtectedPagePlugin:
    """A stand-in for the future verification plugin."""

    @hookimpl
    def register_blueprints(self):
        return [PortalBlueprint(secret_page)]


EXTRA_PLUGINS = [ProtectedPagePlugin()]


@pytest.fixture
def captured():
    seen: list[tuple[str, dict]] = []
    names = ("mfa_enabled", "mfa_disabled", "mfa_replay_refused", "recovery_codes_regenerated")
    receivers = []
    for name in names:

        def receiver(sender, _name=name, **kw):
            seen.append((_name, kw))

        getattr(events, name).connect(receiver)
        receivers.append((getattr(events, name), receiver))
    yield seen
    for signal, receiver in receivers:
        signal.disconnect(receiver)


def enrol_totp(client, lang="fr"):
    page = client.get(f"/{lang}/account/security/totp")
    assert page.status_code == 200
    secret = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', page.text).group(1).replace(" ", "")
    done = client.post(
        f"/{lang}/account/security/totp",
        data={"code": pyotp.TOTP(secret).now(), "csrf_token": csrf_token(page.text)},
    )
    return secret, page, done


def test_enrolment_shows_qr_and_secret_then_recovery_codes(
    app, client, make_user, login, captured, caplog
):
    user = make_user("awa")
    login("awa")
    with caplog.at_level(logging.DEBUG):
        secret, page, done = enrol_totp(client)
    assert not any(secret in r.getMessage() or secret in str(r.__dict__) for r in caplog.records)
    assert 'src="data:image/svg+xml' in page.text
    assert done.status_code == 200
    codes = re.findall(r"<code>([a-z0-9]{5}-[a-z0-9]{5})</code>", done.text)
    assert len(codes) == 10 and len(set(codes)) == 10
    row = security_for(user.id)
    assert row.mfa_method == "totp"
    assert secret not in row.totp_secret_enc and crypto.decrypt(row.totp_secret_enc) == secret
    stored = [r.code_hash for r in db.session.query(RecoveryCode).filter_by(user_id=user.id)]
    assert len(stored) == 10 and not set(codes) & set(stored)
    assert [name for name, _ in captured] == ["mfa_enabled"]
    notices = [m for m in outbox(app) if "deux étapes activée" in m["Subject"]]
    assert len(notices) == 1 and secret not in notices[0].as_string()


def test_wrong_code_keeps_enrolment_off(app, client, make_user, login):
    user = make_user("awa")
    login("awa")
    page = client.get("/fr/account/security/totp")
    bad = client.post(
        "/fr/account/security/totp", data={"code": "12345x", "csrf_token": csrf_token(page.text)}
    )
    assert "Le code se compose de 6 chiffres." in bad.text
    wrong = client.post(
        "/fr/account/security/totp", data={"code": "000000", "csrf_token": csrf_token(page.text)}
    )
    assert "Ce code ne correspond pas" in wrong.text
    assert not mfa.mfa_enabled(user)


def test_replayed_code_is_refused_logged_and_notified(app, client, make_user, captured, caplog):
    user = make_user("awa")
    secret = enable_totp(user)
    code = totp_code(secret)
    assert login_with_totp(client, "awa", secret).status_code == 302
    page = client.get("/fr/logout")
    client.post("/fr/logout", data={"csrf_token": csrf_token(page.text)})
    page = client.get("/fr/login")
    client.post(
        "/fr/login",
        data={"login": "awa", "password": TEST_PASSWORD, "csrf_token": csrf_token(page.text)},
    )
    with caplog.at_level(logging.DEBUG):
        page = client.get("/fr/login/code")
        replay = client.post(
            "/fr/login/code", data={"code": code, "csrf_token": csrf_token(page.text)}
        )
    assert replay.status_code == 200 and "déjà servi" in replay.text
    assert client.get("/fr/dashboard").status_code == 302
    assert "mfa_replay_refused" in [name for name, _ in captured]
    assert any(getattr(r, "event", "") == "auth.mfa_replay" for r in caplog.records)
    assert all(code not in r.getMessage() and code not in str(r.__dict__) for r in caplog.records)
    assert [m for m in outbox(app) if "réutilisé" in m["Subject"]]
    # The next code works.
    assert answer_totp(client, secret, steps_ahead=1).status_code == 302


def test_recovery_code_works_once(app, client, make_user):
    user = make_user("awa")
    enable_totp(user)
    codes = mfa.new_recovery_codes(user, announce=False)
    for expected in (302, 200):
        page = client.get("/fr/login")
        client.post(
            "/fr/login",
            data={"login": "awa", "password": TEST_PASSWORD, "csrf_token": csrf_token(page.text)},
        )
        page = client.get("/fr/login/code")
        response = client.post(
            "/fr/login/code", data={"code": codes[0].upper(), "csrf_token": csrf_token(page.text)}
        )
        assert response.status_code == expected
        if expected == 302:
            page = client.get("/fr/logout")
            client.post("/fr/logout", data={"csrf_token": csrf_token(page.text)})
    assert mfa.recovery_codes_left(user) == 9


def test_admin_must_enrol_before_anything_else(app, client, make_user, login):
    make_user("ada", roles=["Admin"], mfa=False)
    response = login("ada")
    assert response.status_code == 302
    for path in ("/fr/dashboard", "/admin/", "/fr/"):
        blocked = client.get(path)
        assert blocked.status_code == 302 and "/account/security" in blocked.location, path
    assert client.get("/fr/account/security").status_code == 200
    enrol_totp(client)
    assert client.get("/fr/dashboard").status_code == 200


def test_admin_cannot_disable_mfa(app, client, make_user):
    admin = make_user("ada", roles=["Admin"])
    secret = enable_totp(admin)
    login_with_totp(client, "ada", secret)
    response = client.get("/fr/account/security/disable")
    assert response.status_code == 302
    assert mfa.mfa_enabled(admin)


def test_member_disables_with_password(app, client, make_user, login, captured):
    user = make_user("awa")
    login("awa")
    enrol_totp(client)
    page = client.get("/fr/account/security/disable")
    wrong = client.post(
        "/fr/account/security/disable",
        data={"current_password": "nope nope nope", "csrf_token": csrf_token(page.text)},
    )
    assert "Mot de passe incorrect." in wrong.text and mfa.mfa_enabled(user)
    client.post(
        "/fr/account/security/disable",
        data={"current_password": TEST_PASSWORD, "csrf_token": csrf_token(page.text)},
    )
    assert not mfa.mfa_enabled(user)
    assert [name for name, _ in captured] == ["mfa_enabled", "mfa_disabled"]
    assert [m for m in outbox(app) if "désactivée" in m["Subject"]]


def test_regenerate_recovery_codes(app, client, make_user, login, captured):
    user = make_user("awa")
    login("awa")
    enrol_totp(client)
    old = {r.code_hash for r in db.session.query(RecoveryCode).filter_by(user_id=user.id)}
    page = client.get("/fr/account/security/recovery-codes")
    done = client.post(
        "/fr/account/security/recovery-codes",
        data={"current_password": TEST_PASSWORD, "csrf_token": csrf_token(page.text)},
    )
    assert len(re.findall(r"<code>[a-z0-9]{5}-[a-z0-9]{5}</code>", done.text)) == 10
    new = {r.code_hash for r in db.session.query(RecoveryCode).filter_by(user_id=user.id)}
    assert new and not old & new
    assert "recovery_codes_regenerated" in [name for name, _ in captured]
    assert [m for m in outbox(app) if "codes de secours" in m["Subject"].lower()]


def test_require_mfa_protects_a_page(app, client, make_user, login):
    user = make_user("awa")
    assert client.get("/fr/verification-documents").status_code == 302  # anonymous
    login("awa")
    response = client.get("/fr/verification-documents")
    assert response.status_code == 302 and "/account/security" in response.location
    assert "next=" in response.location
    enrol_totp(client)  # enrolment verifies a code: the session counts as verified
    assert client.get("/fr/verification-documents").status_code == 200
    other = app.test_client()  # a session opened with the password only
    security = security_for(user.id)
    security.mfa_method, security.totp_secret_enc = "", None
    db.session.commit()
    page = other.get("/fr/login")
    other.post(
        "/fr/login",
        data={"login": "awa", "password": TEST_PASSWORD, "csrf_token": csrf_token(page.text)},
    )
    secret = enable_totp(user)
    response = other.get("/fr/verification-documents")
    assert response.status_code == 302 and "/account/security/confirm" in response.location
    page = other.get(response.location)
    confirmed = other.post(
        response.location, data={"code": totp_code(secret), "csrf_token": csrf_token(page.text)}
    )
    assert confirmed.status_code == 302 and confirmed.location.endswith(
        "/fr/verification-documents"
    )
    assert other.get("/fr/verification-documents").status_code == 200


def test_sms_enrolment_and_sign_in_without_code_in_logs(app, client, make_user, login, caplog):
    user = make_user("awa")
    login("awa")
    with caplog.at_level(logging.DEBUG):
        page = client.get("/fr/account/security/sms")
        assert "SIM" in page.text and "application d’authentification" in page.text
        refused = client.post(
            "/fr/account/security/sms",
            data={"p-phone": "+221 77 123 45 12", "csrf_token": csrf_token(page.text)},
        )
        assert "Cochez la case pour continuer." in refused.text
        assert 'value="+221 77 123 45 12"' in refused.text
        client.post(
            "/fr/account/security/sms",
            data={
                "p-phone": "+221 77 123 45 12",
                "p-understood": "y",
                "csrf_token": csrf_token(page.text),
            },
        )
        code = re.search(r"\b(\d{6})\b", sms_outbox(app)[-1]).group(1)
        page = client.get("/fr/account/security/sms")
        client.post(
            "/fr/account/security/sms", data={"c-code": code, "csrf_token": csrf_token(page.text)}
        )
        assert mfa.mfa_method(user) == "sms" and security_for(user.id).phone == "+221771234512"
        page = client.get("/fr/logout")
        client.post("/fr/logout", data={"csrf_token": csrf_token(page.text)})
        page = client.get("/fr/login")
        client.post(
            "/fr/login",
            data={"login": "awa", "password": TEST_PASSWORD, "csrf_token": csrf_token(page.text)},
        )
        page = client.get("/fr/login/code")
        assert "+221…12" in page.text
        client.post("/fr/login/code/sms", data={"csrf_token": csrf_token(page.text)})
        login_code = re.search(r"\b(\d{6})\b", sms_outbox(app)[-1]).group(1)
        page = client.get("/fr/login/code")
        done = client.post(
            "/fr/login/code", data={"code": login_code, "csrf_token": csrf_token(page.text)}
        )
    assert done.status_code == 302 and client.get("/fr/dashboard").status_code == 200
    lines = [r.getMessage() + str(r.__dict__) for r in caplog.records]
    assert any("SMS sent to +221…12" in line for line in lines)
    assert not any(code in line or login_code in line for line in lines)


@pytest.mark.parametrize(
    "value", ["<script>alert(1)</script>", "1' OR '1'='1", "123456\r\nX-Injected: 1", "9" * 100]
)
def test_hostile_codes_are_refused(app, client, make_user, login, value):
    make_user("awa")
    login("awa")
    page = client.get("/fr/account/security/totp")
    response = client.post(
        "/fr/account/security/totp", data={"code": value, "csrf_token": csrf_token(page.text)}
    )
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.text
    assert re.search(r"6 chiffres|caractères non autorisés|16 caractères au plus", response.text)


def test_one_sms_a_minute(app, make_user):
    user = make_user("awa")
    assert mfa.send_sms_code(user, "+221771234512") == "sent"
    assert mfa.send_sms_code(user, "+221771234512") == "wait"
    assert len(sms_outbox(app)) == 1
    assert mfa.send_sms_code(user, "+221771234512", purpose="sms_setup") == "sent"


def test_new_secret_ignores_steps_used_with_the_old_one(app, client, make_user, login):
    user = make_user("awa")
    login("awa")
    enrol_totp(client)
    security_for(user.id).totp_last_step = 10**12  # far in the future
    db.session.commit()
    secret, _page, _done = enrol_totp(client)  # a new app: its first code must work
    assert crypto.decrypt(security_for(user.id).totp_secret_enc) == secret
