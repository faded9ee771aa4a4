"""What a member reads: the inbox, one conversation's messages, unread counts and
search in their own conversations (bodies are decrypted in memory, never queried)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from flask import g
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import Select, and_, bindparam, func, or_, select

from tremplin.core.api import db, display_names, kept_for

from . import crypto
from .models import Attachment, Conversation, Message, Participant
from .services import Shown, participants
from .text import excerpt, when

SEARCH_SCAN = 5000  # the most recent messages a search decrypts
PAGE_SIZE = 50  # messages shown at once; older ones one link away


@dataclass(frozen=True)
class InboxRow:
    conversation: Conversation
    names: str
    unread: int
    archived: bool
    preview: str
    when: str


def names_of(user_ids: set[int | None]) -> dict[int, str]:
    """Display names by account id (deleted accounts are missing), remembered for
    the request."""
    known: dict[int, str] = g.setdefault("messaging_names", {})
    ids = [i for i in user_ids if i is not None and i not in known]
    if ids:
        known.update(display_names(ids))
    return {i: known[i] for i in user_ids if i is not None and i in known}


def display(names: dict[int, str], user_id: int | None) -> str:
    if user_id is None:
        return str(_("Membre supprimé"))
    return names.get(user_id) or str(_("Membre supprimé"))


def _unread_query(user_id: Any) -> Select[int, int]:
    mine = select(Participant).where(Participant.user_id == user_id).subquery()
    return (
        select(Message.conversation_id, func.count(Message.id))
        .join(mine, mine.c.conversation_id == Message.conversation_id)
        .where(
            or_(Message.sender_id.is_(None), Message.sender_id != user_id),
            Message.hidden.is_(False),
            or_(mine.c.last_read_at.is_(None), Message.created_at > mine.c.last_read_at),
        )
        .group_by(Message.conversation_id)
    )


@functools.cache
def _unread_by_member() -> Select[int, int]:
    """The header's query on every signed-in page, built once (bound per call)."""
    return _unread_query(bindparam("member"))


def unread_counts(user_id: int, conversation_ids: list[int] | None = None) -> dict[int, int]:
    """Unread messages per conversation of the member (only those with some)."""
    rows = db.session.execute(_unread_by_member(), {"member": user_id})
    counts = {cid: int(n) for cid, n in rows}
    if conversation_ids is None:
        return counts
    wanted = set(conversation_ids)
    return {cid: n for cid, n in counts.items() if cid in wanted}


def total_unread(user_id: int) -> int:
    return sum(unread_counts(user_id).values())


# The header's count on every page, kept a few seconds per worker and forgotten when
# this worker commits a change (an open conversation's poll reads the live count).
header_unread = kept_for(15.0)(total_unread)


def inbox(user_id: int, archived: bool = False, limit: int = 50) -> list[InboxRow]:
    """The member's conversations, latest first, in a fixed number of queries."""
    query = (
        select(Conversation, Participant.archived)
        .join(
            Participant,
            and_(Participant.conversation_id == Conversation.id, Participant.user_id == user_id),
        )
        .where(Participant.archived.is_(archived))
        .order_by(Conversation.last_message_at.desc(), Conversation.id.desc())
        .limit(limit)
    )
    rows = db.session.execute(query).all()
    ids = [c.id for c, _a in rows]
    if not ids:
        return []
    people = db.session.execute(
        select(Participant.conversation_id, Participant.user_id).where(
            Participant.conversation_id.in_(ids)
        )
    ).all()
    names = names_of({u for _c, u in people})
    unread = unread_counts(user_id, ids)
    last = _last_messages(ids)
    lang = str(get_locale() or "fr")
    result = []
    for conversation, is_archived in rows:
        others = [display(names, u) for c, u in people if c == conversation.id and u != user_id]
        message = last.get(conversation.id)
        preview = ""
        if message is not None and not (message.hidden or conversation.hidden):
            preview = excerpt(crypto.open_text(message.body), 90)
        result.append(
            InboxRow(
                conversation,
                ", ".join(others),
                unread.get(conversation.id, 0),
                is_archived,
                preview,
                when(conversation.last_message_at, lang),
            )
        )
    return result


def _last_messages(ids: list[int]) -> dict[int, Message]:
    newest = (
        select(func.max(Message.id))
        .where(Message.conversation_id.in_(ids))
        .group_by(Message.conversation_id)
    )
    found = db.session.scalars(select(Message).where(Message.id.in_(newest)))
    return {m.conversation_id: m for m in found}


def messages(
    conversation: Conversation,
    after_id: int = 0,
    before_id: int | None = None,
    limit: int = PAGE_SIZE,
    names: dict[int, str] | None = None,
) -> list[Shown]:
    """The conversation's latest ``limit`` messages (oldest first) after ``after_id``
    and before ``before_id``, decrypted; hidden ones without their text."""
    query = select(Message).where(Message.conversation_id == conversation.id, Message.id > after_id)
    if before_id is not None:
        query = query.where(Message.id < before_id)
    found = list(reversed(list(db.session.scalars(query.order_by(Message.id.desc()).limit(limit)))))
    people = participants(conversation.id)
    if names is None:
        names = names_of({p.user_id for p in people})
    files = _attachments([m.id for m in found])
    lang = str(get_locale() or "fr")
    return [_shown(m, conversation, people, names, files, lang) for m in found]


def _shown(
    m: Message,
    conversation: Conversation,
    people: list[Participant],
    names: dict[int, str],
    files: dict[int, list[Attachment]],
    lang: str,
) -> Shown:
    readers = [p.last_read_at for p in people if p.user_id not in (None, m.sender_id)]
    read = bool(readers) and all(at is not None and at >= m.created_at for at in readers)
    hidden = m.hidden or conversation.hidden
    return Shown(
        m.id,
        m.sender_id,
        display(names, m.sender_id),
        "" if hidden else crypto.open_text(m.body),
        m.created_at,
        hidden,
        () if hidden else tuple(files.get(m.id, ())),
        read,
        when(m.created_at, lang),
    )


def has_older(conversation: Conversation, first_id: int) -> bool:
    query = select(Message.id).where(
        Message.conversation_id == conversation.id, Message.id < first_id
    )
    return db.session.scalar(query.limit(1)) is not None


def _attachments(message_ids: list[int]) -> dict[int, list[Attachment]]:
    if not message_ids:
        return {}
    found: dict[int, list[Attachment]] = {}
    for item in db.session.scalars(
        select(Attachment).where(Attachment.message_id.in_(message_ids))
    ):
        found.setdefault(item.message_id, []).append(item)
    return found


def search(user_id: int, text: str, limit: int = 50) -> list[tuple[Conversation, Any]]:
    """The member's messages containing ``text`` (case-insensitive), newest first:
    the latest ``SEARCH_SCAN`` messages of their conversations are decrypted."""
    needle = text.casefold().strip()
    if not needle:
        return []
    mine = select(Participant.conversation_id).where(Participant.user_id == user_id)
    query = (
        select(Message, Conversation)
        .join(Conversation, Conversation.id == Message.conversation_id)
        .where(
            Message.conversation_id.in_(mine),
            Message.hidden.is_(False),
            Conversation.hidden.is_(False),
        )
        .order_by(Message.id.desc())
        .limit(SEARCH_SCAN)
    )
    hits = []
    for message, conversation in db.session.execute(query):
        clear = crypto.open_text(message.body)
        if needle in clear.casefold():
            hits.append(
                (
                    conversation,
                    {"id": message.id, "excerpt": excerpt(clear), "at": message.created_at},
                )
            )
            if len(hits) >= limit:
                break
    return hits
