"""Where server-side sessions live: the ``core_session`` table or Redis.

Both stores key a session by the SHA-256 of the random id carried by the cookie,
so a copy of the table (or of Redis) gives nobody a usable cookie. A record holds
the session data (Flask's tagged JSON), its owner, when it began and was last
used, and the device it was used from (IP address, user agent).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    bindparam,
    delete,
    select,
)
from sqlalchemy.orm import Mapped, mapped_column

from ...extensions import db


def utcnow() -> datetime:
    """Naive UTC time: what every table of this feature stores."""
    return datetime.now(UTC).replace(tzinfo=None)


def key_for(sid: str) -> str:
    """The storage key of a cookie's session id."""
    return hashlib.sha256(sid.encode("ascii", "replace")).hexdigest()


class SessionRecord(db.Model):  # type: ignore[name-defined]
    """One server-side session (database store)."""

    __tablename__ = "core_session"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 of the cookie id
    user_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("ab_user.id", ondelete="CASCADE"), index=True, default=None
    )
    data: Mapped[str] = mapped_column(Text, default="{}")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_seen: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    ip: Mapped[str] = mapped_column(String(45), default="")
    user_agent: Mapped[str] = mapped_column(String(300), default="")
    rotate: Mapped[bool] = mapped_column(Boolean, default=False)  # new id at next request


@dataclass
class StoredSession:
    """A session as both stores return it (``data`` is the serialised text)."""

    key: str
    data: str = "{}"
    user_id: int | None = None
    created_at: datetime = field(default_factory=utcnow)
    last_seen: datetime = field(default_factory=utcnow)
    ip: str = ""
    user_agent: str = ""
    rotate: bool = False

    def expired(self, now: datetime, idle: timedelta, absolute: timedelta) -> bool:
        return now - self.last_seen > idle or now - self.created_at > absolute


class SessionStore(Protocol):
    def load(self, key: str) -> StoredSession | None: ...
    def save(self, record: StoredSession) -> None: ...
    def delete(self, keys: Iterable[str]) -> None: ...
    def for_user(self, user_id: int) -> list[StoredSession]: ...
    def flag_rotation(self, user_id: int) -> None: ...
    def purge(self, now: datetime) -> int: ...


class DatabaseStore:
    """Sessions in ``core_session``, written on a connection of their own so that a
    session save never commits (or waits on) the request's own transaction."""

    def __init__(self, idle: timedelta, absolute: timedelta) -> None:
        self.idle, self.absolute = idle, absolute

    @property
    def table(self) -> Any:
        return SessionRecord.__table__

    @staticmethod
    def _record(row: Any) -> StoredSession:
        return StoredSession(
            key=row["id"],
            data=row["data"],
            user_id=row["user_id"],
            created_at=row["created_at"],
            last_seen=row["last_seen"],
            ip=row["ip"],
            user_agent=row["user_agent"],
            rotate=row["rotate"],
        )

    def load(self, key: str) -> StoredSession | None:
        """One row, read outside any transaction: on PostgreSQL this spares the
        BEGIN and ROLLBACK round trips on every request that carries a cookie."""
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            row = conn.execute(_LOAD, {"key": key}).mappings().first()
        return None if row is None else self._record(row)

    def save(self, record: StoredSession) -> None:
        values = {
            "data": record.data,
            "user_id": record.user_id,
            "created_at": record.created_at,
            "last_seen": record.last_seen,
            "ip": record.ip[:45],
            "user_agent": record.user_agent[:300],
            "rotate": record.rotate,
        }
        with db.engine.begin() as conn:
            updated = conn.execute(
                self.table.update().where(self.table.c.id == record.key).values(**values)
            ).rowcount
            if not updated:
                conn.execute(self.table.insert().values(id=record.key, **values))

    def delete(self, keys: Iterable[str]) -> None:
        keys = list(keys)
        if keys:
            with db.engine.begin() as conn:
                conn.execute(delete(self.table).where(self.table.c.id.in_(keys)))

    def for_user(self, user_id: int) -> list[StoredSession]:
        with db.engine.connect() as conn:
            rows = (
                conn.execute(select(self.table).where(self.table.c.user_id == user_id))
                .mappings()
                .all()
            )
        return [self._record(row) for row in rows]

    def flag_rotation(self, user_id: int) -> None:
        with db.engine.begin() as conn:
            conn.execute(
                self.table.update().where(self.table.c.user_id == user_id).values(rotate=True)
            )

    def purge(self, now: datetime) -> int:
        """Delete sessions past their idle or absolute lifetime."""
        with db.engine.begin() as conn:
            return int(
                conn.execute(
                    delete(self.table).where(
                        (self.table.c.last_seen < now - self.idle)
                        | (self.table.c.created_at < now - self.absolute)
                    )
                ).rowcount
                or 0
            )


_LOAD = select(SessionRecord.__table__).where(SessionRecord.__table__.c.id == bindparam("key"))


class RedisStore:
    """Sessions in Redis: one JSON value per session (expiring on its own at its idle
    or absolute limit, whichever comes first) and one set of keys per member."""

    PREFIX = "tremplin:session:"
    USER_PREFIX = "tremplin:user-sessions:"

    def __init__(self, url: str, idle: timedelta, absolute: timedelta, namespace: str = "") -> None:
        import redis

        self.redis = redis.Redis.from_url(url)
        self.idle, self.absolute = idle, absolute
        self.prefix = self.PREFIX + namespace
        self.user_prefix = self.USER_PREFIX + namespace

    def load(self, key: str) -> StoredSession | None:
        raw = self.redis.get(self.prefix + key)
        if raw is None:
            return None
        values = json.loads(raw)
        for name in ("created_at", "last_seen"):
            values[name] = datetime.fromisoformat(values[name])
        return StoredSession(key=key, **values)

    def save(self, record: StoredSession) -> None:
        values = {
            "data": record.data,
            "user_id": record.user_id,
            "created_at": record.created_at.isoformat(),
            "last_seen": record.last_seen.isoformat(),
            "ip": record.ip[:45],
            "user_agent": record.user_agent[:300],
            "rotate": record.rotate,
        }
        ttl = min(record.last_seen + self.idle, record.created_at + self.absolute) - utcnow()
        seconds = max(1, int(ttl.total_seconds()))
        pipe = self.redis.pipeline()
        pipe.set(self.prefix + record.key, json.dumps(values), ex=seconds)
        if record.user_id is not None:
            pipe.sadd(f"{self.user_prefix}{record.user_id}", record.key)
            pipe.expire(
                f"{self.user_prefix}{record.user_id}", int(self.absolute.total_seconds()) + 60
            )
        pipe.execute()

    def delete(self, keys: Iterable[str]) -> None:
        for key in list(keys):
            record = self.load(key)
            self.redis.delete(self.prefix + key)
            if record is not None and record.user_id is not None:
                self.redis.srem(f"{self.user_prefix}{record.user_id}", key)

    def for_user(self, user_id: int) -> list[StoredSession]:
        found = []
        for raw_key in self.redis.smembers(f"{self.user_prefix}{user_id}"):
            key = raw_key.decode() if isinstance(raw_key, bytes) else str(raw_key)
            record = self.load(key)
            if record is None or record.user_id != user_id:
                self.redis.srem(f"{self.user_prefix}{user_id}", key)
            else:
                found.append(record)
        return found

    def flag_rotation(self, user_id: int) -> None:
        for record in self.for_user(user_id):
            record.rotate = True
            self.save(record)

    def purge(self, now: datetime) -> int:
        """Redis expires sessions by itself; nothing to do."""
        return 0
