"""A second tiny plugin: implements the test plugin's own event hook only."""

from __future__ import annotations

from flask import current_app

from tremplin.core.api import hookimpl


@hookimpl
def testplugin_note_added(note_id: int, text: str) -> None:
    current_app.extensions.setdefault("testplugin_events", []).append((note_id, text))
