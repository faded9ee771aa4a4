"""Role grants table: a role given to a member for a period (see :mod:`.services`)."""

from __future__ import annotations

from datetime import datetime

from flask_appbuilder.security.sqla.models import Role, User
from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...extensions import db
from ..sessions.store import utcnow

STATES = ("pending", "active", "ended")
REASON_MAX = 500


class RoleGrant(db.Model):  # type: ignore[name-defined]
    """A role held for a period."""

    __tablename__ = "core_role_grant"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("ab_user.id", ondelete="CASCADE"), index=True)
    role_id: Mapped[int] = mapped_column(ForeignKey("ab_role.id", ondelete="CASCADE"))
    starts_at: Mapped[datetime] = mapped_column(DateTime)
    ends_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    granted_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("ab_user.id", ondelete="SET NULL"), default=None
    )
    reason: Mapped[str] = mapped_column(String(REASON_MAX), default="")
    state: Mapped[str] = mapped_column(String(10), default="pending", index=True)
    added_role: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    user: Mapped[User] = relationship(User, foreign_keys=[user_id])
    role: Mapped[Role] = relationship(Role)
    granted_by: Mapped[User | None] = relationship(User, foreign_keys=[granted_by_id])

    def __repr__(self) -> str:
        return f"{self.role} → {self.user} ({self.starts_at:%Y-%m-%d} – {self.ends_at:%Y-%m-%d})"
