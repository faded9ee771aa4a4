"""The events plugin's hooks, as fixed by the shared contract (§4)."""

from __future__ import annotations

import pluggy

from tremplin.core.api import eventspec

hookspec = pluggy.HookspecMarker("tremplin")


@eventspec
def event_ended(event_id: int) -> None:
    """An event or mission is over (delivered after commit)."""


@hookspec(firstresult=True)
def event_participants(event_id: int) -> list[int] | None:
    """User ids of the event's confirmed participants."""
