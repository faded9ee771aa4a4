"""Rate limits: failure counters per account and per IP, CAPTCHA after failures,
Flask-Limiter ceilings on form posts, shared across web servers through Redis."""

from __future__ import annotations

import html

import pytest

from tremplin.core.accounts.limits import services as limits
from tremplin.core.testing.fixtures import TEST_PASSWORD, csrf_token
from tremplin.core.testing.onboarding import company_fields, post_signup, solved

CONFIG_OVERRIDES = {"accounts": {"mfa_required_roles": []}}
REDIS_URL = "redis://127.0.0.1:6379/15"
IP = "10.0.0.7"


def test_counters_per_account(app):
    with app.test_request_context():
        for _ in range(2):
            limits.register_failure("Awa@Example.org", IP)
        assert not limits.captcha_required("awa@example.org", IP)
        limits.register_failure("awa@example.org ", IP)
        assert limits.captcha_required("AWA@example.org", IP)  # same account, any case
        assert not limits.too_many_failures("awa@example.org", IP)
        for _ in range(7):
            limits.register_failure("awa@example.org", IP)
        assert limits.too_many_failures("awa@example.org", "10.9.9.9")  # other IP too
        assert not limits.too_many_failures("jean@example.org", "10.9.9.9")
        limits.clear_failures("awa@example.org")
        assert not limits.too_many_failures("awa@example.org", "10.9.9.9")


def test_counters_per_ip(app):
    with app.test_request_context():
        for number in range(30):
            limits.register_failure(f"user{number}@example.org", IP)
        assert limits.too_many_failures("fresh@example.org", IP)
        assert not limits.too_many_failures("fresh@example.org", "10.0.0.8")


def test_account_keys_hold_no_address():
    key = limits.account_key("awa@example.org")
    assert "awa" not in key and len(key) == 32


def post_login(client, login, password, captcha=True):
    """Sign in as a browser would: the CAPTCHA is solved when the page shows one."""
    page = client.get("/fr/login")
    data = {"login": login, "password": password, "csrf_token": csrf_token(page.text)}
    if captcha and "data-altcha-challenge" in page.text:
        data["altcha"] = solved(page.text)
    return client.post("/fr/login", data=data)


def test_login_asks_captcha_after_three_failures_then_answers_429(client, make_user):
    make_user("awa")
    first = client.get("/fr/login")
    assert "data-altcha-challenge" not in first.text
    for _ in range(3):
        assert post_login(client, "awa", "wrong password number one").status_code == 200
    response = post_login(client, "awa", TEST_PASSWORD, captcha=False)
    assert response.status_code == 400  # right password, but no CAPTCHA
    assert "vérification anti-robot" in html.unescape(response.text)
    assert "data-altcha-challenge" in response.text
    assert client.get("/fr/dashboard").status_code == 302
    for _ in range(7):
        assert post_login(client, "awa", "wrong password again").status_code == 200
    blocked = post_login(client, "awa", TEST_PASSWORD)
    assert blocked.status_code == 429
    assert "Trop de tentatives" in html.unescape(blocked.text)
    assert client.get("/fr/dashboard").status_code == 302


def test_solved_captcha_lets_the_right_password_in(client, make_user):
    make_user("awa")
    for _ in range(3):
        post_login(client, "awa", "wrong password number one")
    assert post_login(client, "awa", TEST_PASSWORD).status_code == 302
    assert client.get("/fr/dashboard").status_code == 200
    with client.application.test_request_context():
        assert (
            limits._used(
                limits._item("account_failures"), ("fail-login-account", limits.account_key("awa"))
            )
            == 0
        )


def test_flask_limiter_caps_signup_posts_per_ip(app_factory):
    app = app_factory({"limits": {"form_posts": "3 per hour"}})
    client = app.test_client()
    with app.app_context():
        codes = [
            post_signup(client, company_fields(email=f"n{i}@example.org")).status_code
            for i in range(4)
        ]
    assert codes == [302, 302, 302, 429]
    assert client.get("/fr/signup").status_code == 200  # GET is not capped


def test_limits_can_be_switched_off(app_factory):
    app = app_factory({"limits": {"enabled": False, "form_posts": "1 per hour"}})
    client = app.test_client()
    with app.test_request_context():
        for _ in range(40):
            limits.register_failure("awa", IP)
        assert not limits.too_many_failures("awa", IP)
        assert not limits.captcha_required("awa", IP)
    with app.app_context():
        codes = {
            post_signup(client, company_fields(email=f"n{i}@example.org")).status_code
            for i in range(3)
        }
    assert codes == {302}


@pytest.fixture
def redis_db():
    redis = pytest.importorskip("redis")
    connection = redis.Redis.from_url(REDIS_URL)
    try:
        connection.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    connection.flushdb()
    yield connection
    connection.flushdb()


def test_two_web_servers_share_counters_through_redis(app_factory, redis_db):
    settings = {"limits": {"storage_url": REDIS_URL, "form_posts": "4 per hour"}}
    first, second = app_factory(settings), app_factory(settings)
    for app in (first, second):
        with app.test_request_context():
            for _ in range(5):
                limits.register_failure("awa@example.org", IP)
    for app in (first, second):
        with app.test_request_context():
            assert limits.too_many_failures("awa@example.org", IP)
            assert not limits.too_many_failures("jean@example.org", "10.1.1.1")
    assert redis_db.dbsize() > 0
    codes = []
    for number in range(5):
        app = (first, second)[number % 2]
        with app.app_context():
            codes.append(
                post_signup(
                    app.test_client(), company_fields(email=f"n{number}@example.org")
                ).status_code
            )
    assert codes == [302, 302, 302, 302, 429]


def test_captcha_replay_is_refused_across_web_servers(app_factory, redis_db):
    from tremplin.core.accounts.captcha import services as captcha

    secret = {"app": {"secret_key": "shared-secret-" + "s1" * 20}}
    settings = {**secret, "limits": {"storage_url": REDIS_URL}}
    first, second = app_factory(settings), app_factory(settings)
    with first.test_request_context():
        payload = captcha.solve_for_tests(captcha.new_challenge())
        assert captcha.verify(payload)
    with second.test_request_context():
        assert not captcha.verify(payload)


def test_code_entry_counts_per_account_across_sign_ins(client, make_user):
    from tremplin.core.testing.accounts import enable_totp

    user = make_user("awa")
    enable_totp(user)
    for _ in range(4):  # each sign-in allows a few codes, the account counter keeps going
        page = client.get("/fr/login")
        first = client.post(
            "/fr/login",
            data={"login": "awa", "password": TEST_PASSWORD, "csrf_token": csrf_token(page.text)},
        )
        assert first.status_code == 302 and "/login/code" in first.location
        for _ in range(3):
            page = client.get("/fr/login/code")
            if page.status_code != 200:
                break
            last = client.post(
                "/fr/login/code", data={"code": "000000", "csrf_token": csrf_token(page.text)}
            )
    assert last.status_code == 429
    with client.application.test_request_context():
        assert limits.too_many_failures("awa", "127.0.0.1", "code")


def test_reset_and_code_forms_are_capped_per_ip(app_factory):
    app = app_factory({"limits": {"form_posts": "2 per hour"}})
    for endpoint in (
        "accounts.login",
        "accounts.mfa_challenge",
        "accounts.reset_request",
        "accounts.reset_code",
        "accounts.reset_password",
        "onboarding.signup",
        "onboarding.resend_confirmation",
    ):
        assert getattr(app.view_functions[endpoint], "_tremplin_limited", False), endpoint
    client = app.test_client()
    page = client.get("/fr/password-reset")
    codes = [
        client.post(
            "/fr/password-reset",
            data={"email": "x@example.org", "csrf_token": csrf_token(page.text)},
        ).status_code
        for _ in range(3)
    ]
    assert codes[:2] != [429, 429] and codes[2] == 429
