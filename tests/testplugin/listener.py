"""A second tiny plugin: implements the test plugin's own event hook only."""

from __future__ import annotations

from flask import current_app

from tremplin.core.api import app_cache, hookimpl

# What this process saw: dropped with the other per-process caches (after each test).
EVENTS = app_cache("testplugin_events")


@hookimpl
def testplugin_note_added(note_id: int, text: str) -> None:
    current_app.extensions.setdefault(EVENTS, []).append((note_id, text))
