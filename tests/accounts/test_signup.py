"""Sign-up: invite-only by default, detailed forms, generic answers, hostile input."""

from __future__ import annotations

import html

import pytest

from tremplin.core.accounts.confirmation.models import EmailConfirmation
from tremplin.core.accounts.consent.models import Consent
from tremplin.core.accounts.profile.models import Company, Profile
from tremplin.core.accounts.signup.models import ExpertDetails
from tremplin.core.extensions import db
from tremplin.core.testing.fixtures import csrf_token
from tremplin.core.testing.onboarding import (
    company_fields,
    expert_fields,
    mails_to,
    outbox,
    post_signup,
    solved,
)

OPEN = {"accounts": {"open_registration": True}}


def users(app):
    sm = app.appbuilder.sm
    return sm.session.query(sm.user_model).all()


def user_by_email(app, address):
    sm = app.appbuilder.sm
    return sm.session.query(sm.user_model).filter_by(email=address).one_or_none()


def done_page(client, response):
    assert response.status_code == 302, response.text[:500]
    assert response.headers["Location"].endswith("/fr/signup/done")
    return client.get(response.headers["Location"]).text


def test_form_shows_consent_unticked_privacy_link_and_captcha(client):
    page = client.get("/fr/signup")
    assert page.status_code == 200
    assert 'name="accept_privacy"' in page.text
    assert 'name="accept_privacy" type="checkbox" value="y" checked' not in page.text
    assert "checked" not in page.text.split('name="accept_privacy"')[1].split(">")[0]
    assert 'href="/fr/pages/privacy"' in page.text
    assert "data-altcha-challenge" in page.text and 'aria-live="polite"' in page.text
    assert "<noscript>" in page.text and "JavaScript" in page.text
    assert "<script>" not in page.text and "style=" not in page.text


def test_invite_only_refuses_unknown_address_without_telling(app, client):
    before = len(users(app))
    text = done_page(client, post_signup(client, company_fields(email="stranger@example.org")))
    assert "Si cette adresse peut s’inscrire" in html.unescape(text)
    assert len(users(app)) == before
    assert outbox(app) == []


@pytest.mark.parametrize("overrides", [OPEN])
def test_same_answer_for_new_existing_and_refused(app_factory, overrides):
    app = app_factory(overrides)
    client = app.test_client()
    with app.app_context():
        first = done_page(client, post_signup(client, company_fields()))
        again = done_page(client, post_signup(client, company_fields(company_mode="join")))
        assert user_by_email(app, "awa@example.org") is not None
        assert len(mails_to(app, "awa@example.org")) == 2  # confirmation, then "already"
        assert "déjà un compte" in mails_to(app, "awa@example.org")[1]["Subject"]
    assert first == again


def test_open_registration_creates_inactive_company_account(app_factory):
    app = app_factory(OPEN)
    client = app.test_client()
    with app.app_context():
        done_page(client, post_signup(client, company_fields(roles="Admin", active="y")))
        user = user_by_email(app, "awa@example.org")
        assert user is not None and user.active is False
        assert [r.name for r in user.roles] == ["Company"]
        profile = db.session.query(Profile).filter_by(user_id=user.id).one()
        company = db.session.get(Company, profile.company_id)
        assert (company.name, company.country, company.city) == ("Baobab Export", "SN", "Dakar")
        assert (company.export_stage, company.export_share) == ("growing", 15)
        assert profile.job_title == "Directrice export"
        assert db.session.query(EmailConfirmation).filter_by(user_id=user.id).one()
        consent = db.session.query(Consent).filter_by(user_id=user.id).one()
        assert consent.version == "2026-11" and consent.accepted_at is not None
        assert mails_to(app, "awa@example.org")[0]["Subject"] == "Confirmez votre adresse e-mail"


def test_expert_gets_expert_role_and_details(app_factory):
    app = app_factory(OPEN)
    client = app.test_client()
    with app.app_context():
        done_page(client, post_signup(client, expert_fields()))
        user = user_by_email(app, "jean@example.org")
        assert [r.name for r in user.roles] == ["Expert"]
        details = db.session.query(ExpertDetails).filter_by(user_id=user.id).one()
        assert details.organisation == "Cabinet Sahel Conseil"
        assert details.expertise.splitlines() == ["Logistique", "Certification"]
        assert details.countries == "BF,CI"


def test_join_existing_company_by_exact_name_and_country(app_factory):
    app = app_factory(OPEN)
    client = app.test_client()
    with app.app_context():
        db.session.add(Company(name="Baobab Export", country="SN", export_stage="experienced"))
        db.session.commit()
        wrong_country = post_signup(
            client, company_fields(company_mode="join", company_country="CI")
        )
        assert wrong_country.status_code == 400
        assert "Aucune entreprise de ce nom dans ce pays" in html.unescape(wrong_country.text)
        duplicate = post_signup(client, company_fields(company_mode="new"))
        assert duplicate.status_code == 400
        assert "existe déjà dans ce pays" in html.unescape(duplicate.text)
        done_page(
            client, post_signup(client, company_fields(company_mode="join", export_stage=None))
        )
        user = user_by_email(app, "awa@example.org")
        profile = db.session.query(Profile).filter_by(user_id=user.id).one()
        assert profile.company.name == "Baobab Export"
        assert profile.company.export_stage == "experienced"
        assert db.session.query(Company).count() == 1


@pytest.mark.parametrize(
    "change, message",
    [
        ({"accept_privacy": None}, "Vous devez accepter la politique de confidentialité."),
        ({"password_confirm": "something else entirely 42"}, "ne sont pas identiques"),
        ({"password": "short", "password_confirm": "short"}, "au moins 12 caractères"),
        ({"kind": "admin"}, "kind"),
        ({"company_country": "XX"}, "company_country"),
        ({"export_share": "abc"}, "export_share"),
        ({"export_share": "101"}, "Un nombre entier de 0 à 100."),
        ({"export_stage": None}, "Choisissez votre expérience de l’export."),
        ({"company_name": ""}, "Indiquez le nom de l’entreprise."),
    ],
)
def test_bad_input_is_refused_and_typed_values_kept(app_factory, change, message):
    app = app_factory(OPEN)
    client = app.test_client()
    with app.app_context():
        before = len(users(app))
        response = post_signup(client, company_fields(**change))
        assert response.status_code == 400
        text = html.unescape(response.text)
        assert message.replace("’", "'") in text.replace("’", "'")
        assert 'value="Ndiaye"' in response.text  # what was typed comes back
        assert "correct horse battery" not in response.text  # secrets never do
        assert len(users(app)) == before and outbox(app) == []


def test_captcha_is_required_and_cannot_be_replayed(app_factory):
    app = app_factory(OPEN)
    client = app.test_client()
    with app.app_context():
        missing = post_signup(client, company_fields(), captcha=False)
        assert missing.status_code == 400 and "anti-robot" in missing.text
        page = client.get("/fr/signup")
        payload = solved(page.text)
        data = company_fields(csrf_token=csrf_token(page.text), altcha=payload)
        assert client.post("/fr/signup", data=data).status_code == 302
        replay = client.post("/fr/signup", data=dict(data, email="other@example.org"))
        assert replay.status_code == 400 and "anti-robot" in replay.text
        assert user_by_email(app, "other@example.org") is None


XSS = '"><script>alert(1)</script>'
SQLI = "x' OR '1'='1'; DROP TABLE ab_user; --"
CRLF = "Awa\r\nBcc: victim@example.org"
HOSTILE = [XSS, SQLI, CRLF, "A" * 5000, '=HYPERLINK("http://evil")', "\x00nul"]
TEXT_FIELDS = [
    "first_name",
    "last_name",
    "email",
    "job_title",
    "company_name",
    "company_city",
    "company_sector",
]


@pytest.mark.parametrize("field", TEXT_FIELDS)
def test_hostile_values_are_refused_escaped_and_change_nothing(app_factory, field):
    app = app_factory(OPEN)
    client = app.test_client()
    with app.app_context():
        for payload in HOSTILE:
            before = (len(users(app)), db.session.query(Company).count())
            response = post_signup(client, company_fields(**{field: payload}))
            if (
                field in ("company_name", "company_city", "company_sector", "job_title")
                and payload == SQLI
            ):
                # free text: stored verbatim through bound parameters, tables intact
                assert response.status_code == 302
                continue
            assert response.status_code == 400, (field, payload[:30])
            assert "<script>alert(1)</script>" not in response.text
            if payload == XSS:
                assert "&lt;script&gt;" in response.text or field == "email"
            assert (len(users(app)), db.session.query(Company).count()) == before
        sm = app.appbuilder.sm
        assert sm.session.query(sm.user_model).count() >= 0  # ab_user still there
        assert all("\n" not in (m["Subject"] or "") for m in outbox(app))


def test_hostile_expert_fields_are_refused(app_factory):
    app = app_factory(OPEN)
    client = app.test_client()
    with app.app_context():
        for field, payload in [
            ("organisation", XSS),
            ("expertise", XSS),
            ("expertise", "\n".join(["x"] * 30)),
            ("countries", ["ZZ"]),
            ("organisation", CRLF),
        ]:
            response = post_signup(client, expert_fields(**{field: payload}))
            assert response.status_code == 400, (field, payload)
            assert "<script>alert(1)</script>" not in response.text
        assert user_by_email(app, "jean@example.org") is None


def test_english_page_and_messages(app_factory):
    app = app_factory(OPEN)
    client = app.test_client()
    with app.app_context():
        page = client.get("/en/signup")
        assert page.status_code == 200 and 'lang="en"' in page.text
        response = post_signup(client, company_fields(accept_privacy=None), lang="en")
        assert response.status_code == 400
        assert "You must accept the privacy policy." in html.unescape(response.text)


def test_signed_in_member_is_sent_to_dashboard(client, make_user, login):
    make_user("awa")
    login("awa")
    response = client.get("/fr/signup")
    assert response.status_code == 302 and "/fr/dashboard" in response.headers["Location"]
