"""Reminders by scheduled task, with time travel: 7 and 1 days before, a
follow-up after, the outcome follow-up months after a mission; each sent once,
in the member's language, with the custom text and the .ics attached. The
``event_ended`` event is announced once."""

from __future__ import annotations

from datetime import timedelta

from icalendar import Calendar

from tremplin.core.testing.accounts import body, clear_outbox, outbox
from tremplin.plugins.events.registration import register
from tremplin.plugins.events.reminders import announce_ended, send_reminders
from tremplin.plugins.events.times import utc

from .fixtures import OVERRIDES

CONFIG_OVERRIDES = OVERRIDES


def _reminders(app) -> list:
    """The outbox's reminders (they carry the .ics; registration notices do not)."""
    return [m for m in outbox(app) if any(True for _ in m.iter_attachments())]


def _ics(message) -> bytes:
    (part,) = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
    return (
        part.get_content()
        if isinstance(part.get_content(), bytes)
        else part.get_payload(decode=True)
    )


def test_reminders_go_at_the_right_times_once_in_the_members_language(
    app, client, member_with_company, make_event
):
    clear_outbox(app)
    event = make_event(days=20, reminder_text="Apportez vos catalogues.", title="Salon Abidjan")
    awa = member_with_company("awa", "Saveurs du Sine", language="fr")
    paul = member_with_company("paul", "Québec Érable", "CA", language="en")
    register(event, awa.id)
    register(event, paul.id)
    start = utc(event.starts_at)
    assert send_reminders(now=start - timedelta(days=8)) == 0
    assert send_reminders(now=start - timedelta(days=7) + timedelta(minutes=1)) == 2
    assert send_reminders(now=start - timedelta(days=7) + timedelta(minutes=16)) == 0  # once
    messages = {m["To"]: m for m in _reminders(app)}
    french, english = messages["awa@example.org"], messages["paul@example.org"]
    assert french["Subject"] == "Rappel : Salon Abidjan"
    assert english["Subject"] == "Reminder: Salon Abidjan"
    assert "Apportez vos catalogues." in body(french) and "Africa/Dakar (UTC+0)" in body(french)
    (vevent,) = Calendar.from_ical(_ics(french)).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Salon Abidjan"
    feed_file = Calendar.from_ical(client.get(f"/fr/events/{event.id}/event.ics").data)
    assert vevent["UID"] == feed_file.walk("VEVENT")[0]["UID"]  # the same event everywhere
    assert send_reminders(now=start - timedelta(days=1) + timedelta(minutes=5)) == 2
    assert send_reminders(now=utc(event.ends_at) + timedelta(days=1, minutes=1)) == 2
    assert len(_reminders(app)) == 6


def test_a_cancelled_member_gets_no_reminder_and_missions_get_an_outcome_follow_up(
    app, member_with_company, make_event
):
    from tremplin.plugins.events.registration import cancel

    clear_outbox(app)
    mission = make_event(days=3, kind="trade_mission", title="Mission Hanoï")
    awa = member_with_company("awa", "Saveurs du Sine")
    ahmed = member_with_company("ahmed", "Madrasa Num", "MA")
    register(mission, awa.id)
    cancel(register(mission, ahmed.id))
    assert send_reminders(now=utc(mission.starts_at) - timedelta(days=1)) == 1
    later = utc(mission.ends_at) + timedelta(days=90, hours=1)
    assert send_reminders(now=later) == 1
    last = _reminders(app)[-1]
    assert last["To"] == "awa@example.org" and "outcomes?stage=followup" in body(last)


def test_the_schedule_is_configurable(app, member_with_company, make_event, monkeypatch):
    from tremplin.plugins.events import reminders

    configured = {"reminder_days": ["3"], "followup_days": 0}
    read = reminders.setting
    monkeypatch.setattr(
        reminders, "setting", lambda section, key: configured.get(key, read(section, key))
    )
    clear_outbox(app)
    event = make_event(days=10)
    register(event, member_with_company("awa", "Saveurs du Sine").id)
    start = utc(event.starts_at)
    assert send_reminders(now=start - timedelta(days=7)) == 0
    assert send_reminders(now=start - timedelta(days=3)) == 1
    assert send_reminders(now=utc(event.ends_at) + timedelta(days=1, minutes=1)) == 0


def test_event_ended_is_announced_once_after_the_end(app, make_event, monkeypatch):
    heard: list[int] = []
    pm = app.extensions["tremplin"].pm

    class Listener:
        @staticmethod
        def event_ended(event_id: int) -> None:
            heard.append(event_id)

    from tremplin.core.api import hookimpl

    Listener.event_ended = staticmethod(hookimpl(Listener.event_ended))  # type: ignore[method-assign]
    pm.register(Listener, name="events-test-listener")
    try:
        past = make_event(days=-2)
        make_event(days=5)
        assert announce_ended() == 1
        assert announce_ended() == 0
        assert heard == [past.id]
    finally:
        pm.unregister(name="events-test-listener")
