"""Batched e-mail alerts: one per unread batch, none while the member reads, no
message text unless the member opted in."""

from __future__ import annotations

from datetime import timedelta

from tremplin.core.api import db
from tremplin.core.testing.accounts import body, outbox

from ..alerts import send_due_alerts, set_text_in_email
from ..models import utcnow
from ..services import mark_read, post, start
from .fixtures import CONFIG, member

CONFIG_OVERRIDES = CONFIG


def _mails_to(app, user):
    return [m for m in outbox(app) if m["To"] == user.email]


def test_one_email_for_several_messages_and_no_text(app, people):
    conversation, _m = start(member(people.ahmed), [people.awa.id], "Tarif confidentiel 4200 €")
    for text in ("Deuxième message", "Troisième message"):
        post(conversation, member(people.ahmed), text)
    db.session.commit()
    assert send_due_alerts() == 1
    assert send_due_alerts() == 0  # already alerted for this batch
    mails = _mails_to(app, people.awa)
    assert len(mails) == 1
    text = body(mails[0])
    assert "Ahmed Test" in text and "3 message(s)" in text
    assert "confidentiel" not in text.lower() and "Troisième" not in text
    assert _mails_to(app, people.ahmed) == []  # the sender is not alerted
    post(conversation, member(people.ahmed), "Quatrième")
    db.session.commit()
    assert send_due_alerts() == 0  # still the same unread batch
    mark_read(conversation, people.awa.id)
    db.session.commit()
    post(conversation, member(people.ahmed), "Après lecture")
    db.session.commit()
    assert send_due_alerts() == 1


def test_no_alert_while_the_conversation_is_active(app, people):
    conversation, _m = start(member(people.ahmed), [people.awa.id], "Vous êtes là ?")
    db.session.commit()
    assert send_due_alerts(after_minutes=10) == 0  # too recent: Awa may be reading
    mark_read(conversation, people.awa.id)
    db.session.commit()
    later = utcnow() + timedelta(minutes=11)
    assert send_due_alerts(later, after_minutes=10) == 0  # read in time
    post(conversation, member(people.ahmed), "Et maintenant ?")
    db.session.commit()
    assert send_due_alerts(utcnow() + timedelta(minutes=11), after_minutes=10) == 1


def test_text_only_for_members_who_opted_in(app, people):
    set_text_in_email(people.awa.id, True)
    start(member(people.ahmed), [people.awa.id], "Rendez-vous au salon de Dakar")
    db.session.commit()
    assert send_due_alerts() == 1
    assert "Rendez-vous au salon de Dakar" in body(_mails_to(app, people.awa)[0])
