"""Recording activity (in the caller's transaction), purging and anonymising it."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

from flask import current_app, has_request_context
from sqlalchemy import delete, inspect, update

from ..extensions import db
from .models import Activity, utcnow

EVENT_NAME = re.compile(r"[a-z][a-z0-9_.]{0,63}")
KEY = re.compile(r"[a-z][a-z0-9_]{0,63}")
MAX_TEXT = 200
# Key words that name personal data; a key containing one of them is refused.
PERSONAL_WORDS = frozenset(
    {
        "email",
        "mail",
        "courriel",
        "name",
        "names",
        "nom",
        "prenom",
        "firstname",
        "lastname",
        "fullname",
        "username",
        "login",
        "phone",
        "telephone",
        "tel",
        "mobile",
        "portable",
        "address",
        "adresse",
        "street",
        "rue",
        "ip",
        "birth",
        "birthday",
        "birthdate",
        "naissance",
        "password",
        "passwd",
    }
)
ACTING = object()


class ActivityError(ValueError):
    """``record`` was given an invalid event name, subject or data."""


def _acting_member() -> int | None:
    if not has_request_context():
        return None
    from flask_login import current_user

    return int(current_user.id) if current_user.is_authenticated else None


def _subject(subject: Any) -> tuple[str | None, str | None]:
    if subject is None:
        return None, None
    if isinstance(subject, tuple) and len(subject) == 2:
        kind, ident = subject
        return str(kind), str(ident)
    state = inspect(subject, raiseerr=False)
    if state is None or not hasattr(state, "mapper"):
        raise ActivityError(f"subject must be a mapped object or a (type, id) pair: {subject!r}")
    if state.identity is None:
        db.session.flush()
    identity = state.identity or ()
    return state.mapper.local_table.name, "-".join(str(part) for part in identity)


def check_data(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` when its values are scalars and no key names personal data."""
    for key, value in data.items():
        if not KEY.fullmatch(key):
            raise ActivityError(f"activity data key {key!r}: lowercase words and _ only")
        if PERSONAL_WORDS & set(key.split("_")):
            raise ActivityError(f"activity data key {key!r} looks like personal data")
        if value is not None and not isinstance(value, (bool, int, float, str)):
            raise ActivityError(f"activity data {key!r}: scalar values only, not {value!r}")
        if isinstance(value, str) and len(value) > MAX_TEXT:
            raise ActivityError(f"activity data {key!r}: text longer than {MAX_TEXT}")
    return dict(data)


def record(event: str, subject: Any = None, user_id: Any = ACTING, **data: Any) -> Activity:
    """Add one activity row to the current transaction (committed with the caller's).

    ``subject``: a mapped object, a ``(type, id)`` pair or ``None``. ``user_id``: the
    acting member, by default the signed-in one (``None`` outside a request).
    ``data``: scalar values only, short texts, no personal data.
    """
    if not EVENT_NAME.fullmatch(event):
        raise ActivityError(f"activity event name {event!r}: lowercase, digits, _ and .")
    values = check_data(data)
    subject_type, subject_id = _subject(subject)
    member = _acting_member() if user_id is ACTING else user_id
    row = Activity(
        event=event,
        user_id=member,
        subject_type=subject_type,
        subject_id=subject_id,
        data=values,
    )
    db.session.add(row)
    return row


def purge(now: datetime | None = None) -> int:
    """Delete activity older than ``[activity] retention_days``; the count deleted."""
    days = current_app.extensions["tremplin"].config.get("activity", "retention_days")
    cutoff = (now or utcnow()) - timedelta(days=days)
    result = db.session.execute(delete(Activity).where(Activity.at < cutoff))
    db.session.commit()
    return int(getattr(result, "rowcount", 0) or 0)


def anonymise(user_id: int) -> None:
    """Forget who did it: the member's rows keep their event, lose their ``user_id``."""
    db.session.execute(update(Activity).where(Activity.user_id == user_id).values(user_id=None))
