"""Writing, reading, exporting and purging audit events (no request objects needed).

``record()`` is the one way to add an event. Who acted and from where come from
the request (signed-in member, IP address, user agent) or, in the CLI and in
tasks, from :func:`acting_as`. Details never carry secrets: keys that look like
one (password, token, code, secret...) are dropped and long values are cut.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import logging
import re
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from datetime import datetime
from types import EllipsisType
from typing import Any

from flask import has_request_context, request, session
from sqlalchemy import delete, insert, or_, select

from ..extensions import db
from .models import AuditEvent, AuditPurge, utcnow

log = logging.getLogger("tremplin.audit")
SECRET_KEY_PATTERN = re.compile(r"pass|secret|token|code|otp|csrf|hash|key", re.IGNORECASE)
MAX_TEXT = 500
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_actor: ContextVar[tuple[int | None, str] | None] = ContextVar("audit_actor", default=None)


@contextlib.contextmanager
def acting_as(user_id: int | None, via: str) -> Iterator[None]:
    """Attribute the events recorded inside the block (CLI, tasks): ``via`` says how."""
    token = _actor.set((user_id, via))
    try:
        yield
    finally:
        _actor.reset(token)


def origin() -> dict[str, Any]:
    """Who is acting and from where: actor id, IP address, user agent, via."""
    explicit = _actor.get()
    if explicit is not None:
        return {"actor_user_id": explicit[0], "ip": "", "user_agent": "", "via": explicit[1]}
    if not has_request_context():
        return {"actor_user_id": None, "ip": "", "user_agent": "", "via": "system"}
    raw = str(session.get("_user_id") or "") if session else ""
    return {
        "actor_user_id": int(raw) if raw.isdigit() else None,
        "ip": (request.remote_addr or "")[:45],
        "user_agent": (request.user_agent.string or "")[:300],
        "via": "web",
    }


def clean(value: Any, depth: int = 0) -> Any:
    """A JSON-safe, secret-free, bounded copy of ``value``."""
    if depth > 3:
        return str(value)[:MAX_TEXT]
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, str):
        return value[:MAX_TEXT]
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {
            str(k)[:64]: clean(v, depth + 1)
            for k, v in list(value.items())[:50]
            if not SECRET_KEY_PATTERN.search(str(k))
        }
    if isinstance(value, (list, tuple, set, frozenset)):
        return [clean(v, depth + 1) for v in list(value)[:50]]
    if hasattr(value, "id") and hasattr(value, "username"):  # an account: its id only
        return value.id
    return str(value)[:MAX_TEXT]


def build(
    event: str,
    subject_user_id: int | None = None,
    actor_user_id: int | EllipsisType | None = ...,
    details: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The column values of one event (not yet written)."""
    where = origin()
    body = clean(details or {})
    if where["via"] != "web":
        body.setdefault("via", where["via"])
    return {
        "at": utcnow(),
        "event": event[:64],
        "subject_user_id": subject_user_id,
        "actor_user_id": where["actor_user_id"] if actor_user_id is ... else actor_user_id,
        "ip": where["ip"],
        "user_agent": where["user_agent"],
        "details": body,
    }


def record(
    event: str,
    subject_user_id: int | None = None,
    actor_user_id: int | EllipsisType | None = ...,
    **details: Any,
) -> None:
    """Append one event and commit it. Call after your own commit: the request's
    transaction is committed with it."""
    values = build(event, subject_user_id, actor_user_id, details)
    try:
        db.session.add(AuditEvent(**values))
        db.session.commit()
    except Exception:
        db.session.rollback()
        log.exception("audit event could not be written", extra={"event": "audit.error"})


def record_on(connection: Any, rows: Iterable[dict[str, Any]]) -> None:
    """Append events on an open connection (inside a flush: same transaction)."""
    rows = list(rows)
    if rows:
        connection.execute(insert(AuditEvent.__table__), rows)


def events_about(user_id: int) -> list[AuditEvent]:
    """Every event where the member is the subject or the actor (GDPR export)."""
    return list(
        db.session.scalars(
            select(AuditEvent)
            .where(or_(AuditEvent.subject_user_id == user_id, AuditEvent.actor_user_id == user_id))
            .order_by(AuditEvent.at, AuditEvent.id)
        )
    )


def as_dict(item: AuditEvent) -> dict[str, Any]:
    return {
        "id": item.id,
        "at": item.at.isoformat(),
        "event": item.event,
        "actor_user_id": item.actor_user_id,
        "subject_user_id": item.subject_user_id,
        "ip": item.ip,
        "user_agent": item.user_agent,
        "details": item.details or {},
    }


def events_since(since: datetime, until: datetime | None = None) -> Iterator[AuditEvent]:
    query = select(AuditEvent).where(AuditEvent.at >= since)
    if until is not None:
        query = query.where(AuditEvent.at < until)
    yield from db.session.scalars(
        query.order_by(AuditEvent.at, AuditEvent.id).execution_options(yield_per=500)
    )


def defuse(cell: Any) -> str:
    """A CSV cell that no spreadsheet will run as a formula."""
    text = "" if cell is None else str(cell)
    return "'" + text if text.startswith(FORMULA_START) else text


CSV_COLUMNS = (
    "id",
    "at",
    "event",
    "actor_user_id",
    "subject_user_id",
    "ip",
    "user_agent",
    "details",
)


def to_csv(items: Iterable[AuditEvent], out: io.TextIOBase | Any) -> int:
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    count = 0
    for item in items:
        row = as_dict(item)
        row["details"] = json.dumps(row["details"], ensure_ascii=False, sort_keys=True)
        writer.writerow([defuse(row[c]) for c in CSV_COLUMNS])
        count += 1
    return count


def to_json(items: Iterable[AuditEvent], out: io.TextIOBase | Any) -> int:
    rows = [as_dict(item) for item in items]
    json.dump(rows, out, ensure_ascii=False, indent=1)
    return len(rows)


def purge(before: datetime) -> int:
    """Delete events older than ``before``: the one path the trigger allows (a
    cut-off row in ``core_audit_purge`` that exists only inside this transaction)."""
    events, marker = AuditEvent.__table__, AuditPurge.__table__
    with db.engine.begin() as conn:
        conn.execute(insert(marker).values(cutoff=before))
        count = int(conn.execute(delete(events).where(events.c.at < before)).rowcount or 0)
        conn.execute(delete(marker))
    if count:
        record("audit_purged", before=before, count=count)
    return count
