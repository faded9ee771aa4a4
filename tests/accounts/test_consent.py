"""Privacy policy consent: stored at sign-up, asked again when the version changes."""

from __future__ import annotations

import html

from tremplin.core.accounts.consent import services as consent
from tremplin.core.accounts.consent.models import Consent
from tremplin.core.extensions import db
from tremplin.core.testing.fixtures import csrf_token

CONFIG_OVERRIDES = {"accounts": {"mfa_required_roles": [], "privacy_policy_version": "2027-01"}}


def member_with_old_consent(make_user):
    user = make_user("awa")
    consent.record_consent(user.id, version="2026-11")
    db.session.commit()
    return user


def test_member_with_older_version_is_held_on_the_consent_page(client, make_user, login):
    member_with_old_consent(make_user)
    login("awa")
    response = client.get("/fr/dashboard")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/fr/consent?next=/fr/dashboard")
    page = client.get(response.headers["Location"])
    assert page.status_code == 200
    assert "2027-01" in page.text and 'href="/fr/pages/privacy"' in page.text
    assert (
        'type="checkbox"' in page.text
        and "checked" not in page.text.split('name="accept_privacy"')[1].split(">")[0]
    )
    # public pages and signing out stay possible
    assert client.get("/fr/").status_code == 200
    assert client.get("/fr/pages/privacy").status_code == 200
    assert client.get("/fr/search").status_code == 302
    assert client.get("/admin/").status_code == 302


def test_accepting_records_version_and_time_and_releases_the_member(app, client, make_user, login):
    user = member_with_old_consent(make_user)
    login("awa")
    page = client.get("/fr/consent?next=/fr/dashboard")
    refused = client.post(
        "/fr/consent?next=/fr/dashboard", data={"csrf_token": csrf_token(page.text)}
    )
    assert refused.status_code == 400
    assert "Vous devez accepter" in html.unescape(refused.text)
    accepted = client.post(
        "/fr/consent?next=/fr/dashboard",
        data={"csrf_token": csrf_token(page.text), "accept_privacy": "y"},
    )
    assert accepted.status_code == 302 and accepted.headers["Location"] == "/fr/dashboard"
    rows = db.session.query(Consent).filter_by(user_id=user.id).order_by(Consent.id).all()
    assert [(r.version, r.via) for r in rows] == [("2026-11", "signup"), ("2027-01", "renewal")]
    assert rows[-1].accepted_at is not None
    assert client.get("/fr/dashboard").status_code == 200


def test_next_is_never_an_open_redirect(client, make_user, login):
    member_with_old_consent(make_user)
    login("awa")
    page = client.get("/fr/consent")
    response = client.post(
        "/fr/consent?next=//evil.example/x",
        data={"csrf_token": csrf_token(page.text), "accept_privacy": "y"},
    )
    assert response.status_code == 302 and response.headers["Location"] == "/fr/dashboard"


def test_sign_out_works_while_consent_is_pending(client, make_user, login):
    member_with_old_consent(make_user)
    login("awa")
    page = client.get("/fr/consent")
    response = client.post("/fr/logout", data={"csrf_token": csrf_token(page.text)})
    assert response.status_code == 302
    assert client.get("/fr/dashboard").status_code == 302
    assert "/login" in client.get("/fr/dashboard").headers["Location"]


def test_operator_made_account_without_any_consent_is_not_held(client, make_user, login):
    make_user("admin-made")
    login("admin-made")
    assert client.get("/fr/dashboard").status_code == 200


def test_consent_page_needs_a_signed_in_member(client):
    response = client.get("/fr/consent")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
