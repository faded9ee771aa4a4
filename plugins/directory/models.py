"""The directory's tables: what a company profile adds to ``core_company``, its media,
representative invitations, expert profiles and the curated tags."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from tremplin.core.api import Model


class CompanyProfile(Model):  # type: ignore[misc, valid-type]
    """One row per company that has a directory profile (``core_company`` holds its
    identity and French description). ``hidden``: by the moderation (only the
    company's representatives and staff see it)."""

    __tablename__ = "directory_company"

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(
        ForeignKey("core_company.id", ondelete="CASCADE"), unique=True
    )
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("ab_user.id", ondelete="SET NULL"), default=None, index=True
    )
    description_en: Mapped[str] = mapped_column(Text, default="")
    products_fr: Mapped[str] = mapped_column(Text, default="")
    products_en: Mapped[str] = mapped_column(Text, default="")
    seeks: Mapped[str] = mapped_column(Text, default="")  # partners, distributors...
    objectives: Mapped[str] = mapped_column(Text, default="")  # internationalisation
    markets: Mapped[list[str]] = mapped_column(JSON, default=list)  # country codes
    logo_key: Mapped[str | None] = mapped_column(String(64), default=None)
    visibility: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)  # curated slugs
    free_tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    hidden: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )

    def __repr__(self) -> str:
        return f"CompanyProfile({self.company_id})"

    # Columns of the back-office list (Flask-AppBuilder calls them per row).
    def company_name(self) -> str:
        from tremplin.core import api

        found = api.company(self.company_id)
        return found.name if found else "?"

    def company_country(self) -> str:
        from tremplin.core import api

        found = api.company(self.company_id)
        return api.country_name(found.country) if found else ""

    def portal_link(self) -> Any:
        return _portal_link("directory.edit_company", company_id=self.company_id)


MEDIA_KINDS = ("photo", "brochure", "video")


class CompanyMedia(Model):  # type: ignore[misc, valid-type]
    """A photo or brochure (a stored file) or a video link of a company."""

    __tablename__ = "directory_media"

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(
        ForeignKey("core_company.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(10))  # MEDIA_KINDS
    file_key: Mapped[str | None] = mapped_column(String(64), default=None, index=True)
    url: Mapped[str] = mapped_column(String(300), default="")  # the video's embed address
    title: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class RepresentativeInvitation(Model):  # type: ignore[misc, valid-type]
    """The owner asked a member to represent the company; they accept or decline."""

    __tablename__ = "directory_invitation"
    __table_args__ = (UniqueConstraint("company_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("core_company.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("ab_user.id", ondelete="CASCADE"), index=True)
    invited_by: Mapped[int | None] = mapped_column(
        ForeignKey("ab_user.id", ondelete="SET NULL"), default=None
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class ExpertProfile(Model):  # type: ignore[misc, valid-type]
    """An expert's profile (accounts with the Expert role); ``hidden`` by the
    moderation (only the expert and staff see it)."""

    __tablename__ = "directory_expert"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("ab_user.id", ondelete="CASCADE"), unique=True)
    headline: Mapped[str] = mapped_column(String(200), default="")
    expertise: Mapped[list[str]] = mapped_column(JSON, default=list)  # areas, free text
    sectors: Mapped[list[str]] = mapped_column(JSON, default=list)  # ISIC codes
    countries: Mapped[list[str]] = mapped_column(JSON, default=list)
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)  # ISO 639-1
    bio_fr: Mapped[str] = mapped_column(Text, default="")
    bio_en: Mapped[str] = mapped_column(Text, default="")
    mentoring: Mapped[bool] = mapped_column(Boolean, default=False)
    visibility: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    hidden: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )

    def expert_name(self) -> str:
        from tremplin.core import api

        found = api.members(user_ids=[self.user_id], limit=1)
        return found[0].display_name if found else "?"

    def portal_link(self) -> Any:
        return _portal_link("directory.expert", user_id=self.user_id)


def _portal_link(endpoint: str, **values: Any) -> Any:
    from flask import url_for
    from flask_babel import gettext as _
    from markupsafe import Markup, escape

    href = url_for(endpoint, lang_code="fr", **values)
    return Markup('<a href="{}">{}</a>').format(escape(href), _("Ouvrir sur le portail"))


class Tag(Model):  # type: ignore[misc, valid-type]
    """A tag of the list the administrators curate (members add free tags too)."""

    __tablename__ = "directory_tag"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    label_fr: Mapped[str] = mapped_column(String(80))
    label_en: Mapped[str] = mapped_column(String(80), default="")
    position: Mapped[int] = mapped_column(Integer, default=100)

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" and self.label_en else self.label_fr

    def __repr__(self) -> str:
        return self.label_fr


def as_dict(row: Any) -> dict[str, Any]:
    """A row's columns as plain values (GDPR export)."""
    return {c.key: getattr(row, c.key) for c in row.__table__.columns}
