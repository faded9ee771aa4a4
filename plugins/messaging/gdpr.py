"""A member's messages in their GDPR export; erasure that keeps the others' history."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select, update

from tremplin.core.api import PersonalData, db

from . import crypto
from .models import Block, Message, Participant, Preference


def personal_data(user_id: int) -> PersonalData | None:
    mine = select(Participant.conversation_id).where(Participant.user_id == user_id)
    query = select(Message).where(Message.conversation_id.in_(mine)).order_by(Message.id)
    records: list[dict[str, Any]] = [
        {
            "conversation": m.conversation_id,
            "date": m.created_at.isoformat(),
            "sent_by_me": m.sender_id == user_id,
            "text": crypto.open_text(m.body),
        }
        for m in db.session.scalars(query)
        if m.sender_id == user_id or not m.hidden
    ]
    if not records:
        return None
    return PersonalData("Messagerie", tuple(records))


def erase(user_id: int) -> None:
    """Anonymise the member's side: their messages stay for the other participants,
    signed "Membre supprimé"; blocks and preferences go."""
    db.session.execute(update(Message).where(Message.sender_id == user_id).values(sender_id=None))
    db.session.execute(
        update(Participant).where(Participant.user_id == user_id).values(user_id=None)
    )
    db.session.execute(
        delete(Block).where((Block.blocker_id == user_id) | (Block.blocked_id == user_id))
    )
    db.session.execute(delete(Preference).where(Preference.user_id == user_id))
