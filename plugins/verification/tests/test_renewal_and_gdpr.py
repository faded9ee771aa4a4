"""Yearly re-verification (time-travelled), and a member's data in their export and
erased with the account."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from tremplin.core import api
from tremplin.core.accounts.gdpr.data import plugin_data
from tremplin.core.accounts.gdpr.erasure import erase_user
from tremplin.core.api import db
from tremplin.core.testing.accounts import outbox
from tremplin.plugins.verification.decisions import decide
from tremplin.plugins.verification.models import Case, Document, utcnow
from tremplin.plugins.verification.tasks import reverification_round

from .fixtures import PLUGINS, submit_four, trade_register, upload

CONFIG_OVERRIDES = PLUGINS


def verified_case(client, login, company_member, make_user):
    user, company = company_member("aminata")
    login("aminata")
    submit_four(client)
    moderator = make_user("modo", roles=["Moderator"])
    case = db.session.scalar(select(Case).where(Case.company_id == company.id))
    decide(case, moderator.id, "approve", "Dossier complet.")
    return user, company, case


def test_members_are_reminded_then_the_badge_lapses(app, client, login, company_member, make_user):
    user, _company, case = verified_case(client, login, company_member, make_user)
    assert case.expires_at - utcnow() > timedelta(days=364)
    now = utcnow()
    assert reverification_round(now) == {"reminded": 0, "expired": 0}
    assert reverification_round(case.expires_at - timedelta(days=20)) == {
        "reminded": 1,
        "expired": 0,
    }
    assert reverification_round(case.expires_at - timedelta(days=10))["reminded"] == 0  # once
    subjects = [m["Subject"] for m in outbox(app) if m["To"] == "aminata@example.org"]
    assert any("expire le" in s for s in subjects), subjects
    later = case.expires_at + timedelta(days=1)
    assert reverification_round(later) == {"reminded": 0, "expired": 1}
    assert db.session.get(Case, case.id).state == "expired"
    assert api.members(user_ids=[user.id])[0].verification == "expired"
    assert "Vérification expirée" in client.get("/fr/verification/").text


def test_a_verification_past_its_date_reads_expired_before_the_task(
    client, login, company_member, make_user
):
    user, _company, case = verified_case(client, login, company_member, make_user)
    case.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    assert api.members(user_ids=[user.id])[0].verification == "expired"


def test_a_renewal_keeps_the_badge_and_joins_the_queue(client, login, company_member, make_user):
    from tremplin.plugins.verification.review import queue

    _user, _company, case = verified_case(client, login, company_member, make_user)
    assert [r.case_id for r in queue()] == []
    submit_four(client)
    assert db.session.get(Case, case.id).state == "verified"
    rows = queue()
    assert [r.case_id for r in rows] == [case.id] and rows[0].renewal


def test_documents_are_exported_and_erased_with_the_member(
    app, client, login, company_member, make_user
):
    user, _company, case = verified_case(client, login, company_member, make_user)
    records, _files = plugin_data(user.id)
    exported = records["Vérification"]
    assert {r["document"] for r in exported if "document" in r} == {
        "trade_register",
        "financial_statements",
        "proof_of_address",
        "manager_id",
    }
    assert all("findings" in r for r in exported if "document" in r)
    erase_user(user.id)
    db.session.commit()
    assert db.session.scalars(select(Document).where(Document.case_id == case.id)).all() == []
    assert plugin_data(user.id)[0].get("Vérification") is None


def test_the_required_set_is_a_setting(client, login, company_member, monkeypatch):
    from tremplin.plugins.verification import services
    from tremplin.plugins.verification.settings import _types

    assert _types(["trade_register", "passport"]) is not None  # refused at start-up
    assert _types(["trade_register"]) is None
    real = services.setting
    monkeypatch.setattr(
        services,
        "setting",
        lambda key: ["trade_register"] if key == "required_documents" else real(key),
    )
    _user, company = company_member("aminata")
    login("aminata")
    assert upload(client, "trade_register", trade_register()).status_code == 302
    assert db.session.scalar(select(Case.state).where(Case.company_id == company.id)) == "pending"
