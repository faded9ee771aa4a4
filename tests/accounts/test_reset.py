"""Password reset: e-mailed 6-digit code (15 minutes, 5 attempts, hashed), then a new
password; same answers whether the account exists; other sessions end."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest

from tremplin.core.accounts.passwords import services as passwords
from tremplin.core.accounts.shared import events
from tremplin.core.accounts.shared.codes import utcnow
from tremplin.core.accounts.shared.models import ResetCode
from tremplin.core.extensions import db
from tremplin.core.testing.accounts import body, clear_outbox, code_in, outbox
from tremplin.core.testing.fixtures import TEST_PASSWORD, csrf_token

NEW = "baobab harmattan kora ziguinchor"


def request_code(client, email):
    page = client.get("/fr/password-reset")
    return client.post(
        "/fr/password-reset", data={"email": email, "csrf_token": csrf_token(page.text)}
    )


def enter_code(client, code):
    page = client.get("/fr/password-reset/code")
    return client.post(
        "/fr/password-reset/code", data={"code": code, "csrf_token": csrf_token(page.text)}
    )


def choose(client, password, confirm=None):
    page = client.get("/fr/password-reset/new")
    return client.post(
        "/fr/password-reset/new",
        data={
            "password": password,
            "confirm": password if confirm is None else confirm,
            "csrf_token": csrf_token(page.text),
        },
    )


def reset_codes(user):
    return db.session.query(ResetCode).filter_by(user_id=user.id, purpose="reset").all()


def test_full_reset_ends_other_sessions(app, client, make_user, login, caplog):
    user = make_user("awa")
    other = app.test_client()
    page = other.get("/fr/login")
    other.post(
        "/fr/login",
        data={"login": "awa", "password": TEST_PASSWORD, "csrf_token": csrf_token(page.text)},
    )
    assert other.get("/fr/dashboard").status_code == 200
    changed = []

    def receiver(sender, **kw):
        changed.append(kw)

    events.password_changed.connect(receiver)
    try:
        with caplog.at_level(logging.DEBUG):
            sent = request_code(client, "AWA@example.org")
            assert sent.status_code == 302 and sent.location.endswith("/password-reset/code")
            mail = [m for m in outbox(app) if "réinitialisation" in m["Subject"]][-1]
            code = code_in(body(mail))
            assert mail["To"] == "awa@example.org" and "15 minutes" in body(mail)
            assert [r.code_hash for r in reset_codes(user)] != [code]
            assert enter_code(client, code).location.endswith("/password-reset/new")
            weak = choose(client, "awa@example.org2026")  # strong, except for her
            assert weak.status_code == 200 and "trop facile" in weak.text
            mismatch = choose(client, NEW, NEW + "x")
            assert "ne sont pas identiques" in mismatch.text
            done = choose(client, NEW)
    finally:
        events.password_changed.disconnect(receiver)
    assert done.status_code == 302 and done.location.endswith("/fr/login")
    assert [c["via"] for c in changed] == ["reset"]
    db.session.refresh(user)
    assert passwords.verify_password(user.password, NEW)[0]
    assert reset_codes(user) == []
    ended = other.get("/fr/dashboard")
    assert ended.status_code == 302 and "/login" in ended.location
    assert login("awa", NEW).status_code == 302
    assert not any(code in r.getMessage() or code in str(r.__dict__) for r in caplog.records)
    assert not any(NEW in r.getMessage() for r in caplog.records)
    notices = [m for m in outbox(app) if "mot de passe a été modifié" in m["Subject"]]
    assert len(notices) == 1 and "réinitialisé" in body(notices[0])
    # The code is spent.
    request_again = client.get("/fr/password-reset/new")
    assert request_again.status_code == 302


def test_same_answer_whether_the_account_exists(app, client, make_user):
    make_user("awa")
    known = request_code(client, "awa@example.org")
    known_page = client.get("/fr/password-reset/code")
    unknown = request_code(app.test_client(), "nobody@example.org")
    assert known.status_code == unknown.status_code == 302
    assert known.location == unknown.location
    other = app.test_client()
    request_code(other, "nobody@example.org")
    unknown_page = other.get("/fr/password-reset/code")
    assert known_page.status_code == unknown_page.status_code == 200
    strip = lambda text: text.replace("awa@example.org", "X").replace("nobody@example.org", "X")  # noqa: E731
    assert len(strip(known_page.text)) - len(strip(unknown_page.text)) in range(-200, 200)
    assert len([m for m in outbox(app) if m["To"] == "nobody@example.org"]) == 0
    wrong = enter_code(other, "123456")
    assert "Ce code n’est pas valide ou a expiré." in wrong.text


def test_five_wrong_attempts_kill_the_code(app, client, make_user):
    user = make_user("awa")
    request_code(client, "awa@example.org")
    code = code_in(body(outbox(app)[-1]))
    wrong = "000000" if code != "000000" else "111111"
    for _attempt in range(4):
        assert "pas valide" in enter_code(client, wrong).text
    last = enter_code(client, wrong)
    assert last.status_code == 302 and last.location.endswith("/password-reset")
    # Even the right code is dead now, in a new session too.
    fresh = app.test_client()
    request_code(fresh, "nobody-else@example.org")
    with fresh.session_transaction() as session:
        session["_reset"]["email"] = "awa@example.org"
    assert reset_codes(user)[0].attempts == 5
    assert "pas valide" in enter_code(fresh, code).text


def test_code_expires_after_15_minutes(app, client, make_user):
    user = make_user("awa")
    request_code(client, "awa@example.org")
    code = code_in(body(outbox(app)[-1]))
    row = reset_codes(user)[0]
    created = utcnow()
    assert (
        timedelta(minutes=14)
        < row.expires_at.replace(tzinfo=created.tzinfo) - created
        <= timedelta(minutes=15)
    )
    row.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert "pas valide ou a expiré" in enter_code(client, code).text


def test_new_request_retires_the_previous_code(app, client, make_user):
    make_user("awa")
    request_code(client, "awa@example.org")
    first = code_in(body(outbox(app)[-1]))
    clear_outbox(app)
    request_code(client, "awa@example.org")
    second = code_in(body(outbox(app)[-1]))
    if first != second:
        assert "pas valide" in enter_code(client, first).text
    assert enter_code(client, second).status_code == 302


def test_inactive_account_gets_no_code(app, client, make_user):
    user = make_user("awa")
    user.active = False
    db.session.commit()
    request_code(client, "awa@example.org")
    assert outbox(app) == []


@pytest.mark.parametrize(
    "value",
    [
        "<script>alert(1)</script>@example.org",
        "x' OR 1=1 --@example.org",
        "awa@example.org\r\nBcc: victim@example.org",
        "a" * 300 + "@example.org",
        "not an address",
    ],
)
def test_hostile_addresses_are_refused_and_kept(app, client, make_user, value):
    make_user("awa")
    response = request_code(client, value)
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.text
    assert (
        "adresse e-mail valide" in response.text
        or "non autorisés" in response.text
        or "254 caractères" in response.text
    )
    if "\r" not in value and "<" not in value:
        assert value.replace("'", "&#39;") in response.text
    assert outbox(app) == []


@pytest.mark.parametrize("value", ["12345", "abcdef", "123456\r\n", "<b>123456</b>"])
def test_malformed_codes(app, client, make_user, value):
    make_user("awa")
    request_code(client, "awa@example.org")
    response = enter_code(client, value)
    assert response.status_code == 200
    assert "6 chiffres" in response.text or "non autorisés" in response.text
    assert "<b>123456</b>" not in response.text


def test_new_password_page_needs_a_verified_code(app, client):
    response = client.get("/fr/password-reset/new")
    assert response.status_code == 302 and response.location.endswith("/password-reset")
    response = client.get("/fr/password-reset/code")
    assert response.status_code == 302
