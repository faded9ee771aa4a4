"""Time zones: every instant is stored in UTC with the event's IANA zone beside it,
and shown both in the event's zone and in the member's."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones


def utcnow() -> datetime:
    return datetime.now(UTC)


def utc(moment: datetime) -> datetime:
    """An aware UTC datetime (SQLite gives naive datetimes back: they are UTC)."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def zone(name: str | None) -> ZoneInfo:
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def is_zone(name: str) -> bool:
    return name in zone_names()


@lru_cache(maxsize=1)
def zone_names() -> tuple[str, ...]:
    return tuple(sorted(n for n in available_timezones() if "/" in n or n == "UTC"))


def to_utc(local: datetime, zone_name: str) -> datetime:
    """A wall-clock time in ``zone_name`` (naive) as an aware UTC datetime."""
    return local.replace(tzinfo=zone(zone_name)).astimezone(UTC)


def in_zone(moment: datetime, zone_name: str) -> datetime:
    return utc(moment).astimezone(zone(zone_name))


def offset_label(moment: datetime, zone_name: str) -> str:
    """``UTC+1``, ``UTC-5``, ``UTC+5:30`` for the zone at that moment."""
    offset = in_zone(moment, zone_name).utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset else 0
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")
