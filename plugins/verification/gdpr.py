"""A member's verification data in their export, and its erasure with the account.

The stored files themselves belong to the uploader in core storage: core puts them
in the export and deletes them with the account; here the document rows go too.
"""

from __future__ import annotations

from sqlalchemy import select, update

from tremplin.core.api import PersonalData, db

from .models import Decision, Document


def export(user_id: int) -> PersonalData | None:
    documents = list(db.session.scalars(select(Document).where(Document.uploaded_by == user_id)))
    decisions = list(db.session.scalars(select(Decision).where(Decision.actor_id == user_id)))
    if not documents and not decisions:
        return None
    records = [
        {
            "document": d.doc_type,
            "file": d.filename,
            "uploaded_at": d.uploaded_at.isoformat(),
            "risk": d.risk,
            "findings": [f.get("code") for f in d.findings or []],
        }
        for d in documents
    ] + [{"decision": d.action, "reason": d.reason, "at": d.at.isoformat()} for d in decisions]
    return PersonalData("Vérification", tuple(records))


def erase(user_id: int) -> None:
    """Delete the documents the member sent; decisions they took stay, without them."""
    for document in db.session.scalars(select(Document).where(Document.uploaded_by == user_id)):
        db.session.delete(document)
    db.session.execute(update(Decision).where(Decision.actor_id == user_id).values(actor_id=None))
