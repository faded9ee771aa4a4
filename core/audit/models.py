"""The audit trail's tables.

``core_audit_event`` is append-only: the ORM refuses to update or delete a row,
and a database trigger (created by the migration, SQLite and PostgreSQL) refuses
UPDATE and DELETE. The one exception is the retention purge: inside its own
transaction it writes a cut-off date in ``core_audit_purge``, and the trigger
then lets it delete rows older than that date only (see :func:`services.purge`).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Integer, String, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class AppendOnlyError(RuntimeError):
    """Raised when code tries to change or delete an audit event."""


class AuditEvent(db.Model):  # type: ignore[name-defined]
    """One security event: who did what to whom, when, from where."""

    __tablename__ = "core_audit_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    # Plain integers, no foreign keys: events outlive the accounts they mention.
    actor_user_id: Mapped[int | None] = mapped_column(Integer, index=True, default=None)
    subject_user_id: Mapped[int | None] = mapped_column(Integer, index=True, default=None)
    event: Mapped[str] = mapped_column(String(64), index=True)
    ip: Mapped[str] = mapped_column(String(45), default="")
    user_agent: Mapped[str] = mapped_column(String(300), default="")
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    actor = relationship(
        "User", primaryjoin="foreign(AuditEvent.actor_user_id) == User.id", viewonly=True
    )
    subject = relationship(
        "User", primaryjoin="foreign(AuditEvent.subject_user_id) == User.id", viewonly=True
    )

    def __repr__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.event}"


class AuditPurge(db.Model):  # type: ignore[name-defined]
    """Written and removed inside the purge's transaction only: while a row exists,
    the trigger allows deleting events older than ``cutoff``."""

    __tablename__ = "core_audit_purge"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    cutoff: Mapped[datetime] = mapped_column(DateTime)


@event.listens_for(AuditEvent, "before_update")
def _refuse_update(_mapper: Any, _connection: Any, target: AuditEvent) -> None:
    raise AppendOnlyError(f"audit event {target.id} cannot be changed (append-only)")


@event.listens_for(AuditEvent, "before_delete")
def _refuse_delete(_mapper: Any, _connection: Any, target: AuditEvent) -> None:
    raise AppendOnlyError(f"audit event {target.id} cannot be deleted (append-only)")
