"""Who reads an attachment: the conversation's participants, and a moderator
handling a report on its message or conversation (second factor, audited)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from tremplin.core.api import db, moderation, storage

from . import crypto
from .crypto import InvalidToken
from .models import Attachment, Message
from .moderating import CONVERSATION, MESSAGE
from .services import participant_of


def _message_of(file: Any) -> Message | None:
    item = db.session.scalar(select(Attachment).where(Attachment.file_key == file.key))
    return db.session.get(Message, item.message_id) if item is not None else None


def may_read_file(file: Any, member: Any) -> bool:
    if member is None:
        return False
    message = _message_of(file)
    if message is None:
        return False
    if participant_of(message.conversation_id, member.id) is not None:
        return not message.hidden
    return moderation.handling(MESSAGE, [message.id], member) or moderation.handling(
        CONVERSATION, [message.conversation_id], member
    )


def clear_bytes(file: Any) -> bytes | None:
    with storage.open(file) as stored:
        sealed = stored.read()
    try:
        return crypto.keyring().open(sealed)
    except InvalidToken:
        return b""
