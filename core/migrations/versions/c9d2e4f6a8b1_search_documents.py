"""search documents: the core_search_document table of the PostgreSQL search backend

On PostgreSQL also the ``unaccent`` extension and the ``tremplin_fr`` and
``tremplin_en`` text search configurations (french and english stemming after
unaccent), GIN indexes on the tsvector and on the facets. On SQLite only the table
(the backend needs PostgreSQL; the schema stays the same everywhere).

Revision ID: c9d2e4f6a8b1
Revises: a1c4e8f2d6b9
Create Date: 2026-12-04 20:30:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "c9d2e4f6a8b1"
down_revision: str | Sequence[str] | None = "a1c4e8f2d6b9"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CONFIGURATIONS = {
    "tremplin_fr": ("french", "french_stem"),
    "tremplin_en": ("english", "english_stem"),
}


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    if postgres:
        op.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        for name, (parent, stem) in CONFIGURATIONS.items():
            op.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")
            op.execute(f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = {parent})")
            op.execute(
                f"ALTER TEXT SEARCH CONFIGURATION {name} ALTER MAPPING FOR "
                f"hword, hword_part, word WITH unaccent, {stem}"
            )
    op.create_table(
        "core_search_document",
        sa.Column("doctype", sa.String(length=64), nullable=False),
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("audience", sa.String(length=16), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("title_sort", sa.String(length=80), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("tags", sa.Text(), nullable=False),
        sa.Column(
            "facets",
            sa.JSON().with_variant(postgresql.ARRAY(sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("updated", sa.DateTime(), nullable=True),
        sa.Column(
            "tsv", sa.Text().with_variant(postgresql.TSVECTOR(), "postgresql"), nullable=True
        ),
        sa.PrimaryKeyConstraint("doctype", "key", name=op.f("pk_core_search_document")),
    )
    op.create_index(
        "ix_core_search_document_tsv", "core_search_document", ["tsv"], postgresql_using="gin"
    )
    op.create_index(
        "ix_core_search_document_facets",
        "core_search_document",
        ["facets"],
        postgresql_using="gin",
    )
    op.create_index("ix_core_search_document_updated", "core_search_document", ["updated"])


def downgrade() -> None:
    op.drop_table("core_search_document")
    if op.get_bind().dialect.name == "postgresql":
        for name in CONFIGURATIONS:
            op.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")
