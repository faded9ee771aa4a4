"""Webinar providers behind one contract, in the image of Indico's video-conference
plugins: :class:`WebinarProvider` (create a room, a join URL for a member and a
role, end, list recordings), a reference :mod:`.dummy` provider for tests, and two
real ones, :mod:`.jitsi` and :mod:`.bbb`. The shared secrets stay on the server."""

from __future__ import annotations

from typing import Any

from .base import Participant, ProviderError, Recording, Room, WebinarProvider


def providers() -> dict[str, WebinarProvider]:
    """The providers the configuration enables, by name (settings ``[events]``)."""
    from tremplin.core.api import setting

    from .bbb import BigBlueButton
    from .dummy import Dummy
    from .jitsi import Jitsi

    found: dict[str, WebinarProvider] = {}
    if setting("events", "dummy_provider"):
        found["dummy"] = Dummy()
    if setting("events", "jitsi_url"):
        found["jitsi"] = Jitsi.from_settings()
    if setting("events", "bbb_url") and setting("events", "bbb_secret"):
        found["bbb"] = BigBlueButton.from_settings()
    return found


def provider(name: str) -> WebinarProvider | None:
    return providers().get(name) if name else None


def provider_choices() -> list[tuple[str, Any]]:
    return [(name, p.label) for name, p in providers().items()]


__all__ = [
    "Participant",
    "ProviderError",
    "Recording",
    "Room",
    "WebinarProvider",
    "provider",
    "providers",
]
