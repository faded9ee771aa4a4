"""Every access check of the messaging: only participants read and write a
conversation and its attachments; a moderator only while handling a report, with
a second factor; a member guessing URLs gets 404 and no data."""

from __future__ import annotations

import pytest

from tremplin.core.api import db, report, storage
from tremplin.core.testing.fixtures import csrf_token
from tremplin.core.testing.storage import pdf

from .fixtures import CONFIG, conversation_with_file

CONFIG_OVERRIDES = CONFIG


def test_attachment_is_sealed_on_disk_and_clear_for_participants(client, login, people):
    _conversation, _message, file = conversation_with_file(people)
    with storage.open(file) as stored:
        sealed = stored.read()
    assert not sealed.startswith(b"%PDF") and b"%PDF" not in sealed
    login("awa")
    response = client.get(f"/files/{file.key}")
    assert response.status_code == 200
    assert response.data == pdf()
    assert response.headers["Content-Type"] == "application/pdf"


@pytest.mark.parametrize(
    "path",
    ["", "/poll?after=0"],
)
def test_other_member_and_visitor_cannot_read(client, login, people, path):
    conversation, _message, file = conversation_with_file(people, "Confidentiel : prix 12 €")
    url = f"/fr/messages/{conversation.id}{path}"
    assert client.get(url).status_code == 404  # visitor
    assert client.get(f"/files/{file.key}").status_code == 404
    login("moussa")
    for target in (url, f"/files/{file.key}"):
        response = client.get(target)
        assert response.status_code == 404
        assert "Confidentiel" not in response.text and b"%PDF" not in response.data
    assert client.get("/fr/messages/999999").status_code == 404
    search = client.get("/fr/messages/?q=prix").text
    assert "0 message(s) trouvé(s)" in search and "Confidentiel" not in search


@pytest.mark.parametrize("action", ["", "/archive", "/report", "/block/{awa}"])
def test_other_member_cannot_post(client, login, people, action):
    conversation, _message, _file = conversation_with_file(people)
    login("moussa")
    token = csrf_token(client.get("/fr/messages/").text)
    url = f"/fr/messages/{conversation.id}" + action.format(awa=people.awa.id)
    data = {"body": "intrus", "archived": "1", "reason": "spam", "csrf_token": token}
    assert client.post(url, data=data).status_code == 404
    db.session.expire_all()
    from tremplin.core.api import moderation

    assert moderation.reports_on("messaging.conversation", [conversation.id]) == []


def test_report_of_a_message_from_another_conversation_is_refused(client, login, people):
    mine, _m, _f = conversation_with_file(people)
    login("awa")
    page = client.get(f"/fr/messages/{mine.id}")
    data = {"message_id": "999999", "reason": "spam", "csrf_token": csrf_token(page.text)}
    assert client.post(f"/fr/messages/{mine.id}/report", data=data).status_code == 404
    outsider = client.post(f"/fr/messages/{mine.id}/block/{people.moussa.id}", data=data)
    assert outsider.status_code == 404


def test_moderator_reads_attachment_only_while_handling_a_report(client, login, people, make_user):
    _conversation, message, file = conversation_with_file(people)
    make_user("modo", roles=["Moderator"], mfa=True)
    login("modo")
    assert client.get(f"/files/{file.key}").status_code == 404  # no report yet
    report(
        "messaging.message",
        message.id,
        reporter=people.awa,
        reason="fraud",
        author_id=people.ahmed.id,
    )
    db.session.commit()
    response = client.get(f"/files/{file.key}")
    assert response.status_code == 200 and response.data == pdf()


def test_moderator_without_second_factor_cannot_read(client, login, people, make_user):
    _conversation, message, file = conversation_with_file(people)
    make_user("modo2", roles=["Moderator"], mfa=False)
    report("messaging.message", message.id, reporter=people.awa, reason="fraud")
    db.session.commit()
    login("modo2")
    assert client.get(f"/files/{file.key}").status_code == 404


def test_wrong_file_type_is_refused_with_a_message(client, login, people):
    conversation, _m, _f = conversation_with_file(people)
    login("awa")
    page = client.get(f"/fr/messages/{conversation.id}")
    import io

    data = {
        "body": "Voici le fichier",
        "attachment": (io.BytesIO(b"MZ\x90\x00 not a pdf"), "virus.pdf"),
        "csrf_token": csrf_token(page.text),
    }
    response = client.post(
        f"/fr/messages/{conversation.id}", data=data, content_type="multipart/form-data"
    )
    assert response.status_code == 400
    assert "Voici le fichier" in response.text  # the text typed is kept
    assert 'aria-invalid="true"' in response.text
