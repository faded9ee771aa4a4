"""``core_report``: one row per report a member files, whatever plugin owns the object."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Report(db.Model):  # type: ignore[name-defined]
    """A report on ``(kind, object_id)``: ``kind`` is ``"<plugin>.<what>"`` (e.g.
    ``"messaging.message"``), ``object_id`` the plugin's own id as text.

    ``state`` is ``open`` until a moderator hides the object, restores it or
    dismisses the report. ``author_id`` is the member who wrote the object (warned
    or suspended by moderators); ids are plain integers, like the audit trail's.
    """

    __tablename__ = "core_report"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(64), index=True)
    object_id: Mapped[str] = mapped_column(String(64), index=True)
    reporter_id: Mapped[int | None] = mapped_column(Integer, index=True, default=None)
    author_id: Mapped[int | None] = mapped_column(Integer, index=True, default=None)
    reason: Mapped[str] = mapped_column(String(32))
    comment: Mapped[str] = mapped_column(String(1000), default="")
    state: Mapped[str] = mapped_column(String(16), default="open", index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    handled_by: Mapped[int | None] = mapped_column(Integer, default=None)
    handled_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)

    def __repr__(self) -> str:
        return f"<Report {self.kind} {self.object_id} {self.state}>"
