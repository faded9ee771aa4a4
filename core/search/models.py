"""The PostgreSQL backend's table: one row per indexed document.

On PostgreSQL ``facets`` is a ``text[]`` of ``"name:value"`` and ``tsv`` a weighted
``tsvector`` (title A, tags B, body C), both with GIN indexes. The table exists on
SQLite too (JSON and text columns, unused) so that the schema is the same everywhere.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Index, String, Text
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db

FACETS_TYPE = JSON().with_variant(postgresql.ARRAY(Text()), "postgresql")
TSV_TYPE = Text().with_variant(postgresql.TSVECTOR(), "postgresql")


class SearchDocumentRow(db.Model):  # type: ignore[name-defined]
    """An indexed document of the ``postgresql`` search backend."""

    __tablename__ = "core_search_document"
    __table_args__ = (
        Index("ix_core_search_document_tsv", "tsv", postgresql_using="gin"),
        Index("ix_core_search_document_facets", "facets", postgresql_using="gin"),
        Index("ix_core_search_document_updated", "updated"),
    )

    doctype: Mapped[str] = mapped_column(String(64), primary_key=True)
    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    language: Mapped[str] = mapped_column(String(8), default="")
    audience: Mapped[str] = mapped_column(String(16), default="public")
    title: Mapped[str] = mapped_column(Text(), default="")
    title_sort: Mapped[str] = mapped_column(String(80), default="")
    body: Mapped[str] = mapped_column(Text(), default="")
    tags: Mapped[str] = mapped_column(Text(), default="")
    facets: Mapped[Any] = mapped_column(FACETS_TYPE, default=list)
    updated: Mapped[datetime | None] = mapped_column(DateTime(), nullable=True)
    tsv: Mapped[Any] = mapped_column(TSV_TYPE, nullable=True)
