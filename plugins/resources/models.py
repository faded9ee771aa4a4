"""The resource centre's tables: items, their sections and files, custom-study requests."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tremplin.core.api import Model

KINDS = ("guide", "country_sheet", "study", "link")
STATES = ("draft", "review", "published", "archived")
ACCESS_LEVELS = ("public", "members", "verified", "roles")
AUDIENCES = ("first_time", "growing", "experienced")
SECTION_KEYS = ("economy", "trade", "regulation", "culture", "contacts", "financing")
REQUEST_STATES = ("submitted", "in_review", "in_progress", "delivered", "declined")


def split_list(value: str | None) -> list[str]:
    """A comma-separated column as a list of trimmed, non-empty values."""
    return [part.strip() for part in (value or "").split(",") if part.strip()]


class Resource(Model):  # type: ignore[misc, valid-type]
    """One item of the library, in French and/or English."""

    __tablename__ = "resources_resource"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    kind: Mapped[str] = mapped_column(String(20), default="guide", index=True)
    title_fr: Mapped[str | None] = mapped_column(String(200), default="", nullable=True)
    title_en: Mapped[str | None] = mapped_column(String(200), default="", nullable=True)
    summary_fr: Mapped[str | None] = mapped_column(Text, default="", nullable=True)
    summary_en: Mapped[str | None] = mapped_column(Text, default="", nullable=True)
    body_fr: Mapped[str | None] = mapped_column(Text, default="", nullable=True)  # Markdown
    body_en: Mapped[str | None] = mapped_column(Text, default="", nullable=True)
    url: Mapped[str | None] = mapped_column(
        String(500), default="", nullable=True
    )  # links and partner resources
    publisher: Mapped[str | None] = mapped_column(String(200), default="", nullable=True)
    coverage: Mapped[str | None] = mapped_column(
        String(300), default="", nullable=True
    )  # studies: what they cover
    study_date: Mapped[date | None] = mapped_column(Date, default=None)
    sectors: Mapped[str | None] = mapped_column(
        String(300), default="", nullable=True
    )  # comma-separated codes
    countries: Mapped[str | None] = mapped_column(
        String(300), default="", nullable=True
    )  # "SN", "CA-QC"...
    tags: Mapped[str | None] = mapped_column(String(300), default="", nullable=True)
    audiences: Mapped[str | None] = mapped_column(
        String(60), default="", nullable=True
    )  # AUDIENCES, comma-separated
    access: Mapped[str] = mapped_column(String(20), default="public")  # who reads the page
    download_access: Mapped[str] = mapped_column(String(20), default="public")  # who downloads
    access_roles: Mapped[str | None] = mapped_column(
        String(300), default="", nullable=True
    )  # for "roles"
    preview_pages: Mapped[int] = mapped_column(Integer, default=2)
    state: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    publish_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    review_at: Mapped[date | None] = mapped_column(Date, default=None)
    reminded_at: Mapped[date | None] = mapped_column(Date, default=None)
    created_by: Mapped[int | None] = mapped_column(Integer, default=None)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )

    sections: Mapped[list[ResourceSection]] = relationship(
        back_populates="resource", cascade="all, delete-orphan", order_by="ResourceSection.position"
    )
    files: Mapped[list[ResourceFile]] = relationship(
        back_populates="resource", cascade="all, delete-orphan", order_by="ResourceFile.id"
    )

    def title(self, lang: str) -> str:
        return (self.title_en if lang == "en" and self.title_en else self.title_fr) or (
            self.title_en or ""
        )

    def summary(self, lang: str) -> str:
        return (self.summary_en if lang == "en" and self.summary_en else self.summary_fr) or (
            self.summary_en or ""
        )

    def body(self, lang: str) -> str:
        return (self.body_en if lang == "en" and self.body_en else self.body_fr) or (
            self.body_en or ""
        )

    @property
    def languages(self) -> list[str]:
        """The languages the item is written in (``fr``, ``en`` or both)."""
        found = [lang for lang in ("fr", "en") if getattr(self, f"title_{lang}")]
        return found or ["fr"]

    def missing_translation(self, lang: str) -> bool:
        return lang not in self.languages

    @property
    def downloads_total(self) -> int:
        return sum(f.downloads for f in self.files)

    def listed(self, column: str) -> list[str]:
        return split_list(getattr(self, column))

    def __repr__(self) -> str:
        return self.slug


class ResourceSection(Model):  # type: ignore[misc, valid-type]
    """A structured section of a country sheet (economy, customs, regulation...)."""

    __tablename__ = "resources_section"

    id: Mapped[int] = mapped_column(primary_key=True)
    resource_id: Mapped[int] = mapped_column(
        ForeignKey("resources_resource.id", ondelete="CASCADE"), index=True
    )
    key: Mapped[str] = mapped_column(String(20))
    body_fr: Mapped[str | None] = mapped_column(Text, default="", nullable=True)
    body_en: Mapped[str | None] = mapped_column(Text, default="", nullable=True)
    position: Mapped[int] = mapped_column(Integer, default=0)

    resource: Mapped[Resource] = relationship(back_populates="sections")

    def body(self, lang: str) -> str:
        return (self.body_en if lang == "en" and self.body_en else self.body_fr) or ""

    def __repr__(self) -> str:
        return self.key


class ResourceFile(Model):  # type: ignore[misc, valid-type]
    """A document attached to an item (PDF, DOCX, XLSX) and its extracted text."""

    __tablename__ = "resources_file"

    id: Mapped[int] = mapped_column(primary_key=True)
    resource_id: Mapped[int] = mapped_column(
        ForeignKey("resources_resource.id", ondelete="CASCADE"), index=True
    )
    file_key: Mapped[str] = mapped_column(String(64), unique=True)
    preview_key: Mapped[str | None] = mapped_column(String(64), default=None)
    label: Mapped[str] = mapped_column(String(200), default="")
    language: Mapped[str] = mapped_column(String(5), default="fr")
    text: Mapped[str] = mapped_column(Text, default="")
    preview_text: Mapped[str] = mapped_column(Text, default="")
    pages: Mapped[int] = mapped_column(Integer, default=0)
    downloads: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    resource: Mapped[Resource] = relationship(back_populates="files")

    def __repr__(self) -> str:
        return self.label or self.file_key


class StudyRequest(Model):  # type: ignore[misc, valid-type]
    """A member's request for a custom market study, followed in the back office."""

    __tablename__ = "resources_study_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(Integer, index=True)
    sector: Mapped[str] = mapped_column(String(200))
    markets: Mapped[str] = mapped_column(String(300))
    questions: Mapped[str] = mapped_column(Text)
    deadline: Mapped[date | None] = mapped_column(Date, default=None)
    state: Mapped[str] = mapped_column(String(20), default="submitted", index=True)
    staff_note: Mapped[str | None] = mapped_column(Text, default="", nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )

    def as_dict(self) -> dict[str, Any]:
        return {
            "sector": self.sector,
            "markets": self.markets,
            "questions": self.questions,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "state": self.state,
            "created_at": self.created_at.isoformat() if self.created_at else None,
        }

    def __repr__(self) -> str:
        return f"#{self.id}"
