"""The "successful connection" activity: a conversation's first reply by someone
other than its starter is recorded once (``messaging.conversation_replied``)."""

from __future__ import annotations

from sqlalchemy import select

from tremplin.core.activity.models import Activity
from tremplin.core.api import db

from ..services import REPLIED, post, start
from .fixtures import CONFIG, member

CONFIG_OVERRIDES = CONFIG


def replies() -> list[Activity]:
    return list(db.session.scalars(select(Activity).where(Activity.event == REPLIED)))


def test_first_reply_is_recorded_once_per_conversation(app, people):
    ahmed, awa, moussa = (member(u) for u in (people.ahmed, people.awa, people.moussa))
    conversation, _first = start(ahmed, [awa.id], "Bonjour Awa")
    post(conversation, ahmed, "Vous êtes là ?")  # the starter again: not a reply
    db.session.commit()
    assert replies() == []
    post(conversation, awa, "Oui, bonjour !")
    db.session.commit()
    [row] = replies()
    assert row.user_id == awa.id
    assert (row.subject_type, row.subject_id) == ("messaging_conversation", str(conversation.id))
    post(conversation, awa, "Parlons du salon.")
    post(conversation, ahmed, "Volontiers.")
    db.session.commit()
    assert len(replies()) == 1
    group, _message = start(ahmed, [awa.id, moussa.id], "À vous deux")
    post(group, moussa, "Présent")
    post(group, awa, "Moi aussi")
    db.session.commit()
    assert len(replies()) == 2  # one more: the group's first reply only


def test_a_reply_rolled_back_records_nothing(app, people):
    ahmed, awa = member(people.ahmed), member(people.awa)
    conversation, _first = start(ahmed, [awa.id], "Bonjour")
    db.session.commit()
    post(conversation, awa, "Réponse")
    db.session.rollback()
    assert replies() == []
