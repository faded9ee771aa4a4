"""The events plugin's own hooks; other plugins implement them without importing it.

``event_ended`` is announced (after commit) by a scheduled task once an event or
mission is over: the surveys plugin sends its post-event surveys from it.
``event_participants`` and ``event_summary`` are questions the events plugin itself
answers, so that a listener can read what it needs from an event id.
"""

from __future__ import annotations

from typing import Any

import pluggy

from tremplin.core.api import eventspec

hookspec = pluggy.HookspecMarker("tremplin")


@eventspec
def event_ended(event_id: int) -> None:
    """An event or mission is over (emitted once, delivered after commit).

    ```python
    @hookimpl(optionalhook=True)
    def event_ended(event_id):
        schedule_survey(event_id)
    ```
    """


@hookspec(firstresult=True)
def event_participants(event_id: int) -> list[int] | None:
    """The user ids of the event's confirmed participants.

    ```python
    pm.hook.event_participants(event_id=12)  # [4, 9, 31]
    ```
    """


@hookspec(firstresult=True)
def event_summary(event_id: int) -> dict[str, Any] | None:
    """``id``, ``title``, ``type``, ``starts_at``, ``ends_at``
    (ISO 8601, UTC), ``timezone``, ``countries`` and ``sectors`` of an event.

    ```python
    pm.hook.event_summary(event_id=12)["title"]
    ```
    """
