"""Verification cases: documents arriving, states, and what members see (no request
objects: views, tasks and the CLI share these functions)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import IO, Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from tremplin.core import api
from tremplin.core.api import db, kept_for, per_request, storage

from .checks import DOC_TYPES
from .models import Case, Document, utcnow

PURPOSE = "verification.document"
ACCEPTED = ("application/pdf", "image/png", "image/jpeg")
DOC_LABELS = {
    "trade_register": _l("Extrait du registre du commerce"),
    "manager_id": _l("Justificatif d’identité du dirigeant"),
    "financial_statements": _l("Derniers états financiers"),
    "proof_of_address": _l("Preuve d’adresse de l’entreprise"),
}
STATE_LABELS = {
    "unverified": _l("Non vérifié"),
    "pending": _l("En cours d’examen"),
    "more_info": _l("Informations complémentaires demandées"),
    "rejected": _l("Refusé"),
    "verified": _l("Profil vérifié"),
    "expired": _l("Vérification expirée"),
}

ACTION_LABELS = {
    "approve": _l("Approuvé"),
    "reject": _l("Refusé"),
    "more_info": _l("Informations demandées"),
    "appeal": _l("Appel"),
    "recommend": _l("Recommandé par l’OIF"),
    "unrecommend": _l("Recommandation retirée"),
}


def setting(key: str) -> Any:
    return api.setting("verification", key)


def required_types() -> list[str]:
    """The document types a company must send (``[verification] required_documents``)."""
    return [t for t in setting("required_documents") if t in DOC_TYPES]


@per_request
def _case(company_id: int) -> Case | None:
    return db.session.scalar(select(Case).where(Case.company_id == company_id))


def case_of(company_id: int, create: bool = False) -> Case | None:
    case = _case(company_id)
    if case is None and create:
        case = Case(company_id=company_id, state="unverified")
        db.session.add(case)
        db.session.flush()
    return case


def effective_state(case: Case | None, now: datetime | None = None) -> str:
    """The state members and other plugins see: a verification past its expiry date is
    ``"expired"`` even before the daily task records it."""
    if case is None:
        return "unverified"
    if case.state == "verified" and case.expires_at and case.expires_at <= (now or utcnow()):
        return "expired"
    return case.state


def state_of(company_id: int) -> str:
    return effective_state(case_of(company_id))


# What other plugins see on every page (the member's badge, the directory's cards):
# kept a few seconds per process, forgotten when this process commits a change, so a
# decision taken in another worker shows within SHOWN_SECONDS.
SHOWN_SECONDS = 30.0


@kept_for(SHOWN_SECONDS)
def shown_state(company_id: int) -> str:
    return state_of(company_id)


@kept_for(SHOWN_SECONDS)
def shown_recommended(company_id: int) -> bool:
    case = case_of(company_id)
    return bool(case is not None and case.recommended)


def missing_types(case: Case) -> list[str]:
    present = {d.doc_type for d in case.current_documents()}
    return [t for t in required_types() if t not in present]


class UploadError(Exception):
    """A refused upload; ``message`` is translated for the member."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def add_document(
    member: Any,
    company_id: int,
    doc_type: str,
    stream: IO[bytes],
    filename: str,
    issued_on: datetime | None = None,
) -> Document:
    """Store one document (PDF, JPEG or PNG, checked by core storage) and queue its
    checks after commit. Raises :class:`UploadError`; the caller rolls back then."""
    if doc_type not in DOC_TYPES:
        raise UploadError(str(_l("Choisissez le type de document.")))
    case = case_of(company_id, create=True)
    assert case is not None
    try:
        file = storage.save(
            stream, filename=filename, owner=member.id, purpose=PURPOSE, kinds=("pdf", "image")
        )
    except storage.RejectedFile as exc:
        raise UploadError(exc.message) from exc
    if file.content_type not in ACCEPTED:
        raise UploadError(
            str(_l("Ce type d’image n’est pas accepté : envoyez un PDF, un JPEG ou un PNG."))
        )
    document = Document(
        case=case,
        doc_type=doc_type,
        file_key=file.key,
        filename=file.filename,
        content_type=file.content_type,
        sha256=file.sha256,
        issued_on=issued_on,
        uploaded_by=member.id,
        findings=[],
    )
    db.session.add(document)
    db.session.flush()
    _after_upload(case)
    from .tasks import check_document

    document_id = document.id
    api.after_commit(lambda: check_document(document_id))
    return document


def _after_upload(case: Case) -> None:
    """A complete set of documents puts the case in the moderators' queue; a renewal
    (verified company sending new documents) waits there without losing its badge."""
    case.submitted_at = utcnow()
    if missing_types(case):
        return
    state = effective_state(case)
    if state in ("unverified", "more_info", "expired", "pending"):
        changed = case.state != "pending"
        case.state = "pending"
        if changed:
            announce(case)


def appeal(case: Case, member: Any, text: str) -> None:
    """A rejected company appeals with new information (spec 6.1.6)."""
    text = (text or "").strip()
    if case.state != "rejected":
        raise UploadError(str(_l("Seul un dossier refusé peut faire l’objet d’un appel.")))
    if not text:
        raise UploadError(str(_l("Expliquez votre appel : ce champ est obligatoire.")))
    from .decisions import add_decision

    case.state, case.appeal, case.appeal_text = "pending", True, text[:5000]
    case.submitted_at = utcnow()
    add_decision(case, member.id, "appeal", text)
    announce(case)


def announce(case: Case) -> None:
    """Tell other plugins, after commit, that the state or the mark changed."""
    api.emit(
        "company_verification_changed",
        company_id=case.company_id,
        state=effective_state(case),
        recommended=bool(case.recommended),
    )


def renewal_pending(case: Case) -> bool:
    """A verified company sent documents since its last approval."""
    return bool(
        case.state == "verified"
        and case.submitted_at
        and case.verified_at
        and case.submitted_at > case.verified_at
    )


def validity() -> timedelta:
    return timedelta(days=int(setting("validity_days")))


def document_url(document: Document) -> str | None:
    file = storage.get(document.file_key)
    return storage.url_for_file(file) if file is not None else None


def notify_company(company_id: int, kind: str, **context: Any) -> None:
    """Notify every member of the company (in the transaction), each one with a link
    to the status page in their own language."""
    company = api.company(company_id)
    ids = api.company_member_ids(company_id)
    people = api.members(user_ids=ids, limit=max(len(ids), 1)) if ids else []
    for member in people:
        lang = member.language if member.language in ("fr", "en") else "fr"
        api.notify(
            member.id,
            kind,
            name=company.name if company else "",
            url=f"/{lang}/verification/",
            **context,
        )
