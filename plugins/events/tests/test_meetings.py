"""B2B meetings: request with an intro message, accept (a free table of a free
common slot) or decline, no double booking (the database refuses it too), the
organiser's grid and placement, outcomes and the funnel."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import IntegrityError

from tremplin.core.api import db
from tremplin.core.testing.fixtures import csrf_token
from tremplin.plugins.events.meetings import (
    MeetingError,
    accept,
    decline,
    make_slots,
    place,
    request_meeting,
)
from tremplin.plugins.events.models import Meeting, MeetingSeat
from tremplin.plugins.events.outcomes import OutcomeError, funnel, record_outcome
from tremplin.plugins.events.registration import mark_attended, register, registration_of
from tremplin.plugins.events.times import utc

from .fixtures import OVERRIDES

CONFIG_OVERRIDES = OVERRIDES


@pytest.fixture
def mission(app, member_with_company, make_event):
    event = make_event(kind="trade_mission", meeting_tables=1, title="Mission Dakar")
    people = [member_with_company(n, f"Firm {n}") for n in ("awa", "ahmed", "binta")]
    for person in people:
        register(event, person.id)
    make_slots(event, utc(event.starts_at), 30, 2)
    db.session.commit()
    return event, people


def test_accepting_books_the_first_common_free_slot_and_never_twice(mission):
    event, (awa, ahmed, binta) = mission
    first = accept(request_meeting(event, ahmed.id, awa.id, "Bonjour"), awa.id)
    assert first.state == "accepted" and first.slot_id == event.slots[0].id and first.table_no == 1
    second = accept(request_meeting(event, binta.id, awa.id, "Salut"), awa.id)
    assert second.slot_id == event.slots[1].id  # Awa is busy in the first slot
    third = request_meeting(event, binta.id, ahmed.id, "Hello")
    with pytest.raises(MeetingError) as grid_full:  # one table: slot 2 is Binta's already
        accept(third, ahmed.id)
    assert grid_full.value.code == "grid_full" and third.state == "requested"


def test_the_database_refuses_a_double_booking(mission):
    event, (awa, ahmed, binta) = mission
    meeting = accept(request_meeting(event, ahmed.id, awa.id, "Bonjour"), awa.id)
    with pytest.raises(IntegrityError), db.session.begin_nested():
        db.session.add(MeetingSeat(meeting_id=meeting.id, slot_id=meeting.slot_id, user_id=awa.id))
        db.session.flush()
    other = Meeting(
        event_id=event.id,
        requester_id=binta.id,
        recipient_id=ahmed.id,
        slot_id=meeting.slot_id,
        table_no=meeting.table_no,
        state="accepted",
    )
    with pytest.raises(IntegrityError), db.session.begin_nested():
        db.session.add(other)
        db.session.flush()


def test_requests_are_checked(mission, member_with_company):
    event, (awa, ahmed, _binta) = mission
    outsider = member_with_company("outsider", "Not registered")
    for args, code in (
        ((awa.id, awa.id, "x"), "self"),
        ((awa.id, ahmed.id, "   "), "message"),
        ((awa.id, ahmed.id, "x" * 1001), "message"),
        ((outsider.id, ahmed.id, "x"), "not_participant"),
    ):
        with pytest.raises(MeetingError) as error:
            request_meeting(event, *args)
        assert error.value.code == code
    first = request_meeting(event, awa.id, ahmed.id, "Bonjour")
    assert request_meeting(event, ahmed.id, awa.id, "Re").id == first.id  # no duplicate
    with pytest.raises(MeetingError):
        accept(first, awa.id)  # only the member asked answers
    decline(first, ahmed.id)
    assert first.state == "declined"


def test_organiser_places_a_meeting_and_a_taken_place_is_refused(mission):
    event, (awa, ahmed, binta) = mission
    placed = place(request_meeting(event, ahmed.id, awa.id, "Bonjour"), event.slots[1].id, 1)
    assert placed.state == "accepted" and placed.slot_id == event.slots[1].id
    with pytest.raises(MeetingError) as taken:
        place(request_meeting(event, binta.id, awa.id, "Salut"), event.slots[1].id, 1)
    assert taken.value.code == "taken"
    with pytest.raises(MeetingError):
        place(placed, 999999, 1)


def test_outcomes_feed_the_funnel(mission):
    event, (awa, ahmed, binta) = mission
    meeting = accept(request_meeting(event, ahmed.id, awa.id, "Bonjour"), awa.id)
    other = accept(request_meeting(event, binta.id, ahmed.id, "Salut"), ahmed.id)
    for person in (awa, ahmed):
        mark_attended(registration_of(event.id, person.id))
    record_outcome(meeting, awa.id, "discussion")
    record_outcome(meeting, ahmed.id, "agreement")
    record_outcome(other, binta.id, "none")
    assert funnel(event).__dict__ == {
        "registered": 3,
        "attended": 2,
        "meetings": 2,
        "discussions": 1,
        "agreements": 1,
    }
    record_outcome(other, binta.id, "discussion", stage="followup")  # months later
    assert funnel(event).discussions == 2
    with pytest.raises(OutcomeError):
        record_outcome(meeting, binta.id, "agreement")  # not her meeting
    with pytest.raises(OutcomeError):
        record_outcome(meeting, awa.id, "maybe")


def test_meeting_pages_for_participants_and_a_guessing_member(
    mission, client_for, member_with_company
):
    event, (awa, _ahmed, _binta) = mission
    member_with_company("outsider", "Not registered")
    ahmed_client = client_for("ahmed")
    page = ahmed_client.get(f"/fr/events/{event.id}/meetings")
    assert page.status_code == 200 and "Firm awa" in page.text
    ahmed_client.post(
        f"/fr/events/{event.id}/meetings/request",
        data={
            "csrf_token": csrf_token(page.text),
            "recipient_id": str(awa.id),
            "message": "<script>alert('x')</script> Bonjour",
        },
    )
    awa_client = client_for("awa")
    page = awa_client.get(f"/fr/events/{event.id}/meetings")
    assert "&lt;script&gt;alert" in page.text and "<script>alert" not in page.text
    meeting = db.session.query(Meeting).filter_by(event_id=event.id).one()
    outsider = client_for("outsider")
    assert outsider.get(f"/fr/events/{event.id}/meetings").status_code == 404
    assert outsider.get(f"/fr/events/{event.id}/agenda").status_code == 404
    token = csrf_token(outsider.get("/fr/events/calendar").text)
    assert (
        outsider.post(
            f"/fr/events/meetings/{meeting.id}/accept", data={"csrf_token": token}
        ).status_code
        == 404
    )
    own = csrf_token(ahmed_client.get(f"/fr/events/{event.id}/meetings").text)
    assert (
        ahmed_client.post(
            f"/fr/events/meetings/{meeting.id}/accept", data={"csrf_token": own}
        ).status_code
        == 404
    )  # the requester
    accepted = awa_client.post(
        f"/fr/events/meetings/{meeting.id}/accept", data={"csrf_token": csrf_token(page.text)}
    )
    assert accepted.status_code == 302, accepted.status_code
    assert "Rendez-vous accepté" in awa_client.get(accepted.location).text
    agenda = awa_client.get(f"/fr/events/{event.id}/agenda").text
    assert "ahmed" in agenda.lower() and "Table" in agenda
    assert outsider.get(f"/fr/events/{event.id}/grid/full").status_code == 404
