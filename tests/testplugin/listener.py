"""A second tiny plugin: answers the test plugin's own hooks and fills its page's slot.

It never imports the test plugin: it only knows the hooks' names and arguments.
"""

from __future__ import annotations

from typing import Any

from flask import current_app
from markupsafe import Markup

from tremplin.core.api import SlotBlock, app_cache, hookimpl

# What this process saw: dropped with the other per-process caches (after each test).
EVENTS = app_cache("testplugin_events")


@hookimpl
def testplugin_note_added(note_id: int, text: str) -> None:
    current_app.extensions.setdefault(EVENTS, []).append((note_id, text))


@hookimpl
def testplugin_suggestions(topic: str) -> list[str]:
    return [f"Relire {topic}", f"Partager {topic}"]


@hookimpl
def template_slot(name: str, context: dict[str, Any]) -> list[SlotBlock] | None:
    if name != "testplugin.note.aside":
        return None
    note = context["note"]
    return [
        SlotBlock(html=f"<b>brut {note.id}</b>", order=60),  # plain text: escaped
        SlotBlock(html=Markup('<span class="listener-aside">{}</span>').format(note.text)),
    ]
