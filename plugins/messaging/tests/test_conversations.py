"""Starting, replying, reading, archiving, searching, blocking (HTTP, no JS)."""

from __future__ import annotations

import pytest

from tremplin.core.testing.fixtures import csrf_token

from .fixtures import CONFIG

CONFIG_OVERRIDES = CONFIG


def _start(client, to, body="Bonjour Awa, voici notre brochure.", **extra):
    page = client.get(f"/fr/messages/new?to={to}")
    data = {"recipients": [to], "body": body, "csrf_token": csrf_token(page.text), **extra}
    return client.post(f"/fr/messages/new?to={to}", data=data, content_type="multipart/form-data")


def test_start_reply_and_read(client, login, people):
    login("ahmed")
    response = _start(client, people.awa.id)
    assert response.status_code == 302, response.text
    url = response.headers["Location"]
    page = client.get(url)
    assert "Bonjour Awa, voici notre brochure." in page.text
    assert "Envoyé" in page.text
    client.post("/fr/logout", data={"csrf_token": csrf_token(page.text)})
    login("awa")
    inbox = client.get("/fr/messages/")
    assert "Ahmed Test" in inbox.text and "1 non lu(s)" in inbox.text
    assert client.get("/fr/messages/unread.json").json == {"unread": 1}
    page = client.get(url)
    assert client.get("/fr/messages/unread.json").json == {"unread": 0}
    reply = client.post(
        url, data={"body": "Merci, bien reçu !", "csrf_token": csrf_token(page.text)}
    )
    assert reply.status_code == 302
    assert "Merci, bien reçu !" in client.get(url).text
    polled = client.get(f"{url}/poll?after=0").json
    assert [("Merci, bien reçu !" in m["html"]) for m in polled["messages"]] == [False, True]
    first = polled["messages"][0]["id"]
    assert [m["id"] for m in client.get(f"{url}/poll?after={first}").json["messages"]] == [
        polled["messages"][1]["id"]
    ]
    assert "Signaler ce message" in polled["messages"][0]["html"]


def test_html_is_escaped_and_links_are_safe(client, login, people):
    login("ahmed")
    body = (
        '<script>alert(1)</script> voir https://example.org/a?b=1 et <a href="javascript:x">x</a>'
    )
    url = _start(client, people.awa.id, body=body).headers["Location"]
    page = client.get(url).text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page
    assert '<a href="https://example.org/a?b=1" rel="nofollow noopener noreferrer">' in page
    assert '<a href="javascript:' not in page


@pytest.mark.parametrize("body", ["", "   ", "x" * 10_001])
def test_empty_or_oversized_message_is_refused(client, login, people, body):
    login("ahmed")
    response = _start(client, people.awa.id, body=body)
    assert response.status_code == 400
    assert "error-summary" in response.text


def test_search_archive_and_block(client, login, people):
    login("ahmed")
    url = _start(client, people.awa.id, body="Salon de Dakar en mars").headers["Location"]
    found = client.get("/fr/messages/?q=dakar")
    assert "Salon de Dakar en mars" in found.text
    assert "1 message(s) trouvé(s) pour « dakar »" in found.text
    assert "0 message(s) trouvé(s) pour « abidjan »" in client.get("/fr/messages/?q=abidjan").text
    page = client.get(url)
    client.post(url + "/archive", data={"archived": "1", "csrf_token": csrf_token(page.text)})
    assert url not in client.get("/fr/messages/").text
    assert url in client.get("/fr/messages/?archived=1").text
    client.post("/fr/logout", data={"csrf_token": csrf_token(page.text)})
    login("awa")
    page = client.get(url)
    blocked = client.post(
        f"{url}/block/{people.ahmed.id}", data={"csrf_token": csrf_token(page.text)}
    )
    assert blocked.status_code == 302
    client.post("/fr/logout", data={"csrf_token": csrf_token(page.text)})
    login("ahmed")
    page = client.get(url)
    refused = client.post(url, data={"body": "Encore moi", "csrf_token": csrf_token(page.text)})
    assert refused.status_code == 400
    assert "Vous ne pouvez pas écrire à ce membre." in refused.text


def test_contact_search_filters(client, login, people):
    login("ahmed")
    page = client.get("/fr/messages/new?country=SN")
    assert "Awa Test — Baobab Textiles" in page.text
    assert "Moussa" not in page.text
    assert "Baobab" not in client.get("/fr/messages/new?country=MA&company=baobab").text
    assert "Baobab Textiles" in client.get(f"/fr/messages/new?company_id={people.awa_company}").text


def test_daily_limit_for_unverified_accounts(client, login, people, make_user):
    make_user("binta", roles=["Company"], mfa=False)
    from tremplin.core.api import members

    binta = members(kind="company", limit=10)
    binta_id = next(m.id for m in binta if m.username == "binta")
    login("ahmed")
    assert _start(client, people.awa.id).status_code == 302
    assert _start(client, people.moussa.id).status_code == 302
    third = _start(client, binta_id)
    assert third.status_code == 400  # [messaging] daily_new_conversations = 2 in the tests
    assert "limite de 2 nouvelles conversations" in third.text
    assert _start(client, people.awa.id, body="Toujours la même conversation").status_code == 302


def test_company_page_slot_links_to_a_new_conversation(app, people):
    from flask import render_template_string

    with app.test_request_context("/fr/"):
        html = render_template_string(
            '{{ slot("directory.company.actions", company=company) }}',
            company={"id": people.awa_company},
        )
    assert "Écrire à ce membre" in html
    assert f"/fr/messages/new?company_id={people.awa_company}" in html


@pytest.mark.app_config({"limits": {"enabled": True}, "messaging": {"send_rate": "2 per minute"}})
def test_sending_is_rate_limited(client, login, people):
    login("ahmed")
    url = _start(client, people.awa.id).headers["Location"]
    page = client.get(url)
    token = csrf_token(page.text)
    assert client.post(url, data={"body": "deux", "csrf_token": token}).status_code == 302
    limited = client.post(url, data={"body": "trois", "csrf_token": token})
    assert limited.status_code == 429
    assert "patientez une minute" in limited.text and "trois" in limited.text
