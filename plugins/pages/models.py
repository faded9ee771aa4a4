"""The ``pages_page`` table: one row per page, both languages side by side."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, DateTime, Integer, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from tremplin.core.api import Model


class Bilingual:
    """French text with its English version, French standing in when English is empty
    (mixed into the model and into the cached links, which have the same fields)."""

    title_fr: Any
    title_en: Any
    summary_fr: Any
    summary_en: Any

    def title(self, lang: str) -> str:
        return str(self.title_en if lang == "en" and self.title_en else self.title_fr)

    def summary(self, lang: str) -> str:
        return (self.summary_en if lang == "en" and self.summary_en else self.summary_fr) or ""


class Page(Bilingual, Model):  # type: ignore[misc, valid-type]
    __tablename__ = "pages_page"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title_fr: Mapped[str] = mapped_column(String(200))
    title_en: Mapped[str | None] = mapped_column(String(200), default="", nullable=True)
    summary_fr: Mapped[str] = mapped_column(String(300), default="")
    summary_en: Mapped[str | None] = mapped_column(String(300), default="", nullable=True)
    body_fr: Mapped[str] = mapped_column(Text, default="")
    body_en: Mapped[str | None] = mapped_column(Text, default="", nullable=True)
    in_footer: Mapped[bool] = mapped_column(Boolean, default=False)
    in_menu: Mapped[bool] = mapped_column(Boolean, default=False)
    position: Mapped[int] = mapped_column(Integer, default=100)
    published: Mapped[bool] = mapped_column(Boolean, default=True)
    # Editorial workflow shared with the resource centre: draft, review, scheduled, published.
    state: Mapped[str] = mapped_column(String(20), default="published", server_default="published")
    # Scheduled publication: a "scheduled" page shows to readers from this moment (UTC).
    publish_at: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), default=None, nullable=True
    )
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )

    def body(self, lang: str) -> str:
        return (self.body_en if lang == "en" and self.body_en else self.body_fr) or ""

    def translated(self, lang: str) -> bool:
        """Whether the page has its own text in ``lang`` (French is the original)."""
        return lang == "fr" or bool(self.title_en and self.body_en)

    def __repr__(self) -> str:
        return self.slug
