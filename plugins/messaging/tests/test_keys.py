"""Encryption at rest and ``tremplin keys rotate`` over 10,000 messages: bodies
are never in clear in the database; an interrupted rotation loses and corrupts
nothing, resumes where it stopped, and old keys read until it completes."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import insert, select, text
from typer.testing import CliRunner

from tremplin.core.api import db, storage
from tremplin.core.testing.storage import pdf

from .. import crypto
from ..commands import app as keys_cli
from ..models import Attachment, Conversation, Message, utcnow
from ..rotation import pending, rotate_attachments, rotate_messages
from ..services import attach, start
from .fixtures import CONFIG, NEW_KEY, OLD_KEY, member

CONFIG_OVERRIDES = CONFIG
COUNT = 10_000


class Interrupted(BaseException):
    """Stands for Ctrl-C or a crash (a BaseException, like KeyboardInterrupt)."""


def test_bodies_are_not_in_clear_in_the_database(app, people):
    start(member(people.ahmed), [people.awa.id], "Notre prix export : 4200 FCFA")
    db.session.commit()
    raw = db.session.execute(text("SELECT body FROM messaging_message")).scalars().all()
    assert raw and all(b"4200" not in bytes(body) and b"prix" not in bytes(body) for body in raw)
    assert crypto.open_text(bytes(raw[0])) == "Notre prix export : 4200 FCFA"


def _old_messages(people) -> int:
    conversation = Conversation(created_by=people.ahmed.id)
    db.session.add(conversation)
    db.session.flush()
    old, old_id, now = crypto.keyring_of([OLD_KEY]), crypto.key_id(OLD_KEY), utcnow()
    rows = [
        {
            "conversation_id": conversation.id,
            "sender_id": people.ahmed.id,
            "hidden": False,
            "body": old.seal(f"message {i}".encode()),
            "key_id": old_id,
            "created_at": now,
        }
        for i in range(COUNT)
    ]
    db.session.execute(insert(Message), rows)
    db.session.commit()
    return conversation.id


def _all_readable(conversation_id: int, ring: crypto.Keyring) -> bool:
    bodies = db.session.execute(
        select(Message.body).where(Message.conversation_id == conversation_id).order_by(Message.id)
    ).scalars()
    return [ring.open(bytes(b)).decode() for b in bodies] == [f"message {i}" for i in range(COUNT)]


def test_rotation_of_10000_messages_interrupted_and_resumed(app, people, monkeypatch):
    conversation_id = _old_messages(people)
    assert pending().messages == COUNT
    batches = []

    def stop_after_three(n):
        batches.append(n)
        if len(batches) == 3:
            raise Interrupted

    with pytest.raises(Interrupted):
        rotate_messages(1000, stop_after_three)
    assert pending().messages == COUNT - 3000
    assert _all_readable(conversation_id, crypto.keyring())  # old and new tokens mixed

    calls = {"n": 0}
    real = crypto.Keyring.reseal

    def crash_mid_batch(self, token):
        calls["n"] += 1
        if calls["n"] == 500:
            raise Interrupted  # inside a batch: the batch is rolled back
        return real(self, token)

    monkeypatch.setattr(crypto.Keyring, "reseal", crash_mid_batch)
    with pytest.raises(Interrupted):
        rotate_messages(1000)
    monkeypatch.setattr(crypto.Keyring, "reseal", real)
    db.session.expire_all()
    assert pending().messages == COUNT - 3000
    assert _all_readable(conversation_id, crypto.keyring())

    result = CliRunner().invoke(keys_cli, ["rotate", "--batch-size", "2000"])
    assert result.exit_code == 0, result.output
    assert "Rotation terminée" in result.output
    assert pending().total == 0
    assert _all_readable(conversation_id, crypto.keyring_of([NEW_KEY]))  # the old key can go


def test_attachments_are_rotated_too(app, people):
    ring = crypto.keyring_of([OLD_KEY])
    _conversation, message = start(member(people.ahmed), [people.awa.id], "Brochure")
    app.extensions[crypto.CACHE] = ring  # sealed as before the new key was added
    item = attach(message, io.BytesIO(pdf()), "brochure.pdf", member(people.ahmed))
    db.session.commit()
    app.extensions.pop(crypto.CACHE)
    assert pending().attachments == 1
    assert rotate_attachments() == 1
    file = storage.get(db.session.get(Attachment, item.id).file_key)
    with storage.open(file) as stored:
        assert crypto.keyring_of([NEW_KEY]).open(stored.read()) == pdf()


def test_status_and_generate_commands(app, people):
    start(member(people.ahmed), [people.awa.id], "Bonjour")
    db.session.commit()
    status = CliRunner().invoke(keys_cli, ["status"])
    assert (
        status.exit_code == 0
        and f"{crypto.key_id(NEW_KEY)} (actuelle) : 1 message(s)" in status.output
    )
    generated = CliRunner().invoke(keys_cli, ["generate"]).output.strip()
    assert crypto.keyring_of([generated]).open(crypto.keyring_of([generated]).seal(b"ok")) == b"ok"
    with pytest.raises(crypto.InvalidToken):
        crypto.keyring_of([NEW_KEY]).open(crypto.keyring_of([generated]).seal(b"ok"))


def test_altered_or_foreign_tokens_do_not_open(app):
    ring = crypto.keyring()
    token = bytearray(ring.seal(b"Bonjour"))
    assert crypto.open_text(bytes(token)) == "Bonjour"
    token[-1] ^= 1
    assert crypto.open_text(bytes(token)) == ""  # authenticated: a changed byte is refused
    foreign = crypto.keyring_of([crypto.generate_key()]).seal(b"secret")
    assert crypto.open_text(foreign) == "" and crypto.open_text(b"short") == ""
    with pytest.raises(ValueError, match="32 bytes"):
        crypto.keyring_of(["c2hvcnQ="])
