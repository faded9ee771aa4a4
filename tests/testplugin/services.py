"""The notebook's operations (no request objects): shared by views, CLI, search, GDPR."""

from __future__ import annotations

from collections.abc import Iterator

from flask import current_app
from sqlalchemy import select

from tremplin.core.api import SearchDocument, db, emit, notify

from .models import Note


def add_note(text: str, author_id: int | None = None, notify_author: bool = False) -> Note:
    """Store a note and announce it through the plugin's own event (after commit);
    with ``notify_author``, the author is notified in the same transaction (outbox)."""
    note = Note(text=text, author_id=author_id)
    db.session.add(note)
    db.session.flush()
    emit("testplugin_note_added", note_id=note.id, text=text)
    if notify_author and author_id is not None:
        notify(author_id, "testplugin.note_saved", text=text, url="/fr/testplugin/")
    db.session.commit()
    return note


def suggestions(topic: str) -> list[str]:
    """What other plugins suggest writing about ``topic`` (the plugin's own question)."""
    pm = current_app.extensions["tremplin"].pm
    return [idea for answer in pm.hook.testplugin_suggestions(topic=topic) for idea in answer]


def all_notes() -> list[Note]:
    return list(db.session.scalars(select(Note).order_by(Note.id)))


def notes_of(user_id: int) -> list[Note]:
    return list(db.session.scalars(select(Note).where(Note.author_id == user_id)))


def forget_author(user_id: int) -> None:
    for note in notes_of(user_id):
        note.author_id = None
    db.session.commit()


def search_documents() -> Iterator[SearchDocument]:
    for note in all_notes():
        yield SearchDocument(str(note.id), note.text, note.text)


DEMO_NOTE = "Note de démonstration"


def add_demo_note() -> int:
    """The demo note (``demo_data`` hook): added only when it is missing."""
    if db.session.scalar(select(Note.id).where(Note.text == DEMO_NOTE)) is not None:
        return 0
    add_note(DEMO_NOTE)
    return 1
