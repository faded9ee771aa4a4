"""The support desk: opening, answering, SLA, first-contact resolution, satisfaction,
access (another member gets 404), bad input, the accessibility channel."""

from __future__ import annotations

import io
import re
from datetime import timedelta
from typing import Any

from tremplin.core.api import db
from tremplin.core.testing.accounts import clear_outbox
from tremplin.core.testing.fixtures import TEST_PASSWORD, csrf_token
from tremplin.core.testing.storage import png_with_text
from tremplin.plugins.support import services
from tremplin.plugins.support.models import Ticket, utcnow

CONFIG_OVERRIDES = {"accounts": {"mfa_required_roles": []}}


def post(client: Any, path: str, data: dict[str, Any], page: str | None = None, **kw: Any) -> Any:
    token = csrf_token(client.get(page or path).text)
    return client.post(path, data={**data, "csrf_token": token}, **kw)


def open_one(client: Any, **data: Any) -> Any:
    form = {
        "category": "technical",
        "subject": "Import impossible",
        "description": "Le fichier CSV est refusé.",
    }
    return post(client, "/fr/support/tickets/new", {**form, **data})


def only_ticket() -> Ticket:
    return db.session.scalars(db.select(Ticket)).one()


def test_a_member_opens_a_ticket_and_follows_it(app, client, make_user, login):
    make_user("awa", roles=["Company"])
    login("awa")
    response = open_one(client)
    assert response.status_code == 302
    ticket = only_ticket()
    assert ticket.status == "open" and ticket.first_response_due > utcnow()
    page = client.get(response.headers["Location"]).text
    assert "Import impossible" in page and "Le fichier CSV est refusé." in page
    assert "Import impossible" in client.get("/fr/support/tickets/").text
    assert "1 demande(s) en cours" in client.get("/fr/dashboard").text


def test_bad_input_is_refused_with_messages_and_keeps_the_text(app, client, make_user, login):
    make_user("awa", roles=["Company"])
    login("awa")
    empty = open_one(client, subject="", description="")
    assert empty.status_code == 400 and empty.text.count("Ce champ est obligatoire.") >= 2
    forged = open_one(client, category="<script>alert(1)</script>")
    assert forged.status_code == 400 and "<script>alert(1)</script>" not in forged.text
    long = open_one(client, description="x" * 5001)
    assert long.status_code == 400 and "5000 caractères au plus." in long.text
    program = open_one(
        client,
        description="Voici le fichier",
        attachment=(io.BytesIO(b"MZ\x90\x00" + b"\x00" * 200), "facture.pdf"),
    )
    assert program.status_code == 400
    assert "Voici le fichier" in program.text  # nothing lost
    assert "Formats acceptés : image (PNG, JPEG, GIF, WebP), PDF." in program.text
    renamed = open_one(client, attachment=(io.BytesIO(png_with_text()), "facture.pdf"))
    assert renamed.status_code == 400
    assert "porte l&#39;extension .pdf mais son contenu est une image PNG" in renamed.text
    assert db.session.scalar(db.select(db.func.count(Ticket.id))) == 0
    xss = open_one(client, subject="<img src=x onerror=alert(1)>")
    assert xss.status_code == 302
    page = client.get(xss.headers["Location"]).text
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page


def test_another_member_cannot_see_a_ticket(app, client, make_user, login):
    make_user("awa", roles=["Company"])
    make_user("ahmed", roles=["Company"])
    login("awa")
    location = open_one(client).headers["Location"]
    other = app.test_client()
    token = csrf_token(other.get("/fr/login").text)
    other.post("/fr/login", data={"login": "ahmed", "password": TEST_PASSWORD, "csrf_token": token})
    assert other.get("/fr/dashboard").status_code == 200
    assert other.get(location).status_code == 404
    ticket_id = only_ticket().id
    for path in (f"/fr/support/tickets/{ticket_id}/reply", f"/fr/support/tickets/{ticket_id}/rate"):
        token = csrf_token(other.get("/fr/support/tickets/new").text)
        assert (
            other.post(path, data={"body": "x", "score": "5", "csrf_token": token}).status_code
            == 404
        )
    assert app.test_client().get(location).status_code == 302  # visitors sign in first


def test_first_contact_resolution_and_satisfaction(app, client, make_user, login):
    member = make_user("awa", roles=["Company"])
    agent = make_user("sami", roles=["Moderator"])
    login("awa")
    open_one(client)
    ticket = only_ticket()
    clear_outbox(app)
    services.agent_reply(ticket, agent.id, "Note : vérifier l'encodage", internal=True)
    services.agent_reply(ticket, agent.id, "Enregistrez le fichier en UTF-8.", status="resolved")
    db.session.commit()
    assert ticket.first_contact is True and ticket.first_response_at is not None
    assert ticket.assignee_id == agent.id
    page = client.get(f"/fr/support/tickets/{ticket.id}").text
    assert "Enregistrez le fichier en UTF-8." in page
    assert "vérifier l&#39;encodage" not in page and "vérifier l'encodage" not in page
    refused = post(
        client,
        f"/fr/support/tickets/{ticket.id}/rate",
        {"score": "9"},
        f"/fr/support/tickets/{ticket.id}",
    )
    assert refused.status_code == 400 and "Choisissez une note de 1 à 5." in refused.text
    rated = post(
        client,
        f"/fr/support/tickets/{ticket.id}/rate",
        {"score": "4", "comment": "Rapide"},
        f"/fr/support/tickets/{ticket.id}",
    )
    assert rated.status_code == 302
    db.session.refresh(ticket)
    assert ticket.status == "closed" and ticket.satisfaction == 4
    figures = services.figures(utcnow() - timedelta(days=1), utcnow() + timedelta(days=1))
    assert (figures.resolved, figures.first_contact, figures.satisfaction) == (1, 1, 4.0)
    assert member.id == ticket.user_id


def test_a_member_answering_again_is_not_first_contact(app, client, make_user, login):
    make_user("awa", roles=["Company"])
    agent = make_user("sami", roles=["Moderator"])
    login("awa")
    open_one(client)
    ticket = only_ticket()
    services.agent_reply(ticket, agent.id, "Quel navigateur ?")
    db.session.commit()
    reply = post(
        client,
        f"/fr/support/tickets/{ticket.id}/reply",
        {"body": "Firefox"},
        f"/fr/support/tickets/{ticket.id}",
    )
    assert reply.status_code == 302
    services.agent_reply(ticket, agent.id, "Corrigé.", status="resolved")
    db.session.commit()
    assert ticket.first_contact is False


def test_overdue_tickets_alert_their_agent_once(app, client, make_user, login):
    make_user("awa", roles=["Company"])
    agent = make_user("sami", roles=["Moderator"])
    login("awa")
    open_one(client)
    ticket = only_ticket()
    ticket.assignee_id = agent.id
    db.session.commit()
    assert services.alert_overdue() == 0
    later = utcnow() + timedelta(hours=25)
    assert ticket.overdue(later)
    assert services.alert_overdue(later) == 1
    assert services.alert_overdue(later) == 0  # told once
    from tremplin.core.notifications.models import Notification

    sent = db.session.scalars(db.select(Notification).filter_by(user_id=agent.id)).all()
    assert [n.type for n in sent] == ["support.overdue"]


def test_visitors_report_accessibility_problems(app, client):
    bad = post(client, "/fr/support/accessibility", {"email": "pas-une-adresse", "description": ""})
    assert bad.status_code == 400 and "Saisissez une adresse e-mail valide" in bad.text
    good = post(
        client,
        "/fr/support/accessibility",
        {
            "email": "lecteur@example.org",
            "page_url": "/fr/",
            "description": "Le menu ne se lit pas.",
        },
    )
    assert good.status_code == 200 and "votre signalement est reçu" in good.text
    ticket = only_ticket()
    assert (ticket.category, ticket.user_id, ticket.contact_email) == (
        "accessibility",
        None,
        "lecteur@example.org",
    )
    english = post(client, "/en/support/accessibility", {"email": "x", "description": ""})
    assert "Enter a valid e-mail address" in english.text


def test_help_articles_are_searchable_and_escaped(app, client):
    from tremplin.plugins.support.knowledge import reindex
    from tremplin.plugins.support.models import HelpArticle

    article = HelpArticle(
        slug="exporter-csv",
        category="technical",
        title_fr="Importer un fichier CSV",
        body_fr="Enregistrez en UTF-8.\n\n- Ouvrez le tableur\n- <b>Choisissez</b> UTF-8",
        title_en="Importing a CSV file",
        body_en="Save as UTF-8.",
    )
    db.session.add(article)
    db.session.commit()
    reindex(article)
    page = client.get("/fr/support/articles/exporter-csv").text
    assert "<li>&lt;b&gt;Choisissez&lt;/b&gt; UTF-8</li>" in page
    found = client.get("/fr/support/?q=tableur").text
    assert re.search(r'href="/fr/support/articles/exporter-csv"', found), found
    assert "Importing a CSV file" in client.get("/en/support/articles/exporter-csv").text
    assert client.get("/fr/support/articles/inconnu").status_code == 404


def test_the_back_office_home_shows_the_support_backlog(app, client, make_user, login):
    make_user("chief", roles=["Admin"])
    member = make_user("awa", roles=["Company"])
    services.open_ticket(
        user_id=member.id, category="other", subject="Question", description="?", language="fr"
    )
    late = services.open_ticket(
        user_id=member.id, category="other", subject="Ancienne", description="?", language="fr"
    )
    late.first_response_due = utcnow() - timedelta(hours=1)
    db.session.commit()
    login("chief")
    page = client.get("/admin/").text
    figures = dict(
        re.findall(r'data-figure="([a-z_.]+)".*?<strong>([^<]+)</strong>', page, flags=re.S)
    )
    assert figures["support.open"] == "2" and figures["support.overdue"] == "1"
    assert figures["core.members"] == "2" and figures["core.new_members"] == "2"
    assert "Demandes d’assistance en retard" in page
