"""What the review page shows: the queue's rows and each document, inline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select

from tremplin.core import api
from tremplin.core.api import db, storage

from .models import Case, Document
from .pdfcheck import read_pdf
from .services import renewal_pending

RISK_ORDER = {"high": 0, "medium": 1, "low": 2, "": 3}
MAX_SHOWN_TEXT = 6000


@dataclass(frozen=True)
class QueueRow:
    case_id: int
    company_name: str
    country: str
    state: str
    risk: str
    submitted_at: datetime | None
    appeal: bool
    renewal: bool


def queue() -> list[QueueRow]:
    """Cases awaiting a decision (pending, and verified companies renewing), riskiest
    and oldest first."""
    cases = list(
        db.session.scalars(
            select(Case).where(or_(Case.state == "pending", Case.state == "verified"))
        )
    )
    cases = [c for c in cases if c.state == "pending" or renewal_pending(c)]
    names = {c.id: c for c in api.companies([c.company_id for c in cases])} if cases else {}
    rows = [
        QueueRow(
            c.id,
            names[c.company_id].name if c.company_id in names else "?",
            names[c.company_id].country if c.company_id in names else "",
            c.state,
            c.risk,
            c.submitted_at,
            c.appeal,
            renewal_pending(c),
        )
        for c in cases
    ]
    return sorted(rows, key=lambda r: (RISK_ORDER.get(r.risk, 3), r.submitted_at or datetime.max))  # noqa: DTZ901


@dataclass(frozen=True)
class DocumentView:
    document: Document
    url: str | None
    is_image: bool
    text: str


def document_views(case: Case) -> list[DocumentView]:
    """Each current document with its link (authorised per request) and, for a PDF,
    the text read from it, shown inline."""
    views = []
    for document in case.current_documents():
        file = storage.get(document.file_key)
        views.append(
            DocumentView(
                document,
                storage.url_for_file(file) if file else None,
                document.content_type.startswith("image/"),
                _text(file) if file and document.content_type == "application/pdf" else "",
            )
        )
    return views


def _text(file: Any) -> str:
    with storage.open(file) as handle:
        data = handle.read()
    try:
        return read_pdf(data).text[:MAX_SHOWN_TEXT]
    except ValueError:
        return ""
