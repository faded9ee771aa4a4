"""The test plugin's own hooks: other plugins implement them without importing it.

``testplugin_suggestions`` is a question (every answer is collected);
``testplugin_note_added`` is an event, emitted with ``api.emit`` after commit.
"""

from __future__ import annotations

import pluggy

from tremplin.core.api import eventspec

hookspec = pluggy.HookspecMarker("tremplin")


@hookspec
def testplugin_suggestions(topic: str) -> list[str]:
    """Note ideas on ``topic``, offered by other plugins for the notebook."""


@eventspec
def testplugin_note_added(note_id: int, text: str) -> None:
    """A note was added to the test plugin's notebook (delivered after commit)."""
