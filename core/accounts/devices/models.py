"""Known devices table: one keyed hash per device a member signed in from."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, func
from sqlalchemy.orm import Mapped, mapped_column

from ...extensions import db


class KnownDevice(db.Model):  # type: ignore[name-defined]
    """A device a user signed in from: keyed hash of browser family, OS family and
    network (/24 in IPv4, /48 in IPv6); nothing readable is kept."""

    __tablename__ = "core_known_device"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("ab_user.id", ondelete="CASCADE"), index=True)
    device_hash: Mapped[str] = mapped_column(String(64))
    first_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    last_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
