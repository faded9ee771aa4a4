"""``core_report``: one row per report a member files, whatever plugin owns the object;
``core_sanction``: suspensions and bans of members' accounts."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Boolean, DateTime, Integer, String
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


SANCTION_KINDS = ("suspend", "ban")


class Sanction(db.Model):  # type: ignore[name-defined]
    """A suspension (``ends_at`` set: the account unlocks by itself then) or a ban
    (``ends_at`` empty: until an administrator lifts it) of a member's account.

    ``reason`` is one of the moderation reasons, ``note`` what the moderator told the
    member. ``was_active`` remembers whether the account was open before, so that
    lifting the last sanction opens only accounts that were open. A sanction is in
    force while ``lifted_at`` is empty and ``ends_at`` (if any) is in the future.
    """

    __tablename__ = "core_sanction"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(Integer, index=True)
    kind: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(String(32))
    note: Mapped[str] = mapped_column(String(1000), default="")
    report_id: Mapped[int | None] = mapped_column(Integer, default=None)
    created_by: Mapped[int | None] = mapped_column(Integer, default=None)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    ends_at: Mapped[datetime | None] = mapped_column(DateTime, default=None, index=True)
    was_active: Mapped[bool] = mapped_column(Boolean, default=True)
    lifted_at: Mapped[datetime | None] = mapped_column(DateTime, default=None, index=True)
    lifted_by: Mapped[int | None] = mapped_column(Integer, default=None)

    def in_force(self, now: datetime | None = None) -> bool:
        now = now or utcnow()
        return self.lifted_at is None and (self.ends_at is None or self.ends_at > now)

    def __repr__(self) -> str:
        return f"<Sanction {self.kind} user={self.user_id} until={self.ends_at}>"
