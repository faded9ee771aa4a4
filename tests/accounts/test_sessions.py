"""Server-side sessions: no cookie for visitors, random ids, rotation, timeouts,
listing and ending sessions, several web servers sharing one store."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from flask import Flask
from sqlalchemy import select, update

from tremplin.core.accounts.sessions.services import CLIENT_COOKIE_SUFFIX, SID_PATTERN, interface
from tremplin.core.accounts.sessions.store import SessionRecord, key_for, utcnow
from tremplin.core.accounts.shared import events
from tremplin.core.extensions import db
from tremplin.core.testing.fixtures import TEST_PASSWORD, build_app, csrf_token

HOSTILE = ["<script>alert(1)</script>", "' OR 1=1 --", "x\r\nSet-Cookie: evil=1", "a" * 5000]


def sign_in(client, username: str, lang: str = "fr"):
    page = client.get(f"/{lang}/login")
    return client.post(
        f"/{lang}/login",
        data={"login": username, "password": TEST_PASSWORD, "csrf_token": csrf_token(page.text)},
    )


def cookie_of(client, app: Flask) -> str | None:
    cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"])
    return cookie.value if cookie else None


def records(user_id: int | None = None) -> list[SessionRecord]:
    query = select(SessionRecord)
    if user_id is not None:
        query = query.where(SessionRecord.user_id == user_id)
    db.session.expire_all()
    return list(db.session.scalars(query))


# --- No cookie until something is stored -------------------------------------------


@pytest.mark.parametrize("path", ["/fr/", "/en/", "/fr/search?q=export", "/robots.txt"])
def test_anonymous_visitors_get_no_cookie(client, path):
    response = client.get(path, headers={"Accept-Language": "en"})
    assert response.status_code in (200, 302)
    assert response.headers.getlist("Set-Cookie") == []
    assert records() == []


def visitor_cookie(client, app: Flask):
    return client.get_cookie(app.config["SESSION_COOKIE_NAME"] + CLIENT_COOKIE_SUFFIX)


def test_a_form_page_keeps_the_csrf_secret_in_an_encrypted_cookie_not_the_store(app, client):
    response = client.get("/fr/login")
    [header] = response.headers.getlist("Set-Cookie")
    assert "HttpOnly" in header and "SameSite=Lax" in header and "Secure" not in header
    assert cookie_of(client, app) is None and records() == []  # no write per visit
    token = visitor_cookie(client, app).value
    assert "csrf" not in header and csrf_token(response.text) not in header
    with app.app_context():
        secret = interface(app).serializer.loads(interface(app).cipher.decrypt(token.encode()))
    assert set(secret) == {"csrf_token"}
    assert client.get("/fr/signup").headers.getlist("Set-Cookie")  # marked not fresh
    again = client.get("/fr/signup")  # same secret, nothing re-sent
    assert again.headers.getlist("Set-Cookie") == [] and records() == []


def test_the_visitor_cookie_lets_the_form_through_and_moves_to_the_store_at_sign_in(
    app, client, make_user
):
    user = make_user("awa")
    assert sign_in(client, "awa").status_code == 302
    sid = cookie_of(client, app)
    assert sid and SID_PATTERN.fullmatch(sid) and "." not in sid  # a random id, no data
    assert visitor_cookie(client, app) is None  # deleted at sign-in
    [record] = records()
    assert record.id == key_for(sid) and record.id != sid and record.user_id == user.id


@pytest.mark.parametrize("value", ["garbage", "gAAAAAB" + "A" * 120, "x" * 3500] + HOSTILE[:3])
def test_a_forged_or_broken_visitor_cookie_is_refused_politely(app, client, make_user, value):
    make_user("awa")
    page = client.get("/fr/login")
    token = csrf_token(page.text)
    client.set_cookie(app.config["SESSION_COOKIE_NAME"] + CLIENT_COOKIE_SUFFIX, value)
    refused = client.post(
        "/fr/login", data={"login": "awa", "password": TEST_PASSWORD, "csrf_token": token}
    )
    assert refused.status_code == 400 and "request-id" in refused.text.replace("_", "-")
    assert cookie_of(client, app) is None and records() == []


def test_a_visitor_cookie_from_another_instance_secret_is_refused(app_factory, make_user):
    first, second = app_factory(), app_factory({"app": {"secret_key": "x" * 40 + "other"}})
    client = first.test_client()
    client.get("/fr/login")
    value = client.get_cookie(first.config["SESSION_COOKIE_NAME"] + CLIENT_COOKIE_SUFFIX).value
    with first.app_context():
        assert interface(first).open_session(first, _request(first, value))
    with second.app_context():
        assert not interface(second).open_session(second, _request(second, value))


def _request(app: Flask, value: str):
    from werkzeug.test import EnvironBuilder

    name = app.config["SESSION_COOKIE_NAME"] + CLIENT_COOKIE_SUFFIX
    environ = EnvironBuilder(path="/fr/login", headers={"Cookie": f"{name}={value}"}).get_environ()
    return app.request_class(environ)


def test_messages_too_big_for_a_cookie_go_to_the_store(app, client):
    for _ in range(40):  # a robot that never follows the redirect piles up messages
        assert client.get("/fr/dashboard").status_code == 302
    [record] = records()
    assert record.user_id is None and cookie_of(client, app)
    assert visitor_cookie(client, app) is None  # one place only
    shown = client.get("/fr/login")
    assert shown.status_code == 200


def test_a_visitor_flash_message_travels_in_the_cookie_and_is_then_dropped(app, client):
    response = client.get("/fr/dashboard")  # signed out: sent to sign in with a message
    assert response.status_code == 302 and visitor_cookie(client, app) is not None
    assert records() == []
    shown = client.get(response.headers["Location"])
    assert "connecter" in shown.text.lower() or "connexion" in shown.text.lower()
    assert records() == []


def test_https_cookie_is_host_prefixed_and_secure(app_factory):
    app = app_factory({"security": {"https": True}})
    client = app.test_client()
    response = client.get("/fr/login", base_url="https://localhost")
    header = response.headers["Set-Cookie"]
    assert header.startswith("__Host-session-anon=")  # a visitor's cookie, same flags
    assert "Secure" in header and "Path=/" in header and "Domain" not in header


# --- Sign-in, sign-out, rotation -----------------------------------------------------


def test_sign_in_rotates_the_id_and_sign_out_destroys_the_session(app, client, make_user):
    user = make_user("awa")
    client.get("/fr/login")
    before = cookie_of(client, app)
    assert sign_in(client, "awa").status_code == 302
    after = cookie_of(client, app)
    assert after and after != before
    assert [r.id for r in records()] == [key_for(after)]
    assert records(user.id)[0].user_id == user.id
    page = client.get("/fr/logout")
    client.post("/fr/logout", data={"csrf_token": csrf_token(page.text)})
    assert records(user.id) == []
    assert client.get("/fr/dashboard").status_code == 302


def test_role_change_rotates_every_session_of_the_member(app, make_user):
    user = make_user("awa")
    first, second = app.test_client(), app.test_client()
    sign_in(first, "awa")
    sign_in(second, "awa")
    old = cookie_of(second, app)
    events.role_changed.send(app, user=user, added=["Expert"], removed=[], by=None)
    assert all(r.rotate for r in records(user.id))
    assert second.get("/fr/dashboard").status_code == 200
    new = cookie_of(second, app)
    assert new != old
    assert key_for(old) not in {r.id for r in records(user.id)}


def test_idle_timeout_ends_the_session(app, client, make_user):
    user = make_user("awa")
    sign_in(client, "awa")
    db.session.execute(
        update(SessionRecord)
        .where(SessionRecord.user_id == user.id)
        .values(last_seen=utcnow() - timedelta(minutes=31))
    )
    db.session.commit()
    response = client.get("/fr/dashboard")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert records(user.id) == []


def test_absolute_lifetime_ends_an_active_session(app, client, make_user):
    user = make_user("awa")
    sign_in(client, "awa")
    db.session.execute(
        update(SessionRecord)
        .where(SessionRecord.user_id == user.id)
        .values(created_at=utcnow() - timedelta(hours=12, minutes=1))
    )
    db.session.commit()
    assert client.get("/fr/dashboard").status_code == 302


def test_timeouts_are_configurable(app_factory):
    app = app_factory({"sessions": {"idle_minutes": 5, "absolute_hours": 1}})
    found = interface(app)
    assert found.idle == timedelta(minutes=5) and found.absolute == timedelta(hours=1)


def test_purge_removes_expired_sessions(app, client, make_user):
    from tremplin.core.accounts.sessions.services import purge_sessions

    user = make_user("awa")
    sign_in(client, "awa")
    other = app.test_client()
    sign_in(other, "awa")
    db.session.execute(
        update(SessionRecord)
        .where(SessionRecord.id == key_for(cookie_of(other, app)))
        .values(last_seen=utcnow() - timedelta(hours=2))
    )
    db.session.commit()
    assert purge_sessions() == 1
    assert len(records(user.id)) == 1


# --- The member's sessions page ------------------------------------------------------


def test_member_lists_and_ends_another_session(app, client, make_user):
    user = make_user("awa")
    phone = app.test_client()
    sign_in(phone, "awa")
    phone.get(
        "/fr/dashboard",
        headers={"User-Agent": "Mozilla/5.0 (Linux; Android 14) Chrome/130.0 Mobile Safari/537.36"},
    )
    sign_in(client, "awa")
    page = client.get("/fr/account/sessions")
    assert page.status_code == 200
    assert "cette session" in page.text and "127.0.0.1" in page.text
    phone_key = key_for(cookie_of(phone, app))
    response = client.post(
        "/fr/account/sessions/end",
        data={"csrf_token": csrf_token(page.text), "session_id": phone_key},
    )
    assert response.status_code == 302
    assert phone.get("/fr/dashboard").status_code == 302  # signed out
    assert client.get("/fr/dashboard").status_code == 200
    assert len(records(user.id)) == 1


def test_end_all_other_sessions(app, client, make_user):
    user = make_user("awa")
    others = [app.test_client() for _ in range(2)]
    for other in others:
        sign_in(other, "awa")
    sign_in(client, "awa")
    page = client.get("/fr/account/sessions")
    client.post("/fr/account/sessions/end-others", data={"csrf_token": csrf_token(page.text)})
    assert [r.id for r in records(user.id)] == [key_for(cookie_of(client, app))]
    assert all(o.get("/fr/dashboard").status_code == 302 for o in others)


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_session_ids_are_refused(app, client, make_user, value):
    make_user("awa")
    sign_in(client, "awa")
    page = client.get("/fr/account/sessions")
    response = client.post(
        "/fr/account/sessions/end", data={"csrf_token": csrf_token(page.text), "session_id": value}
    )
    assert response.status_code == 400
    assert "Cette session n&#39;existe pas" in response.text or "existe pas" in response.text
    assert "<script>alert(1)</script>" not in response.text
    assert client.get("/fr/dashboard").status_code == 200


def test_a_member_cannot_end_someone_elses_session(app, client, make_user):
    make_user("awa")
    victim = make_user("binta")
    other = app.test_client()
    sign_in(other, "binta")
    sign_in(client, "awa")
    page = client.get("/fr/account/sessions")
    response = client.post(
        "/fr/account/sessions/end",
        data={"csrf_token": csrf_token(page.text), "session_id": key_for(cookie_of(other, app))},
    )
    assert response.status_code == 404
    assert len(records(victim.id)) == 1
    assert other.get("/fr/dashboard").status_code == 200


def test_sessions_page_needs_sign_in(client):
    assert client.get("/fr/account/sessions").status_code == 302


def test_password_change_ends_every_other_session(app, client, make_user):
    user = make_user("awa")
    other = app.test_client()
    sign_in(other, "awa")
    sign_in(client, "awa")
    events.password_changed.send(app, user=user, via="admin")  # not from a session: all end
    assert records(user.id) == []
    assert other.get("/fr/dashboard").status_code == 302


def test_password_change_from_a_session_keeps_that_one(app, client, make_user):
    from tremplin.core.accounts.sessions.services import end_sessions

    user = make_user("awa")
    other = app.test_client()
    sign_in(other, "awa")
    sign_in(client, "awa")
    keep = key_for(cookie_of(client, app))
    assert end_sessions(user.id, keep=keep) == 1
    assert [r.id for r in records(user.id)] == [keep]


# --- Several web servers ---------------------------------------------------------------


def _second_server(app: Flask, tmp_path, overrides=None) -> Flask:
    return build_app(tmp_path / "second-server", app.config["SQLALCHEMY_DATABASE_URI"], overrides)


def _dispose(other: Flask) -> None:
    with other.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.mark.fresh_app  # the second server reads what the first one committed
def test_two_servers_sharing_the_database_see_the_same_session(app, make_user, tmp_path):
    make_user("awa")
    other = _second_server(app, tmp_path)
    try:
        first, second = app.test_client(), other.test_client()
        sign_in(first, "awa")
        second.set_cookie(app.config["SESSION_COOKIE_NAME"], cookie_of(first, app))
        assert second.get("/fr/dashboard").status_code == 200
        page = second.get("/fr/account/sessions")  # ends nothing, just reads
        assert "cette session" in page.text
    finally:
        _dispose(other)


def _redis_url() -> str | None:
    try:
        import redis

        redis.Redis.from_url("redis://127.0.0.1:6379/15", socket_timeout=1).ping()
    except Exception:
        return None
    return "redis://127.0.0.1:6379/15"


@pytest.mark.fresh_app  # the second server reads what the first one committed
def test_two_servers_sharing_redis_see_the_same_session(fresh_app_factory, tmp_path):
    url = _redis_url()
    if url is None:
        pytest.skip("Redis is not answering on 127.0.0.1:6379")
    overrides = {"sessions": {"redis_url": url}}
    first_app = fresh_app_factory(overrides)
    with first_app.app_context():
        from tremplin.core.accounts.shared.services import create_user

        create_user(
            f"r{uuid.uuid4().hex[:8]}",
            f"r{uuid.uuid4().hex[:8]}@example.org",
            "R",
            "T",
            TEST_PASSWORD,
            ["Company"],
        )
        db.session.commit()
        username = db.session.execute(
            db.text("select username from ab_user order by id desc limit 1")
        ).scalar()
    other = _second_server(first_app, tmp_path, overrides)
    try:
        first, second = first_app.test_client(), other.test_client()
        assert sign_in(first, username).status_code == 302
        sid = cookie_of(first, first_app)
        with first_app.app_context():
            assert db.session.execute(db.text("select count(*) from core_session")).scalar() == 0
            assert interface(first_app).store.load(key_for(sid)) is not None
        second.set_cookie(first_app.config["SESSION_COOKIE_NAME"], sid)
        assert second.get("/fr/dashboard").status_code == 200
        with other.app_context():
            user_id = interface(other).store.load(key_for(sid)).user_id
            from tremplin.core.accounts.sessions.services import end_sessions

            assert end_sessions(user_id) == 1
        assert first.get("/fr/dashboard").status_code == 302
    finally:
        _dispose(other)


# --- Audience-measurement consent ------------------------------------------------------


def test_no_consent_banner_nor_page_when_analytics_is_off(client):
    assert "cookie-banner" not in client.get("/fr/").text
    assert client.get("/fr/cookies").status_code == 404


def test_consent_banner_when_analytics_is_on(app_factory):
    app = app_factory({"analytics": {"enabled": True}})
    client = app.test_client()
    home = client.get("/fr/")
    assert "cookie-banner" in home.text
    assert home.headers.getlist("Set-Cookie") == []  # asking sets no cookie
    refused = client.post("/fr/cookies", data={"choice": "accept", "next": "/fr/"})
    assert refused.status_code == 400  # no Origin/Referer: not from this site
    response = client.post(
        "/fr/cookies",
        data={"choice": "refuse", "next": "/fr/"},
        headers={"Origin": "http://localhost"},
    )
    assert response.status_code == 302 and response.headers["Location"] == "/fr/"
    assert client.get_cookie("tremplin_analytics").value == "refuse"
    assert "cookie-banner" not in client.get("/fr/").text


@pytest.mark.parametrize("value", HOSTILE)
def test_consent_refuses_hostile_choices(app_factory, value):
    app = app_factory({"analytics": {"enabled": True}})
    client = app.test_client()
    response = client.post(
        "/fr/cookies",
        data={"choice": value, "next": "//evil.example"},
        headers={"Origin": "http://localhost"},
    )
    assert response.status_code == 400
    assert "Choix inconnu." in response.text
    assert client.get_cookie("tremplin_analytics") is None


def test_consent_never_redirects_off_site(app_factory):
    app = app_factory({"analytics": {"enabled": True}})
    response = app.test_client().post(
        "/fr/cookies",
        data={"choice": "accept", "next": "//evil.example/x"},
        headers={"Origin": "http://localhost"},
    )
    assert response.headers["Location"] == "/fr/"


def test_sessions_page_in_english(client, make_user):
    make_user("awa")
    sign_in(client, "awa", lang="en")
    page = client.get("/en/account/sessions")
    assert "My sessions" in page.text and "End all other sessions" not in page.text
    assert "this session" in page.text


def test_changing_the_password_on_the_portal_keeps_only_this_session(app, client, make_user):
    user = make_user("awa")
    other = app.test_client()
    sign_in(other, "awa")
    sign_in(client, "awa")
    page = client.get("/fr/account/password")
    new = "baobab kora harmattan ziguinchor 77"
    response = client.post(
        "/fr/account/password",
        data={
            "csrf_token": csrf_token(page.text),
            "current_password": TEST_PASSWORD,
            "password": new,
            "confirm": new,
        },
    )
    assert response.status_code == 302
    assert [r.id for r in records(user.id)] == [key_for(cookie_of(client, app))]
    assert other.get("/fr/dashboard").status_code == 302
    assert client.get("/fr/dashboard").status_code == 200
