"""Each member's rendered dashboard cards, kept a few seconds per worker.

Building the cards asks every plugin for its widget (a query or two each) and
renders each template: most of the dashboard's cost. The cards are kept per member
and language for ``[dashboard] cache_seconds`` (rendered HTML only, never database
objects), and forgotten:

- at once in this worker when anything here commits a change (a test, a command,
  the member's own action, another member's);
- in every worker for the member's own changes: a request that commits a change
  stamps the member's session (``dashboard_generation``), which is part of the key;
- after the delay for what happens elsewhere (another worker, the task queue).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import current_app, has_request_context, session
from flask_babel import get_locale

from ..caches import after_write, dropped_on_write
from ..contributions import Widget

CARDS = dropped_on_write("tremplin.dashboard.cards")
GENERATION = "dashboard_generation"
MAX_MEMBERS = 1_000


@dataclass(frozen=True)
class Cards:
    """The member's arrangement (widgets without their contexts) and the HTML of
    the visible cards."""

    visible: list[Widget]
    hidden: list[Widget]
    html: dict[str, str]
    built_at: float = 0.0


def _store() -> dict[tuple[Any, ...], Cards]:
    store: dict[tuple[Any, ...], Cards] = current_app.extensions.setdefault(CARDS, {})
    return store


def _key(user_id: int) -> tuple[Any, ...]:
    return (user_id, str(get_locale()), session.get(GENERATION, 0))


def _bare(widget: Widget) -> Widget:
    return Widget(widget.key, str(widget.title), widget.template, {}, widget.order, widget.stages)


def cards(user_id: int, build: Callable[[], Cards]) -> Cards:
    """The member's cards from the cache when fresh, else ``build()`` (kept)."""
    seconds = float(current_app.extensions["tremplin"].config.get("dashboard", "cache_seconds"))
    key = _key(user_id)
    found = _store().get(key) if seconds > 0 else None
    if found is not None and time.monotonic() - found.built_at < seconds:
        return found
    built = build()
    kept = Cards(
        [_bare(w) for w in built.visible],
        [_bare(w) for w in built.hidden],
        built.html,
        time.monotonic(),
    )
    if seconds > 0:
        store = _store()
        if len(store) >= MAX_MEMBERS:
            store.clear()
        store[key] = kept
    return kept


@after_write
def _stamp_session() -> None:
    """A signed-in member wrote: their next dashboard, in any worker, is rebuilt."""
    if has_request_context() and session.get("_user_id"):
        session[GENERATION] = time.time_ns()
