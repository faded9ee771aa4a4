"""Messaging's side of the core moderation queue: reporting a message or a
conversation, showing it to the moderator, hiding and restoring it."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _

from tremplin.core.api import ModerationTarget, db, report

from .models import Conversation, Message
from .reading import messages

MESSAGE, CONVERSATION = "messaging.message", "messaging.conversation"
AROUND = 5  # messages shown before and after the reported one


def report_message(message: Message, reporter: Any, reason: str, comment: str) -> None:
    report(
        MESSAGE,
        message.id,
        reporter=reporter,
        reason=reason,
        comment=comment,
        author_id=message.sender_id,
    )


def report_conversation(
    conversation: Conversation, reporter: Any, reason: str, comment: str
) -> None:
    report(CONVERSATION, conversation.id, reporter=reporter, reason=reason, comment=comment)


def _load(kind: str, object_id: str) -> tuple[Conversation | None, Message | None]:
    if not object_id.isdigit():
        return None, None
    if kind == MESSAGE:
        message = db.session.get(Message, int(object_id))
        return (db.session.get(Conversation, message.conversation_id) if message else None), message
    if kind == CONVERSATION:
        return db.session.get(Conversation, int(object_id)), None
    return None, None


def target(kind: str, object_id: str) -> ModerationTarget | None:
    if kind not in (MESSAGE, CONVERSATION):
        return None
    conversation, message = _load(kind, object_id)
    if conversation is None:
        return None
    shown = _unhidden(messages(conversation))
    if message is not None:
        index = next((i for i, m in enumerate(shown) if m.id == message.id), 0)
        shown = shown[max(index - AROUND, 0) : index + AROUND + 1]
    title = _("Conversation n° %(n)d", n=conversation.id)
    return ModerationTarget(
        title,
        template="messaging/moderated.html",
        context={
            "shown": shown,
            "reported_id": message.id if message else None,
            "conversation": conversation,
        },
        author_id=message.sender_id if message else None,
    )


def _unhidden(shown: list[Any]) -> list[Any]:
    """Moderators read hidden messages too (to restore them): decrypt them here."""
    from dataclasses import replace

    from . import crypto
    from .models import Message as M

    result = []
    for item in shown:
        if item.hidden:
            row = db.session.get(M, item.id)
            item = replace(item, text=crypto.open_text(row.body) if row else "")
        result.append(item)
    return result


def apply(kind: str, object_id: str, action: str) -> bool | None:
    if kind not in (MESSAGE, CONVERSATION) or action not in ("hide", "restore"):
        return None
    conversation, message = _load(kind, object_id)
    item: Any = message if kind == MESSAGE else conversation
    if item is None:
        return False
    item.hidden = action == "hide"
    return True
