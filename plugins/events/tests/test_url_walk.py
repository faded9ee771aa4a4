"""Every GET page of the events plugin as a visitor, a guest, a company member,
an expert and a moderator: no server error, whatever the event (mission, draft,
past, missing) or the guessed id and token."""

from __future__ import annotations

from tremplin.core.testing.accounts import isolate_requests
from tremplin.core.testing.urlwalk import make_personas, plan, sign_in

from .fixtures import OVERRIDES, accepted_meeting

CONFIG_OVERRIDES = OVERRIDES


def test_events_pages_answer_every_persona_without_error(
    app, make_user, member_with_company, make_event
):
    mission = make_event(
        kind="trade_mission",
        meeting_tables=2,
        countries="SN",
        sectors="C10",
        questions="Objectif ?",
    )
    draft = make_event(published=False, title="Brouillon")
    past = make_event(days=-5, kind="webinar")
    awa = member_with_company("awa", "Saveurs du Sine")
    ahmed = member_with_company("ahmed", "Madrasa Num", "MA")
    meeting = accepted_meeting(mission, ahmed, awa)
    personas = make_personas(make_user)
    ids = [mission.id, draft.id, past.id, 999999]
    samples = {
        "event_id": ids,
        "meeting_id": [meeting.id, 999999],
        "registration_id": [1, 999999],
        "token": ["guessed-token"],
        "room_id": [f"tremplin-event-{mission.id}"],
        "signature": ["0" * 64],
        "year": [2030],
        "month": [1],
    }
    visits = [v for v in plan(app, samples)[0] if v.endpoint.startswith("events")]
    assert len({v.endpoint for v in visits}) >= 15  # every page of the plugin is visited
    isolate_requests(app)  # each persona's requests see their own member
    errors = []
    for persona in personas:
        client = app.test_client()
        if persona.username is not None:
            sign_in(client, persona.username)
        errors += [
            f"{persona.name} {v.url}" for v in visits if client.get(v.url).status_code >= 500
        ]
    assert not errors, errors
