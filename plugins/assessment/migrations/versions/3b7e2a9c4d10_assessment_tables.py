"""assessment tables and the default export-maturity questionnaire (version 1, published)

Revision ID: 3b7e2a9c4d10
Revises:
Create Date: 2026-12-04 20:05:00

The default questionnaire is read from the plugin's data/default_model.json at
upgrade time; later edits are made in the back office (new versions) and never
overwritten by migrations.
"""

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision: str = "3b7e2a9c4d10"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DEFAULT_MODEL = Path(__file__).resolve().parents[2] / "data" / "default_model.json"


def upgrade() -> None:
    questionnaire = op.create_table(
        "assessment_questionnaire",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("definition", sa.JSON(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key", "version", name="uq_assessment_questionnaire_version"),
    )
    op.create_index(
        "ix_assessment_questionnaire_key", "assessment_questionnaire", ["key"], unique=False
    )
    op.create_table(
        "assessment_attempt",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("questionnaire_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("step", sa.Integer(), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("scores", sa.JSON(), nullable=False),
        sa.Column("overall", sa.Float(), nullable=True),
        sa.Column("level", sa.String(length=60), nullable=True),
        sa.Column("company_id", sa.Integer(), nullable=True),
        sa.Column("country", sa.String(length=8), nullable=False),
        sa.Column("sector", sa.String(length=120), nullable=False),
        sa.Column("size_band", sa.String(length=40), nullable=False),
        sa.Column(
            "started_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["questionnaire_id"], ["assessment_questionnaire.id"]),
        sa.ForeignKeyConstraint(["user_id"], ["ab_user.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_assessment_attempt_user_status", "assessment_attempt", ["user_id", "status"]
    )
    op.create_index("ix_assessment_attempt_company_id", "assessment_attempt", ["company_id"])
    op.create_table(
        "assessment_sharing",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("show_level", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["ab_user.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("user_id"),
    )
    definition = json.loads(DEFAULT_MODEL.read_text(encoding="utf-8"))
    op.bulk_insert(
        questionnaire,
        [
            {
                "key": definition["key"],
                "version": 1,
                "status": "published",
                "definition": definition,
                "published_at": datetime.now(UTC),
            }
        ],
    )


def downgrade() -> None:
    op.drop_table("assessment_sharing")
    op.drop_index("ix_assessment_attempt_company_id", table_name="assessment_attempt")
    op.drop_index("ix_assessment_attempt_user_status", table_name="assessment_attempt")
    op.drop_table("assessment_attempt")
    op.drop_index("ix_assessment_questionnaire_key", table_name="assessment_questionnaire")
    op.drop_table("assessment_questionnaire")
