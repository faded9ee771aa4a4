"""GDPR: the export holds the member's messages; erasure anonymises their side and
keeps the other member's history readable."""

from __future__ import annotations

from tremplin.core.api import db

from ..gdpr import erase, personal_data
from ..reading import inbox, messages
from ..services import post, start
from .fixtures import CONFIG, member

CONFIG_OVERRIDES = CONFIG


def test_export_and_erasure(app, people):
    conversation, _m = start(member(people.ahmed), [people.awa.id], "Bonjour Awa")
    post(conversation, member(people.awa), "Bonjour Ahmed")
    db.session.commit()
    exported = personal_data(people.ahmed.id)
    assert exported is not None
    assert [(r["text"], r["sent_by_me"]) for r in exported.records] == [
        ("Bonjour Awa", True),
        ("Bonjour Ahmed", False),
    ]
    erase(people.ahmed.id)
    db.session.commit()
    assert personal_data(people.ahmed.id) is None
    shown = messages(conversation)
    assert [(m.sender, m.text) for m in shown] == [
        ("Membre supprimé", "Bonjour Awa"),
        ("Awa Test", "Bonjour Ahmed"),
    ]
    assert [row.names for row in inbox(people.awa.id)] == ["Membre supprimé"]


def test_sealed_attachments_are_described_not_exported_encrypted(app, people):
    from flask import current_app

    from .fixtures import conversation_with_file

    conversation_with_file(people)
    answers = current_app.extensions["tremplin"].pm.hook.personal_data(user_id=people.ahmed.id)
    [exported] = [a for a in answers if a is not None and a.label == "fichiers"]
    assert [(r["filename"], r["encrypted"]) for r in exported.records] == [("brochure.pdf", True)]
    assert exported.files == ()  # no ciphertext in the archive
