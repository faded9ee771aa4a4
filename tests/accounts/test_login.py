"""Sign-in: password step, second-factor step, generic errors, events, sessions."""

from __future__ import annotations

import pytest

from tremplin.core.accounts.sessions.security_state import bump_stamp
from tremplin.core.accounts.shared import events
from tremplin.core.extensions import db
from tremplin.core.testing.accounts import answer_totp, body, enable_totp, login_with_totp, outbox
from tremplin.core.testing.fixtures import TEST_PASSWORD, csrf_token

HOSTILE = [
    "<script>alert(1)</script>",
    "' OR '1'='1' --",
    "admin'; DROP TABLE ab_user; --",
    '"><img src=x onerror=alert(1)>',
]


@pytest.fixture
def captured():
    """Account events received during the test: list of (name, details)."""
    seen: list[tuple[str, dict]] = []
    receivers = []
    for name in ("login_succeeded", "login_failed", "new_device_login", "logged_out"):

        def receiver(sender, _name=name, **kw):
            seen.append((_name, kw))

        getattr(events, name).connect(receiver)
        receivers.append((getattr(events, name), receiver))
    yield seen
    for signal, receiver in receivers:
        signal.disconnect(receiver)


def post_login(client, login, password, lang="fr", path="/login"):
    page = client.get(f"/{lang}{path}")
    return client.post(
        f"/{lang}{path}",
        data={"login": login, "password": password, "csrf_token": csrf_token(page.text)},
    )


def test_password_only_sign_in(app, client, make_user, captured):
    make_user("awa")
    response = post_login(client, "awa@example.org", TEST_PASSWORD)
    assert response.status_code == 302 and response.location.endswith("/fr/dashboard")
    assert client.get("/fr/dashboard").status_code == 200
    assert [name for name, _ in captured if name == "login_succeeded"] == ["login_succeeded"]
    assert dict(captured)["login_succeeded"]["method"] == "password"


def test_same_answer_for_unknown_account_and_wrong_password(app, client, make_user, captured):
    make_user("awa")
    unknown = post_login(client, "nobody@example.org", TEST_PASSWORD)
    wrong = post_login(client, "awa", "not the right password")
    message = "Adresse e-mail ou mot de passe incorrect."
    assert unknown.status_code == wrong.status_code == 200
    assert message in unknown.text and message in wrong.text
    assert unknown.text.replace("nobody@example.org", "X").count(message) == wrong.text.replace(
        "awa", "X"
    ).count(message)
    failed = [d for name, d in captured if name == "login_failed"]
    assert [d["reason"] for d in failed] == ["credentials", "credentials"]
    assert all(TEST_PASSWORD not in str(d) for d in failed)


def test_next_is_followed_only_on_this_site(app, client, make_user):
    make_user("awa")
    page = client.get("/fr/login?next=//evil.example/")
    response = client.post(
        "/fr/login?next=//evil.example/",
        data={"login": "awa", "password": TEST_PASSWORD, "csrf_token": csrf_token(page.text)},
    )
    assert response.location.endswith("/fr/dashboard")


def test_mfa_sign_in_needs_a_code(app, client, make_user, captured):
    user = make_user("awa")
    secret = enable_totp(user)
    first = post_login(client, "awa", TEST_PASSWORD)
    assert first.status_code == 302 and first.location.endswith("/fr/login/code")
    assert client.get("/fr/dashboard").status_code == 302  # not signed in yet
    page = client.get("/fr/login/code")
    wrong = client.post(
        "/fr/login/code", data={"code": "000000", "csrf_token": csrf_token(page.text)}
    )
    assert "Ce code n’est pas valide ou a déjà servi." in wrong.text
    ok = answer_totp(client, secret)
    assert ok.status_code == 302 and ok.location.endswith("/fr/dashboard")
    assert client.get("/fr/dashboard").status_code == 200
    methods = [d["method"] for name, d in captured if name == "login_succeeded"]
    assert methods == ["totp"]
    assert [d["reason"] for name, d in captured if name == "login_failed"] == ["mfa"]


def test_too_many_wrong_codes_restart_the_sign_in(app, client, make_user):
    user = make_user("awa")
    enable_totp(user)
    post_login(client, "awa", TEST_PASSWORD)
    for _attempt in range(5):
        page = client.get("/fr/login/code")
        response = client.post(
            "/fr/login/code", data={"code": "000000", "csrf_token": csrf_token(page.text)}
        )
    assert response.status_code == 302 and response.location.endswith("/fr/login")
    assert client.get("/fr/login/code").location.endswith("/fr/login")


def test_code_step_without_password_step(app, client):
    response = client.get("/fr/login/code")
    assert response.status_code == 302 and response.location.endswith("/fr/login")


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_input_is_refused_or_harmless(app, client, make_user, value):
    make_user("awa")
    response = post_login(client, value, value)
    assert response.status_code == 200
    assert value not in response.text  # escaped when echoed
    assert "Adresse e-mail ou mot de passe incorrect." in response.text
    assert client.get("/fr/dashboard").status_code == 302


def test_crlf_and_oversized_input(app, client, make_user):
    make_user("awa")
    crlf = post_login(client, "awa\r\nBcc: x@example.org", TEST_PASSWORD)
    assert "caractères non autorisés" in crlf.text
    too_long = post_login(client, "a" * 300 + "@example.org", "p" * 2000)
    assert "254 caractères au plus." in too_long.text
    assert "1024 caractères au plus." in too_long.text
    assert 'value="' + "a" * 300 in too_long.text  # what was typed is kept
    assert "p" * 2000 not in too_long.text  # but never the password


def test_new_device_is_notified(app, make_user):
    make_user("awa")
    first = app.test_client()
    first.environ_base.update(
        HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0", REMOTE_ADDR="198.51.100.7"
    )
    post_login(first, "awa", TEST_PASSWORD)
    same = app.test_client()
    same.environ_base.update(
        HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux x86_64) Firefox/131.0", REMOTE_ADDR="198.51.100.99"
    )
    post_login(same, "awa", TEST_PASSWORD)
    assert not [m for m in outbox(app) if "nouvel appareil" in m["Subject"]]
    other = app.test_client()
    other.environ_base.update(
        HTTP_USER_AGENT="Mozilla/5.0 (Windows NT 10.0) Chrome/129.0", REMOTE_ADDR="203.0.113.5"
    )
    post_login(other, "awa", TEST_PASSWORD)
    notices = [m for m in outbox(app) if "nouvel appareil" in m["Subject"]]
    assert len(notices) == 1 and notices[0]["To"] == "awa@example.org"
    assert "Chrome, Windows" in body(notices[0]) and "203.0.113.5" in body(notices[0])


def test_stale_session_ends(app, client, make_user, login):
    user = make_user("awa")
    login("awa")
    assert client.get("/fr/dashboard").status_code == 200
    bump_stamp(user.id)
    db.session.commit()
    response = client.get("/fr/dashboard")
    assert response.status_code == 302 and "/fr/login" in response.location
    assert client.get("/fr/dashboard").status_code == 302


def test_logout_emits_and_ends_the_session(app, client, make_user, login, captured):
    make_user("awa")
    login("awa")
    page = client.get("/fr/logout")
    client.post("/fr/logout", data={"csrf_token": csrf_token(page.text)})
    assert client.get("/fr/dashboard").status_code == 302
    assert "logged_out" in [name for name, _ in captured]


def test_back_office_login_is_the_portal_login(app, client):
    response = client.get("/admin/login/")
    assert response.status_code == 302 and "/login" in response.location


def test_login_with_totp_helper(app, client, make_user):
    user = make_user("awa")
    secret = enable_totp(user)
    assert login_with_totp(client, "awa", secret).status_code == 302
    assert client.get("/fr/dashboard").status_code == 200


def test_login_fixture_answers_the_second_step_for_admins(app, client, make_user, login):
    make_user("root", roles=["Admin"])  # enrolled in TOTP by make_user, as the guard demands
    assert login("root").status_code == 302
    assert client.get("/admin/").status_code == 200


def api_login(client, username, password=TEST_PASSWORD):
    return client.post(
        "/api/v1/security/login",
        json={"username": username, "password": password, "provider": "db"},
    )


def test_api_sign_in_is_refused_to_accounts_with_mfa(app, client, make_user):
    make_user("root", roles=["Admin"])  # enrolled in TOTP
    make_user("ada", roles=["Admin"], mfa=False)  # must enrol: refused too
    awa = make_user("awa")
    assert api_login(client, "root").status_code == 401
    assert api_login(client, "ada").status_code == 401
    assert api_login(client, "awa").status_code == 200
    enable_totp(awa)
    assert api_login(client, "awa").status_code == 401
