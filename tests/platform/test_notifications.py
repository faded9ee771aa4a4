"""Notifications (``api.notify``): the outbox in the caller's transaction, delivery
exactly once after the SMTP target and the worker were down, the daily digest, the
centre, preferences, and one-click unsubscribe without signing in."""

from __future__ import annotations

import email
import email.policy
from datetime import timedelta
from email.message import Message
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

from tremplin.core.api import db
from tremplin.core.notifications.models import Notification, NotificationDelivery
from tremplin.core.testing.browser import free_port
from tremplin.core.testing.plugins import load_uninstalled

TESTPLUGIN = Path(__file__).resolve().parents[1] / "testplugin"
plugin = load_uninstalled(TESTPLUGIN, "tremplin_testplugin", "plugin")
listener = load_uninstalled(TESTPLUGIN, "tremplin_testplugin", "listener")
NOTE_SAVED = "testplugin.note_saved"


class SmtpTarget:
    """An SMTP server on a fixed free port that can be stopped and started again."""

    def __init__(self) -> None:
        self.port = free_port()
        self.messages: list[Message] = []
        self.controller: Any = None

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(
            email.message_from_bytes(envelope.content, policy=email.policy.default)
        )
        return "250 OK"

    def start(self) -> None:
        from aiosmtpd.controller import Controller

        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def overrides(self) -> dict[str, dict[str, Any]]:
        return {
            "mail": {
                "backend": "smtp",
                "smtp_host": "127.0.0.1",
                "smtp_port": self.port,
                "smtp_starttls": False,
            }
        }


def deliveries() -> list[NotificationDelivery]:
    db.session.expire_all()
    return list(db.session.scalars(select(NotificationDelivery).order_by(NotificationDelivery.id)))


def notifications() -> list[Notification]:
    return list(db.session.scalars(select(Notification).order_by(Notification.id)))


def body(message: Message, subtype: str) -> str:
    for part in message.walk():
        if part.get_content_type() == f"text/{subtype}":
            payload = part.get_payload(decode=True)
            assert isinstance(payload, bytes)
            return payload.decode(part.get_content_charset() or "utf-8")
    raise AssertionError(f"no text/{subtype} part")


SMTP = SmtpTarget()
EXTRA_PLUGINS = [plugin, listener]
CONFIG_OVERRIDES = {"accounts": {"mfa_required_roles": []}}
WORKER_DOWN = {"tasks": {"immediate": False}, **SMTP.overrides()}


@pytest.fixture
def smtp():
    SMTP.messages.clear()
    SMTP.start()
    yield SMTP
    SMTP.stop()


def outbox(app: Any) -> list[Message]:
    folder = Path(app.instance_path) / "outbox"
    return [
        email.message_from_bytes(p.read_bytes(), policy=email.policy.default)
        for p in sorted(folder.glob("*.eml"))
    ]


def make_due() -> None:
    """Time passes: every pending e-mail is due again."""
    from tremplin.core.notifications.models import utcnow

    past = utcnow() - timedelta(seconds=1)
    db.session.execute(update(NotificationDelivery).values(next_attempt_at=past))
    db.session.commit()


# --- The outbox: the caller's transaction ------------------------------------------


def test_notify_is_written_in_the_callers_transaction(app, make_user):
    from tremplin.core.api import notify

    user = make_user("kofi", roles=["Company"])
    notify(user, NOTE_SAVED, text="brouillon")
    db.session.rollback()
    assert notifications() == [] and deliveries() == []
    assert outbox(app) == []
    notify(user, NOTE_SAVED, text="gardée")
    assert outbox(app) == []  # nothing leaves before the commit
    db.session.commit()
    [row] = notifications()
    assert (row.user_id, row.type, row.context) == (user.id, NOTE_SAVED, {"text": "gardée"})
    [delivery] = deliveries()
    assert (delivery.channel, delivery.state, delivery.attempts) == ("email", "sent", 1)
    [message] = outbox(app)  # the after-commit task ran (immediate queue in tests)
    assert message["To"] == user.email
    assert "Votre note « gardée » est enregistrée." in message["Subject"]


def test_unknown_type_and_nested_context_are_refused(app, make_user):
    from tremplin.core.api import notify
    from tremplin.core.notifications.types import NotificationError

    user = make_user("kofi", roles=["Company"])
    with pytest.raises(NotificationError, match="unknown notification type"):
        notify(user, "nobody.declared_this")
    with pytest.raises(NotificationError, match="scalars only"):
        notify(user, NOTE_SAVED, text=["a", "b"])
    db.session.commit()
    assert notifications() == []


def test_notification_type_checks_its_default_channel():
    from tremplin.core.api import NotificationType

    with pytest.raises(ValueError, match="default_channel"):
        NotificationType("x.y", "X", "Y", default_channel="pigeon")


@pytest.mark.app_config(WORKER_DOWN)
def test_delivered_once_after_the_smtp_target_and_the_worker_were_down(
    app, client, make_user, login
):
    """The test plugin's view notifies; nothing runs the queue (worker down) and the
    SMTP target is stopped. Nothing is lost; once both are back, exactly one e-mail."""
    from tremplin.core.notifications.delivery import deliver_notification, sweep

    user = make_user("awa", roles=["Company"])
    login("awa")
    page = client.get("/fr/testplugin/")
    response = client.post(
        "/fr/testplugin/notes", data={"text": "Salon de Dakar", "csrf_token": csrf(page.text)}
    )
    assert response.status_code == 302
    [delivery] = deliveries()
    assert delivery.state == "pending"
    assert app.extensions["huey"].pending_count() == 1  # queued, but no worker runs it
    assert sweep() == 0  # the SMTP target is down: back to pending, later
    [delivery] = deliveries()
    assert (delivery.state, delivery.attempts) == ("pending", 1)
    assert "ConnectionRefusedError" in (delivery.last_error or "")
    assert delivery.next_attempt_at > delivery.claimed_at
    assert sweep() == 0  # not due yet: no new attempt
    assert deliveries()[0].attempts == 1

    SMTP.messages.clear()
    SMTP.start()
    try:
        make_due()
        assert sweep() == 1
        assert sweep() == 0
        assert deliver_notification.call_local(delivery.id) is False  # the worker is back
        assert len(SMTP.messages) == 1
    finally:
        SMTP.stop()
    [delivery] = deliveries()
    assert (delivery.state, delivery.attempts) == ("sent", 2)
    [message] = SMTP.messages
    assert message["To"] == user.email
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["List-Unsubscribe"].startswith("<http")
    assert "/fr/notifications/unsubscribe/" in message["List-Unsubscribe"]
    assert "Votre note « Salon de Dakar » est enregistrée." in body(message, "plain")
    assert "Salon de Dakar" in body(message, "html")


def test_queue_down_at_commit_loses_nothing(app, make_user, monkeypatch):
    """Redis down: enqueueing fails after the commit; the change and the e-mail stay."""
    from tremplin.core.api import notify
    from tremplin.core.notifications import delivery as module

    def refuse(delivery_id: int) -> None:
        raise ConnectionError("redis is down")

    monkeypatch.setattr(module, "deliver_notification", refuse)
    user = make_user("kofi", roles=["Company"])
    notify(user, NOTE_SAVED, text="hors ligne")
    db.session.commit()
    assert [d.state for d in deliveries()] == ["pending"]
    assert module.sweep() == 1
    assert module.sweep() == 0
    assert len(outbox(app)) == 1


def test_a_delivery_is_claimed_by_one_worker_only(app, make_user, monkeypatch):
    from tremplin.core.api import notify
    from tremplin.core.notifications import delivery as module

    monkeypatch.setattr(module, "deliver_notification", lambda delivery_id: None)
    notify(make_user("kofi", roles=["Company"]), NOTE_SAVED, text="une")
    db.session.commit()
    [row] = deliveries()
    assert module.claim([row.id]) == [row.id]
    assert module.claim([row.id]) == []  # a second worker loses
    assert module.sweep() == 0  # claimed, not pending: the sweep does not send it
    assert outbox(app) == []


@pytest.mark.app_config({"notifications": {"claim_timeout_seconds": 60}})
def test_a_claim_whose_worker_died_is_given_back(app, make_user, monkeypatch):
    from tremplin.core.api import notify
    from tremplin.core.notifications import delivery as module
    from tremplin.core.notifications.models import utcnow

    monkeypatch.setattr(module, "deliver_notification", lambda delivery_id: None)
    notify(make_user("kofi", roles=["Company"]), NOTE_SAVED, text="orpheline")
    db.session.commit()
    [row] = deliveries()
    module.claim([row.id])
    assert module.sweep() == 0  # claimed a moment ago: still the worker's
    db.session.execute(
        update(NotificationDelivery).values(claimed_at=utcnow() - timedelta(seconds=120))
    )
    db.session.commit()
    assert module.sweep() == 1
    assert len(outbox(app)) == 1


@pytest.mark.app_config({**SMTP.overrides(), "notifications": {"max_attempts": 2}})
def test_failed_after_the_last_attempt(app, make_user):
    from tremplin.core.api import notify
    from tremplin.core.notifications.delivery import sweep

    notify(make_user("kofi", roles=["Company"]), NOTE_SAVED, text="perdue")
    db.session.commit()  # the SMTP target is not started: the first attempt fails
    assert [(d.state, d.attempts) for d in deliveries()] == [("pending", 1)]
    make_due()
    assert sweep() == 0
    assert [(d.state, d.attempts) for d in deliveries()] == [("failed", 2)]
    make_due()
    assert sweep() == 0
    assert deliveries()[0].attempts == 2


# --- Preferences and the digest ----------------------------------------------------


def test_off_stores_nothing_and_platform_sends_no_email(app, make_user):
    from tremplin.core.api import notify
    from tremplin.core.notifications.services import set_preference

    user = make_user("kofi", roles=["Company"])
    set_preference(user.id, NOTE_SAVED, "off")
    assert notify(user, NOTE_SAVED, text="rien") is None
    set_preference(user.id, NOTE_SAVED, "platform")
    notify(user, NOTE_SAVED, text="ici seulement")
    db.session.commit()
    assert [n.context["text"] for n in notifications()] == ["ici seulement"]
    assert deliveries() == [] and outbox(app) == []


def test_digest_groups_the_days_notifications_in_one_email(app, make_user):
    from tremplin.core.accounts import Profile
    from tremplin.core.api import notify
    from tremplin.core.notifications.hooks import send_daily_digests
    from tremplin.core.notifications.services import set_preference

    awa, kofi = make_user("awa", roles=["Company"]), make_user("kofi", roles=["Company"])
    db.session.add(Profile(user_id=kofi.id, language="en"))
    for user in (awa, kofi):
        set_preference(user.id, NOTE_SAVED, "digest")
    for text in ("première", "deuxième", "troisième"):
        notify(awa, NOTE_SAVED, text=text)
    notify(kofi, NOTE_SAVED, text="only one")
    db.session.commit()
    assert outbox(app) == []  # nothing before the digest
    send_daily_digests()
    messages = {m["To"]: m for m in outbox(app)}
    assert len(messages) == 2
    text = body(messages[awa.email], "plain")
    for word in ("première", "deuxième", "troisième"):
        assert f"Votre note « {word} » est enregistrée." in text
    assert "résumé du jour" in messages[awa.email]["Subject"]
    assert messages[awa.email]["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/en/notifications/unsubscribe/" in messages[kofi.email]["List-Unsubscribe"]
    assert "Your daily summary" in messages[kofi.email]["Subject"]
    assert "Your note “only one” is saved." in body(messages[kofi.email], "html")
    assert {d.state for d in deliveries()} == {"sent"}
    send_daily_digests()
    assert len(outbox(app)) == 2  # once


def test_unsubscribe_link_works_without_signing_in(app, client, make_user):
    from tremplin.core.api import notify
    from tremplin.core.notifications.services import preferences

    user = make_user("kofi", roles=["Company"])
    notify(user, NOTE_SAVED, text="avec lien")
    db.session.commit()
    [message] = outbox(app)
    link = message["List-Unsubscribe"].strip("<>")
    path = link.split("://", 1)[1].split("/", 1)[1]
    page = client.get("/" + path)  # nobody is signed in
    assert page.status_code == 200
    assert "Confirmer le désabonnement" in page.text
    assert preferences(user.id)[NOTE_SAVED] == "email"  # a GET changes nothing
    response = client.post("/" + path)  # one-click: no CSRF token, no session
    assert response.status_code == 200
    assert "Désabonnement enregistré" in response.text
    assert preferences(user.id)[NOTE_SAVED] == "platform"
    notify(user, NOTE_SAVED, text="sans courriel")
    db.session.commit()
    assert len(outbox(app)) == 1
    assert len(notifications()) == 2  # still in the centre


def test_forged_unsubscribe_token_is_not_found(app, client, make_user):
    from tremplin.core.notifications.emails import unsubscribe_token

    user = make_user("kofi", roles=["Company"])
    with app.test_request_context():
        good = unsubscribe_token(user.id, [NOTE_SAVED])
        unknown = unsubscribe_token(user.id, ["nobody.declared_this"])
    assert client.get(f"/fr/notifications/unsubscribe/{good}x").status_code == 404
    assert client.post(f"/fr/notifications/unsubscribe/{good[:-2]}").status_code == 404
    assert client.get(f"/fr/notifications/unsubscribe/{unknown}").status_code == 404
    with app.test_request_context():
        nobody = unsubscribe_token(999_999, [NOTE_SAVED])
    assert client.post(f"/fr/notifications/unsubscribe/{nobody}").status_code == 404


def test_pending_email_is_cancelled_when_the_member_unsubscribed(app, make_user, monkeypatch):
    from tremplin.core.api import notify
    from tremplin.core.notifications import delivery as module
    from tremplin.core.notifications.services import unsubscribe

    monkeypatch.setattr(module, "deliver_notification", lambda delivery_id: None)
    user = make_user("kofi", roles=["Company"])
    notify(user, NOTE_SAVED, text="trop tard")
    db.session.commit()
    unsubscribe(user.id, NOTE_SAVED)
    assert module.sweep() == 0
    assert [d.state for d in deliveries()] == ["cancelled"]
    assert outbox(app) == []


# --- The centre ----------------------------------------------------------------------


def csrf(html: str) -> str:
    from tremplin.core.testing.fixtures import csrf_token

    return csrf_token(html)


def test_centre_lists_counts_and_marks_read_without_javascript(app, client, make_user, login):
    from tremplin.core.api import notify
    from tremplin.core.notifications.services import set_preference

    user = make_user("awa", roles=["Company"])
    set_preference(user.id, NOTE_SAVED, "platform")
    for text in ("un", "deux"):
        notify(user, NOTE_SAVED, text=text)
    db.session.commit()
    login("awa")
    page = client.get("/fr/notifications/")
    assert page.status_code == 200
    assert "Votre note « deux » est enregistrée." in page.text
    assert "data-notification-count>2</span>" in page.text  # the header's count
    assert client.get("/fr/notifications/count").json == {"unread": 2}
    first = notifications()[0]
    assert client.post(f"/fr/notifications/{first.id}/read").status_code == 400  # no CSRF
    client.post(f"/fr/notifications/{first.id}/read", data={"csrf_token": csrf(page.text)})
    assert client.get("/fr/notifications/count").json == {"unread": 1}
    response = client.post(
        "/fr/notifications/read-all", data={"csrf_token": csrf(page.text)}, follow_redirects=True
    )
    assert "1 notification(s) marquée(s) comme lue(s)." in response.text
    assert client.get("/fr/notifications/count").json == {"unread": 0}


def test_a_member_cannot_mark_someone_elses_notification(app, client, make_user, login):
    from tremplin.core.api import notify

    other = make_user("kofi", roles=["Company"])
    make_user("awa", roles=["Company"])
    notify(other, NOTE_SAVED, text="privée")
    db.session.commit()
    login("awa")
    page = client.get("/fr/notifications/")
    assert "privée" not in page.text
    client.post(
        f"/fr/notifications/{notifications()[0].id}/read", data={"csrf_token": csrf(page.text)}
    )
    db.session.expire_all()
    assert notifications()[0].read_at is None


def test_centre_needs_signing_in(client):
    assert client.get("/fr/notifications/").status_code == 302
    assert client.get("/fr/notifications/count").status_code in (302, 401)


def test_preferences_form_saves_the_choice(app, client, make_user, login):
    from tremplin.core.notifications.services import preferences

    user = make_user("awa", roles=["Company"])
    login("awa")
    page = client.get("/en/notifications/preferences")
    assert page.status_code == 200
    assert "Note saved" in page.text and "By e-mail, daily summary" in page.text
    client.post(
        "/fr/notifications/preferences",
        data={"csrf_token": csrf(page.text), f"channel-{NOTE_SAVED}": "digest"},
    )
    assert preferences(user.id)[NOTE_SAVED] == "digest"


def test_preferences_form_refuses_a_forged_channel_and_keeps_the_old_choice(
    app, client, make_user, login
):
    from tremplin.core.notifications.services import preferences, set_preference

    user = make_user("awa", roles=["Company"])
    set_preference(user.id, NOTE_SAVED, "digest")
    db.session.commit()
    login("awa")
    page = client.get("/en/notifications/preferences")
    answer = client.post(
        "/en/notifications/preferences",
        data={"csrf_token": csrf(page.text), f"channel-{NOTE_SAVED}": "<script>x</script>"},
    )
    assert answer.status_code == 400
    assert "Choose one of the options offered for each notification." in answer.text
    assert "<script>x</script>" not in answer.text
    assert preferences(user.id)[NOTE_SAVED] == "digest"


# --- GDPR, migration ------------------------------------------------------------------


def test_personal_data_and_erasure(app, make_user):
    from tremplin.core.api import notify
    from tremplin.core.notifications import hooks
    from tremplin.core.notifications.services import preferences, set_preference

    user = make_user("kofi", roles=["Company"])
    set_preference(user.id, NOTE_SAVED, "digest")
    notify(user, NOTE_SAVED, text="à exporter")
    db.session.commit()
    records = hooks.personal_data(user.id).records
    assert records[0]["context"] == {"text": "à exporter"}
    assert {"preference": NOTE_SAVED, "channel": "digest"} in records
    hooks.erase_personal_data(user.id)
    db.session.commit()
    assert notifications() == [] and deliveries() == []
    assert preferences(user.id)[NOTE_SAVED] == "email"


def test_hand_written_migration_matches_the_models(app):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    def mine(obj, name, type_, reflected, compare_to):  # type: ignore[no-untyped-def]
        table = name if type_ == "table" else getattr(getattr(obj, "table", None), "name", "")
        return (table or "").startswith("core_notification")

    with db.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"include_object": mine, "compare_type": True}
        )
        assert compare_metadata(context, db.metadata) == []


@pytest.mark.fresh_app
def test_concurrent_workers_claim_a_delivery_once(fresh_app_factory):
    """Real connections, committed for real: of four workers racing for one e-mail,
    exactly one wins the claim (SQLite and PostgreSQL)."""
    import threading

    from tremplin.core.api import notify
    from tremplin.core.notifications.delivery import claim

    app = fresh_app_factory({**CONFIG_OVERRIDES, "tasks": {"immediate": False}}, EXTRA_PLUGINS)
    with app.app_context():
        from tremplin.core.accounts import create_user
        from tremplin.core.testing.fixtures import TEST_PASSWORD

        user = create_user("race", "race@example.org", "Ra", "Ce", TEST_PASSWORD, ["Company"])
        db.session.flush()
        notify(user, NOTE_SAVED, text="course")
        db.session.commit()
        [delivery_id] = [d.id for d in deliveries()]
        db.session.remove()
    start = threading.Barrier(4)
    won: list[list[int]] = []

    def worker() -> None:
        with app.app_context():
            start.wait()
            won.append(claim([delivery_id]))
            db.session.remove()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(won) == [[], [], [], [delivery_id]]
