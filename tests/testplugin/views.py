"""Portal pages ``/<lang>/testplugin/``: the notebook, and one note (object-level access)."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from markupsafe import escape
from werkzeug.wrappers import Response

from tremplin.core.api import db, require, setting

from .models import Note
from .services import add_note, all_notes

blueprint = Blueprint(
    "testplugin",
    __name__,
    url_prefix="/testplugin",
    template_folder=str(Path(__file__).resolve().parent / "templates"),
)


@blueprint.get("/")
def index() -> str:
    return render_template(
        "testplugin/index.html", notes=all_notes(), greeting=setting("testplugin", "greeting")
    )


def load_note(note_id: int, **_: object) -> Note | None:
    return db.session.get(Note, note_id)


@blueprint.get("/notes/<int:note_id>")
@require("read", "TestpluginNote", load=load_note)
def note(note_id: int, **_: object) -> str:
    """Readable by its author and by moderators (rule in ``plugin.register_access_rules``)."""
    found = load_note(note_id)
    return f"<p>{escape(found.text if found else '')}</p>"


@blueprint.post("/notes")
@login_required
def add() -> Response:
    """Add a note as the signed-in member, who is notified (``api.notify``)."""
    add_note(request.form.get("text", "")[:200], int(current_user.id), notify_author=True)
    return redirect(url_for("testplugin.index"))
