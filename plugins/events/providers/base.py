"""The webinar provider contract."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, Protocol


class ProviderError(RuntimeError):
    """The provider refused a call or did not answer (shown as a translated message)."""


@dataclass(frozen=True)
class Room:
    """A provider's room for one event: ``room_id`` is stored on the event."""

    room_id: str
    title: str


@dataclass(frozen=True)
class Participant:
    """Who joins: ``moderator`` is true only for the event's organisers."""

    user_id: int
    display_name: str
    moderator: bool = False


@dataclass(frozen=True)
class Recording:
    url: str
    title: str = ""
    started: str = ""


class WebinarProvider(Protocol):
    """What every provider does; nothing here reaches the browser but URLs."""

    name: ClassVar[str]
    label: ClassVar[Any]

    def create_room(self, room_id: str, title: str) -> Room:
        """Create (idempotently) the room ``room_id``."""
        ...

    def join_url(self, room: Room, participant: Participant) -> str:
        """The URL that lets ``participant`` in, with their role."""
        ...

    def end(self, room: Room) -> None:
        """Close the room for everyone."""
        ...

    def recordings(self, room: Room) -> list[Recording]:
        """The room's recordings, newest first."""
        ...
