"""The editorial workflow and the queries the pages share (no request objects).

States: ``draft`` → ``review`` (submitted by an author) → ``published`` (at once,
or at ``publish_at`` by the scheduled task) → ``archived``. Every change that
affects readers re-indexes the item.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import or_, select

from tremplin.core.api import after_commit, db, per_request

from .models import STATES, Resource

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class WorkflowError(ValueError):
    """A state change that is not allowed from the item's current state."""


TRANSITIONS = {
    "draft": ("review", "published", "archived"),
    "review": ("draft", "published", "archived"),
    "published": ("draft", "archived"),
    "archived": ("draft",),
}


def now() -> datetime:
    return datetime.now(UTC)


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:120] or "ressource"


def get_by_slug(slug: str) -> Resource | None:
    if not SLUG.match(slug or ""):
        return None
    return db.session.scalar(select(Resource).where(Resource.slug == slug))


def move(item: Resource, state: str, when: datetime | None = None) -> None:
    """Change the workflow state (``published`` with a future ``when`` schedules it)."""
    if state not in STATES or state not in TRANSITIONS.get(item.state, ()):
        raise WorkflowError(f"{item.state} -> {state}")
    if state == "published" and when is not None and _aware(when) > now():
        item.publish_at = when
        item.state = "review" if item.state == "draft" else item.state
        return
    item.state = state
    if state == "published":
        item.published_at = item.published_at or now()
        item.publish_at = None
    reindex(item)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def publish_due(at: datetime | None = None) -> list[Resource]:
    """Publish the items whose ``publish_at`` has come (the scheduled task)."""
    moment = at or now()
    due = [
        item
        for item in db.session.scalars(
            select(Resource).where(
                Resource.publish_at.is_not(None), Resource.state.in_(("draft", "review"))
            )
        )
        if item.publish_at is not None and _aware(item.publish_at) <= moment
    ]
    for item in due:
        item.state = "published"
        item.published_at = moment
        item.publish_at = None
        reindex(item)
    db.session.commit()
    return due


def due_for_review(today: date | None = None) -> list[Resource]:
    """Published country sheets whose review date has passed and that have not been
    reminded about since (the "to review" list)."""
    day = today or now().date()
    query = select(Resource).where(
        Resource.state == "published",
        Resource.review_at.is_not(None),
        Resource.review_at <= day,
        or_(Resource.reminded_at.is_(None), Resource.reminded_at < Resource.review_at),
    )
    return list(db.session.scalars(query.order_by(Resource.review_at)))


def overdue(today: date | None = None) -> list[Resource]:
    """Every published item past its review date (shown to editors as "to review")."""
    day = today or now().date()
    query = select(Resource).where(
        Resource.state == "published", Resource.review_at.is_not(None), Resource.review_at <= day
    )
    return list(db.session.scalars(query.order_by(Resource.review_at)))


def reindex(item: Resource) -> None:
    """Put the item in the search index as readers should see it (or take it out),
    once the change is committed: a search never finds what the database does not
    hold yet, and a rolled-back change never reaches the index."""
    from .search import reindex_item

    item_id = item.id

    def update() -> None:
        found = db.session.get(Resource, item_id)
        if found is not None:
            reindex_item(found)
        else:
            from .search import forget

            forget(item_id)

    after_commit(update)


def published(kinds: tuple[str, ...] | None = None) -> list[Resource]:
    return list(_published(kinds))


@per_request
def _published(kinds: tuple[str, ...] | None) -> tuple[Resource, ...]:
    query = select(Resource).where(Resource.state == "published")
    if kinds:
        query = query.where(Resource.kind.in_(kinds))
    return tuple(db.session.scalars(query.order_by(Resource.updated_at.desc(), Resource.id)))


def related(item: Resource, candidates: list[Resource], limit: int = 4) -> list[Resource]:
    """Items sharing the most sectors, countries and tags with ``item``."""
    mine = _topics(item)
    scored = [
        (len(mine & _topics(other)), other)
        for other in candidates
        if other.id != item.id and mine & _topics(other)
    ]
    scored.sort(key=lambda pair: (-pair[0], -(pair[1].id or 0)))
    return [other for _score, other in scored[:limit]]


def _topics(item: Resource) -> set[str]:
    return (
        {f"s:{v}" for v in item.listed("sectors")}
        | {f"c:{v}" for v in item.listed("countries")}
        | {f"t:{v.lower()}" for v in item.listed("tags")}
    )


def recommended(
    candidates: list[Resource], sectors: list[str], countries: list[str], stage: str = "",
    limit: int = 5,
) -> list[Resource]:  # fmt: skip
    """Items for a member's sector and target markets (and export stage), best first."""
    wanted = {f"s:{v.lower()}" for v in sectors if v} | {f"c:{v.upper()}" for v in countries if v}

    def score(item: Resource) -> int:
        topics = {f"s:{v.lower()}" for v in item.listed("sectors")} | {
            f"c:{v.upper()}" for v in item.listed("countries")
        }
        return 2 * len(wanted & topics) + (1 if stage and stage in item.listed("audiences") else 0)

    ranked = sorted(((score(i), i) for i in candidates), key=lambda p: (-p[0], -(p[1].id or 0)))
    return [item for points, item in ranked if points > 0][:limit]


def as_dict(item: Resource) -> dict[str, Any]:
    return {"slug": item.slug, "kind": item.kind, "title": item.title("fr"), "state": item.state}
