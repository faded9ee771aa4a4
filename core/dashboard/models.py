"""Dashboard tables: each member's widget arrangement and the badges they earned."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..activity.models import utcnow
from ..extensions import db


class DashboardLayout(db.Model):  # type: ignore[name-defined]
    """A member's choices: widget keys in their order, and the keys they hid.

    Keys a member never placed follow in their plugin's default order; keys of
    widgets that no longer exist are ignored (a plugin may be uninstalled)."""

    __tablename__ = "core_dashboard_layout"

    user_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("ab_user.id", ondelete="CASCADE"), primary_key=True
    )
    order: Mapped[list[Any]] = mapped_column(JSON, default=list)
    hidden: Mapped[list[Any]] = mapped_column(JSON, default=list)
    shown: Mapped[list[Any]] = mapped_column(JSON, default=list)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class MemberBadge(db.Model):  # type: ignore[name-defined]
    """A badge a member earned: kept when the activity behind it is purged."""

    __tablename__ = "core_member_badge"
    __table_args__ = (UniqueConstraint("user_id", "badge", name="uq_core_member_badge"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("ab_user.id", ondelete="CASCADE"), index=True
    )
    badge: Mapped[str] = mapped_column(String(64))
    earned_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
