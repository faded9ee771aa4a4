"""Bytes written for a transaction that is rolled back are removed again.

``save`` writes the file before the caller commits its row; when the transaction (or
the savepoint the file was saved in) is rolled back instead, the file would be left
on disk with no row naming it. The same session events as ``api.after_commit``
(:mod:`tremplin.core.events`) keep track of what to remove.
"""

from __future__ import annotations

from collections.abc import Callable

from flask_sqlalchemy.session import Session as FlaskSession
from sqlalchemy import event
from sqlalchemy.orm import SessionTransaction

from ..events import Session, _owner, _within

WRITTEN = "tremplin.storage.written"


def forget_on_rollback(session: FlaskSession, remove: Callable[[], None]) -> None:
    """Call ``remove()`` if the session's current transaction is rolled back."""
    session.info.setdefault(WRITTEN, []).append((_owner(session), remove))


def _remove(pairs: list[tuple[SessionTransaction | None, Callable[[], None]]]) -> None:
    for _, remove in pairs:
        remove()


@event.listens_for(Session, "after_commit")
def _committed(session: Session) -> None:
    if session.get_nested_transaction() is None:
        session.info.pop(WRITTEN, None)  # the rows are there: keep the files


@event.listens_for(Session, "after_soft_rollback")
def _rolled_back(session: Session, previous: SessionTransaction) -> None:
    written = session.info.get(WRITTEN)
    if written:
        gone = [(t, f) for t, f in written if _within(t, previous)]
        session.info[WRITTEN] = [(t, f) for t, f in written if not _within(t, previous)]
        _remove(gone)


@event.listens_for(Session, "after_transaction_end")
def _ended(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:
        _remove(session.info.pop(WRITTEN, []))  # closed without a commit
