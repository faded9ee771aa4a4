"""BigBlueButton's server-side API: every call carries
``checksum = sha256(call_name + query_string + shared_secret)``; ``create`` is
idempotent and called before each join; ``join`` names the role (MODERATOR only for
organisers); the shared secret never reaches the browser, only signed join URLs."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from typing import Any, ClassVar
from urllib.parse import urlencode
from urllib.request import urlopen
from xml.etree import ElementTree

from flask_babel import lazy_gettext as _l

from .base import Participant, ProviderError, Recording, Room

TIMEOUT = 10


class BBBError(ProviderError):
    """The BigBlueButton server refused a call or did not answer."""


def checksum(call: str, query: str, secret: str, algorithm: str = "sha256") -> str:
    return hashlib.new(algorithm, (call + query + secret).encode()).hexdigest()


@dataclass
class BigBlueButton:
    url: str  # e.g. https://bbb.example.org/bigbluebutton/
    secret: str
    algorithm: str = "sha256"
    callback_base: str = ""  # the platform's base URL, for BBB's end callback
    name: ClassVar[str] = "bbb"
    label: ClassVar[Any] = _l("BigBlueButton")

    @classmethod
    def from_settings(cls) -> BigBlueButton:
        from tremplin.core.api import setting

        return cls(
            setting("events", "bbb_url"),
            setting("events", "bbb_secret"),
            callback_base=str(setting("app", "base_url")).rstrip("/"),
        )

    def callback_signature(self, room_id: str) -> str:
        """Signs the end-callback URL so only the BBB server (which got it from us
        at create) can call it."""
        return hmac.new(
            self.secret.encode(), b"end:" + room_id.encode(), hashlib.sha256
        ).hexdigest()

    def end_callback_url(self, room_id: str) -> str:
        signature = self.callback_signature(room_id)
        return f"{self.callback_base}/events-feed/webinar-ended/{room_id}/{signature}"

    def signed_url(self, call: str, params: dict[str, str]) -> str:
        query = urlencode(params)
        base = self.url if self.url.endswith("/") else self.url + "/"
        digest = checksum(call, query, self.secret, self.algorithm)
        return f"{base}api/{call}?{query}{'&' if query else ''}checksum={digest}"

    def call(self, call: str, params: dict[str, str]) -> ElementTree.Element:
        url = self.signed_url(call, params)
        if not url.startswith(("http://", "https://")):
            raise BBBError(f"not an HTTP URL: {self.url}")
        try:  # the scheme is checked above; the XML comes from the configured BBB server
            with urlopen(url, timeout=TIMEOUT) as response:  # nosec B310
                root = ElementTree.fromstring(response.read())  # nosec B314
        except (OSError, ElementTree.ParseError) as exc:
            raise BBBError(f"{call}: {exc}") from exc
        if root.findtext("returncode") != "SUCCESS":
            raise BBBError(f"{call}: {root.findtext('messageKey')} {root.findtext('message')}")
        return root

    def create_room(self, room_id: str, title: str) -> Room:
        params = {"meetingID": room_id, "name": title, "record": "true", "meta_tremplin": room_id}
        if self.callback_base:
            params["meta_endCallbackUrl"] = self.end_callback_url(room_id)
        self.call("create", params)
        return Room(room_id, title)

    def join_url(self, room: Room, participant: Participant) -> str:
        self.create_room(room.room_id, room.title)  # idempotent: the room exists at join
        role = "MODERATOR" if participant.moderator else "VIEWER"
        params = {
            "meetingID": room.room_id,
            "fullName": participant.display_name,
            "role": role,
            "userID": str(participant.user_id),
            "redirect": "true",
        }
        return self.signed_url("join", params)

    def end(self, room: Room) -> None:
        self.call("end", {"meetingID": room.room_id})

    def recordings(self, room: Room) -> list[Recording]:
        root = self.call("getRecordings", {"meta_tremplin": room.room_id})
        found = []
        for item in root.iter("recording"):
            url = item.findtext("playback/format/url") or ""
            if url:
                found.append(
                    Recording(url, item.findtext("name") or "", item.findtext("startTime") or "")
                )
        return found
