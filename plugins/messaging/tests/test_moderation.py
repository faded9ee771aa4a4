"""Reports reach core's moderation queue; a moderator (second factor) reads the
reported message in context, hides and restores it, warns and suspends the author;
every step is audited."""

from __future__ import annotations

from sqlalchemy import text

from tremplin.core.api import db, members, moderation
from tremplin.core.testing.fixtures import csrf_token

from ..models import Message
from .fixtures import CONFIG, conversation_with_file

CONFIG_OVERRIDES = CONFIG


def _audited(event):
    """Audit events of that name (read in SQL: plugins use core through its API)."""
    query = text("SELECT id FROM core_audit_event WHERE event = :event")
    return list(db.session.execute(query, {"event": event}).scalars())


def _report_as_awa(client, login, conversation, message):
    login("awa")
    page = client.get(f"/fr/messages/{conversation.id}")
    data = {
        "message_id": str(message.id),
        "reason": "abuse",
        "comment": "Insultant",
        "csrf_token": csrf_token(page.text),
    }
    assert client.post(f"/fr/messages/{conversation.id}/report", data=data).status_code == 302
    client.post("/fr/logout", data={"csrf_token": csrf_token(page.text)})


def test_report_hide_restore(client, login, people, make_user):
    conversation, message, _file = conversation_with_file(people, "Texte injurieux")
    _report_as_awa(client, login, conversation, message)
    [item] = moderation.reports_on("messaging.message", [message.id])
    assert (item.reason, item.author_id, item.state) == ("abuse", people.ahmed.id, "open")
    make_user("modo", roles=["Moderator"], mfa=True)
    login("modo")
    queue = client.get("/admin/moderation/")
    assert queue.status_code == 200 and f"Signalement {item.id}" in queue.text
    page = client.get(f"/admin/moderation/{item.id}")
    assert page.status_code == 200 and "Texte injurieux" in page.text
    assert _audited("moderation_read")
    hide = client.post(
        f"/admin/moderation/{item.id}/action",
        data={"action": "hide", "csrf_token": csrf_token(page.text)},
    )
    assert hide.status_code == 302
    db.session.expire_all()
    assert db.session.get(Message, message.id).hidden
    assert moderation.reports_on("messaging.message", [message.id])[0].state == "hidden"
    assert _audited("moderation_hide")
    client.post("/fr/logout", data={"csrf_token": csrf_token(page.text)})
    login("awa")
    shown = client.get(f"/fr/messages/{conversation.id}").text
    assert "Texte injurieux" not in shown and "Message masqué par la modération." in shown
    client.post("/fr/logout", data={"csrf_token": csrf_token(shown)})
    login("modo")
    page = client.get(f"/admin/moderation/{item.id}")
    client.post(
        f"/admin/moderation/{item.id}/action",
        data={"action": "restore", "csrf_token": csrf_token(page.text)},
    )
    db.session.expire_all()
    assert not db.session.get(Message, message.id).hidden


def test_warn_and_suspend_the_author(client, login, people, make_user):
    conversation, message, _file = conversation_with_file(people, "Arnaque")
    _report_as_awa(client, login, conversation, message)
    [item] = moderation.reports_on("messaging.message", [message.id])
    make_user("modo", roles=["Moderator"], mfa=True)
    login("modo")
    page = client.get(f"/admin/moderation/{item.id}")
    token = csrf_token(page.text)
    client.post(f"/admin/moderation/{item.id}/action", data={"action": "warn", "csrf_token": token})
    query = text("SELECT type FROM core_notification WHERE user_id = :user")
    warned = db.session.execute(query, {"user": people.ahmed.id}).scalars().all()
    assert warned == ["core.moderation_warning"]
    client.post(
        f"/admin/moderation/{item.id}/action",
        data={
            "action": "suspend",
            "suspend-csrf_token": token,
            "suspend-duration": "7",
            "suspend-reason": "abuse",
            "suspend-note": "Propos injurieux répétés.",
            "suspend-confirm": "y",
        },
    )
    db.session.expire_all()
    assert members(user_ids=[people.ahmed.id]) == []  # active members only: suspended
    assert members(user_ids=[people.ahmed.id], active_only=False)
    assert _audited("moderation_warn") and _audited("moderation_suspend")


def test_queue_is_for_moderators_only_and_needs_a_second_factor(client, login, people, make_user):
    conversation, message, _file = conversation_with_file(people)
    _report_as_awa(client, login, conversation, message)
    [item] = moderation.reports_on("messaging.message", [message.id])
    login("moussa")
    assert client.get("/admin/moderation/").status_code in (302, 403, 404)
    assert client.get(f"/admin/moderation/{item.id}").status_code in (302, 403, 404)
    page = client.get("/fr/messages/")
    client.post("/fr/logout", data={"csrf_token": csrf_token(page.text)})
    make_user("modo", roles=["Moderator"], mfa=False)
    login("modo")
    response = client.get(f"/admin/moderation/{item.id}")
    assert response.status_code == 302 and "/account/security" in response.headers["Location"]
    token = csrf_token(client.get("/fr/messages/").text)
    refused = client.post(
        f"/admin/moderation/{item.id}/action", data={"action": "hide", "csrf_token": token}
    )
    assert refused.status_code == 302
    db.session.expire_all()
    assert not db.session.get(Message, message.id).hidden


def test_report_page_shows_the_message_and_refuses_bad_input(client, login, people):
    conversation, message, _file = conversation_with_file(people, "Prix cassés, payez d'avance")
    login("awa")
    url = f"/fr/messages/{conversation.id}/report"
    page = client.get(f"{url}?message_id={message.id}")
    assert page.status_code == 200 and "Prix cassés" in page.text
    assert client.get(f"{url}?message_id=abc").status_code == 404
    data = {
        "message_id": str(message.id),
        "reason": "nonsense",
        "csrf_token": csrf_token(page.text),
    }
    refused = client.post(url, data=data)
    assert refused.status_code == 400 and "error-summary" in refused.text
    assert moderation.reports_on("messaging.message", [message.id]) == []
    whole = client.post(url, data={"reason": "spam", "csrf_token": csrf_token(page.text)})
    assert whole.status_code == 302
    assert [
        r.reason for r in moderation.reports_on("messaging.conversation", [conversation.id])
    ] == ["spam"]
