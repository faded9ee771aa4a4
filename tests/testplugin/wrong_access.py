"""A DELIBERATELY WRONG plugin (tests only): it declares that a note is read by its
owner, but its view checks the role permission only (``api.can`` without the
object), so any signed-in member reads every note. The URL walker must catch it."""

from __future__ import annotations

from flask import Blueprint, abort
from markupsafe import escape

from tremplin.core.api import AccessRule, PortalBlueprint, can, db, guarded, hookimpl, rules

from .models import Note

blueprint = Blueprint("testplugin_wrong", __name__, url_prefix="/testplugin-wrong")


def load_note(note_id: int, **_: object) -> Note | None:
    return db.session.get(Note, note_id)


@blueprint.get("/notes/<int:note_id>")
@guarded("read", "TestpluginWrongNote", load=load_note)
def note(note_id: int, **_: object) -> str:
    if not can("can_view", "Dashboard"):  # WRONG: every member holds it; obj not checked
        abort(404)
    found = load_note(note_id)
    if found is None:
        abort(404)
    return f"<p>{escape(found.text)}</p>"


@hookimpl
def register_blueprints() -> list[PortalBlueprint]:
    return [PortalBlueprint(blueprint)]


@hookimpl
def register_access_rules() -> list[AccessRule]:
    return [AccessRule("TestpluginWrongNote", "read", rules.owner("author_id"), "Owner only.")]
