"""Back-office list of the notes (Admin only)."""

from __future__ import annotations

from flask_appbuilder import ModelView
from flask_appbuilder.models.sqla.interface import SQLAInterface

from .models import Note


class TestpluginNoteView(ModelView):
    datamodel = SQLAInterface(Note)
    list_columns = ["text", "created_at"]
    add_columns = edit_columns = ["text"]
