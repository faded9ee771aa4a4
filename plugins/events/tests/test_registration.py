"""Registration: seats, the waiting list and its promotion (with a notification),
cancellation, the organiser's approval, questions, double submits, CSV export."""

from __future__ import annotations

from sqlalchemy import select

from tremplin.core.api import db
from tremplin.core.notifications.models import Notification
from tremplin.core.testing.fixtures import csrf_token
from tremplin.plugins.events.models import Registration
from tremplin.plugins.events.registration import cancel, decide, register

from .fixtures import OVERRIDES

CONFIG_OVERRIDES = OVERRIDES


def _types_for(user_id: int) -> list[str]:
    rows = db.session.scalars(select(Notification).where(Notification.user_id == user_id))
    return [n.type for n in rows]


def test_a_full_event_puts_the_next_member_on_the_waiting_list_and_promotes_them(
    app, member_with_company, make_event
):
    event = make_event(capacity=2)
    awa, ahmed, third = (member_with_company(n, f"Firm {n}") for n in ("awa", "ahmed", "binta"))
    assert register(event, awa.id).state == "confirmed"
    assert register(event, ahmed.id).state == "confirmed"
    waiting = register(event, third.id)
    assert waiting.state == "waiting"
    promoted = cancel(db.session.get(Registration, register(event, ahmed.id).id))
    assert promoted is not None and promoted.user_id == third.id
    assert db.session.get(Registration, waiting.id).state == "confirmed"
    assert "events.promoted" in _types_for(third.id)
    assert "events.waiting" in _types_for(third.id)


def test_registering_twice_keeps_one_registration(app, member_with_company, make_event):
    event = make_event(capacity=1)
    awa = member_with_company("awa", "Saveurs du Sine")
    first = register(event, awa.id)
    assert register(event, awa.id).id == first.id
    rows = db.session.scalars(select(Registration).where(Registration.event_id == event.id))
    assert len(list(rows)) == 1


def test_approval_required_waits_for_the_organiser(app, member_with_company, make_event):
    event = make_event(capacity=1, requires_approval=True)
    awa, ahmed = member_with_company("awa", "A"), member_with_company("ahmed", "B")
    first, second = register(event, awa.id), register(event, ahmed.id)
    assert (first.state, second.state) == ("pending", "pending")
    decide(first, approve=True)
    decide(second, approve=True)
    assert (first.state, second.state) == ("confirmed", "waiting")
    assert "events.confirmed" in _types_for(awa.id)


def test_registration_form_keeps_answers_and_refuses_oversized_ones(
    app, client, login, member_with_company, make_event
):
    event = make_event(questions="Votre objectif ?\nVos marchés ?")
    member_with_company("awa", "Saveurs du Sine")
    login("awa")
    page = client.get(f"/fr/events/{event.id}")
    assert "Votre objectif ?" in page.text
    token = csrf_token(page.text)
    too_long = client.post(
        f"/fr/events/{event.id}/register",
        data={"csrf_token": token, "answer_0": "x" * 1001},
        follow_redirects=True,
    )
    assert too_long.status_code == 400 and "dépasse 1000 caractères" in too_long.text
    assert "x" * 1001 + "</textarea>" in too_long.text  # what was typed is still there
    assert 'aria-invalid="true"' in too_long.text and 'href="#answer_0"' in too_long.text
    assert db.session.scalar(select(Registration).where(Registration.event_id == event.id)) is None
    done = client.post(
        f"/fr/events/{event.id}/register",
        data={"csrf_token": token, "answer_0": "<script>alert(1)</script>"},
        follow_redirects=True,
    )
    assert "Votre inscription est confirmée." in done.text
    row = db.session.scalar(select(Registration).where(Registration.event_id == event.id))
    assert "<script>alert(1)</script>" in row.answers


def test_registration_without_csrf_changes_nothing(
    app, client, login, member_with_company, make_event
):
    event = make_event()
    member_with_company("awa", "Saveurs du Sine")
    login("awa")
    client.post(f"/fr/events/{event.id}/register", data={})
    assert db.session.scalar(select(Registration).where(Registration.event_id == event.id)) is None


def test_a_visitor_cannot_register_and_an_ended_event_is_closed(
    app, client, login, member_with_company, make_event
):
    event = make_event(days=-3)
    assert client.post(f"/fr/events/{event.id}/register", data={}).status_code in (400, 404)
    assert "M’inscrire" not in client.get(f"/fr/events/{event.id}").text
    member_with_company("awa", "Saveurs du Sine")
    login("awa")
    page = client.get(f"/fr/events/{event.id}")
    assert "Cet événement est terminé." in page.text
    answer = client.post(
        f"/fr/events/{event.id}/register",
        data={"csrf_token": csrf_token(page.text)},
        follow_redirects=True,
    )
    assert "les inscriptions sont closes" in answer.text


def test_csv_export_is_for_organisers_only_and_neutralises_formulas(
    app, client, login, client_for, make_user, member_with_company, make_event
):
    event = make_event(questions="Objectif ?")
    awa = member_with_company("awa", '=HYPERLINK("http://evil")')
    register(event, awa.id, ["=1+1"])
    login("awa")
    assert client.get(f"/fr/events/{event.id}/registrations.csv").status_code == 404
    assert client.get(f"/fr/events/{event.id}/manage").status_code == 404
    make_user("orga", roles=["Moderator"])
    csv = client_for("orga").get(f"/fr/events/{event.id}/registrations.csv")
    assert csv.status_code == 200 and csv.mimetype == "text/csv"
    assert "'=HYPERLINK" in csv.text and "'=1+1" in csv.text and "confirmed" in csv.text


def test_notification_links_are_in_each_members_language(app, member_with_company, make_event):
    event = make_event(capacity=1)
    awa = member_with_company("awa", "Saveurs du Sine")
    john = member_with_company("john", "Maple Foods", "CA", language="en")
    register(event, awa.id)
    register(event, john.id)  # waiting
    cancel(db.session.get(Registration, register(event, awa.id).id))  # john promoted
    urls = {
        (n.user_id, n.type): n.context.get("url") for n in db.session.scalars(select(Notification))
    }
    assert urls[(awa.id, "events.confirmed")] == f"/fr/events/{event.id}"
    assert urls[(john.id, "events.promoted")] == f"/en/events/{event.id}"
