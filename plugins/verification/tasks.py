"""Background work: the automated checks of a document as it arrives, and the daily
re-verification round (reminders before expiry, then expiry)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select

from tremplin.core import api
from tremplin.core.api import db, storage

from .checks import CompanyFacts, Context, Snapshot, run
from .findings import Finding, from_answer, risk_of, worst
from .models import Case, Document, utcnow
from .services import PURPOSE, announce, notify_company, setting

log = logging.getLogger("tremplin.verification")
MAX_AGE_KEYS = {
    "trade_register": "trade_register_max_days",
    "financial_statements": "financial_statements_max_days",
    "proof_of_address": "proof_of_address_max_days",
}


@api.task(name="verification.check_document", retries=2, retry_delay=30)
def check_document(document_id: int) -> str:
    """Run every check on one document, store its findings and the case's risk; the
    risk level found (``""`` when the document is gone)."""
    document = db.session.get(Document, document_id)
    if document is None:
        return ""
    file = storage.get(document.file_key)
    if file is None or file.purpose != PURPOSE:
        return ""
    with storage.open(file) as handle:
        data = handle.read()
    snapshot = Snapshot(
        document.id,
        document.case.company_id,
        document.doc_type,
        document.filename,
        document.content_type,
        document.sha256,
        data,
        document.issued_on,
    )
    findings, text = run(snapshot, company_facts(snapshot.company_id), context_for(snapshot))
    findings += external_findings(snapshot, text)
    document.findings = [f.as_dict() for f in findings]
    document.risk = risk_of(document.findings)
    document.checked_at = utcnow()
    case = document.case
    case.risk = worst(d.risk for d in case.current_documents())
    db.session.commit()
    return document.risk


def company_facts(company_id: int) -> CompanyFacts:
    company = api.company(company_id)
    if company is None:
        return CompanyFacts(name="")
    return CompanyFacts(company.name, company.registration_number, company.address)


def context_for(doc: Snapshot) -> Context:
    reused = db.session.scalars(
        select(Case.company_id)
        .join(Document)
        .where(Document.sha256 == doc.sha256, Case.company_id != doc.company_id)
        .distinct()
    )
    return Context(
        now=utcnow(),
        reused_by=sorted(reused),
        other_names=_other_names(doc.company_id),
        max_age_days={t: int(setting(k)) for t, k in MAX_AGE_KEYS.items()},
        max_edit_gap_days=int(setting("max_edit_gap_days")),
    )


def _other_names(company_id: int) -> Iterator[tuple[int, str]]:
    """Other registered companies' names, read lazily (only when the declared name is
    missing from the text)."""
    for company in api.companies():
        if company.id != company_id:
            yield company.id, company.name


def external_findings(doc: Snapshot, text: str) -> list[Finding]:
    """What the ``verify_document`` implementations (AI or external checkers) add; one
    that fails adds a finding saying so instead of breaking the checks."""
    pm = current_app.extensions["tremplin"].pm
    found: list[Finding] = []
    for impl in pm.hook.verify_document.get_hookimpls():
        try:
            answer = impl.function(document=doc, text=text)
        except Exception as exc:  # an external checker must not stop the built-in ones
            log.exception("verify_document failed in %s", impl.plugin_name)
            found.append(Finding("checker_failed", "medium", {"value": type(exc).__name__}))
            continue
        found += [f for f in map(from_answer, answer or ()) if f is not None]
    return found


def reverification_round(now: datetime | None = None) -> dict[str, int]:
    """Remind companies whose verification ends within ``reminder_days`` and expire
    those past their date (the badge goes); counts of each."""
    now = now or utcnow()
    counts = {"reminded": remind_due(now), "expired": expire_due(now)}
    db.session.commit()
    return counts


def remind_due(now: datetime) -> int:
    soon = now + timedelta(days=int(setting("reminder_days")))
    due = db.session.scalars(
        select(Case).where(
            Case.state == "verified",
            Case.expires_at <= soon,
            Case.expires_at > now,
            Case.reminded_at.is_(None),
        )
    )
    count = 0
    for case in due:
        expires = case.expires_at or now  # never None here: the query asks for a date
        notify_company(case.company_id, "verification.reminder", date=expires.date().isoformat())
        case.reminded_at = now
        count += 1
    return count


def expire_due(now: datetime) -> int:
    due = db.session.scalars(select(Case).where(Case.state == "verified", Case.expires_at <= now))
    count = 0
    for case in due:
        case.state = "expired"
        case.recommended = False
        notify_company(case.company_id, "verification.expired")
        announce(case)
        count += 1
    return count
