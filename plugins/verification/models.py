"""The verification tables: one case per company, its documents and its decisions."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tremplin.core.api import Model

STATES = ("unverified", "pending", "more_info", "rejected", "verified", "expired")
RISKS = ("low", "medium", "high")


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Case(Model):  # type: ignore[misc,valid-type]
    """A company's verification: its state, risk level, expiry and appeal.

    ``company_id`` is a plain integer (no foreign key): a case outlives nothing, it
    is deleted with the company's documents on erasure."""

    __tablename__ = "verification_case"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    company_id: Mapped[int] = mapped_column(Integer, unique=True, index=True)
    state: Mapped[str] = mapped_column(String(16), default="unverified", index=True)
    risk: Mapped[str] = mapped_column(String(8), default="")
    recommended: Mapped[bool] = mapped_column(Boolean, default=False)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    verified_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    expires_at: Mapped[datetime | None] = mapped_column(DateTime, default=None, index=True)
    reminded_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    # Who rejected last: an appeal must be reviewed by someone else (spec 6.1.6).
    rejected_by: Mapped[int | None] = mapped_column(Integer, default=None)
    appeal: Mapped[bool] = mapped_column(Boolean, default=False)
    appeal_text: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    documents: Mapped[list[Document]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="Document.id"
    )
    decisions: Mapped[list[Decision]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="Decision.id"
    )

    def current_documents(self) -> list[Document]:
        """The latest document of each type (older uploads are kept as history)."""
        latest: dict[str, Document] = {}
        for document in self.documents:
            latest[document.doc_type] = document
        return list(latest.values())


class Document(Model):  # type: ignore[misc,valid-type]
    """One supporting document: the stored file (core storage) and its findings."""

    __tablename__ = "verification_document"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("verification_case.id", ondelete="CASCADE"))
    doc_type: Mapped[str] = mapped_column(String(32))
    file_key: Mapped[str] = mapped_column(String(64))
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    issued_on: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    uploaded_by: Mapped[int | None] = mapped_column(Integer, index=True, default=None)
    uploaded_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    checked_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    risk: Mapped[str] = mapped_column(String(8), default="")
    findings: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)

    case: Mapped[Case] = relationship(back_populates="documents")


class Decision(Model):  # type: ignore[misc,valid-type]
    """A moderator's decision, a member's appeal or an admin's mark, with its reason."""

    __tablename__ = "verification_decision"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("verification_case.id", ondelete="CASCADE"))
    actor_id: Mapped[int | None] = mapped_column(Integer, default=None)
    action: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    case: Mapped[Case] = relationship(back_populates="decisions")
