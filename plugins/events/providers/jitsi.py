"""Jitsi Meet: a room URL, and with an app secret a signed JWT per participant
(HS256 shared secret, or RS256 with a private key) carrying the room, the expiry,
the display name and the moderator flag, which only organisers get."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, ClassVar
from urllib.parse import quote, urlsplit

import jwt
from flask_babel import lazy_gettext as _l

from .base import Participant, Recording, Room

TOKEN_SECONDS = 4 * 3600


@dataclass
class Jitsi:
    base_url: str
    app_id: str = ""
    secret: str = ""
    algorithm: str = "HS256"
    name: ClassVar[str] = "jitsi"
    label: ClassVar[Any] = _l("Jitsi Meet")

    @classmethod
    def from_settings(cls) -> Jitsi:
        from tremplin.core.api import setting

        return cls(
            setting("events", "jitsi_url").rstrip("/"),
            setting("events", "jitsi_app_id"),
            setting("events", "jitsi_secret"),
            setting("events", "jitsi_algorithm"),
        )

    def create_room(self, room_id: str, title: str) -> Room:
        return Room(room_id, title)  # Jitsi creates rooms on first join

    def token(self, room: Room, participant: Participant, now: float | None = None) -> str:
        issued = int(now if now is not None else time.time())
        claims = {
            "aud": "jitsi",
            "iss": self.app_id,
            "sub": urlsplit(self.base_url).hostname or "*",
            "room": room.room_id,
            "iat": issued,
            "nbf": issued - 10,
            "exp": issued + TOKEN_SECONDS,
            "context": {
                "user": {
                    "id": str(participant.user_id),
                    "name": participant.display_name,
                    "moderator": participant.moderator,
                }
            },
        }
        return jwt.encode(claims, self.secret, algorithm=self.algorithm)

    def join_url(self, room: Room, participant: Participant) -> str:
        url = f"{self.base_url}/{quote(room.room_id)}"
        if self.secret:
            url += "?jwt=" + self.token(room, participant)
        return url

    def end(self, room: Room) -> None:
        return None  # rooms close when the last participant leaves

    def recordings(self, room: Room) -> list[Recording]:
        return []  # Jibri recordings are linked by hand (recording_url)
