"""The reference provider: no server, predictable URLs (tests and demonstrations)."""

from __future__ import annotations

from typing import Any, ClassVar
from urllib.parse import urlencode

from flask_babel import lazy_gettext as _l

from .base import Participant, Recording, Room


class Dummy:
    name: ClassVar[str] = "dummy"
    label: ClassVar[Any] = _l("Salle de démonstration")

    def __init__(self) -> None:
        self.ended: set[str] = set()

    def create_room(self, room_id: str, title: str) -> Room:
        return Room(room_id, title)

    def join_url(self, room: Room, participant: Participant) -> str:
        role = "moderator" if participant.moderator else "attendee"
        query = urlencode({"name": participant.display_name, "role": role})
        return f"https://dummy.invalid/{room.room_id}?{query}"

    def end(self, room: Room) -> None:
        self.ended.add(room.room_id)

    def recordings(self, room: Room) -> list[Recording]:
        return [Recording(f"https://dummy.invalid/{room.room_id}/recording", room.title)]
