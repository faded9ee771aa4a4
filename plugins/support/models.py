"""Support tables: tickets, their messages, canned answers and help articles."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tremplin.core.api import Model

CATEGORIES = ("account", "verification", "technical", "content", "accessibility", "other")
STATUSES = ("open", "in_progress", "waiting", "resolved", "closed")
OPEN_STATUSES = ("open", "in_progress", "waiting")


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Ticket(Model):  # type: ignore[misc, valid-type]
    """A request for help. ``user_id`` is empty for a visitor's accessibility
    feedback, who leaves ``contact_email`` instead."""

    __tablename__ = "support_ticket"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("ab_user.id", ondelete="SET NULL"), index=True, default=None
    )
    contact_email: Mapped[str] = mapped_column(String(254), default="")
    category: Mapped[str] = mapped_column(String(20), index=True)
    subject: Mapped[str] = mapped_column(String(150))
    page_url: Mapped[str] = mapped_column(String(500), default="")
    language: Mapped[str] = mapped_column(String(5), default="fr")
    status: Mapped[str] = mapped_column(String(20), default="open", index=True)
    assignee_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("ab_user.id", ondelete="SET NULL"), index=True, default=None
    )
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    first_response_due: Mapped[datetime] = mapped_column(DateTime)
    resolution_due: Mapped[datetime] = mapped_column(DateTime)
    first_response_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    first_contact: Mapped[bool | None] = mapped_column(Boolean, default=None)
    sla_alerted: Mapped[bool] = mapped_column(Boolean, default=False)
    satisfaction: Mapped[int | None] = mapped_column(Integer, default=None)
    satisfaction_comment: Mapped[str] = mapped_column(Text, default="")

    messages: Mapped[list[TicketMessage]] = relationship(
        back_populates="ticket", order_by="TicketMessage.id", cascade="all, delete-orphan"
    )

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def overdue(self, now: datetime | None = None) -> bool:
        now = now or utcnow()
        if not self.is_open:
            return False
        if self.first_response_at is None and now > self.first_response_due:
            return True
        return now > self.resolution_due

    def __repr__(self) -> str:
        return f"#{self.id} {self.subject}"


class TicketMessage(Model):  # type: ignore[misc, valid-type]
    """One message of a ticket: from the member, or from an agent (``internal``
    notes are never shown to the member)."""

    __tablename__ = "support_message"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("support_ticket.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("ab_user.id", ondelete="SET NULL"), default=None
    )
    from_agent: Mapped[bool] = mapped_column(Boolean, default=False)
    internal: Mapped[bool] = mapped_column(Boolean, default=False)
    body: Mapped[str] = mapped_column(Text)
    attachment_key: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    ticket: Mapped[Ticket] = relationship(back_populates="messages")


class CannedAnswer(Model):  # type: ignore[misc, valid-type]
    """A ready-made answer agents insert and adapt."""

    __tablename__ = "support_canned_answer"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(120))
    body_fr: Mapped[str] = mapped_column(Text)
    body_en: Mapped[str] = mapped_column(Text, default="")

    def body(self, language: str) -> str:
        return (self.body_en if language == "en" else "") or self.body_fr

    def __repr__(self) -> str:
        return self.title


class HelpArticle(Model):  # type: ignore[misc, valid-type]
    """A knowledge-base article (FAQ or guide), in French and English."""

    __tablename__ = "support_article"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    category: Mapped[str] = mapped_column(String(20), default="other")
    title_fr: Mapped[str] = mapped_column(String(200))
    title_en: Mapped[str] = mapped_column(String(200), default="")
    body_fr: Mapped[str] = mapped_column(Text)
    body_en: Mapped[str] = mapped_column(Text, default="")
    published: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    def title(self, language: str) -> str:
        return (self.title_en if language == "en" else "") or self.title_fr

    def body(self, language: str) -> str:
        return (self.body_en if language == "en" else "") or self.body_fr

    def __repr__(self) -> str:
        return self.title_fr
