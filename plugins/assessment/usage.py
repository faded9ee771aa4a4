"""Back-office usage figures: completion rate and levels by country and sector."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select

from tremplin.core.api import db

from .models import COMPLETED, Attempt


@dataclass(frozen=True)
class Usage:
    started: int
    completed: int
    members: int
    levels: dict[str, int]
    by_country: dict[str, dict[str, int]]
    by_sector: dict[str, dict[str, int]]

    @property
    def completion_rate(self) -> float:
        return round(100 * self.completed / self.started, 1) if self.started else 0.0


def usage() -> Usage:
    """Every attempt counts as started; distributions use each member's latest result."""
    started = db.session.scalar(select(func.count()).select_from(Attempt)) or 0
    rows = db.session.execute(
        select(Attempt.user_id, Attempt.level, Attempt.country, Attempt.sector)
        .where(Attempt.status == COMPLETED)
        .order_by(Attempt.completed_at, Attempt.id)
    ).all()
    done = len(rows)
    latest = {row.user_id: row for row in rows}
    levels: Counter[str] = Counter()
    by_country: dict[str, Counter[str]] = defaultdict(Counter)
    by_sector: dict[str, Counter[str]] = defaultdict(Counter)
    for row in latest.values():
        levels[row.level or ""] += 1
        by_country[row.country or "—"][row.level or ""] += 1
        by_sector[row.sector or "—"][row.level or ""] += 1
    return Usage(
        started,
        done,
        len(latest),
        dict(levels),
        {k: dict(v) for k, v in sorted(by_country.items())},
        {k: dict(v) for k, v in sorted(by_sector.items())},
    )
