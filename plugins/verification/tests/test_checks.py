"""The automated checks on hand-made documents, without the database."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from tremplin.core.testing.storage import png_with_text
from tremplin.plugins.verification.checks import CompanyFacts, Context, Snapshot, run
from tremplin.plugins.verification.findings import risk_of
from tremplin.plugins.verification.textmatch import contains_number, contains_phrase, normalise

from .fixtures import AMINATA_COMPANY, make_pdf, trade_register

NOW = datetime(2026, 12, 4, 12, 0)  # noqa: DTZ001 (stored dates are naive UTC)
AMINATA = CompanyFacts("Saveurs du Sahel SARL", "SN-DKR-2019-B-12345", "12 rue Carnot")
LIMITS = {"trade_register": 92, "financial_statements": 548, "proof_of_address": 92}


def check(data: bytes, doc_type="trade_register", content_type="application/pdf", **ctx):
    doc = Snapshot(
        1,
        7,
        doc_type,
        "doc.pdf",
        content_type,
        hashlib.sha256(data).hexdigest(),
        data,
        ctx.pop("issued_on", None),
    )
    context = Context(now=NOW, max_age_days=LIMITS, **ctx)
    findings, _text = run(doc, AMINATA, context)
    return {f.code: f for f in findings}, risk_of(f.as_dict() for f in findings)


def test_normalisation_ignores_case_accents_punctuation_and_spacing():
    assert normalise("  Société  GÉNÉRALE-du Sénégal ") == "societe generale du senegal"
    assert contains_phrase(
        "DENOMINATION: SOCIETE GENERALE DU SENEGAL S.A.", "Société générale du Sénégal"
    )
    assert contains_phrase("Nom : SAVEURS DU SAHEL", "Saveurs du Sahel SARL")  # legal form
    assert not contains_phrase("Saveurs du Sahelien", "Saveurs du Sahel")
    assert contains_number("RCCM : SN DKR 2019 B 12345", "SN-DKR-2019-B-12345")
    assert not contains_number("RCCM : SN-DKR-2019-B-12346", "SN-DKR-2019-B-12345")


def test_a_consistent_recent_extract_is_low_risk_and_says_what_matched():
    found, risk = check(trade_register(created=NOW - timedelta(days=10)))
    assert {"name_found", "registration_found", "address_found", "date_ok"} <= set(found)
    assert risk == "low"


def test_a_forged_pdf_whose_text_names_another_company_is_flagged():
    forged = trade_register(
        {
            **AMINATA_COMPANY,
            "name": "Baobab Export SA",
            "registration_number": "SN-DKR-2020-B-99999",
        },
        created=NOW - timedelta(days=5),
    )
    found, risk = check(forged, other_names=[(9, "Baobab Export SA")])
    assert found["name_missing"].severity == "high"
    assert found["other_company"].details["value"] == "Baobab Export SA"
    assert found["registration_missing"].severity == "high"
    assert risk == "high"


def test_suspicious_metadata_future_dates_far_apart_and_editing_tools():
    data = make_pdf(
        ["Saveurs du Sahel"],
        created=NOW - timedelta(days=400),
        modified=NOW + timedelta(days=30),
        producer="Adobe Photoshop 25.0",
    )
    found, risk = check(data, doc_type="manager_id")
    assert found["future_date"].severity == "high"
    assert int(found["dates_apart"].details["value"]) > 30
    assert "Photoshop" in found["editing_tool"].details["value"]
    assert risk == "high"


def test_expired_documents_by_declared_date_or_pdf_creation_date():
    old = trade_register(created=NOW - timedelta(days=200))
    found, _ = check(old)
    assert found["expired"].details["limit"] == 92
    found, _ = check(old, issued_on=NOW - timedelta(days=20))  # the declared date wins
    assert "date_ok" in found and "expired" not in found
    statements = make_pdf(
        ["Saveurs du Sahel SARL", "SN-DKR-2019-B-12345"], created=NOW - timedelta(days=500)
    )
    found, _ = check(statements, doc_type="financial_statements")
    assert "date_ok" in found  # 18 months for financial statements


def test_a_scan_without_text_is_never_a_silent_pass():
    found, risk = check(png_with_text(), doc_type="proof_of_address", content_type="image/png")
    assert found["text_unavailable"].severity == "medium"
    assert found["date_unknown"].severity == "medium"
    assert risk == "medium"
    found, _ = check(make_pdf([], created=NOW))  # a PDF with no text layer
    assert "text_unavailable" in found


def test_real_type_and_reuse_by_another_company():
    found, risk = check(png_with_text(), content_type="application/pdf")
    assert found["type_mismatch"].details["actual"] == "image/png" and risk == "high"
    found, risk = check(trade_register(created=NOW), reused_by=[42])
    assert found["reused"].details["value"] == 42 and risk == "high"
    found, _ = check(b"%PDF-1.7\n1 0 obj << >>\nbroken")
    assert "unreadable" in found


def test_no_declared_registration_number_is_said_not_passed():
    doc = Snapshot(
        1, 7, "trade_register", "x.pdf", "application/pdf", "h", trade_register(created=NOW)
    )
    findings, _ = run(doc, CompanyFacts("Saveurs du Sahel SARL"), Context(now=NOW))
    assert "registration_unknown" in {f.code for f in findings}
