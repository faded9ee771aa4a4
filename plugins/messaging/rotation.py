"""Re-sealing every message and attachment with the current key, in batches.

Each batch is committed on its own: an interruption (Ctrl-C, a crash) loses at
most the batch in progress, whose rows keep their old token, still readable
because every configured key opens. Running again resumes with the rows whose
``key_id`` is not the current key's. Only when nothing is left may the old key
be removed from the configuration.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, select, update

from tremplin.core.api import db, storage

from . import crypto
from .models import Attachment, Message

Progress = Callable[[int], None]


@dataclass(frozen=True)
class Pending:
    messages: int
    attachments: int

    @property
    def total(self) -> int:
        return self.messages + self.attachments


def pending() -> Pending:
    current = crypto.keyring().current_id
    count = lambda model: int(  # noqa: E731
        db.session.scalar(select(func.count(model.id)).where(model.key_id != current)) or 0
    )
    return Pending(count(Message), count(Attachment))


def by_key() -> dict[str, int]:
    """How many messages each key sealed (the status of a rotation)."""
    query = select(Message.key_id, func.count(Message.id)).group_by(Message.key_id)
    return {key: int(n) for key, n in db.session.execute(query)}


def rotate_messages(batch_size: int = 500, progress: Progress | None = None) -> int:
    """Re-seal the messages not sealed by the current key; how many were done."""
    ring = crypto.keyring()
    done = 0
    while True:
        rows = db.session.execute(
            select(Message.id, Message.body)
            .where(Message.key_id != ring.current_id)
            .order_by(Message.id)
            .limit(batch_size)
        ).all()
        if not rows:
            return done
        try:
            values = [
                {"id": i, "body": ring.reseal(bytes(body)), "key_id": ring.current_id}
                for i, body in rows
            ]
            db.session.execute(update(Message), values)
            db.session.commit()
        except BaseException:
            db.session.rollback()
            raise
        done += len(rows)
        if progress is not None:
            progress(len(rows))


def rotate_attachments(batch_size: int = 100, progress: Progress | None = None) -> int:
    """Re-seal the attachments' stored bytes, then mark them (any key still opens the
    file if the mark is lost to an interruption)."""
    ring = crypto.keyring()
    done = 0
    while True:
        items = list(
            db.session.scalars(
                select(Attachment)
                .where(Attachment.key_id != ring.current_id)
                .order_by(Attachment.id)
                .limit(batch_size)
            )
        )
        if not items:
            return done
        try:
            for item in items:
                file = storage.get(item.file_key)
                if file is not None:
                    with storage.open(file) as stored:
                        storage.replace_bytes(file, ring.reseal(stored.read()))
                item.key_id = ring.current_id
            db.session.commit()
        except BaseException:
            db.session.rollback()
            raise
        done += len(items)
        if progress is not None:
            progress(len(items))
