"""Tables: questionnaire versions, members' attempts, and who shows their level."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tremplin.core.api import Model

from .definition import Definition, parse

DRAFT, PUBLISHED, RETIRED = "draft", "published", "retired"
IN_PROGRESS, COMPLETED = "in_progress", "completed"


class Questionnaire(Model):  # type: ignore[misc, valid-type]
    """One version of a questionnaire model; published versions never change."""

    __tablename__ = "assessment_questionnaire"
    __table_args__ = (
        UniqueConstraint("key", "version", name="uq_assessment_questionnaire_version"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(60), index=True)
    version: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default=DRAFT)
    definition: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)

    def parsed(self) -> Definition:
        return parse(self.definition)

    def __repr__(self) -> str:
        return f"{self.key} v{self.version}"


class Attempt(Model):  # type: ignore[misc, valid-type]
    """A member's answers to one questionnaire version, and its result once completed.

    ``scores`` (dimension key → 0-100), ``overall`` and ``level`` are computed once, at
    completion, and kept: a result stays readable whatever later versions change. The
    company's country, sector and size band are copied then, for peer comparison and
    statistics."""

    __tablename__ = "assessment_attempt"
    __table_args__ = (Index("ix_assessment_attempt_user_status", "user_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("ab_user.id", ondelete="CASCADE"))
    questionnaire_id: Mapped[int] = mapped_column(ForeignKey("assessment_questionnaire.id"))
    status: Mapped[str] = mapped_column(String(16), default=IN_PROGRESS)
    step: Mapped[int] = mapped_column(Integer, default=0)
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    scores: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    overall: Mapped[float | None] = mapped_column(Float, default=None)
    level: Mapped[str | None] = mapped_column(String(60), default=None)
    company_id: Mapped[int | None] = mapped_column(Integer, default=None, index=True)
    country: Mapped[str] = mapped_column(String(8), default="")
    sector: Mapped[str] = mapped_column(String(120), default="")
    size_band: Mapped[str] = mapped_column(String(40), default="")
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )
    completed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)

    questionnaire: Mapped[Questionnaire] = relationship(lazy="joined")


class Sharing(Model):  # type: ignore[misc, valid-type]
    """Whether a member shows their latest level on their company's profile."""

    __tablename__ = "assessment_sharing"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("ab_user.id", ondelete="CASCADE"), primary_key=True
    )
    show_level: Mapped[bool] = mapped_column(Boolean, default=False)
