"""The ``testplugin_note`` table: short notes, optionally written by a member."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, func
from sqlalchemy.orm import Mapped, mapped_column

from tremplin.core.api import Model


class Note(Model):  # type: ignore[misc, valid-type]
    __tablename__ = "testplugin_note"

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(String(200))
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("ab_user.id", ondelete="SET NULL"), default=None
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    def __repr__(self) -> str:
        return self.text
