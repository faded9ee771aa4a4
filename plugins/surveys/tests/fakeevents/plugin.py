"""Fake events: ``EVENTS`` maps an event id to (end, participant ids); the
scheduled check ``end_finished(now)`` fires ``event_ended`` for those over."""

from __future__ import annotations

from datetime import datetime
from types import ModuleType
from typing import Any

from flask import current_app

from tremplin.core.api import app_cache, db, emit, hookimpl

EVENTS = app_cache("fakeevents_events")
ENDED = app_cache("fakeevents_ended")


def events() -> dict[int, tuple[datetime, list[int]]]:
    found: dict[int, tuple[datetime, list[int]]] = current_app.extensions.setdefault(EVENTS, {})
    return found


def add_event(event_id: int, ends: datetime, participants: list[int]) -> None:
    events()[event_id] = (ends, participants)


def end_finished(now: datetime) -> list[int]:
    """What the events plugin's task does: announce every event over at ``now``."""
    done: set[int] = current_app.extensions.setdefault(ENDED, set())
    ended = [i for i, (ends, _) in events().items() if ends <= now and i not in done]
    for event_id in ended:
        done.add(event_id)
        emit("event_ended", event_id=event_id)
    db.session.commit()
    return ended


@hookimpl
def register_hookspecs() -> ModuleType:
    from . import hookspecs

    return hookspecs


@hookimpl
def event_participants(event_id: int) -> Any:
    found = events().get(event_id)
    return list(found[1]) if found else None
