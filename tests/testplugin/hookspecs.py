"""The test plugin's own event: other plugins implement it without importing it."""

from __future__ import annotations

import pluggy

hookspec = pluggy.HookspecMarker("tremplin")


@hookspec
def testplugin_note_added(note_id: int, text: str) -> None:
    """A note was added to the test plugin's notebook."""
