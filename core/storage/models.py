"""``core_file``: one row per stored file; the bytes live in the storage folder."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class StoredFile(db.Model):  # type: ignore[name-defined]
    """A stored file. ``key`` (random) names it on disk and in URLs; ``filename`` is
    the name the member gave, for display and downloads only; ``purpose`` tells the
    owning plugin what the file is for (``"<plugin>.<what>"``)."""

    __tablename__ = "core_file"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    # A plain integer like core_activity's: files are deleted on erasure, not cascaded.
    owner_id: Mapped[int | None] = mapped_column(Integer, index=True, default=None)
    purpose: Mapped[str] = mapped_column(String(64), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")

    def __repr__(self) -> str:
        return f"<StoredFile {self.purpose} {self.filename!r}>"
