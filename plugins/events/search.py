"""Events in the platform's full-text search: one document per published event
(title, description, place, types, countries and sectors in words)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from flask import url_for
from sqlalchemy import select

from tremplin.core.api import (
    SearchDocument,
    SearchHit,
    country_name,
    db,
    index_document,
    remove_document,
    sector_label,
)

from .models import Event

TYPE = "events"


def document(event: Event) -> SearchDocument:
    words = [country_name(c, "fr") for c in event.country_codes]
    words += [sector_label(c, "fr") for c in event.sector_codes]
    body = "\n".join([event.description, event.place, event.organiser, " ".join(words)])
    return SearchDocument(str(event.id), event.title, body, tags=(event.kind,))


def documents() -> Iterator[SearchDocument]:
    for event in db.session.scalars(select(Event).where(Event.published.is_(True))):
        yield document(event)


def hits(keys: Sequence[str], language: str) -> dict[str, SearchHit]:
    ids = [int(k) for k in keys if k.isdigit()]
    rows = db.session.scalars(select(Event).where(Event.id.in_(ids), Event.published.is_(True)))
    return {
        str(e.id): SearchHit(
            e.title,
            url_for("events.show", event_id=e.id, lang_code=language),
            (e.description or e.place)[:200],
        )
        for e in rows
    }


def hit(key: str, language: str) -> SearchHit | None:
    return hits([key], language).get(key)


def reindex(event: Event) -> None:
    """After an event is saved: index it, or drop it when it is not published."""
    if event.published:
        index_document(TYPE, document(event))
    else:
        remove_document(TYPE, str(event.id))
