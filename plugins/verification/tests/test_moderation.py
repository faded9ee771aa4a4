"""The moderators' queue and review (fresh MFA), decisions with a reason (notified,
audited, announced), appeals reviewed by another moderator, the OIF mark, and the
``verify_document`` hook."""

from __future__ import annotations

import time

from sqlalchemy import select

from tremplin.core import api
from tremplin.core.api import db, hookimpl
from tremplin.core.audit.models import AuditEvent
from tremplin.core.testing.accounts import outbox
from tremplin.core.testing.fixtures import csrf_token
from tremplin.plugins.verification.models import Case, Document

from .fixtures import PLUGINS, logout, make_pdf, submit_four, trade_register, upload

CONFIG_OVERRIDES = PLUGINS


class Observer:
    """A test plugin: an extra checker and a listener of the verification event."""

    seen: list[tuple[int, str, bool]] = []

    @hookimpl
    def verify_document(self, document, text):
        if "CONTREFAÇON" in text:
            return [
                {
                    "code": "ai.forgery",
                    "severity": "high",
                    "message": "Le modèle détecte une contrefaçon probable.",
                }
            ]
        return None

    @hookimpl
    def company_verification_changed(self, company_id, state, recommended):
        self.seen.append((company_id, state, recommended))


EXTRA_PLUGINS = [Observer()]


def decide(client, case_id, action, reason="Documents conformes."):
    page = client.get(f"/admin/verification/{case_id}")
    assert page.status_code == 200, page.headers.get("Location")
    return client.post(
        f"/admin/verification/{case_id}/decision",
        data={"csrf_token": csrf_token(page.text), "action": action, "reason": reason},
    )


def submitted(client, login, company_member):
    """Aminata sends her four documents and signs out; her account and company."""
    user, company = company_member("aminata")
    login("aminata")
    submit_four(client)
    logout(client)
    return user, company


def case_of(company_id) -> Case:
    return db.session.scalar(select(Case).where(Case.company_id == company_id))


def test_queue_review_more_info_then_approve(app, client, login, company_member, make_user):
    Observer.seen.clear()
    user, company = submitted(client, login, company_member)
    make_user("modo", roles=["Moderator"])
    login("modo")
    queue = client.get("/admin/verification/")
    assert "Saveurs du Sahel SARL" in queue.text and "moyen" in queue.text
    case = case_of(company.id)
    review = client.get(f"/admin/verification/{case.id}")
    assert "Le texte n’a pas pu être vérifié" in review.text
    assert "SN-DKR-2019-B-12345" in review.text  # the PDF's text, inline
    assert "<img" in review.text and "/files/" in review.text
    key = db.session.scalar(select(Document.file_key).where(Document.doc_type == "manager_id"))
    assert client.get(f"/files/{key}").status_code == 200  # MFA proved at sign-in
    assert 'class="verification-pdf"' in review.text  # PDFs framed inline
    pdf_key = db.session.scalar(
        select(Document.file_key).where(Document.doc_type == "trade_register")
    )
    inline = client.get(f"/files/{pdf_key}?view=inline")
    assert inline.status_code == 200 and inline.headers["X-Frame-Options"] == "SAMEORIGIN"
    assert inline.headers["Content-Disposition"].startswith("inline")
    assert "frame-ancestors 'self'" in inline.headers["Content-Security-Policy"]
    assert client.get(f"/files/{pdf_key}").headers["Content-Disposition"].startswith("attachment")
    response = decide(client, case.id, "more_info", "")
    assert response.status_code == 400 and "obligatoire" in response.text
    response = decide(client, case.id, "more_info", "Merci d’envoyer un extrait <b>récent</b>.")
    assert response.status_code == 302
    assert case_of(company.id).state == "more_info"
    assert api.members(user_ids=[user.id])[0].verification == "more_info"
    mails = [m for m in outbox(app) if m["To"] == "aminata@example.org"]
    assert mails and "extrait" in mails[-1].get_body(("plain",)).get_content()
    logout(client)
    login("aminata")
    page = client.get("/fr/verification/").text
    assert "Informations complémentaires demandées" in page
    assert "&lt;b&gt;récent&lt;/b&gt;" in page  # the reason is escaped
    assert upload(client, "trade_register", trade_register(), "nouvel.pdf").status_code == 302
    assert case_of(company.id).state == "pending"
    assert "needs more information" in client.get("/en/notifications/").text
    english = client.get("/en/verification/").text
    assert "Company verification" in english and "Under review" in english
    assert "Information requested" in english  # the case history
    logout(client)
    login("modo")
    assert "Informations demandées — Modo Test" in client.get(f"/admin/verification/{case.id}").text
    assert decide(client, case.id, "approve").status_code == 302
    approved = case_of(company.id)
    assert approved.state == "verified" and approved.expires_at is not None
    assert api.members(user_ids=[user.id])[0].verification == "verified"
    events = [e.event for e in db.session.scalars(select(AuditEvent))]
    assert "verification.more_info" in events and "verification.approve" in events
    assert (company.id, "verified", False) in Observer.seen
    assert (company.id, "more_info", False) in Observer.seen


def test_documents_need_a_fresh_second_factor(client, login, company_member, make_user):
    _user, company = company_member("aminata")
    login("aminata")
    submit_four(client)
    key = db.session.scalar(select(Document.file_key))
    logout(client)
    make_user("modo", roles=["Moderator"])
    login("modo")
    case = case_of(company.id)
    with client.session_transaction() as session:
        session["_mfa_verified"] = int(time.time()) - 3600  # proved an hour ago
    response = client.get(f"/admin/verification/{case.id}")
    assert response.status_code == 302 and "/account/security/confirm" in response.location
    assert client.get(f"/files/{key}").status_code == 404
    token = csrf_token(client.get("/fr/").text)
    response = client.post(
        f"/admin/verification/{case.id}/decision",
        data={"csrf_token": token, "action": "approve", "reason": "ok"},
    )
    assert response.status_code == 302 and case_of(company.id).state == "pending"


def test_members_and_companies_cannot_reach_the_queue(client, login, company_member):
    _user, company = company_member("aminata")
    login("aminata")
    submit_four(client)
    case = case_of(company.id)
    for url in ("/admin/verification/", f"/admin/verification/{case.id}"):
        assert client.get(url).status_code in (302, 403)
    token = csrf_token(client.get("/fr/").text)
    response = client.post(
        f"/admin/verification/{case.id}/decision",
        data={"csrf_token": token, "action": "approve", "reason": "moi"},
    )
    assert response.status_code in (302, 403)
    assert case_of(company.id).state == "pending"


def test_an_appeal_is_reviewed_by_another_moderator(app, client, login, company_member, make_user):
    _user, company = submitted(client, login, company_member)
    make_user("modo", roles=["Moderator"])
    make_user("modo2", roles=["Moderator"])
    login("modo")
    case_id = case_of(company.id).id
    assert decide(client, case_id, "reject", "Extrait illisible.").status_code == 302
    logout(client)
    login("aminata")
    page = client.get("/fr/verification/")
    assert "Faire appel" in page.text
    response = client.post(
        "/fr/verification/appeal", data={"csrf_token": csrf_token(page.text), "text": "  "}
    )
    assert response.status_code == 400 and "obligatoire" in response.text
    response = client.post(
        "/fr/verification/appeal",
        data={"csrf_token": csrf_token(page.text), "text": "x" * 5001},
    )
    assert response.status_code == 400 and "5 000 caractères au plus" in response.text
    client.post(
        "/fr/verification/appeal",
        data={
            "csrf_token": csrf_token(page.text),
            "text": "<script>alert(1)</script> Voici un extrait lisible.",
        },
    )
    assert case_of(company.id).state == "pending" and case_of(company.id).appeal
    logout(client)
    login("modo")
    review = client.get(f"/admin/verification/{case_id}")
    assert "&lt;script&gt;" in review.text and "<script>alert" not in review.text
    response = decide(client, case_id, "approve")
    assert response.status_code == 400 and "autre modérateur" in response.text
    assert case_of(company.id).state == "pending"
    logout(client)
    login("modo2")
    assert decide(client, case_id, "approve", "Appel fondé.").status_code == 302
    assert case_of(company.id).state == "verified"
    again = decide(client, case_id, "reject", "Double envoi.")  # a second submit
    assert again.status_code == 400 and "n’attend pas de décision" in again.text
    assert [d.action for d in case_of(company.id).decisions][-1] == "approve"


def test_admins_mark_recommended_and_the_hook_answers(
    app, client, login, company_member, make_user
):
    Observer.seen.clear()
    _user, company = submitted(client, login, company_member)
    make_user("chef", roles=["Admin"])
    login("chef")
    case_id = case_of(company.id).id
    page = client.get(f"/admin/verification/{case_id}")
    assert "Recommandé par l’OIF" not in page.text.split("Décision")[-1]  # not verified yet
    decide(client, case_id, "approve")
    page = client.get(f"/admin/verification/{case_id}")
    response = client.post(
        f"/admin/verification-mark/{case_id}/1",
        data={"csrf_token": csrf_token(page.text), "reason": "Lauréate du prix export."},
    )
    assert response.status_code == 302
    pm = app.extensions["tremplin"].pm
    assert pm.hook.company_recommended(company_id=company.id) is True
    assert (company.id, "verified", True) in Observer.seen
    logout(client)
    make_user("modo", roles=["Moderator"])
    login("modo")
    page = client.get(f"/admin/verification/{case_id}")
    response = client.post(
        f"/admin/verification-mark/{case_id}/0",
        data={"csrf_token": csrf_token(page.text), "reason": "non"},
    )
    assert response.status_code in (302, 403)
    assert case_of(company.id).recommended is True  # moderators cannot unmark


def test_an_external_checker_adds_its_findings(client, login, company_member):
    company_member("aminata")
    login("aminata")
    forged = make_pdf(["CONTREFAÇON", "Saveurs du Sahel SARL", "SN-DKR-2019-B-12345"])
    upload(client, "trade_register", forged, "x.pdf")
    document = db.session.scalar(select(Document))
    assert "ai.forgery" in [f["code"] for f in document.findings]
    assert document.risk == "high"
    assert "contrefaçon probable" in client.get("/fr/verification/").text


def test_a_dedicated_verification_moderator_role(app, client, login, company_member, make_user):
    from tremplin.plugins.verification.roles import DEFAULT_NAME, create_moderator_role

    role = app.appbuilder.sm.find_role(DEFAULT_NAME)  # created with the seed roles
    held = {(p.permission.name, p.view_menu.name) for p in role.permissions}
    assert {("can_review", "QueueView"), ("can_decision", "QueueView")} <= held
    assert ("can_index", "AdminIndexView") in held  # the back office's home
    assert not any(view == "RecommendView" for _action, view in held)
    assert create_moderator_role() == []  # nothing missing; a custom name gets it all
    assert "can_review on QueueView" in create_moderator_role("Vérificatrice Dakar")
    db.session.commit()
    assert create_moderator_role("Vérificatrice Dakar") == []  # idempotent
    _user, company = submitted(client, login, company_member)
    make_user("awa.modo", roles=["Modérateur vérification"], mfa=True)
    login("awa.modo")
    case_id = case_of(company.id).id
    assert decide(client, case_id, "approve").status_code == 302
    assert case_of(company.id).state == "verified"
    assert client.get("/admin/pagemodelview/list/").status_code in (302, 403)
