"""Every GET route of the app walked as visitor, guest, company, expert and
moderator with a conversation none of them belongs to: no 5xx, no 200 on a
guarded view (the conversation and its poll answer 404 to all)."""

from __future__ import annotations

from tremplin.core.testing.urlwalk import assert_no_findings, make_personas, walk

from .fixtures import CONFIG, conversation_with_file

CONFIG_OVERRIDES = CONFIG


def test_walk_with_someone_elses_conversation(app, make_user, people):
    conversation, _message, _file = conversation_with_file(people)
    personas = make_personas(make_user)
    samples = {"conversation_id": [conversation.id, 999999], "user_id": [people.awa.id]}
    assert_no_findings(walk(app, personas, samples))
