"""Scheduled work: publish what is due, remind editors of sheets to review."""

from __future__ import annotations

from datetime import date

from sqlalchemy import update

from tremplin.core.api import db, members, notify

from .models import Resource
from .services import due_for_review, now, publish_due

REVIEW_REMINDER = "resources.review_due"
EDITORS = ("ContentManager",)


def publish_scheduled() -> int:
    """Publish the items whose scheduled date has come; how many were published."""
    return len(publish_due())


def remind_reviews() -> int:
    """Notify content managers once per item whose review date has passed."""
    due = due_for_review()
    if not due:
        return 0
    editors = {m.id: m for role in EDITORS for m in members(role=role, limit=500)}
    today = now().date()
    for item in due:
        for editor in editors.values():
            notify(
                editor.id,
                REVIEW_REMINDER,
                title=item.title(editor.language)[:150],
                url=f"/{editor.language}/resources/{item.slug}",
            )
        mark_reminded(item.id, today)
    db.session.commit()
    return len(due)


def mark_reminded(item_id: int, day: date) -> None:
    """Note the reminder without touching ``updated_at``: a reminder is no update of
    the content (readers' "updated on" and "recently updated" stay as they were)."""
    db.session.execute(
        update(Resource)
        .where(Resource.id == item_id)
        .values(reminded_at=day, updated_at=Resource.updated_at)
        .execution_options(synchronize_session="fetch")
    )
