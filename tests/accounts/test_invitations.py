"""Invitations: signed, expiring, single-use links, sent one by one or in bulk."""

from __future__ import annotations

import html
import io
from datetime import UTC, datetime, timedelta

import pytest

from tremplin.core.accounts.invitations import services as invitations
from tremplin.core.accounts.invitations.models import Invitation
from tremplin.core.extensions import db
from tremplin.core.testing.fixtures import csrf_token
from tremplin.core.testing.onboarding import company_fields, link_in, mails_to, outbox, post_signup

CONFIG_OVERRIDES = {"accounts": {"mfa_required_roles": []}}


def invite(address="guest@example.org", **kwargs):
    invitation = invitations.invite(address, **kwargs)
    return invitation


def invitation_path(app, address="guest@example.org"):
    return link_in(mails_to(app, address)[-1], "/signup/invitation/")


def test_invitation_link_opens_the_form_for_that_address_once(app, client):
    invite()
    message = mails_to(app, "guest@example.org")[-1]
    assert "Invitation" in message["Subject"]
    path = invitation_path(app)
    assert path.startswith("/fr/signup/invitation/")
    page = client.get(path)
    assert page.status_code == 200
    assert 'value="guest@example.org"' in page.text and "readonly" in page.text
    response = post_signup(client, company_fields(email="someone-else@example.org"), page=path)
    assert response.status_code == 302
    sm = app.appbuilder.sm
    user = sm.session.query(sm.user_model).filter_by(email="guest@example.org").one()
    assert sm.session.query(sm.user_model).filter_by(email="someone-else@example.org").count() == 0
    row = db.session.query(Invitation).one()
    assert row.used_at is not None and row.user_id == user.id
    again = client.get(path)
    assert again.status_code == 410 and "déjà servi" in html.unescape(again.text)


def test_spent_invitation_cannot_create_a_second_account(app, client):
    invite()
    path = invitation_path(app)
    page = client.get(path)
    token = page.text.split('name="invitation" type="hidden" value="')[1].split('"')[0]
    assert post_signup(client, company_fields(), page=path).status_code == 302
    second = post_signup(
        client,
        company_fields(
            first_name="Autre", invitation=token, company_mode="join", email="second@example.org"
        ),
    )
    assert second.status_code == 302  # same generic answer...
    sm = app.appbuilder.sm
    assert sm.session.query(sm.user_model).filter_by(email="second@example.org").count() == 0


def test_expired_tampered_and_revoked_links(app, client):
    first = invite()
    path = invitation_path(app)
    first.expires_at = datetime.now(UTC) - timedelta(minutes=1)
    db.session.commit()
    expired = client.get(path)
    assert expired.status_code == 410 and "expiré" in html.unescape(expired.text)
    assert client.get(path[:-4] + "abcd").status_code == 410
    invite()  # a new invitation revokes the earlier open one
    newest = invitation_path(app)
    third = invite()
    assert client.get(newest).status_code == 410
    assert client.get(invitation_path(app)).status_code == 200
    invitations.revoke(third)
    db.session.commit()
    assert client.get(invitation_path(app)).status_code == 410


def test_signature_expires_after_invitation_days(app, client, monkeypatch):
    invite()
    path = invitation_path(app)
    import time

    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 15 * 86400)
    assert client.get(path).status_code == 410


def test_bulk_list_is_all_or_nothing_with_line_numbers(app, make_user):
    make_user("awa", email="taken@example.org")
    made, errors = invitations.invite_many(
        "a@example.org\nnot-an-address\n\nb@example.org\na@example.org\ntaken@example.org"
    )
    assert made == []
    assert [(e.line, e.reason) for e in errors] == [
        (2, "Adresse e-mail invalide."),
        (5, "Adresse en double dans la liste."),
        (6, "Un compte existe déjà avec cette adresse."),
    ]
    assert outbox(app) == [] and db.session.query(Invitation).count() == 0
    made, errors = invitations.invite_many(
        "a@example.org, b@example.org; c@example.org", kind="expert", language="en"
    )
    assert errors == [] and len(made) == 3
    assert {m["To"] for m in outbox(app)} == {"a@example.org", "b@example.org", "c@example.org"}
    assert all(m["Subject"].startswith("Invitation to join") for m in outbox(app))


def test_bulk_csv_with_email_column(app):
    made, errors = invitations.invite_many("nom;email\nDiop;awa@example.org\nKa;ka@example.org\n")
    assert errors == [] and sorted(i.email for i in made) == ["awa@example.org", "ka@example.org"]


def admin_client(app, make_user, login, client, role="Admin"):
    make_user("boss", roles=[role])
    assert login("boss").status_code == 302
    return client


@pytest.mark.parametrize("role", ["Admin", "Moderator"])
def test_back_office_invites_from_textarea(app, client, make_user, login, role):
    admin_client(app, make_user, login, client, role)
    page = client.get("/admin/onboarding/invite")
    assert page.status_code == 200, page.status_code
    response = client.post(
        "/admin/onboarding/invite",
        data={
            "csrf_token": csrf_token(page.text),
            "addresses": "x@example.org\ny@example.org",
            "kind": "company",
            "language": "fr",
        },
    )
    assert response.status_code == 302
    assert {m["To"] for m in outbox(app)} == {"x@example.org", "y@example.org"}
    listing = client.get("/admin/invitations/list/")
    assert listing.status_code == 200 and "x@example.org" in listing.text


def test_back_office_reports_bad_lines_escaped_and_sends_nothing(app, client, make_user, login):
    admin_client(app, make_user, login, client)
    page = client.get("/admin/onboarding/invite")
    hostile = 'ok@example.org\n"><script>alert(1)</script>\na@b.org\r\nBcc: x@y.org'
    response = client.post(
        "/admin/onboarding/invite",
        data={
            "csrf_token": csrf_token(page.text),
            "addresses": hostile,
            "kind": "",
            "language": "fr",
        },
    )
    assert response.status_code == 400
    assert "Ligne 2" in response.text and "Ligne 4" in response.text
    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text  # kept, escaped
    assert outbox(app) == []


def test_back_office_invites_from_csv_upload(app, client, make_user, login):
    admin_client(app, make_user, login, client)
    page = client.get("/admin/onboarding/invite")
    data = {
        "csrf_token": csrf_token(page.text),
        "addresses": "",
        "kind": "",
        "language": "fr",
        "csv_file": (io.BytesIO(b"email\nu1@example.org\nu2@example.org\n"), "list.csv"),
    }
    response = client.post(
        "/admin/onboarding/invite", data=data, content_type="multipart/form-data"
    )
    assert response.status_code == 302
    assert len(outbox(app)) == 2


def test_members_cannot_open_the_invitation_back_office(app, client, make_user, login):
    make_user("awa", roles=["Company"])
    login("awa")
    assert client.get("/admin/onboarding/invite").status_code in (302, 403)
    assert client.get("/admin/invitations/list/").status_code in (302, 403)
    assert outbox(app) == []
