"""Account security: MFA state and security stamp, recovery codes, one-time codes,
known devices.

Revision ID: 83c4bc15dc52
Revises: 6289e2bede4d
Create Date: 2026-11-28 00:39:21.949104

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "83c4bc15dc52"
down_revision: str | Sequence[str] | None = "6289e2bede4d"
branch_labels: str | Sequence[str] | None = ("accounts_security",)
depends_on: str | Sequence[str] | None = None


def _user_fk() -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(["user_id"], ["ab_user.id"], ondelete="CASCADE")


def upgrade() -> None:
    op.create_table(
        "core_user_security",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("mfa_method", sa.String(length=10), nullable=False, server_default=""),
        sa.Column("totp_secret_enc", sa.Text(), nullable=True),
        sa.Column("totp_last_step", sa.BigInteger(), nullable=True),
        sa.Column("phone", sa.String(length=20), nullable=False, server_default=""),
        sa.Column("mfa_enabled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("security_stamp", sa.String(length=32), nullable=False),
        sa.Column("password_changed_at", sa.DateTime(timezone=True), nullable=True),
        _user_fk(),
        sa.PrimaryKeyConstraint("user_id"),
    )
    op.create_table(
        "core_recovery_code",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        _user_fk(),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_core_recovery_code_user_id", "core_recovery_code", ["user_id"])
    op.create_table(
        "core_reset_code",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("purpose", sa.String(length=20), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("verified_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        _user_fk(),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_core_reset_code_user_id", "core_reset_code", ["user_id"])
    op.create_table(
        "core_known_device",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("device_hash", sa.String(length=64), nullable=False),
        sa.Column(
            "first_seen", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column(
            "last_seen", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        _user_fk(),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_core_known_device_user_id", "core_known_device", ["user_id"])


def downgrade() -> None:
    op.drop_index("ix_core_known_device_user_id", table_name="core_known_device")
    op.drop_table("core_known_device")
    op.drop_index("ix_core_reset_code_user_id", table_name="core_reset_code")
    op.drop_table("core_reset_code")
    op.drop_index("ix_core_recovery_code_user_id", table_name="core_recovery_code")
    op.drop_table("core_recovery_code")
    op.drop_table("core_user_security")
