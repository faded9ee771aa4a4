"""The surveys tables: surveys, their questions, invitations (personal links),
responses and their answers.

In anonymous mode a response keeps no member id and no link to its invitation:
only the day it was given and the company's country, sector and export stage (for
segment filters, shown only for groups of at least ``[surveys] min_group`` answers).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tremplin.core.api import Model

KINDS = ("single", "multiple", "scale", "nps", "csat", "text", "number", "date", "matrix")
CHOICE_KINDS = ("single", "multiple", "matrix")
IMPACTS = ("", "markets", "revenue", "partnerships")


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Bilingual:
    def text(self, field: str, lang: str) -> str:
        english = getattr(self, f"{field}_en", "") or ""
        return str(english if lang == "en" and english else getattr(self, f"{field}_fr") or "")


class Survey(Bilingual, Model):  # type: ignore[misc, valid-type]
    __tablename__ = "surveys_survey"

    id: Mapped[int] = mapped_column(primary_key=True)
    title_fr: Mapped[str] = mapped_column(String(200))
    title_en: Mapped[str] = mapped_column(String(200), default="")
    intro_fr: Mapped[str] = mapped_column(Text, default="")
    intro_en: Mapped[str] = mapped_column(Text, default="")
    anonymous: Mapped[bool] = mapped_column(Boolean, default=True)
    purpose_fr: Mapped[str] = mapped_column(Text, default="")
    purpose_en: Mapped[str] = mapped_column(Text, default="")
    consent_fr: Mapped[str] = mapped_column(Text, default="")
    consent_en: Mapped[str] = mapped_column(Text, default="")
    retention_days: Mapped[int] = mapped_column(Integer, default=730)
    state: Mapped[str] = mapped_column(String(10), default="draft")  # draft|open|closed
    closes_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    # Who receives it: "event" (participants of event_id, when it ends) or "segment".
    audience: Mapped[str] = mapped_column(String(10), default="segment")
    event_id: Mapped[int | None] = mapped_column(Integer, default=None, index=True)
    seg_role: Mapped[str] = mapped_column(String(40), default="")
    seg_country: Mapped[str] = mapped_column(String(8), default="")
    seg_sector: Mapped[str] = mapped_column(String(8), default="")
    seg_export: Mapped[str] = mapped_column(String(20), default="")
    recurrence_months: Mapped[int] = mapped_column(Integer, default=0)
    next_run_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    wave: Mapped[int] = mapped_column(Integer, default=0)
    reminder_days: Mapped[int] = mapped_column(Integer, default=7)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    questions: Mapped[list[Question]] = relationship(
        back_populates="survey",
        order_by="Question.position",
        cascade="all, delete-orphan",
    )

    def __repr__(self) -> str:
        return self.title_fr


class Question(Bilingual, Model):  # type: ignore[misc, valid-type]
    __tablename__ = "surveys_question"

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys_survey.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    section_fr: Mapped[str] = mapped_column(String(200), default="")
    section_en: Mapped[str] = mapped_column(String(200), default="")
    kind: Mapped[str] = mapped_column(String(10))
    label_fr: Mapped[str] = mapped_column(String(500))
    label_en: Mapped[str] = mapped_column(String(500), default="")
    # [{"value": "1", "fr": "...", "en": "..."}]: choices (and matrix columns)
    options: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    rows: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)  # matrix rows
    required: Mapped[bool] = mapped_column(Boolean, default=False)
    cond_question_id: Mapped[int | None] = mapped_column(Integer, default=None)
    cond_values: Mapped[list[str]] = mapped_column(JSON, default=list)
    cond_profile: Mapped[str] = mapped_column(String(20), default="")  # ""|sector|export_stage
    cond_profile_values: Mapped[list[str]] = mapped_column(JSON, default=list)
    impact: Mapped[str] = mapped_column(String(20), default="")

    survey: Mapped[Survey] = relationship(back_populates="questions")

    def option_label(self, value: str, lang: str, items: Any = None) -> str:
        for option in self.options if items is None else items:
            if option["value"] == value:
                return str(option.get(lang) or option["fr"])
        return value


class Invitation(Model):  # type: ignore[misc, valid-type]
    """A personal single-use link sent to one member for one wave."""

    __tablename__ = "surveys_invitation"
    __table_args__ = (UniqueConstraint("survey_id", "wave", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(
        ForeignKey("surveys_survey.id", ondelete="CASCADE"), index=True
    )
    wave: Mapped[int] = mapped_column(Integer, default=1)
    user_id: Mapped[int] = mapped_column(Integer, index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    sent_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    reminded_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    used_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)


class Response(Model):  # type: ignore[misc, valid-type]
    __tablename__ = "surveys_response"

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(
        ForeignKey("surveys_survey.id", ondelete="CASCADE"), index=True
    )
    wave: Mapped[int] = mapped_column(Integer, default=1)
    submitted_on: Mapped[date] = mapped_column(Date)
    user_id: Mapped[int | None] = mapped_column(Integer, default=None)  # identified mode only
    country: Mapped[str] = mapped_column(String(8), default="")
    sector: Mapped[str] = mapped_column(String(8), default="")
    export_stage: Mapped[str] = mapped_column(String(20), default="", server_default="")
    language: Mapped[str] = mapped_column(String(5), default="fr")

    answers: Mapped[list[Answer]] = relationship(cascade="all, delete-orphan")


class Answer(Model):  # type: ignore[misc, valid-type]
    """One value: a choice, a number, a text; several rows for a multiple choice,
    one per row (``row``) for a matrix."""

    __tablename__ = "surveys_answer"

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(
        ForeignKey("surveys_response.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[int] = mapped_column(
        ForeignKey("surveys_question.id", ondelete="CASCADE"), index=True
    )
    row: Mapped[str] = mapped_column(String(20), default="")
    value: Mapped[str] = mapped_column(String(2000))
    number: Mapped[float | None] = mapped_column(Float, default=None)


MODELS = (Survey, Question, Invitation, Response, Answer)
