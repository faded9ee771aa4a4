"""Anonymised peer averages: the latest result of each other company of the same
sector (or, failing that, size band), shown only when enough companies contribute."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from tremplin.core.api import db, setting

from .models import COMPLETED, Attempt


def _latest_by_company(column: Any, value: str, exclude: int | None) -> dict[int, Attempt]:
    rows = db.session.scalars(
        select(Attempt)
        .where(Attempt.status == COMPLETED, column == value, Attempt.company_id.is_not(None))
        .order_by(Attempt.completed_at, Attempt.id)
    )
    latest: dict[int, Attempt] = {}
    for attempt in rows:
        if attempt.company_id != exclude and attempt.company_id is not None:
            latest[attempt.company_id] = attempt  # later rows replace earlier ones
    return latest


def peer_averages(attempt: Attempt) -> dict[str, Any]:
    """``{"group": "sector"|"size_band", "value", "count", "averages": {key: mean}}``,
    or ``{}`` when fewer than ``[assessment] peer_minimum`` companies contribute."""
    minimum = int(setting("assessment", "peer_minimum"))
    for group, column in (("sector", Attempt.sector), ("size_band", Attempt.size_band)):
        value = getattr(attempt, group)
        if not value:
            continue
        latest = _latest_by_company(column, value, attempt.company_id)
        if len(latest) < minimum:
            continue
        averages: dict[str, float] = {}
        for key in attempt.scores:
            values = [a.scores[key] for a in latest.values() if a.scores.get(key) is not None]
            if len(values) >= minimum:
                averages[key] = round(sum(values) / len(values), 1)
        return {"group": group, "value": value, "count": len(latest), "averages": averages}
    return {}
