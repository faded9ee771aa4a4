"""A company's representative uploads documents and sees the findings; bad uploads
are refused with a clear message and nothing stored; other members see nothing."""

from __future__ import annotations

from sqlalchemy import func, select

from tremplin.core.api import db, storage
from tremplin.core.testing.storage import png_with_text
from tremplin.plugins.verification.models import Case, Document

from .fixtures import PLUGINS, logout, make_pdf, trade_register, upload

CONFIG_OVERRIDES = PLUGINS


def stored_files() -> int:
    return db.session.scalar(select(func.count()).select_from(storage.StoredFile))


def test_four_documents_make_a_pending_case_with_findings(client, login, company_member):
    _user, company = company_member("aminata")
    login("aminata")
    assert "Non vérifié" in client.get("/fr/verification/").text
    for doc_type in ("trade_register", "financial_statements", "proof_of_address"):
        assert upload(client, doc_type, trade_register()).status_code == 302
    page = client.get("/fr/verification/").text
    assert "Non vérifié" in page and "Pas encore envoyé" in page
    response = upload(client, "manager_id", png_with_text(), "passeport.png")
    assert response.status_code == 302
    page = client.get("/fr/verification/").text
    assert "En cours d’examen" in page
    assert "Le nom de l’entreprise « Saveurs du Sahel SARL » figure dans le document." in page
    assert "Le texte n’a pas pu être vérifié" in page  # the scanned ID card
    case = db.session.scalar(select(Case).where(Case.company_id == company.id))
    assert case.state == "pending" and case.risk == "medium"
    dashboard = client.get("/fr/dashboard").text
    assert "Vérification de l’entreprise" in dashboard and "En cours d’examen" in dashboard
    assert all(d.checked_at for d in case.documents)


def test_a_png_renamed_pdf_is_refused_clearly_and_nothing_is_stored(client, login, company_member):
    company_member("aminata")
    login("aminata")
    before = stored_files()
    response = upload(client, "trade_register", png_with_text(), "extrait.pdf")
    assert response.status_code == 400
    assert "PNG" in response.text and "aria-invalid" in response.text
    assert stored_files() == before
    assert db.session.scalar(select(func.count()).select_from(Document)) == 0


def test_empty_missing_and_wrong_type_uploads_lose_nothing(client, login, company_member):
    company_member("aminata")
    login("aminata")
    assert "Choisissez un fichier." in upload(client, "trade_register", b"", "").text
    response = upload(client, "passport", trade_register())
    assert response.status_code == 400
    response = upload(client, "trade_register", b"GIF89a" + b"\x00" * 40, "x.gif")
    assert response.status_code == 400
    page = client.get("/fr/verification/")
    response = client.post("/fr/verification/documents", data={"doc_type": "trade_register"})
    assert response.status_code == 400  # no CSRF token
    assert stored_files() == 0 and page.status_code == 200


def test_a_hostile_file_name_is_shown_escaped(client, login, company_member):
    company_member("aminata")
    login("aminata")
    upload(client, "trade_register", trade_register(), '<img src=x onerror="alert(1)">.pdf')
    page = client.get("/fr/verification/").text
    assert "<img src=x" not in page and "&lt;img src=x" in page


def test_a_stale_extract_with_an_editing_tool_is_flagged(client, login, company_member):
    company_member("aminata")
    login("aminata")
    data = make_pdf(
        ["Saveurs du Sahel SARL", "SN-DKR-2019-B-12345", "12 rue Carnot"],
        producer="Adobe Photoshop 25",
    )
    upload(client, "trade_register", data, issued_on="2020-01-15")
    page = client.get("/fr/verification/").text
    assert "Document trop ancien : daté du 2020-01-15" in page
    assert "outil d’édition (Adobe Photoshop 25)" in page


def test_the_same_file_sent_by_another_company_is_flagged(client, login, company_member):
    data = trade_register()
    company_member("aminata")
    company_member("copieur", name="Copie SARL", registration_number="X-1")
    login("aminata")
    upload(client, "trade_register", data)
    logout(client)
    login("copieur")
    upload(client, "trade_register", data)
    assert "déjà été envoyé par une autre entreprise" in client.get("/fr/verification/").text


def test_another_member_cannot_read_the_documents(client, login, company_member, make_user):
    company_member("aminata")
    login("aminata")
    upload(client, "trade_register", trade_register())
    key = db.session.scalar(select(Document.file_key))
    assert client.get(f"/files/{key}").status_code == 200
    logout(client)
    company_member("awa", name="Awa Conseil")
    login("awa")
    assert client.get(f"/files/{key}").status_code == 404
    assert client.get(f"/files/{key}?view=inline").status_code == 404
    assert "Saveurs du Sahel" not in client.get("/fr/verification/").text
    assert client.get("/admin/verification/").status_code in (302, 403)


def test_visitors_and_members_without_company(client, login, make_user):
    assert client.get("/fr/verification/").status_code == 302  # sign-in first
    make_user("expert", roles=["Expert"])
    login("expert")
    assert "aucune entreprise" in client.get("/fr/verification/").text
    response = client.post("/fr/verification/appeal", data={"text": "x"})
    assert response.status_code in (400, 404)


def test_every_portal_page_answers_each_persona_without_error(app, make_user):
    from tremplin.core.testing.urlwalk import assert_no_findings, make_personas, walk

    assert_no_findings(walk(app, make_personas(make_user, prefix="vwalk")))
