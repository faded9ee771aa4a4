"""Short one-time codes (password reset by e-mail, SMS sign-in and setup).

A code is ``DIGITS`` random digits, stored as a keyed hash with its expiry and
a count of wrong attempts; issuing a new code for the same purpose retires the
previous ones. Callers never log the code.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from ...extensions import db
from .crypto import keyed_hash, same_hash
from .models import ResetCode

DIGITS = 6
MAX_ATTEMPTS = 5


@dataclass(frozen=True)
class CodeCheck:
    """Outcome of a check: ``ok``, or why not (``wrong``, ``expired``, ``none``)."""

    status: str
    row: ResetCode | None = None

    @property
    def ok(self) -> bool:
        return self.status == "ok"


def utcnow() -> datetime:
    return datetime.now(UTC)


def aware(moment: datetime) -> datetime:
    """SQLite gives naive datetimes back; they are UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def clean_code(text: str | None) -> str:
    return "".join(ch for ch in (text or "") if ch.isdigit())


def issue_code(user_id: int, purpose: str, ttl: timedelta) -> str:
    """A new code for ``purpose`` (older ones are retired). The caller commits."""
    db.session.query(ResetCode).filter_by(user_id=user_id, purpose=purpose).delete()
    code = "".join(secrets.choice("0123456789") for _ in range(DIGITS))
    db.session.add(
        ResetCode(
            user_id=user_id,
            purpose=purpose,
            attempts=0,
            code_hash=keyed_hash(code, purpose),
            expires_at=utcnow() + ttl,
        )
    )
    return code


def live_code(user_id: int, purpose: str) -> ResetCode | None:
    row = (
        db.session.query(ResetCode)
        .filter_by(user_id=user_id, purpose=purpose)
        .order_by(ResetCode.id.desc())
        .first()
    )
    if row is None or aware(row.expires_at) <= utcnow() or row.attempts >= MAX_ATTEMPTS:
        return None
    return row


def check_code(user_id: int, purpose: str, code: str) -> CodeCheck:
    """Compare ``code`` with the live code; a wrong guess counts as an attempt
    (the caller commits). A code is not consumed here: see :func:`consume`."""
    row = live_code(user_id, purpose)
    if row is None:
        return CodeCheck("none")
    if same_hash(keyed_hash(clean_code(code), purpose), row.code_hash):
        return CodeCheck("ok", row)
    row.attempts += 1
    return CodeCheck("wrong" if row.attempts < MAX_ATTEMPTS else "expired", row)


def issued_within(user_id: int, purpose: str, delay: timedelta) -> bool:
    """Whether a code for ``purpose`` was issued less than ``delay`` ago."""
    row = (
        db.session.query(ResetCode)
        .filter_by(user_id=user_id, purpose=purpose)
        .order_by(ResetCode.id.desc())
        .first()
    )
    return (
        row is not None and row.created_at is not None and aware(row.created_at) > utcnow() - delay
    )


def consume(user_id: int, purpose: str) -> None:
    db.session.query(ResetCode).filter_by(user_id=user_id, purpose=purpose).delete()
