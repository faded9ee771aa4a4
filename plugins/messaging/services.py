"""Conversations and messages: starting, sending, reading, archiving, blocking,
searching one's own. No request objects: views, tasks and the CLI share these."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, or_, select

from tremplin.core.api import Member, db, members, record, setting, storage

from . import crypto
from .models import Attachment, Block, Conversation, Message, Participant, utcnow
from .text import MAX_BODY, clean_body

PURPOSE = "messaging.attachment"
# Activity event of a conversation's first reply (a "successful connection" KPI).
REPLIED = "messaging.conversation_replied"
REACHABLE_KINDS = ("company", "expert", "staff")


class Refused(ValueError):
    """A send or start that is not allowed; ``message`` is shown to the member."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Shown:
    """A message as a participant sees it."""

    id: int
    sender_id: int | None
    sender: str
    text: str
    created_at: datetime
    hidden: bool
    attachments: tuple[Any, ...]
    read_by_all: bool
    when: str = ""  # created_at, formatted for the reader's language


def participant_of(conversation_id: int, user_id: int) -> Participant | None:
    return db.session.scalar(
        select(Participant).where(
            Participant.conversation_id == conversation_id, Participant.user_id == user_id
        )
    )


def participants(conversation_id: int) -> list[Participant]:
    query = select(Participant).where(Participant.conversation_id == conversation_id)
    return list(db.session.scalars(query.order_by(Participant.id)))


def is_participant(member: Any, conversation: Conversation) -> bool:
    return member is not None and participant_of(conversation.id, member.id) is not None


def blocked_between(user_id: int, others: Iterable[int]) -> bool:
    ids = list(others)
    if not ids:
        return False
    query = select(Block.id).where(
        or_(
            (Block.blocker_id == user_id) & Block.blocked_id.in_(ids),
            Block.blocker_id.in_(ids) & (Block.blocked_id == user_id),
        )
    )
    return db.session.scalar(query.limit(1)) is not None


def reachable(user_ids: Sequence[int]) -> list[Member]:
    """The confirmed (active) members among ``user_ids`` that may be written to."""
    found = members(user_ids=list(user_ids), limit=max(len(user_ids), 1))
    return [m for m in found if m.kind in REACHABLE_KINDS]


def new_or_unverified(member: Member, created_on: datetime | None) -> bool:
    days = int(setting("messaging", "new_account_days"))
    recent = created_on is not None and created_on > utcnow() - timedelta(days=days)
    return recent or member.verification != "verified"


def started_today(user_id: int) -> int:
    since = utcnow() - timedelta(days=1)
    query = select(func.count(Conversation.id)).where(
        Conversation.created_by == user_id, Conversation.created_at >= since
    )
    return int(db.session.scalar(query) or 0)


def check_daily_limit(member: Member, created_on: datetime | None) -> None:
    from flask_babel import gettext as _

    if not new_or_unverified(member, created_on):
        return
    limit = int(setting("messaging", "daily_new_conversations"))
    if started_today(member.id) >= limit:
        raise Refused(
            _(
                "Vous avez atteint la limite de %(n)d nouvelles conversations par jour "
                "pour les comptes récents ou non vérifiés. Réessayez demain.",
                n=limit,
            )
        )


def existing_conversation(user_ids: set[int]) -> Conversation | None:
    """The conversation whose participants are exactly ``user_ids``, if any."""
    first = min(user_ids)
    query = (
        select(Participant.conversation_id)
        .where(Participant.user_id == first)
        .order_by(Participant.conversation_id.desc())
    )
    for conversation_id in db.session.scalars(query):
        ids = {p.user_id for p in participants(conversation_id)}
        if ids == user_ids:
            return db.session.get(Conversation, conversation_id)
    return None


def start(
    sender: Member, recipient_ids: Sequence[int], body: str, created_on: datetime | None = None
) -> tuple[Conversation, Message]:
    """Open (or reuse) the conversation with exactly these members and post ``body``."""
    from flask_babel import gettext as _

    wanted = {int(i) for i in recipient_ids} - {sender.id}
    if not wanted:
        raise Refused(_("Choisissez au moins un destinataire."))
    if len(wanted) + 1 > int(setting("messaging", "max_participants")):
        raise Refused(
            _(
                "Une conversation réunit au plus %(n)d membres.",
                n=setting("messaging", "max_participants"),
            )
        )
    found = reachable(sorted(wanted))
    if len(found) != len(wanted):
        raise Refused(_("Un des destinataires ne peut pas recevoir de message."))
    if blocked_between(sender.id, wanted):
        raise Refused(_("Vous ne pouvez pas écrire à ce membre."))
    conversation = existing_conversation(wanted | {sender.id})
    if conversation is None:
        check_daily_limit(sender, created_on)
        conversation = Conversation(created_by=sender.id)
        db.session.add(conversation)
        db.session.flush()
        for user_id in sorted(wanted | {sender.id}):
            db.session.add(Participant(conversation_id=conversation.id, user_id=user_id))
        db.session.flush()
    return conversation, post(conversation, sender, body)


def post(conversation: Conversation, sender: Member, body: str) -> Message:
    """Add a message from ``sender`` (a participant) in the caller's transaction."""
    from flask_babel import gettext as _

    text = clean_body(body)
    if not text:
        raise Refused(_("Le message est vide."))
    if len(text) > MAX_BODY:
        raise Refused(_("Le message dépasse %(n)d caractères.", n=MAX_BODY))
    others = [
        p.user_id for p in participants(conversation.id) if p.user_id not in (None, sender.id)
    ]
    if len(others) == 1 and blocked_between(sender.id, others):
        raise Refused(_("Vous ne pouvez pas écrire à ce membre."))
    _record_first_reply(conversation, sender)
    token, key_id = crypto.seal_text(text)
    message = Message(
        conversation_id=conversation.id, sender_id=sender.id, body=token, key_id=key_id
    )
    now = utcnow()
    message.created_at = now
    conversation.last_message_at = now
    db.session.add(message)
    for p in participants(conversation.id):
        if p.user_id == sender.id:
            p.last_read_at = now
        else:
            p.archived = False
    db.session.flush()
    return message


def _record_first_reply(conversation: Conversation, sender: Member) -> None:
    """Record ``REPLIED`` once per conversation: when someone other than its starter
    writes in it for the first time (checked before the new message is added)."""
    starter = conversation.created_by
    if starter is None or sender.id == starter:
        return
    earlier = select(Message.id).where(
        Message.conversation_id == conversation.id,
        Message.sender_id.is_not(None),
        Message.sender_id != starter,
    )
    if db.session.scalar(earlier.limit(1)) is None:
        record(REPLIED, conversation, user_id=sender.id)


def attach(message: Message, stream: Any, filename: str, owner: Member) -> Attachment:
    """Store a file of ``message`` sealed in core storage (raises ``storage.RejectedFile``)."""
    ring = crypto.keyring()
    file = storage.save(
        stream,
        filename=filename,
        owner=owner.id,
        purpose=PURPOSE,
        kinds=("image", "pdf"),
        seal=ring.seal,
    )
    item = Attachment(
        message_id=message.id, file_key=file.key, filename=file.filename, key_id=ring.current_id
    )
    db.session.add(item)
    db.session.flush()
    return item


def mark_read(conversation: Conversation, user_id: int) -> bool:
    """Mark the conversation read by ``user_id``; False when nothing was unread
    (no write then)."""
    p = participant_of(conversation.id, user_id)
    if p is None or (p.last_read_at is not None and p.last_read_at >= conversation.last_message_at):
        return False
    p.last_read_at = utcnow()
    p.alerted = False
    return True


def set_archived(conversation: Conversation, user_id: int, archived: bool) -> None:
    p = participant_of(conversation.id, user_id)
    if p is not None:
        p.archived = archived


def block(blocker_id: int, blocked_id: int) -> None:
    if blocker_id == blocked_id:
        return
    found = db.session.scalar(
        select(Block).where(Block.blocker_id == blocker_id, Block.blocked_id == blocked_id)
    )
    if found is None:
        db.session.add(Block(blocker_id=blocker_id, blocked_id=blocked_id))


def unblock(blocker_id: int, blocked_id: int) -> None:
    found = db.session.scalar(
        select(Block).where(Block.blocker_id == blocker_id, Block.blocked_id == blocked_id)
    )
    if found is not None:
        db.session.delete(found)


def blocked_ids(blocker_id: int) -> set[int]:
    query = select(Block.blocked_id).where(Block.blocker_id == blocker_id)
    return set(db.session.scalars(query))
