"""Password policy (NIST SP 800-63B), argon2id hashing and every path that sets one."""

from __future__ import annotations

import pytest
from flask_babel import force_locale
from werkzeug.security import generate_password_hash

from tremplin.core.accounts.passwords import (
    breach,
)
from tremplin.core.accounts.passwords import (
    policy as password_policy,
)
from tremplin.core.accounts.passwords import (
    services as passwords,
)
from tremplin.core.accounts.sessions.security_state import security_for
from tremplin.core.extensions import db
from tremplin.core.testing.accounts import body, enable_totp, login_with_totp, outbox
from tremplin.core.testing.fixtures import TEST_PASSWORD, csrf_token

STRONG = "gazelle tamarind kora 1947 harmattan"


def problems(password: str, inputs: list[str] | None = None) -> list[str]:
    return password_policy.password_problems(password, inputs or [], check_online=False)


# --- Policy ------------------------------------------------------------------------


def test_length_bounds(app):
    assert problems("x7#Kq!2mZ@p") == ["Le mot de passe doit contenir au moins 12 caractères."]
    assert problems("vF3#kq9!Lz2@") == []  # exactly 12, no composition rule
    assert problems("tamarind kora harmattan ziguinchor baobab sahel dune sine") == []
    long_ok = ("ndar tamarind kora harmattan " * 40)[:1024]
    assert len(long_ok) == 1024 and problems(long_ok) == []
    assert problems(long_ok + "x") == ["Le mot de passe doit contenir au plus 1024 caractères."]


def test_any_character_is_accepted(app):
    assert problems("mañana café 東京 🦒 ziguinchor") == []
    assert problems("tab\tand spaces  kept in ndar") == []


def test_no_composition_rules(app):
    # All lower case, no digit, no symbol: fine when long and unguessable.
    assert problems("baobab kora harmattan ziguinchor") == []


def test_breached_password_refused_whatever_its_case(app):
    for candidate in ("qwerty123456", "QWERTY123456", "1qaz2wsx3edc"):
        assert "fuites de données" in problems(candidate)[0]


def test_shipped_list_is_large_and_contains_the_most_common():
    entries = breach.breached_passwords()
    assert len(entries) >= 100_000
    assert {"123456", "password", "qwerty123456"} <= entries


def test_weak_password_gets_reasons_in_words(app):
    reasons = problems("zzzzzzzzzzzzzzzzz")
    assert reasons[0] == "Ce mot de passe est trop facile à deviner."
    assert "Les répétitions comme « aaa » sont faciles à deviner." in reasons


def test_reasons_in_english(app):
    with app.test_request_context("/en/"), force_locale("en"):
        reasons = problems("abcdefghijklmn")
        short = problems("short")
    assert reasons[0] == "This password is too easy to guess."
    assert short == ["The password must be at least 12 characters long."]


def test_personal_words_make_a_password_guessable(app):
    assert problems("awandiaye2026") == []
    assert problems("awandiaye2026", ["awa", "ndiaye", "awandiaye"])


def test_every_zxcvbn_message_has_a_translation():
    import ast
    import inspect

    import zxcvbn.feedback

    tree = ast.parse(inspect.getsource(zxcvbn.feedback))
    texts = {
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and getattr(node.func, "id", "") == "_"
        and isinstance(node.args[0], ast.Constant)
    }
    assert len(texts) >= 20
    assert texts <= set(password_policy.FEEDBACK)


# --- Online check (HIBP range API, k-anonymity) ------------------------------------


def test_online_check_is_off_by_default(app, monkeypatch):
    def boom(prefix):
        raise AssertionError("the network must not be called")

    monkeypatch.setattr(breach, "fetch_range", boom)
    assert password_policy.password_problems(STRONG) == []


def test_online_check_sends_only_a_prefix(app, monkeypatch):
    import hashlib

    digest = hashlib.sha1(STRONG.encode()).hexdigest().upper()
    seen = []

    def fake(prefix):
        seen.append(prefix)
        return f"0000000000000000000000000000000000A:0\r\n{digest[5:]}:3\r\n"

    monkeypatch.setattr(breach, "fetch_range", fake)
    result = password_policy.password_problems(STRONG, check_online=True)
    assert seen == [digest[:5]]
    assert "fuites de données" in result[0]


def test_online_check_padding_and_outage(app, monkeypatch):
    import hashlib

    digest = hashlib.sha1(STRONG.encode()).hexdigest().upper()
    monkeypatch.setattr(breach, "fetch_range", lambda prefix: f"{digest[5:]}:0\n")
    assert password_policy.password_problems(STRONG, check_online=True) == []

    def down(prefix):
        raise OSError("unreachable")

    monkeypatch.setattr(breach, "fetch_range", down)
    assert password_policy.password_problems(STRONG, check_online=True) == []


def test_online_check_follows_the_setting(app_factory, monkeypatch):
    application = app_factory({"accounts": {"breach_check_online": True}})
    calls = []
    monkeypatch.setattr(breach, "fetch_range", lambda prefix: calls.append(prefix) or "")
    with application.app_context():
        assert password_policy.password_problems(STRONG) == []
    assert len(calls) == 1


# --- Hashing -------------------------------------------------------------------------


def test_hashes_are_argon2id(app, make_user):
    user = make_user("awa")
    assert user.password.startswith("$argon2id$")
    assert passwords.verify_password(user.password, TEST_PASSWORD) == (True, False)
    assert passwords.verify_password(user.password, TEST_PASSWORD + " ") == (False, False)
    assert passwords.verify_password(None, TEST_PASSWORD) == (False, False)
    assert passwords.verify_password("garbage", TEST_PASSWORD) == (False, False)


def test_unicode_is_normalised(app):
    composed, decomposed = "caf\u00e9 kora harmattan", "cafe\u0301 kora harmattan"
    stored = passwords.hash_password(composed)
    assert passwords.verify_password(stored, decomposed)[0]


def test_old_werkzeug_hash_upgraded_at_sign_in(app, make_user, login):
    user = make_user("awa")
    user.password = generate_password_hash(TEST_PASSWORD)
    db.session.commit()
    assert login("awa").status_code == 302
    db.session.refresh(user)
    assert user.password.startswith("$argon2id$")


# The suite hashes cheaply (core.testing.fixtures); this test uses the production cost.
@pytest.mark.app_config(
    {"accounts": {"password_hash_time_cost": 3, "password_hash_memory_kib": 65536}}
)
def test_hash_upgraded_when_parameters_change(app_factory, make_user, login):
    weak = app_factory(
        {"accounts": {"password_hash_time_cost": 1, "password_hash_memory_kib": 8192}}
    )
    with weak.app_context():
        old_hash = passwords.hash_password(TEST_PASSWORD)
    assert "m=8192,t=1" in old_hash
    user = make_user("awa")
    user.password = old_hash
    db.session.commit()
    assert login("awa").status_code == 302
    db.session.refresh(user)
    assert "m=65536,t=3" in user.password


# --- Every path that sets a password -------------------------------------------------


def test_set_password_applies_the_policy(app, make_user):
    user = make_user("awa")
    with pytest.raises(passwords.PasswordRejected) as caught:
        passwords.set_password(user, "password1234", via="profile")
    assert caught.value.problems


def test_cli_create_refuses_a_weak_password(app):
    from typer.testing import CliRunner

    from tremplin.cli.context import set_app
    from tremplin.cli.main import app as cli

    set_app(app)
    args = [
        "users",
        "create",
        "--username",
        "moussa",
        "--email",
        "moussa@example.org",
        "--first-name",
        "Moussa",
        "--last-name",
        "Diop",
        "--password-stdin",
    ]
    refused = CliRunner().invoke(cli, args, input="password1234\n")
    assert refused.exit_code == 1
    assert "fuites" in refused.output or "fuites" in (refused.stderr or "")
    accepted = CliRunner().invoke(cli, args, input=STRONG + "\n")
    assert accepted.exit_code == 0, accepted.output
    from tremplin.core.accounts.shared.services import find_user

    assert find_user("moussa").password.startswith("$argon2id$")


def test_change_password_page(app, client, make_user, login):
    user = make_user("awa")
    other = app.test_client()
    page = other.get("/fr/login")
    other.post(
        "/fr/login",
        data={"login": "awa", "password": TEST_PASSWORD, "csrf_token": csrf_token(page.text)},
    )
    login("awa")
    page = client.get("/fr/account/password")
    token = csrf_token(page.text)
    wrong = client.post(
        "/fr/account/password",
        data={
            "current_password": "not it at all",
            "password": STRONG,
            "confirm": STRONG,
            "csrf_token": token,
        },
    )
    assert "Mot de passe actuel incorrect." in wrong.text
    weak = client.post(
        "/fr/account/password",
        data={
            "current_password": TEST_PASSWORD,
            "password": "zzzzzzzzzzzzzzzzz",
            "confirm": "zzzzzzzzzzzzzzzzz",
            "csrf_token": token,
        },
    )
    assert "trop facile à deviner" in weak.text and "zzzzzzzzzzzzzzzzz" not in weak.text
    done = client.post(
        "/fr/account/password",
        data={
            "current_password": TEST_PASSWORD,
            "password": STRONG,
            "confirm": STRONG,
            "csrf_token": token,
        },
    )
    assert done.status_code == 302
    assert client.get("/fr/dashboard").status_code == 200  # this session stays
    ended = other.get("/fr/dashboard")
    assert ended.status_code == 302 and "/login" in ended.location
    db.session.refresh(user)
    assert passwords.verify_password(user.password, STRONG)[0]
    assert security_for(user.id).password_changed_at is not None
    notices = [
        m
        for m in outbox(app)
        if m["To"] == "awa@example.org" and "mot de passe a été modifié" in m["Subject"]
    ]
    assert len(notices) == 1 and STRONG not in body(notices[0])


def admin_client(app, make_user):
    admin = make_user("ada", roles=["Admin"])
    secret = enable_totp(admin)
    client = app.test_client()
    assert login_with_totp(client, "ada", secret).status_code == 302
    return client, admin


def test_back_office_reset_applies_policy_and_argon2(app, make_user):
    client, _admin = admin_client(app, make_user)
    member = make_user("awa")
    url = f"/admin/resetpassword/form?pk={member.id}"
    page = client.get(url)
    assert page.status_code == 200, page.location
    token = csrf_token(page.text)
    weak = client.post(
        url, data={"password": "password1234", "conf_password": "password1234", "csrf_token": token}
    )
    assert "fuites de données" in weak.text
    db.session.refresh(member)
    assert passwords.verify_password(member.password, TEST_PASSWORD)[0]
    client.post(url, data={"password": STRONG, "conf_password": STRONG, "csrf_token": token})
    db.session.refresh(member)
    assert member.password.startswith("$argon2id$")
    assert passwords.verify_password(member.password, STRONG)[0]
    notice = [m for m in outbox(app) if m["To"] == "awa@example.org"]
    assert notice and "administrateur" in body(notice[-1])


def test_back_office_own_reset_goes_to_the_portal_page(app, make_user):
    client, _admin = admin_client(app, make_user)
    response = client.get("/admin/resetmypassword/form")
    assert response.status_code == 302 and response.location.endswith("/account/password")


def test_back_office_user_creation_applies_policy_and_argon2(app, make_user):
    from tremplin.core.accounts.shared.services import find_user

    client, _admin = admin_client(app, make_user)
    page = client.get("/admin/users/add")
    assert page.status_code == 200
    company = app.appbuilder.sm.find_role("Company")
    form = {
        "first_name": "Moussa",
        "last_name": "Diop",
        "username": "moussa",
        "email": "moussa@example.org",
        "active": "y",
        "roles": [str(company.id)],
        "csrf_token": csrf_token(page.text),
    }
    weak = client.post(
        "/admin/users/add",
        data={**form, "password": "qwerty123456", "conf_password": "qwerty123456"},
    )
    assert "fuites de données" in weak.text and find_user("moussa") is None
    client.post("/admin/users/add", data={**form, "password": STRONG, "conf_password": STRONG})
    created = find_user("moussa")
    assert created is not None and created.password.startswith("$argon2id$")
    assert passwords.verify_password(created.password, STRONG)[0]
