"""A support request in real browsers: Awa asks, an agent answers and resolves it in
the back office, Awa rates it and it is closed; axe on the member's pages,
screenshots at 320 and 1280 px."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask

from tremplin.core.testing.browser import axe_violations, live_app, sign_in

pytestmark = pytest.mark.browser
MEMBER, AGENT = "awa.support", "sami.agent"


def _seed(app: Flask) -> None:
    from tremplin.core.accounts import create_user
    from tremplin.core.api import db
    from tremplin.core.testing.fixtures import TEST_PASSWORD
    from tremplin.plugins.support.models import CannedAnswer

    with app.app_context():
        create_user(MEMBER, "awa.s@example.org", "Awa", "Ndiaye", TEST_PASSWORD, ["Company"])
        create_user(AGENT, "sami@example.org", "Sami", "Agent", TEST_PASSWORD, ["SupportAgent"])
        db.session.add(CannedAnswer(title="Encodage", body_fr="Enregistrez le fichier en UTF-8."))
        db.session.commit()
        db.session.remove()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, template_database: str) -> Iterator[Any]:
    overrides = {"accounts": {"mfa_required_roles": []}, "limits": {"default": "100000 per hour"}}
    with live_app(
        tmp_path_factory.mktemp("support-live"), template_database, overrides, seed=_seed
    ) as found:
        yield found


def test_a_request_goes_from_open_to_resolved_with_a_satisfaction_answer(
    browser: Any, server: Any, screenshots: Any
) -> None:
    app, base = server
    member = browser.new_context(locale="fr-FR").new_page()
    sign_in(member, base, MEMBER)
    member.goto(f"{base}/fr/support/")
    assert axe_violations(member) == []
    member.goto(f"{base}/fr/support/tickets/new")
    assert axe_violations(member) == []
    member.select_option("#category", "technical")
    member.fill("#subject", "Import CSV refusé")
    member.fill("#description", "Mon fichier de produits est refusé à l’import.")
    with member.expect_navigation():
        member.click("main button[type=submit]")
    assert "est enregistrée" in member.text_content("main")
    ticket_url = member.url
    ticket_id = int(ticket_url.rstrip("/").rsplit("/", 1)[1])

    agent = browser.new_context(locale="fr-FR").new_page()
    sign_in(agent, base, AGENT)
    with app.test_request_context():
        from flask import url_for

        queue = url_for("SupportQueueView.queue")
        detail = url_for("SupportQueueView.ticket", ticket_id=ticket_id)
    agent.goto(base + queue)
    assert "Import CSV refusé" in agent.text_content("body")
    agent.goto(base + detail)
    agent.select_option("#canned", label="Encodage")
    agent.select_option("#status", "resolved")
    with agent.expect_navigation():
        agent.click("form button[type=submit]")
    assert "mise à jour" in agent.text_content("body")

    member.goto(ticket_url)
    assert "Enregistrez le fichier en UTF-8." in member.text_content("main")
    assert member.text_content("[data-status]") == "Résolue"
    assert axe_violations(member) == []
    for width in (320, 1280):
        member.set_viewport_size({"width": width, "height": 900})
        member.screenshot(path=str(screenshots / f"support-ticket-{width}.png"), full_page=True)
        assert member.evaluate("document.documentElement.scrollWidth") <= width
    member.check("input[name=score][value='5']")
    member.fill("#comment", "Réponse claire et rapide")
    with member.expect_navigation():
        member.click("form[action$='/rate'] button[type=submit]")
    assert "la demande est clôturée" in member.text_content("main")
    assert member.text_content("[data-status]") == "Clôturée"

    with app.app_context():
        from tremplin.core.api import db
        from tremplin.plugins.support.models import Ticket

        ticket = db.session.get(Ticket, ticket_id)
        assert ticket is not None
        assert (ticket.status, ticket.satisfaction, ticket.first_contact) == ("closed", 5, True)
        db.session.remove()
