"""E-mail confirmation: signed, expiring, single-use; unconfirmed accounts cannot sign in."""

from __future__ import annotations

import html

from tremplin.core.accounts.shared import events
from tremplin.core.testing.fixtures import TEST_PASSWORD, csrf_token
from tremplin.core.testing.onboarding import company_fields, link_in, mails_to, post_signup

CONFIG_OVERRIDES = {"accounts": {"open_registration": True, "mfa_required_roles": []}}
ADDRESS = "awa@example.org"


def sign_up(client, app):
    assert post_signup(client, company_fields()).status_code == 302
    return link_in(mails_to(app, ADDRESS)[-1], "/confirm/")


def confirm(client, path):
    page = client.get(path)
    assert page.status_code == 200, page.text[:300]
    return client.post(path, data={"csrf_token": csrf_token(page.text)})


def sign_in(client, password=TEST_PASSWORD):
    page = client.get("/fr/login")
    return client.post(
        "/fr/login",
        data={"login": ADDRESS, "password": password, "csrf_token": csrf_token(page.text)},
    )


def user(app):
    sm = app.appbuilder.sm
    found = sm.session.query(sm.user_model).filter_by(email=ADDRESS).one()
    sm.session.refresh(found)
    return found


def test_unconfirmed_account_cannot_sign_in_and_is_told_how_to_fix_it(app, client):
    sign_up(client, app)
    response = sign_in(client)
    assert response.status_code == 200
    text = html.unescape(response.text)
    assert "pas encore confirmée" in text and "/fr/confirm/resend" in text
    wrong = html.unescape(sign_in(client, "not the password at all 99").text)
    assert "pas encore confirmée" not in wrong  # only the password holder learns it
    assert "Adresse e-mail ou mot de passe incorrect." in wrong
    assert client.get("/fr/dashboard").status_code == 302


def test_link_confirms_once_then_sign_in_works(app, client):
    confirmed = []
    events.account_confirmed.connect(
        lambda sender, **kw: confirmed.append(kw["user"].email), weak=False
    )
    path = sign_up(client, app)
    assert client.get(path).status_code == 200
    assert user(app).active is False  # opening the link (mail scanners) changes nothing
    response = confirm(client, path)
    assert response.status_code == 302 and "/fr/login" in response.headers["Location"]
    assert user(app).active is True
    assert confirmed[-1] == ADDRESS
    again = client.get(path)
    assert again.status_code == 410 and "déjà servi" in html.unescape(again.text)
    signed_in = sign_in(client)
    assert signed_in.status_code == 302
    assert client.get("/fr/dashboard").status_code == 200


def test_tampered_and_expired_links_are_refused(app, client, monkeypatch):
    path = sign_up(client, app)
    tampered = path[:-3] + ("aaa" if not path.endswith("aaa") else "bbb")
    assert client.get(tampered).status_code == 410
    token = csrf_token(client.get("/fr/confirm/resend").text)
    assert client.post(tampered, data={"csrf_token": token}).status_code == 410
    import time

    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 49 * 3600)
    expired = client.get(path)
    assert expired.status_code == 410 and "expiré" in html.unescape(expired.text)
    monkeypatch.setattr(time, "time", real)
    assert user(app).active is False


def test_resend_replaces_the_link_and_answers_the_same_for_unknown_addresses(app, client):
    old = sign_up(client, app)
    page = client.get("/fr/confirm/resend")
    response = client.post(
        "/fr/confirm/resend", data={"email": ADDRESS, "csrf_token": csrf_token(page.text)}
    )
    assert response.status_code == 302
    known = html.unescape(client.get(response.headers["Location"]).text)
    new = link_in(mails_to(app, ADDRESS)[-1], "/confirm/")
    assert new != old
    assert client.get(old).status_code == 410
    assert confirm(client, new).status_code == 302
    response = client.post(
        "/fr/confirm/resend",
        data={"email": "nobody@example.org", "csrf_token": csrf_token(page.text)},
    )
    unknown = html.unescape(client.get(response.headers["Location"]).text)
    marker = "Si un compte attend la confirmation"
    assert marker in known and marker in unknown
    assert mails_to(app, "nobody@example.org") == []


def test_resend_is_rate_limited_per_account(app, client):
    sign_up(client, app)
    page = client.get("/fr/confirm/resend")
    codes = [
        client.post(
            "/fr/confirm/resend", data={"email": ADDRESS, "csrf_token": csrf_token(page.text)}
        ).status_code
        for _ in range(4)
    ]
    assert codes == [302, 302, 302, 429]
    assert len(mails_to(app, ADDRESS)) == 1 + 3


def test_resend_rejects_hostile_input(app, client):
    page = client.get("/fr/confirm/resend")
    for payload in ['"><script>alert(1)</script>@x.org', "a@b.org\r\nBcc: c@d.org", "x" * 300]:
        response = client.post(
            "/fr/confirm/resend", data={"email": payload, "csrf_token": csrf_token(page.text)}
        )
        assert response.status_code == 400
        assert "<script>alert(1)</script>" not in response.text
